// Issue 20, "no silent losses when two people act at once": a pit boss half-way through seating a player sees
// another pit boss take that seat; the form says what happened and keeps the player and bet for the next free
// seat, instead of vanishing.
import { expect, test } from "../fixtures/test";
import { DEMO } from "../fixtures/staff";
import { choosePlayer, clickInPanel, ensureStatus, freeSeat, pitBoss, seatAndRate } from "../fixtures/pit";

test("a seat taken while its form is half filled says so and keeps what was typed", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  const b = await pitBoss(browser, DEMO.pitBoss2);
  await ensureStatus(a, "BAC-01", "active");
  await freeSeat(a, "BAC-01", 6, "Richard Haddad");
  await freeSeat(a, "BAC-01", 6, "Sarah Whitaker");
  await freeSeat(a, "BAC-01", 7, "Richard Haddad");

  const form = await choosePlayer(a, "BAC-01", 6, "haddad", "Richard Haddad");
  const panel = a.getByRole("dialog");
  await form.getByLabel("Average bet ($)").fill("60");

  await seatAndRate(b, "BAC-01", 6, "whitaker", "Sarah Whitaker", "50");
  await expect(panel.getByTestId("seat-taken")).toHaveText(
    "Seat 6 was just taken by Sarah Whitaker. Richard Haddad and the bet you typed are kept: tap a free seat to seat them there.",
  );
  await expect(panel.locator('[data-testid="seat"][data-seat="6"]').getByTestId("seat-player")).toHaveText("Sarah Whitaker");

  await panel.locator('[data-testid="seat"][data-seat="7"]').click();
  await expect(panel.getByTestId("seat-taken")).toHaveCount(0);
  await expect(form.getByTestId("chosen-player")).toContainText("Richard Haddad");
  await expect(form.getByLabel("Average bet ($)")).toHaveValue("60");
  await clickInPanel(a, "Seat and start rating");
  const seven = panel.locator('[data-testid="seat"][data-seat="7"]');
  await expect(seven.getByTestId("seat-player")).toHaveText("Richard Haddad");
  await expect(seven.getByTestId("seat-bet")).toHaveText("$60");
});
