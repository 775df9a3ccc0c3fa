// US-017 (issue 20): a tablet that loses the connection keeps rating. Taps made offline wait in the browser
// (IndexedDB) with the instant of the tap, show on their seat as not yet sent, and go out in order when the
// connection returns: each is applied once, and rated time counts from the tap, not from the reconnect. One the
// server refuses (someone else closed the slip meanwhile) is shown as a conflict, and nothing of it is applied.
import { type Page, type Route } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { DEMO, hydrated } from "../fixtures/staff";
import { choosePlayer, clickInPanel, ensureStatus, freeSeat, openSeat, openTable, pitBoss, seatAndRate, tableCard } from "../fixtures/pit";

const TABLE = "BJ-02";

type Slip = { id: string; player_id: string; status: string; current_bet: number; accrued_seconds: number; as_of: string; started_at: string; ended_at: string | null };
type History = { visits: { slips: { slip: Slip }[] }[] };

/** The running slip at `seat` of the table, as the server has it now (read with `page`'s session). */
async function slipAt(page: Page, seat: number): Promise<Slip> {
  const table = await tableCard(page, TABLE);
  const response = await page.request.post("/api/floor/seats", { data: { table_id: table.id } });
  expect(response.ok()).toBeTruthy();
  const [map] = await response.json();
  const slip = map.seats.find((s: { number: number }) => s.number === seat)?.occupant?.slip;
  if (!slip) throw new Error(`no slip at seat ${seat}`);
  return slip;
}

/** A slip as the server has it now, found through its player's history (closed slips included). */
async function slipById(page: Page, slip: Slip): Promise<Slip> {
  const response = await page.request.post("/api/player/history", { data: { player_id: slip.player_id, before: null } });
  expect(response.ok()).toBeTruthy();
  const history: History = await response.json();
  const found = history.visits.flatMap((v) => v.slips).map((r) => r.slip).find((s) => s.id === slip.id);
  if (!found) throw new Error(`slip ${slip.id} not in its player's history`);
  return found;
}

const seconds = (from: string | number, to: string | number) => (new Date(to).getTime() - new Date(from).getTime()) / 1_000;

function seatIn(page: Page, seat: number) {
  return page.getByRole("dialog").locator(`[data-testid="seat"][data-seat="${seat}"]`);
}

async function goOffline(page: Page) {
  await page.context().setOffline(true);
  await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "offline");
}

/** Waits until the service worker has kept the pit page and the floor, for a reload without a connection. */
async function keptForOffline(page: Page) {
  await expect.poll(() => page.evaluate(async () => {
    const cache = await caches.open("pitboss-offline-v1");
    const floor = encodeURIComponent(JSON.stringify({ table_id: null }));
    return Boolean(await cache.match(`${location.origin}/pit`)) && Boolean(await cache.match(`${location.origin}/offline-read/api/floor/seats?${floor}`));
  }), { timeout: 15_000 }).toBe(true);
}

/** Rates `player` at `seat` through the seat map and returns their slip as the server has it. */
async function rated(a: Page, seat: number, search: string, player: string): Promise<Slip> {
  await freeSeat(a, TABLE, seat, player);
  await seatAndRate(a, TABLE, seat, search, player, "25");
  await expect(seatIn(a, seat).getByTestId("seat-status")).toHaveText("Rating");
  return slipAt(a, seat);
}

test("US-017: taps made offline are kept, shown as pending, and applied once and in order at their tap time", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  const b = await pitBoss(browser, DEMO.pitBoss2);
  await ensureStatus(a, TABLE, "active");
  await keptForOffline(a);
  const kept = await rated(a, 5, "adeyemi", "Kimberly Adeyemi");
  const closing = await rated(a, 6, "kaplan", "Andrew Kaplan");
  const connection = a.getByTestId("connection");

  await goOffline(a);
  await openSeat(a, 5);
  const pausedAt = await clickInPanel(a, "Pause");
  // Shown at once, as what it will be, and marked as not yet confirmed.
  await expect(seatIn(a, 5).getByTestId("seat-status")).toHaveText("Paused");
  await expect(seatIn(a, 5).getByTestId("seat-pending")).toHaveText("Not yet sent: Pause");
  await expect(connection).toHaveText("Offline · 1 pending");
  await a.waitForTimeout(4_000);
  const resumedAt = await clickInPanel(a, "Resume");
  await expect(seatIn(a, 5).getByTestId("seat-status")).toHaveText("Rating");
  const reward = a.getByRole("dialog").getByRole("form", { name: "Issue reward" });
  await reward.getByLabel("Points").fill("25");
  await clickInPanel(a, "Issue reward");
  await expect(seatIn(a, 5)).toHaveAttribute("data-pending", "3");
  await openSeat(a, 6);
  await a.getByRole("dialog").getByRole("button", { name: "Close slip" }).click();
  const closedAt = await clickInPanel(a, "Confirm: close slip");
  await expect(seatIn(a, 6).getByText("Not rated")).toBeVisible();
  await expect(connection).toHaveAttribute("data-pending", "4");

  // Nothing has reached the server: the other pit boss still sees both slips running.
  expect((await slipAt(b, 5)).status).toBe("open");
  expect((await slipAt(b, 6)).status).toBe("open");

  // A reload without a connection opens the dashboard from the service worker's copy: the floor as this tablet
  // last saw it, marked stale, with the queue (from IndexedDB) still pending on its seats.
  await a.reload();
  await hydrated(a);
  await expect(a.getByTestId("floor-stale")).toBeVisible();
  await expect(connection).toHaveText("Offline · 4 pending");
  await expect(seatIn(a, 5).getByTestId("seat-pending")).toHaveText("Not yet sent: Pause, Resume, Reward 25 pts");
  await expect(seatIn(a, 5).getByTestId("seat-status")).toHaveText("Rating");
  await expect(seatIn(a, 6).getByTestId("seat-pending")).toHaveText("Not yet sent: Close slip");
  await expect(seatIn(a, 6).getByText("Not rated")).toBeVisible();

  await a.waitForTimeout(4_000);
  const onlineAt = Date.now();
  await a.context().setOffline(false);
  await expect(connection).toHaveAttribute("data-pending", "0", { timeout: 15_000 });
  await expect(connection).toHaveText("Online");
  await expect(a.getByTestId("outbox-conflict")).toHaveCount(0);
  await expect(seatIn(a, 5).getByTestId("seat-pending")).toHaveCount(0);

  // The pause counted from its tap: rated time is the time since the start less the 4 s between the taps,
  // not less the 0 s between their arrivals after the reconnect.
  const now = await slipById(b, kept);
  const paused = seconds(pausedAt, resumedAt);
  expect(now.status).toBe("open");
  expect(Math.abs(now.accrued_seconds - (seconds(now.started_at, now.as_of) - paused))).toBeLessThanOrEqual(1.5);
  // The close took effect at its tap, 4 s before the connection returned.
  const closed = await slipById(b, closing);
  expect(closed.status).toBe("closed");
  expect(Math.abs(seconds(closedAt, closed.ended_at!))).toBeLessThanOrEqual(1);
  expect(seconds(closed.ended_at!, onlineAt)).toBeGreaterThan(3);
  expect(Math.abs(closed.accrued_seconds - seconds(closed.started_at, closed.ended_at!))).toBeLessThanOrEqual(1);
  console.log(`offline taps: pause held ${paused.toFixed(1)} s by the taps; slip rated ${now.accrued_seconds} s of ${seconds(now.started_at, now.as_of).toFixed(1)} s; close stamped ${seconds(closedAt, closed.ended_at!).toFixed(2)} s from its tap, ${seconds(closed.ended_at!, onlineAt).toFixed(1)} s before the reconnect`);

  // Exactly once: one reward row, and the other browser sees the outcome without a reload.
  const rewards = await b.request.post("/api/loyalty/slip_rewards", { data: { slip_id: kept.id } });
  const entries: { points: number }[] = (await rewards.json()).entries;
  expect(entries.filter((e) => e.points === 25)).toHaveLength(1);
  await openTable(b, TABLE);
  await expect(seatIn(b, 5).getByTestId("seat-status")).toHaveText("Rating");
  await expect(seatIn(b, 5).getByTestId("seat-rewards")).toContainText("25 pts");
  await expect(seatIn(b, 6).getByText("Not rated")).toBeVisible();
});

test("US-017: a queued pause of a slip someone else closed meanwhile is a conflict, and nothing of it is applied", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  const b = await pitBoss(browser, DEMO.pitBoss2);
  await ensureStatus(a, TABLE, "active");
  const slip = await rated(a, 7, "vasquez", "Emily Vasquez");

  await goOffline(a);
  await openSeat(a, 7);
  await clickInPanel(a, "Pause");
  await expect(seatIn(a, 7)).toHaveAttribute("data-pending", "1");

  await openTable(b, TABLE);
  await openSeat(b, 7);
  await b.getByRole("dialog").getByRole("button", { name: "Close slip" }).click();
  await clickInPanel(b, "Confirm: close slip");
  await expect(b.getByRole("dialog").getByTestId("closed-slip")).toBeVisible();
  const closedByB = await slipById(b, slip);

  await a.context().setOffline(false);
  const conflict = a.getByTestId("outbox-conflict");
  await expect(conflict).toContainText("Pause for Emily Vasquez (seat 7");
  await expect(conflict).toContainText("was not recorded");
  await expect(a.getByTestId("connection")).toHaveAttribute("data-pending", "0");
  // B's close stands as it was: no pause was written into it.
  // (`as_of` is the time of each read.)
  expect({ ...(await slipById(b, slip)), as_of: null }).toEqual({ ...closedByB, as_of: null });
  await expect(seatIn(a, 7).getByText("Not rated")).toBeVisible();
  await conflict.getByRole("button", { name: "Dismiss" }).click();
  await expect(conflict).toHaveCount(0);
});

test("US-017: twenty taps queued offline are all confirmed soon after the connection returns", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  await ensureStatus(a, TABLE, "active");
  const slip = await rated(a, 4, "holmberg", "Joshua Holmberg");

  await goOffline(a);
  await openSeat(a, 4);
  for (let i = 0; i < 20; i++) await clickInPanel(a, i % 2 === 0 ? "Pause" : "Resume");
  const connection = a.getByTestId("connection");
  await expect(connection).toHaveAttribute("data-pending", "20");

  await a.evaluate(() => {
    const w = window as unknown as { confirmedAt?: number };
    const check = () => {
      const el = document.querySelector('[data-testid="connection"]');
      if (w.confirmedAt === undefined && el?.getAttribute("data-pending") === "0") w.confirmedAt = performance.timeOrigin + performance.now();
    };
    new MutationObserver(check).observe(document.body, { subtree: true, attributes: true });
  });
  const onlineAt = Date.now();
  await a.context().setOffline(false);
  await expect(connection).toHaveAttribute("data-pending", "0", { timeout: 30_000 });
  const confirmedAt = (await a.evaluate(() => (window as unknown as { confirmedAt?: number }).confirmedAt)) as number;
  console.log(`20 queued actions: reconnect to all confirmed in ${Math.round(confirmedAt - onlineAt)} ms`);
  await expect(a.getByTestId("outbox-conflict")).toHaveCount(0);
  // Ten pauses and ten resumes, in order: the slip runs again.
  expect((await slipById(a, slip)).status).toBe("open");
});

test("US-017: a seating tapped offline waits on its seat and is made when the connection returns", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  await ensureStatus(a, TABLE, "active");
  await freeSeat(a, TABLE, 1, "Kevin Lachance");
  // The player was found while online; the tap on "Seat and start rating" comes after the Wi-Fi went.
  const form = await choosePlayer(a, TABLE, 1, "lachance", "Kevin Lachance");
  await form.getByLabel("Average bet ($)").fill("40");
  await goOffline(a);
  await clickInPanel(a, "Seat and start rating");
  await expect(seatIn(a, 1).getByTestId("seat-pending")).toHaveText("Not yet sent: Seat and start rating");
  await a.context().setOffline(false);
  await expect(seatIn(a, 1).getByTestId("seat-status")).toHaveText("Rating");
  await expect(seatIn(a, 1).getByTestId("seat-player")).toHaveText("Kevin Lachance");
  await expect(a.getByTestId("connection")).toHaveText("Online");
  expect((await slipAt(a, 1)).current_bet).toBe(4_000);
});

test("US-017: a tap whose connection goes on its way is kept and sent again: applied once, and at the tap", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  await ensureStatus(a, TABLE, "active");
  const slip = await rated(a, 2, "mbeki", "Kenneth Mbeki");
  const connection = a.getByTestId("connection");

  // The reward reaches the server, but every answer is lost until the dead spot ends: the tablet keeps the tap
  // and resends it with the same request id, and the ledger has one row. The answer is lost only after the
  // live stream has shown the reward on the seat, as it can be on a slow link: the slip's panel must not be
  // rebuilt by that (it was, and the tap was dropped with it).
  const lostAnswer = async (route: Route) => {
    await route.fetch();
    await expect(seatIn(a, 2).getByTestId("seat-rewards")).toContainText("30 pts");
    await route.abort("internetdisconnected");
  };
  await a.route("**/api/loyalty/issue_reward", lostAnswer);
  const reward = a.getByRole("dialog").getByRole("form", { name: "Issue reward" });
  await reward.getByLabel("Points").fill("30");
  await clickInPanel(a, "Issue reward");
  await expect(seatIn(a, 2).getByTestId("seat-pending")).toHaveText("Not yet sent: Reward 30 pts");
  await expect(connection).toHaveAttribute("data-pending", "1");
  await a.waitForTimeout(3_500);
  await a.unroute("**/api/loyalty/issue_reward", lostAnswer);
  await expect(connection).toHaveText("Online", { timeout: 10_000 });
  const rewards = await a.request.post("/api/loyalty/slip_rewards", { data: { slip_id: slip.id } });
  expect(((await rewards.json()).entries as { points: number }[]).filter((e) => e.points === 30)).toHaveLength(1);

  // The close never reaches the server while the dead spot lasts; sent again after it, it takes effect at the tap.
  const unreachable = (route: Route) => route.abort("internetdisconnected");
  await a.route("**/api/slip/close", unreachable);
  await a.getByRole("dialog").getByRole("button", { name: "Close slip" }).click();
  const closedAt = await clickInPanel(a, "Confirm: close slip");
  await expect(seatIn(a, 2).getByTestId("seat-pending")).toHaveText("Not yet sent: Close slip");
  await a.waitForTimeout(4_000);
  await a.unroute("**/api/slip/close", unreachable);
  await expect(connection).toHaveText("Online", { timeout: 10_000 });
  const closed = await slipById(a, slip);
  expect(closed.status).toBe("closed");
  expect(Math.abs(seconds(closedAt, closed.ended_at!))).toBeLessThanOrEqual(1);
  await expect(a.getByTestId("outbox-conflict")).toHaveCount(0);
});

test("signing out forgets the pages and reads the tablet kept, a table read's copy written just before included", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  await keptForOffline(a);
  // A table read through the service worker, as the dashboard makes one on a change: its copy is merged into
  // the kept floor after the answer, and must not outlive the sign-out that follows at once.
  const table = await tableCard(a, TABLE);
  const status = await a.evaluate(
    async (id) => (await fetch("/api/floor/seats", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ table_id: id }) })).status,
    table.id,
  );
  expect(status).toBe(200);
  await a.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(a).toHaveURL("/login");
  // The sign-in page and the app's files may be kept again; nothing of the signed-out pit boss's.
  const kept = await a.evaluate(async () => {
    const cache = await caches.open("pitboss-offline-v1");
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  expect(kept.filter((path) => path === "/pit" || path.startsWith("/offline-read"))).toEqual([]);
});
