// US-013, the tables' half: an admin adds a table from the games page and it appears on a pit boss's open
// dashboard without a reload; retired, it leaves that dashboard the same way. (Games as data, the other
// half, is still to come.)
import { randomUUID } from "node:crypto";
import { expect, test } from "../fixtures/test";
import { DEMO, hydrated, signIn } from "../fixtures/staff";
import { card, openPit } from "../fixtures/pit";

test("an admin adds a table and retires it, live on an open pit dashboard", async ({ browser }) => {
  const boss = await (await browser.newContext()).newPage();
  await signIn(boss, DEMO.pitBoss);
  await openPit(boss);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto("/games");
  await hydrated(admin);
  const label = `RL-${randomUUID().slice(0, 4).toUpperCase()}`;
  const add = admin.getByTestId("floor-plan-add");
  await add.getByLabel("Label").fill(label);
  await add.getByLabel("Pit").fill("Main");
  await add.locator('select[name="game"]').selectOption({ label: "Roulette" });
  await add.getByLabel("Minimum bet ($)").fill("5");
  await add.getByLabel("Maximum bet ($)").fill("500");
  await add.getByLabel("Seats (blank: the game's)").fill("0");
  await add.getByRole("button", { name: "Add table" }).click();
  await expect(add.locator('[data-field-error="seats"]')).toHaveText("A table has 1 to 20 seats.");
  await add.locator('input[name="seats"]').fill("6");
  await add.getByRole("button", { name: "Add table" }).click();
  await expect(add.getByRole("status")).toHaveText(`${label} added to Main: open it from the pit.`);

  // The pit boss's dashboard shows it without a reload.
  await expect(card(boss, label)).toBeVisible();
  await expect(card(boss, label)).toContainText("Roulette");

  // Retired (it was never opened), it leaves the dashboard the same way.
  const row = admin.locator(`[data-testid="floor-plan-row"][data-label="${label}"]`);
  await expect(row).toContainText("6");
  await row.getByRole("button", { name: "Retire" }).click();
  await expect(row).toHaveCount(0);
  await expect(card(boss, label)).toHaveCount(0);
});
