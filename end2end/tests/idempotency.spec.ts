// A tablet loses the answer to a pause (the Wi-Fi drops after the server committed it). The tablet keeps the
// tap and sends it again with the same request id and the instant of the tap, and the server answers it as it
// did the first time: one pause. A request id belongs to one intent on one target, so the next tap — a pause
// of another player's slip — is a new request and pauses that slip; before, the tablet kept one id per kind of
// action and the server answered the second pause with the first one's stored answer, reporting a pause that
// never happened.
import { expect, test } from "../fixtures/test";
import { DEMO } from "../fixtures/staff";
import { clickInPanel, ensureStatus, freeSeat, pitBoss, seatAndRate, seatDot } from "../fixtures/pit";

test("after a lost answer, pausing another slip pauses that slip", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  await ensureStatus(a, "CR-01", "active");
  await freeSeat(a, "CR-01", 5, "Steven Cho");
  await freeSeat(a, "CR-01", 6, "Ashley Navarro");
  await seatAndRate(a, "CR-01", 5, "cho", "Steven Cho");
  await seatAndRate(a, "CR-01", 6, "navarro", "Ashley Navarro");
  const panel = a.getByRole("dialog");
  const status = (seat: number) => panel.locator(`[data-testid="seat"][data-seat="${seat}"] [data-testid="seat-status"]`);

  const sent: string[] = [];
  const instants: (string | null)[] = [];
  a.on("request", (request) => {
    if (request.url().endsWith("/api/slip/pause")) {
      sent.push(request.postDataJSON().request_id);
      instants.push(request.postDataJSON().occurred_at ?? null);
    }
  });
  // The first pause reaches the server and commits; its answer never comes back.
  await a.route("**/api/slip/pause", async (route) => {
    await route.fetch();
    await route.abort("connectionfailed");
  }, { times: 1 });
  await panel.locator('[data-testid="seat"][data-seat="5"]').click();
  await clickInPanel(a, "Pause");
  // The live stream still tells the tablet what happened at seat 5, and the tablet's resend is answered.
  await expect(a.locator(seatDot("CR-01", 5))).toHaveAttribute("data-state", "paused");
  await expect(a.getByTestId("connection")).toHaveText("Online");
  expect(sent).toEqual([sent[0], sent[0]]);
  expect(instants[0]).toBeNull();
  expect(instants[1]).not.toBeNull();
  await expect(a.getByTestId("outbox-conflict")).toHaveCount(0);
  await expect(status(5)).toHaveText("Paused");

  await panel.locator('[data-testid="seat"][data-seat="6"]').click();
  await clickInPanel(a, "Pause");
  await expect(status(6)).toHaveText("Paused");
  await expect(a.locator(seatDot("CR-01", 6))).toHaveAttribute("data-state", "paused");
  expect(sent).toHaveLength(3);
  expect(sent[2]).not.toBe(sent[0]);
});
