// US-007: a pit boss moves a rated player to another table; the other pit boss sees both tables change
// without reloading, and the slip at the destination shows the chain it continues.
import { expect, test } from "../fixtures/test";
import { DEMO } from "../fixtures/staff";
import { ensureStatus, freeSeat, openTable, pitBoss, seatAndRate, seatDot, watch } from "../fixtures/pit";

test("US-007: move a rated player to another table, live on the other dashboard", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  const b = await pitBoss(browser, DEMO.pitBoss2);
  await ensureStatus(a, "BAC-01", "active");
  await ensureStatus(a, "RL-01", "active");
  await freeSeat(a, "BAC-01", 2, "Sandra Lombardi");
  await freeSeat(a, "RL-01", 2, "Sandra Lombardi");
  await seatAndRate(a, "BAC-01", 2, "lombardi", "Sandra Lombardi");
  await expect(b.locator(seatDot("BAC-01", 2))).toHaveAttribute("data-state", "rating");
  await a.waitForTimeout(1_500);

  const left = await watch(b, seatDot("BAC-01", 2), "empty", "data-state");
  const panel = a.getByRole("dialog");
  await panel.getByRole("button", { name: "Move", exact: true }).click();
  const destination = panel.getByRole("group", { name: "Move to" });
  await destination.getByRole("button", { name: "RL-01", exact: true }).click();
  const arrived = await watch(b, seatDot("RL-01", 2), "rating", "data-state");
  const seat = destination.getByRole("button", { name: "Seat 2", exact: true });
  await seat.evaluate((el) => el.addEventListener("click", () => {
    (window as unknown as { clickedAt?: number }).clickedAt = performance.timeOrigin + performance.now();
  }, { capture: true, once: true }));
  await seat.click();
  const movedAt = (await a.evaluate(() => (window as unknown as { clickedAt?: number }).clickedAt)) as number;
  const [gone, there] = [(await left()) - movedAt, (await arrived()) - movedAt];
  console.log(`move BAC-01 seat 2 → RL-01 seat 2: the other dashboard saw the source after ${Math.round(gone)} ms, the destination after ${Math.round(there)} ms`);
  expect(gone).toBeLessThan(2_000);
  expect(there).toBeLessThan(2_000);
  await expect(panel.locator('[data-testid="seat"][data-seat="2"]')).toHaveAttribute("data-state", "empty");

  // The destination's slip shows it continues the first, with the time rated before the move.
  await openTable(b, "RL-01");
  const other = b.getByRole("dialog");
  await other.locator('[data-testid="seat"][data-seat="2"]').click();
  const chain = other.getByTestId("slip-chain");
  await expect(chain).toContainText("Moved here: continues an earlier slip");
  expect(Number(await chain.getAttribute("data-prior-seconds"))).toBeGreaterThanOrEqual(1);
  await expect(other.locator('[data-testid="seat"][data-seat="2"] [data-testid="seat-player"]')).toHaveText("Sandra Lombardi");
});
