// Issue 20, "no refresh storms": one tap in the acting browser costs one mutation and at most one re-read of
// the table it changed (a seating, at most two) — the slip the server answered is shown at once, and the live stream's event re-reads
// that table for the dashboard card and the open seat map together. The whole floor is not re-read.
import { type Page, type Request } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { DEMO } from "../fixtures/staff";
import { clickInPanel, ensureStatus, freeSeat, pitBoss, seatAndRate, tableCard } from "../fixtures/pit";

type Call = { path: string; body: string; at: number };

/** Records every server call `page` makes (the live stream aside) from now on. */
function record(page: Page): Call[] {
  const calls: Call[] = [];
  page.on("request", (request: Request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/api/") && path !== "/api/events") calls.push({ path, body: request.postData() ?? "", at: Date.now() });
  });
  return calls;
}

/** Waits until `calls` has had nothing new for `quiet` ms. */
async function settle(calls: Call[], quiet = 1_500) {
  await expect.poll(() => Date.now() - (calls.at(-1)?.at ?? 0), { timeout: 15_000 }).toBeGreaterThan(quiet);
}

test("one pause costs one mutation and at most one re-read of its own table, none of the floor", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  await ensureStatus(a, "HL-BAC-01", "active");
  await freeSeat(a, "HL-BAC-01", 4, "Nancy Caruso");
  const table = (await tableCard(a, "HL-BAC-01")).id;
  const calls = record(a);
  await seatAndRate(a, "HL-BAC-01", 4, "caruso", "Nancy Caruso", "150");
  const seat = a.getByRole("dialog").locator('[data-testid="seat"][data-seat="4"]');
  await expect(seat.getByTestId("seat-status")).toHaveText("Rating");
  await settle(calls);
  // Seating writes three events (checked in, seated, slip started): they re-read this table, never the floor.
  const seating = calls.filter((c) => c.path === "/api/floor/seats" || c.path === "/api/table/list");
  console.log(`seat and start, the acting browser's seat reads: ${seating.map((c) => c.body).join("; ")}`);
  for (const read of seating) expect(read.path === "/api/floor/seats" && JSON.parse(read.body).table_id).toBe(table);
  expect(seating.length).toBeLessThanOrEqual(2);

  const before = calls.length;
  await clickInPanel(a, "Pause");
  await expect(seat.getByTestId("seat-status")).toHaveText("Paused");
  await settle(calls);
  const pause = calls.slice(before);
  console.log(`one pause, the acting browser's calls: ${pause.map((c) => `${c.path} ${c.body.replace(/"request_id":"[^"]+",?/, "")}`).join("; ")}`);

  expect(pause.filter((c) => c.path === "/api/slip/pause")).toHaveLength(1);
  const seatReads = pause.filter((c) => c.path === "/api/floor/seats");
  expect(seatReads.length).toBeLessThanOrEqual(1);
  for (const read of seatReads) expect(JSON.parse(read.body).table_id).toBe(table);
  expect(pause.filter((c) => c.path === "/api/table/list" || c.path === "/api/table/detail")).toHaveLength(0);
});
