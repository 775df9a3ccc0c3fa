// US-002, US-003, US-004: a pit boss rates play from the seat map — start from an empty seat, pause and
// resume, close — and a second pit boss's dashboard follows each step within 2 s (delays printed). The timer
// ticks while the slip runs, stands still while it is paused, and the closed slip's duration leaves the pause
// out.
import { type Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { DEMO } from "../fixtures/staff";
import { clickInPanel as clickAt, ensureStatus, freeSeat, pitBoss, seatAndRate, seatDot, watch } from "../fixtures/pit";

function timer(a: Page, seat: number) {
  return a.getByRole("dialog").locator(`[data-testid="seat"][data-seat="${seat}"] [data-testid="slip-timer"]`);
}

function seconds(clock: string): number {
  const [h, m, s] = clock.split(":").map(Number);
  return h * 3600 + m * 60 + s;
}

test("US-002: a slip started from an empty seat appears on the other dashboard within 2 s", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  const b = await pitBoss(browser, DEMO.pitBoss2);
  await ensureStatus(a, "BJ-03", "active");
  await freeSeat(a, "BJ-03", 6, "Michael Brennan");

  const seen = await watch(b, seatDot("BJ-03", 6), "rating", "data-state");
  const clickedAt = await seatAndRate(a, "BJ-03", 6, "brennan", "Michael Brennan");
  const delay = (await seen()) - clickedAt;
  console.log(`start slip at BJ-03 seat 6: visible on the other dashboard after ${Math.round(delay)} ms`);
  expect(delay).toBeLessThan(2_000);
  const seat = a.getByRole("dialog").locator('[data-testid="seat"][data-seat="6"]');
  await expect(seat.getByTestId("seat-player")).toHaveText("Michael Brennan");
  await expect(seat.getByTestId("seat-bet")).toHaveText("$25");
  await expect(seat.getByTestId("seat-status")).toHaveText("Rating");
});

test("US-003: pause freezes the timer and resume restarts it, live on the other dashboard", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  const b = await pitBoss(browser, DEMO.pitBoss2);
  await ensureStatus(a, "BJ-03", "active");
  await freeSeat(a, "BJ-03", 7, "Jennifer Abara");
  await seatAndRate(a, "BJ-03", 7, "abara", "Jennifer Abara");
  await expect(timer(a, 7)).toHaveAttribute("data-running", "true");

  // The timer ticks: two readings a few seconds apart differ by about that much.
  const first = seconds(await timer(a, 7).innerText());
  await a.waitForTimeout(2_500);
  const second = seconds(await timer(a, 7).innerText());
  expect(second - first).toBeGreaterThanOrEqual(2);
  expect(second - first).toBeLessThanOrEqual(3);

  const paused = await watch(b, seatDot("BJ-03", 7), "paused", "data-state");
  const pausedAt = await clickAt(a, "Pause");
  console.log(`pause at BJ-03 seat 7: visible on the other dashboard after ${Math.round((await paused()) - pausedAt)} ms`);
  expect((await paused()) - pausedAt).toBeLessThan(2_000);
  await expect(timer(a, 7)).toHaveAttribute("data-running", "false");

  // While paused the timer stands still.
  const frozen = await timer(a, 7).innerText();
  await a.waitForTimeout(2_500);
  expect(await timer(a, 7).innerText()).toBe(frozen);

  const resumed = await watch(b, seatDot("BJ-03", 7), "rating", "data-state");
  const resumedAt = await clickAt(a, "Resume");
  const delay = (await resumed()) - resumedAt;
  console.log(`resume at BJ-03 seat 7: visible on the other dashboard after ${Math.round(delay)} ms`);
  expect(delay).toBeLessThan(2_000);
  await expect(timer(a, 7)).toHaveAttribute("data-running", "true");

  // A bet the table does not take is refused at the field, naming BJ-03's limits; one it takes is saved.
  const panel = a.getByRole("dialog");
  const seat = panel.locator('[data-testid="seat"][data-seat="7"]');
  await panel.getByLabel("Average bet ($)").fill("9,000,000");
  await clickAt(a, "Save bet");
  await expect(panel.locator('[data-field-error="average_bet"]'))
    .toHaveText("This table takes bets from $25 to $2,500. Enter an average bet within them.");
  await expect(seat.getByTestId("seat-bet")).toHaveText("$25");
  await panel.getByLabel("Average bet ($)").fill("40");
  await clickAt(a, "Save bet");
  await expect(seat.getByTestId("seat-bet")).toHaveText("$40");
  await expect(panel.locator('[data-field-error="average_bet"]')).toHaveCount(0);
});

test("US-004: a closed slip reports its duration without the pause, and leaves the other dashboard", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  const b = await pitBoss(browser, DEMO.pitBoss2);
  await ensureStatus(a, "HL-BJ-01", "active");
  await freeSeat(a, "HL-BJ-01", 2, "William Castellanos");
  // HL-BJ-01 takes $100 to $10,000: a $25 bet is refused at the field, naming the limits, and seats nobody.
  await seatAndRate(a, "HL-BJ-01", 2, "castellanos", "William Castellanos", "25");
  const form = a.getByRole("dialog").getByRole("form", { name: "Seat a player" });
  await expect(form.locator('[data-field-error="average_bet"]'))
    .toHaveText("This table takes bets from $100 to $10,000. Enter an average bet within them.");
  await expect(a.getByRole("dialog").locator('[data-testid="seat"][data-seat="2"]')).toHaveAttribute("data-state", "empty");
  await form.getByLabel("Average bet ($)").fill("150");
  const startedAt = await clickAt(a, "Seat and start rating");
  await expect(timer(a, 2)).toHaveAttribute("data-running", "true");
  await a.waitForTimeout(2_000);
  const pausedAt = await clickAt(a, "Pause");
  await expect(timer(a, 2)).toHaveAttribute("data-running", "false");
  await a.waitForTimeout(3_000);
  const resumedAt = await clickAt(a, "Resume");
  await expect(timer(a, 2)).toHaveAttribute("data-running", "true");
  await a.waitForTimeout(2_000);

  const left = await watch(b, seatDot("HL-BJ-01", 2), "seated", "data-state");
  await a.getByRole("dialog").getByRole("button", { name: "Close slip" }).click();
  const closedAt = await clickAt(a, "Confirm: close slip");
  const delay = (await left()) - closedAt;
  console.log(`close slip at HL-BJ-01 seat 2: visible on the other dashboard after ${Math.round(delay)} ms`);
  expect(delay).toBeLessThan(2_000);

  const report = a.getByRole("dialog").getByTestId("closed-slip");
  await expect(report).toBeVisible();
  // The summary names the player and gives the figures that will be paid: one bet, $150, all along.
  await expect(report).toContainText("William Castellanos's slip closed");
  await expect(report).toContainText("average bet $150.00 (weighted by time played)");
  await expect(report).toContainText(/theo \$[\d,]+\.\d\d, [\d,]+ points earned\./);
  const reported = Number(await report.getAttribute("data-seconds"));
  const expected = ((closedAt - startedAt) - (resumedAt - pausedAt)) / 1_000;
  console.log(`closed slip: reported ${reported} s rated, expected ${expected.toFixed(2)} s`);
  expect(Math.abs(reported - expected)).toBeLessThanOrEqual(1);
  await expect(a.getByRole("dialog").locator('[data-testid="seat"][data-seat="2"]')).toHaveAttribute("data-state", "seated");
});
