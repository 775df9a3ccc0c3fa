// US-010: table games accounting through the screens. A pit boss counts HL-BJ-02's tray and opens it, asks the
// cage for a fill; a cashier in another browser confirms it from the cage's queue and the pit sees it confirmed
// without a reload; the pit boss counts the tray again and closes the table; the cashier enters the drop; the
// shift report shows the table's win and hold, and is saved as a PDF.
//
// By hand: opening $3,000 (20 × $100 + 40 × $25), fill $1,000, closing $3,500 (25 × $100 + 40 × $25), drop
// $1,500 cash: win = 1,500 + 0 − 1,000 + (3,500 − 3,000) = $1,000; hold = 1,000 ÷ 1,500 = 66.7 %.
import { readFileSync } from "node:fs";
import { type Browser, type Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { DEMO, hydrated, signIn } from "../fixtures/staff";
import { openTable, pitBoss, tableCard } from "../fixtures/pit";

const TABLE = "HL-BJ-02";

async function signedIn(browser: Browser, who: typeof DEMO.cashier): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

/** Types a count into the chip grid `grid` (e.g. `count-chips`), by chip label ("$100"). */
async function typeChips(page: Page, grid: string, chips: Record<string, string>) {
  const boxes = page.getByRole("dialog").getByTestId(grid);
  for (const [chip, count] of Object.entries(chips)) {
    await boxes.getByLabel(`${chip} chips`, { exact: true }).fill(count);
  }
}

async function recordCount(a: Page, kind: "Opening" | "Closing", chips: Record<string, string>, total: string) {
  const panel = a.getByRole("dialog");
  await panel.getByRole("button", { name: kind, exact: true }).click();
  await typeChips(a, "count-chips", chips);
  await expect(panel.getByTestId("count-chips-total")).toHaveText(total);
  const witness = panel.getByLabel("Witness (dealer)");
  await witness.selectOption({ index: 1 });
  await panel.getByRole("button", { name: `Record ${kind.toLowerCase()} count` }).click();
  await expect(panel.getByTestId("latest-count")).toContainText(`${kind} count ${total}`);
}

test("US-010: count, open, fill confirmed at the cage live, count, close, drop, and the shift report's win and hold", async ({ browser }, testInfo) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  expect((await tableCard(a, TABLE)).status).not.toBe("active");
  await openTable(a, TABLE);
  const panel = a.getByRole("dialog");
  await expect(panel.getByRole("button", { name: "Open table" })).toBeDisabled();
  await expect(panel.getByTestId("count-hint")).toHaveText("Record the opening count below to open the table.");

  // A count typed wrong is refused at the chip's own box: a negative number of chips.
  await typeChips(a, "count-chips", { "$100": "-3" });
  await panel.getByLabel("Witness (dealer)").selectOption({ index: 1 });
  await panel.getByRole("button", { name: "Record opening count" }).click();
  await expect(panel.locator('[data-field-error="chips.10000"]')).toHaveText("Enter a whole number of chips from 0 to 100,000.");

  await recordCount(a, "Opening", { "$100": "20", "$25": "40" }, "$3,000.00");
  await panel.getByRole("button", { name: "Open table" }).click();
  await panel.getByRole("button", { name: `Confirm: open ${TABLE}` }).click();
  await expect(panel.getByTestId("table-status")).toHaveText("Active");

  await typeChips(a, "request-chips", { "$100": "10" });
  await panel.getByRole("button", { name: "Request fill" }).click();
  const request = panel.getByTestId("cage-request").first();
  await expect(request).toHaveAttribute("data-status", "requested");
  await expect(request).toContainText("Fill $1,000.00");

  // The cashier, in another browser, confirms it from the cage's queue; the pit sees it without reloading.
  const cashier = await signedIn(browser, DEMO.cashier);
  await cashier.goto("/cage");
  await hydrated(cashier);
  const queued = cashier.locator(`[data-testid="queue-request"][data-table="${TABLE}"]`);
  await expect(queued).toContainText(`Fill $1,000.00 for ${TABLE}`);
  await a.evaluate(() => ((window as unknown as { marker?: number }).marker = 10));
  await queued.getByRole("button", { name: "Confirm" }).click();
  await expect(queued).toHaveCount(0);
  await expect(request).toHaveAttribute("data-status", "confirmed");
  await expect(request.getByTestId("request-status")).toContainText(`Confirmed by ${DEMO.cashier.name}`);
  expect(await a.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(10);

  await recordCount(a, "Closing", { "$100": "25", "$25": "40" }, "$3,500.00");
  await panel.getByRole("button", { name: "Close table" }).click();
  await panel.getByRole("button", { name: `Confirm: close ${TABLE}` }).click();
  await expect(panel.getByTestId("table-status")).toHaveText("Closed");

  // The count room: the drop of today's gaming day, now that the table has closed.
  const drop = cashier.getByTestId("drop-form");
  await drop.getByLabel("Table").selectOption({ label: TABLE });
  await drop.getByLabel("Cash ($)").fill("1500");
  await drop.getByRole("button", { name: "Record drop" }).click();
  await expect(cashier.getByTestId("drop-recorded")).toHaveText("Drop recorded: $1,500.00 cash, $0.00 markers.");

  await cashier.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(cashier).toHaveURL(/\/reports\/shift\/\d{4}-\d{2}-\d{2}$/);
  const row = cashier.locator(`[data-testid="report-row"][data-table="${TABLE}"]`);
  const cells = row.locator("td");
  // Table, pit, opening, fills, credits, drop, closing, win, hold, theo, rated players, points, rated drop,
  // coverage.
  await expect(cells).toHaveText(["HL-BJ-02", "High Limit", "$3,000.00", "$1,000.00", "$0.00", "$1,500.00", "$3,500.00", "$1,000.00", "66.7 %", "$0.00", "0", "0", "$0.00", "0.0 %"]);

  await cashier.emulateMedia({ media: "print" });
  await expect(cashier.getByRole("navigation", { name: "Main" })).toBeHidden();
  const pdf = testInfo.outputPath("shift-report.pdf");
  await cashier.pdf({ path: pdf, format: "Letter", landscape: true });
  const bytes = readFileSync(pdf);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  expect(bytes.length).toBeGreaterThan(5_000);
  console.log(`shift report PDF: ${bytes.length} bytes at ${pdf}`);
});
