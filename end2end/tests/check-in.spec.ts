// US-008: a player checks in and sits down without being rated (watching, or before the first bet); rating
// starts later from the seat. Check-in and seating are steps of their own; "Seat and start rating" stays the
// one-tap path.
import { type Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { DEMO } from "../fixtures/staff";
import { choosePlayer, clickInPanel, ensureStatus, freeSeat, pitBoss, seatDot, watch } from "../fixtures/pit";

/** Checks the player found by `search` out if an earlier run left them checked in. */
async function notCheckedIn(page: Page, search: string) {
  const found = await page.request.post("/api/player/search", { data: { query: search } });
  expect(found.ok()).toBeTruthy();
  const [player] = (await found.json()) as { id: string }[];
  const active = await page.request.post("/api/visit/active", { data: { player_id: player.id } });
  expect(active.ok()).toBeTruthy();
  const visit = (await active.json()) as { id: string } | null;
  if (visit) {
    const out = await page.request.post("/api/visit/check_out", { data: { request_id: crypto.randomUUID(), visit_id: visit.id } });
    expect(out.ok()).toBeTruthy();
  }
}

test("US-008: check in, seat without rating, then start rating, live on the other dashboard", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  const b = await pitBoss(browser, DEMO.pitBoss2);
  await ensureStatus(a, "CR-01", "active");
  await freeSeat(a, "CR-01", 2, "Matthew Okonkwo");
  await notCheckedIn(a, "okonkwo");

  const form = await choosePlayer(a, "CR-01", 2, "okonkwo", "Matthew Okonkwo");
  const panel = a.getByRole("dialog");
  const unrated = form.getByTestId("unrated-seating");
  await expect(unrated.getByTestId("visit-status")).toHaveText("Not checked in");
  await unrated.getByRole("button", { name: "Check in", exact: true }).click();
  await expect(unrated.getByTestId("visit-status")).toHaveText("Checked in");

  const seen = await watch(b, seatDot("CR-01", 2), "seated", "data-state");
  const seatedAt = await clickInPanel(a, "Seat without rating");
  const delay = (await seen()) - seatedAt;
  console.log(`unrated seat at CR-01 seat 2: visible on the other dashboard after ${Math.round(delay)} ms`);
  expect(delay).toBeLessThan(2_000);
  const seat = panel.locator('[data-testid="seat"][data-seat="2"]');
  await expect(seat).toHaveAttribute("data-state", "seated");
  await expect(seat).toContainText("Not rated");

  const rated = await watch(b, seatDot("CR-01", 2), "rating", "data-state");
  await panel.getByLabel("Average bet ($)").fill("25");
  const startedAt = await clickInPanel(a, "Start rating");
  expect((await rated()) - startedAt).toBeLessThan(2_000);
  await expect(seat).toHaveAttribute("data-state", "rating");
  await expect(seat.getByTestId("seat-bet")).toHaveText("$25");
});
