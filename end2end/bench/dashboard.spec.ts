// Benchmark, not a story (run by scripts/bench.sh on the floor `pitboss-tools bench` leaves, every seat taken):
// prints the pit dashboard's Largest Contentful Paint and the delay from a change to a second browser
// showing it. Figures are printed, never asserted.
import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { hydrated, signIn } from "../fixtures/staff";
import { openPit, seatDot, watch } from "../fixtures/pit";

const [email, password] = readFileSync(process.env.BENCH_LOGIN ?? "/tmp/pitboss-bench/bench-login", "utf8")
  .trim()
  .split("\n");
const LOADS = 10;
const CHANGES = 20;

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function summary(values: number[]): string {
  return `p50 ${percentile(values, 0.5).toFixed(0)} ms, p95 ${percentile(values, 0.95).toFixed(0)} ms (${values.length})`;
}

test("the pit dashboard's largest contentful paint on the full floor", async ({ page }) => {
  await signIn(page, { email, password });
  const seats = await page.request.post("/api/floor/seats", { data: { table_id: null } });
  const maps: { seats: { occupant: unknown }[] }[] = await seats.json();
  const taken = maps.flatMap((m) => m.seats).filter((s) => s.occupant).length;
  const paints: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    await page.goto("/pit");
    await hydrated(page);
    await expect(page.getByTestId("table-card")).toHaveCount(maps.length);
    paints.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve) =>
            new PerformanceObserver((list) => {
              const entries = list.getEntries();
              resolve(entries[entries.length - 1].startTime);
            }).observe({ type: "largest-contentful-paint", buffered: true }),
          ),
      ),
    );
  }
  console.log(`pit dashboard LCP, ${maps.length} tables, ${taken} seats taken: ${summary(paints)}`);
});

/** Where one change's delay went, in ms: the pause's round trip (seen by the acting client), from sending it to
 * the watcher starting its re-read of the table (commit, notification, stream, the page's reaction), the
 * re-read itself, and from its answer to the seat showing the change. */
type Stages = { answered: number; toReread: number; reread: number; toShown: number };
const STAGES: [string, (s: Stages) => number][] = [
  ["pause answered", (s) => s.answered],
  ["sent → re-read starts", (s) => s.toReread],
  ["re-read", (s) => s.reread],
  ["re-read answered → shown", (s) => s.toShown],
];

async function stagesOf(watcher: Page, sentAt: number, answeredAt: number, shownAt: number): Promise<Stages> {
  // The watcher's reads of seats since the pause was sent, as absolute times on the same clock as Date.now().
  const reads = await watcher.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((e) => e.name.endsWith("/api/floor/seats"))
      .map((e) => {
        const r = e as PerformanceResourceTiming;
        return { start: performance.timeOrigin + r.startTime, end: performance.timeOrigin + r.responseEnd };
      }),
  );
  // The read that showed the change is the last one answered before it showed.
  const read = reads.filter((r) => r.end <= shownAt + 1).at(-1);
  expect(read, "the watcher re-read the table's seats before showing the change").toBeDefined();
  return {
    answered: answeredAt - sentAt,
    toReread: read!.start - sentAt,
    reread: read!.end - read!.start,
    toShown: shownAt - read!.end,
  };
}

// A second pitboss node on the same database, which scripts/bench.sh always starts: across nodes, the watcher's
// dashboard is served by it while the pause goes through the first.
const otherNode = process.env.BENCH_OTHER_NODE ?? "";

for (const [where, watcherBase] of [["on the same node", undefined], ["across nodes", otherNode]] as const) {
  test(`a change reaches a second browser ${where}`, async ({ page, browser }) => {
    if (watcherBase !== undefined) expect(watcherBase, "BENCH_OTHER_NODE, the second node's URL").not.toBe("");
    await signIn(page, { email, password });
    const watcher = await (await browser.newContext(watcherBase ? { baseURL: watcherBase } : {})).newPage();
    await signIn(watcher, { email, password });
    await openPit(watcher);
    // A dashboard open all shift, not one still fetching the table panel's module: while its files download
    // they hold the browser's connections to the node (HTTP/1.1, six per site) and the first re-reads queue
    // behind them for most of a second.
    await expect(watcher.locator("[data-panel-module]")).toHaveAttribute("data-panel-module", "loaded");
    const cards: { id: string; label: string }[] = await (await page.request.post("/api/table/list", { data: {} })).json();
    const label = new Map(cards.map((c) => [c.id, c.label]));
    type Map = { table_id: string; seats: { number: number; occupant: { slip: { id: string; status: string } | null } | null }[] };
    const maps: Map[] = await (await page.request.post("/api/floor/seats", { data: { table_id: null } })).json();
    const running = maps
      .flatMap((m) => m.seats.map((s) => ({ table: label.get(m.table_id)!, seat: s.number, slip: s.occupant?.slip })))
      .filter((s) => s.slip?.status === "open")
      .slice(0, CHANGES);
    const delays: number[] = [];
    const stages: Stages[] = [];
    for (const { table, seat, slip } of running) {
      const seen = await watch(watcher, seatDot(table, seat), "paused", "data-state");
      await watcher.evaluate(() => performance.clearResourceTimings());
      const sentAt = Date.now();
      const reply = await page.request.post("/api/slip/pause", { data: { request_id: crypto.randomUUID(), slip_id: slip!.id } });
      const answeredAt = Date.now();
      expect(reply.ok()).toBeTruthy();
      const shownAt = await seen();
      delays.push(shownAt - sentAt);
      stages.push(await stagesOf(watcher, sentAt, answeredAt, shownAt));
    }
    console.log(`pause sent → shown on a second browser's dashboard ${where}: ${summary(delays)}`);
    for (const [name, pick] of STAGES) console.log(`  ${name}: ${summary(stages.map(pick))}`);
    const slowest = stages[delays.indexOf(Math.max(...delays))];
    console.log(`  slowest: ${STAGES.map(([name, pick]) => `${name} ${pick(slowest).toFixed(0)}`).join(", ")}`);
  });
}
