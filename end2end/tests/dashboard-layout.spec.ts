// The pit dashboard on a desktop (1280×800) and a 10-inch tablet (768×1024): every table card visible,
// no horizontal scrolling, touch targets at least 44 px. Screenshots go to test-results/ for review; the
// committed ones are under end2end/screenshots/.
import { expect, test } from "../fixtures/test";
import { DEMO, signIn } from "../fixtures/staff";
import { openPit } from "../fixtures/pit";

for (const [width, height] of [[1280, 800], [768, 1024]]) {
  test(`the pit dashboard fits ${width}×${height}`, async ({ browser }, testInfo) => {
    const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
    await signIn(page, DEMO.pitBoss);
    await openPit(page);
    await expect(page.getByTestId("table-card")).toHaveCount(12);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(width);
    // Other stories change the same demo floor meanwhile; a live refresh can swap the cards between Playwright
    // resolving them and measuring them (a detached card measures 0×0), so measure until one pass is whole.
    await expect(async () => {
      for (const box of await page.getByTestId("table-card").evaluateAll((cards) =>
        cards.map((c) => ({ ...c.getBoundingClientRect().toJSON(), attached: c.isConnected })),
      )) {
        expect(box.attached).toBe(true);
        expect(box.height).toBeGreaterThanOrEqual(44);
        expect(box.width).toBeGreaterThanOrEqual(150);
        expect(box.right).toBeLessThanOrEqual(width);
      }
    }).toPass({ timeout: 5_000 });
    await page.screenshot({ path: testInfo.outputPath(`pit-${width}x${height}.png`), fullPage: true });

    await page.getByTestId("table-card").first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: testInfo.outputPath(`pit-detail-${width}x${height}.png`) });
  });
}
