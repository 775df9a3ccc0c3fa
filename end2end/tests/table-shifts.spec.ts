// A table counted at a shift change has shifts: the count room enters the box of one shift, corrects a wrong
// entry with a reversing one, and the shift report shows that shift's win and hold beside the day. The admin
// edits the chip set from the settings page.
//
// BJ-04 (idle in the demo) opens on a $2,000 count and is counted at $2,500 at the shift change; the shift's box
// holds $2,000: win = 2,000 + (2,500 − 2,000) = $2,500; hold = 125.0 %.
import { expect, test } from "../fixtures/test";
import { DEMO, hydrated, signIn } from "../fixtures/staff";
import { countTray, ensureStatus } from "../fixtures/pit";

const TABLE = "BJ-04";

test("a shift's box is entered for its shift, a wrong entry reversed, and the report shows the shift's win", async ({ browser }) => {
  const boss = await (await browser.newContext()).newPage();
  await signIn(boss, DEMO.pitBoss);
  await ensureStatus(boss, TABLE, "active");
  await countTray(boss, TABLE, "shift_change", 25);

  const cashier = await (await browser.newContext()).newPage();
  await signIn(cashier, DEMO.cashier);
  await cashier.goto("/cage");
  await hydrated(cashier);
  const form = cashier.getByTestId("drop-form");
  await form.getByLabel("Table").selectOption({ label: TABLE });
  const shift = form.getByLabel("Box of");
  await expect(shift.locator("option")).toHaveCount(2);
  await expect(shift.locator("option").nth(1)).toContainText(/^Opening \d\d:\d\d → Shift change \d\d:\d\d$/);
  await shift.selectOption({ index: 1 });
  await form.getByLabel("Cash ($)").fill("2200");
  // A flag switched for the casino meanwhile re-reads every page's session: what is typed stays.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  const flags = await (await admin.request.post("/api/feature/flags", { data: {} })).json();
  const readonly = flags.find((f: { flag: string }) => f.flag === "dealer_rotation_log_readonly");
  const again = await admin.request.post("/api/feature/set_flag", {
    data: { request_id: crypto.randomUUID(), flag: "dealer_rotation_log_readonly", enabled: readonly.enabled },
  });
  expect(again.ok()).toBeTruthy();
  await expect(form.getByLabel("Cash ($)")).toHaveValue("2200");
  await expect(shift).not.toHaveValue("");
  await form.getByRole("button", { name: "Record drop" }).click();
  await expect(cashier.getByTestId("drop-recorded")).toHaveText("Drop recorded: $2,200.00 cash, $0.00 markers.");

  // Keyed wrong: the entry is reversed with a reason, which is required.
  const entry = cashier.locator(`[data-testid="drop-entry"][data-table="${TABLE}"]`).filter({ hasText: "$2,200.00 cash" });
  await expect(entry.first()).toContainText("Shift change");
  await entry.first().getByRole("button", { name: "Correct" }).click();
  const reverse = cashier.getByTestId("drop-reverse");
  await reverse.getByRole("button", { name: "Reverse entry" }).click();
  await expect(reverse.locator('[data-field-error="reason"]')).toHaveText("Give a reason of 1 to 200 characters.");
  await reverse.getByLabel("Why is this entry wrong?").fill("Counted a strap twice");
  await reverse.getByRole("button", { name: "Reverse entry" }).click();
  await expect(entry.filter({ hasText: "Reversal of" })).toContainText("Counted a strap twice");
  await expect(entry.filter({ hasNotText: "Reversal of" })).toContainText("· reversed");
  await expect(cashier.getByTestId("drop-reverse")).toHaveCount(0);

  await shift.selectOption({ index: 1 });
  await form.getByLabel("Cash ($)").fill("2000");
  await form.getByRole("button", { name: "Record drop" }).click();
  await expect(cashier.getByTestId("drop-recorded")).toHaveText("Drop recorded: $2,000.00 cash, $0.00 markers.");

  await cashier.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  const row = cashier.locator(`[data-testid="report-shift"][data-table="${TABLE}"]`);
  // Table, shift, opening, fills, credits, drop, closing, win, hold, theo, rated players.
  await expect(row.locator("td").nth(1)).toHaveText(/^Opening \d\d:\d\d → Shift change \d\d:\d\d$/);
  const figures = row.locator("td:nth-child(n+3)");
  await expect(figures).toHaveText(["$2,000.00", "$0.00", "$0.00", "$2,000.00", "$2,500.00", "$2,500.00", "125.0 %", "$0.00", "0"]);
  // The day's row has the same drop; its win waits for nothing more.
  const day = cashier.locator(`[data-testid="report-row"][data-table="${TABLE}"] td`);
  await expect(day.nth(5)).toHaveText("$2,000.00");
  await expect(day.nth(7)).toHaveText("$2,500.00");
});

test("the admin edits the chip set from the settings page", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto("/settings");
  await hydrated(admin);
  const form = admin.getByTestId("chip-set-form");
  const values = form.getByLabel("Chip values ($, separated by commas)");
  await expect(values).toHaveValue("1, 5, 25, 100, 500, 1000, 5000");
  await values.fill("1, 5, five");
  await form.getByRole("button", { name: "Save chip set" }).click();
  await expect(form.locator('[data-field-error="denominations"]')).toHaveText("List 1 to 20 different chip values from $0.01 to $100,000.");
  await values.fill("5000, 0.50, 1, 5, 25, 100, 500, 1000");
  await form.getByRole("button", { name: "Save chip set" }).click();
  await expect(form.getByRole("status")).toHaveText("Chip set saved.");
  await expect(values).toHaveValue("0.50, 1, 5, 25, 100, 500, 1000, 5000");
  const set = await admin.request.post("/api/casino/chip_set", { data: {} });
  expect(await set.json()).toEqual([50, 100, 500, 2500, 10000, 50000, 100000, 500000]);
  // Back to the demo's set, so the other stories count in it.
  await values.fill("1, 5, 25, 100, 500, 1000, 5000");
  await form.getByRole("button", { name: "Save chip set" }).click();
  await expect
    .poll(async () => (await admin.request.post("/api/casino/chip_set", { data: {} })).json())
    .toEqual([100, 500, 2500, 10000, 50000, 100000, 500000]);
});
