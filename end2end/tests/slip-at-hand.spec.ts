// Issue 20, "the slip where the finger is": on a tablet, tapping a rated seat puts the slip's actions on the
// screen at once — no scrolling to reach pause, the bet, close, move or a reward.
import { expect, test } from "../fixtures/test";
import { DEMO, signIn } from "../fixtures/staff";
import { openPit, openTable } from "../fixtures/pit";

const actions = ["Pause", "Save bet", "Close slip", "Move", "Issue reward"];

for (const [width, height, required] of [[768, 1024, actions], [1024, 768, actions.slice(0, 4)]] as const) {
  test(`a rated seat's actions are in view at ${width}×${height} without scrolling`, async ({ browser }) => {
    const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
    await signIn(page, DEMO.pitBoss);
    await openPit(page);
    await openTable(page, "BJ-01");
    const panel = page.getByRole("dialog");
    await panel.locator('[data-testid="seat"][data-state="rating"]').first().click();
    await expect(panel.getByRole("button", { name: "Pause", exact: true })).toBeVisible();
    const where: string[] = [];
    for (const name of actions) {
      const box = await panel.getByRole("button", { name, exact: true }).boundingBox();
      where.push(`${name} ${box ? `${Math.round(box.y)}–${Math.round(box.y + box.height)}` : "missing"}`);
    }
    console.log(`${width}×${height}, slip actions (px from the top): ${where.join(", ")}`);
    expect(await panel.evaluate((el) => el.scrollTop)).toBe(0);
    for (const name of required) await expect(panel.getByRole("button", { name, exact: true })).toBeInViewport({ ratio: 1 });
  });
}
