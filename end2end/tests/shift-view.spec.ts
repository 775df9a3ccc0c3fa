// The shift view on the overview page, on a desktop (1280×800) and a 10-inch tablet (768×1024): the day's
// facts, the four charts, every demo table in its pit, no horizontal scrolling; a fill asked for at a table
// shows as waiting at the cage without a reload. Screenshots go to test-results/ for review; the committed ones
// are under end2end/screenshots/.
import { expect, test } from "../fixtures/test";
import { DEMO, hydrated, signIn } from "../fixtures/staff";
import { tableCard } from "../fixtures/pit";

test.describe.configure({ mode: "serial" });

test("mid-shift counts show on the win chart as the tray's result, lighter until the drop is in", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, DEMO.pitBoss);
  await hydrated(page);
  // The demo's open tables stand on a $3,500 opening count; a shift-change count ends that period.
  for (const [label, hundreds] of [["BAC-01", 40], ["HL-BAC-01", 25]] as const) {
    const table = await tableCard(page, label);
    const detail = await (await page.request.post("/api/table/detail", { data: { table_id: table.id } })).json();
    const counted = await page.request.post("/api/table/count", {
      data: { request_id: crypto.randomUUID(), table_id: table.id, kind: "shift_change",
              witness_id: detail.dealers[0].id, chips: { "10000": hundreds } },
    });
    expect(counted.ok()).toBeTruthy();
  }
  // $4,000 − $3,500 and $2,500 − $3,500, no fills or credits: +$500 and −$1,000.
  const bar = (label: string) => page.locator(`[data-testid="chart-win"] [data-testid="chart-bar"][data-label="${label}"]`);
  await expect(bar("BAC-01")).toContainText("$500");
  await expect(bar("HL-BAC-01")).toContainText("-$1,000");
  await expect(bar("HL-BAC-01").locator("rect")).toHaveClass(/fill-red-300/);
  // Drawn in the browser after the live change: real SVG, laid out (an element in the wrong namespace is 0×0).
  await expect(bar("BAC-01").locator("rect")).toBeVisible();
  expect(await bar("BAC-01").locator("rect").evaluate((r) => r.namespaceURI)).toBe("http://www.w3.org/2000/svg");
  const row = page.locator('[data-testid="shift-table"][data-table="BAC-01"] [data-testid="shift-result"]');
  await expect(row).toHaveText("$500.00 (tray, drop not counted)");
});

for (const [width, height] of [[1280, 800], [768, 1024]]) {
  test(`the shift view fits ${width}×${height}`, async ({ browser }, testInfo) => {
    const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
    await signIn(page, DEMO.pitBoss);
    await hydrated(page);
    await expect(page.getByTestId("shift-facts")).toContainText("Tables open");
    for (const chart of ["chart-occupancy", "chart-theo", "chart-win", "chart-rewards"]) {
      await expect(page.getByTestId(chart).locator("svg")).toBeVisible();
    }
    await expect(page.getByTestId("chart-occupancy").getByTestId("chart-column").first()).toBeVisible();
    await expect(page.getByTestId("shift-table")).toHaveCount(12);
    await expect(page.locator('[data-testid="shift-pit"][data-pit="High Limit"] [data-testid="shift-table"]')).toHaveCount(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: testInfo.outputPath(`shift-${width}x${height}.png`), fullPage: true });
  });
}

test("a fill asked for at a table shows as waiting on the shift view without a reload", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, DEMO.pitBoss2);
  await hydrated(page);
  await page.evaluate(() => ((window as unknown as { marker?: number }).marker = 3));
  const table = await tableCard(page, "BJ-01");
  expect(table.status).toBe("active");
  const asked = await page.request.post("/api/table/fill_request", {
    data: { request_id: crypto.randomUUID(), table_id: table.id, chips: { "2500": 40 } },
  });
  expect(asked.ok()).toBeTruthy();
  const request = await asked.json();
  const waiting = page.locator('[data-testid="shift-table"][data-table="BJ-01"] [data-testid="shift-waiting"]');
  await expect(waiting).toHaveText("1 fill waiting");
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(3);
  // Withdrawn again, so the stories that close BJ-01 find nothing waiting at the cage.
  const cancelled = await page.request.post("/api/cage/cancel", {
    data: { request_id: crypto.randomUUID(), cage_request_id: request.id },
  });
  expect(cancelled.ok()).toBeTruthy();
  await expect(waiting).toHaveText("");
});

test("a burst of changes costs the shift view one read every two seconds, and it ends showing the last", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, DEMO.pitBoss2);
  await hydrated(page);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  const waiting = page.locator('[data-testid="shift-table"][data-table="BJ-01"] [data-testid="shift-waiting"]');
  await expect(waiting).toHaveText("");
  const table = await tableCard(page, "BJ-01");
  const reads: number[] = [];
  page.on("request", (r) => r.url().endsWith("/api/shift/view") && reads.push(Date.now()));
  const ask = async () => {
    const asked = await page.request.post("/api/table/fill_request", {
      data: { request_id: crypto.randomUUID(), table_id: table.id, chips: { "2500": 40 } },
    });
    expect(asked.ok()).toBeTruthy();
    return (await asked.json()).id as string;
  };
  const withdraw = async (id: string) => {
    const cancelled = await page.request.post("/api/cage/cancel", { data: { request_id: crypto.randomUUID(), cage_request_id: id } });
    expect(cancelled.ok()).toBeTruthy();
  };
  // Nine changes that each move a figure, as fast as they go: four fills asked for and withdrawn, and a fifth.
  const started = Date.now();
  for (let i = 0; i < 4; i++) await withdraw(await ask());
  const last = await ask();
  const sent = Date.now() - started;
  await expect(waiting).toHaveText("1 fill waiting");
  // Any read still due comes at most two seconds after the last change.
  await page.waitForTimeout(2_500);
  const counted = `${reads.length} reads for 9 changes in ${sent} ms`;
  // Paced, the page reads at the first change and at the end of each two-second spell with changes in it (one
  // more for the stream's opening resync, if it came late); re-read for every change, it would read nine times.
  expect(reads.length, counted).toBeGreaterThan(0);
  expect(reads.length, counted).toBeLessThanOrEqual(Math.min(2 + Math.ceil(sent / 2_000), 8));
  // Withdrawn again, so the stories that close BJ-01 find nothing waiting at the cage.
  await withdraw(last);
  await expect(waiting).toHaveText("");
});
