// US-001, continued: closing a table and putting a dealer on one reach the other pit boss live too.
import { expect, test } from "../fixtures/test";
import { DEMO } from "../fixtures/staff";
import { card, clickTimed, countTray, ensureStatus, openTable, pitBoss, tableCard, watchCard } from "../fixtures/pit";

test("A closes a table and B's dashboard shows it closed within 2 s", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  const b = await pitBoss(browser, DEMO.pitBoss2);
  await ensureStatus(a, "BJ-05", "active");
  await expect(card(b, "BJ-05").getByTestId("table-status")).toHaveText("Active");

  await countTray(a, "BJ-05", "closing");
  const seen = await watchCard(b, "BJ-05", '[data-testid="table-status"]', "Closed");
  await openTable(a, "BJ-05");
  await a.getByRole("button", { name: "Close table" }).click();
  const clickedAt = await clickTimed(a, "Confirm: close BJ-05");
  const delay = (await seen()) - clickedAt;
  console.log(`close BJ-05: visible on the other dashboard after ${Math.round(delay)} ms`);
  expect(delay).toBeLessThan(2_000);
  await expect(card(b, "BJ-05").getByTestId("table-status")).toHaveText("Closed");
});

test("A assigns a dealer and B's dashboard shows the dealer within 2 s", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  const b = await pitBoss(browser, DEMO.pitBoss2);
  await ensureStatus(a, "HL-BJ-01", "active");
  const current = (await tableCard(a, "HL-BJ-01")).dealer?.name;
  const dealer = current === "Taylor Brooks" ? "Drew Kim" : "Taylor Brooks";

  const seen = await watchCard(b, "HL-BJ-01", '[data-testid="table-dealer"]', dealer);
  await openTable(a, "HL-BJ-01");
  const panel = a.getByRole("dialog");
  const dealers = panel.getByLabel(/^Dealer/);
  const option = dealers.locator("option", { hasText: dealer });
  // A dealer dealing at another table is moved only after the pit boss confirms it.
  const from = (await option.innerText()).match(/\(at (.+)\)$/)?.[1];
  await dealers.selectOption((await option.getAttribute("value")) ?? "");
  let clickedAt: number;
  if (from) {
    await expect(panel.getByTestId("dealer-moves")).toHaveText(`${dealer} is dealing at ${from}: assigning them here takes them off ${from}.`);
    await panel.getByRole("button", { name: "Assign dealer" }).click();
    clickedAt = await clickTimed(a, `Confirm: move ${dealer} from ${from}`);
  } else {
    await expect(panel.getByTestId("dealer-moves")).toHaveCount(0);
    clickedAt = await clickTimed(a, "Assign dealer");
  }
  const delay = (await seen()) - clickedAt;
  console.log(`assign ${dealer} to HL-BJ-01: visible on the other dashboard after ${Math.round(delay)} ms`);
  expect(delay).toBeLessThan(2_000);
  await expect(card(b, "HL-BJ-01").getByTestId("table-dealer")).toHaveText(dealer);
  await expect(panel.getByTestId("current-dealer")).toHaveText(dealer);
  await expect(panel.getByTestId("rotation-history").locator("li").first()).toContainText(dealer);
});
