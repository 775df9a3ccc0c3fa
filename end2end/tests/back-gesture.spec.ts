// Issue 20, tablets: opening a table and then a seat changes the URL, so the back gesture closes the seat, then
// the table, and stays on the pit page; a reload reopens what was open.
import { expect, test } from "../fixtures/test";
import { DEMO } from "../fixtures/staff";
import { openTable, pitBoss } from "../fixtures/pit";

test("back closes the seat, then the table, and a reload reopens them", async ({ browser }) => {
  const a = await pitBoss(browser, DEMO.pitBoss);
  await openTable(a, "BJ-01");
  await expect(a).toHaveURL(/\/pit\?table=[0-9a-f-]{36}$/);
  const panel = a.getByRole("dialog");
  const rated = panel.locator('[data-testid="seat"][data-state="rating"]').first();
  const number = await rated.getAttribute("data-seat");
  await rated.click();
  await expect(a).toHaveURL(new RegExp(`/pit\\?table=[0-9a-f-]{36}&seat=${number}$`));
  await expect(panel.getByRole("button", { name: "Pause", exact: true })).toBeVisible();

  await a.reload();
  await expect(a.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  await expect(panel.locator(`[data-testid="seat"][data-seat="${number}"]`)).toHaveAttribute("aria-pressed", "true");
  await expect(panel.getByRole("button", { name: "Pause", exact: true })).toBeVisible();

  await a.goBack();
  await expect(a).toHaveURL(/\/pit\?table=[0-9a-f-]{36}$/);
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("button", { name: "Pause", exact: true })).toHaveCount(0);

  await a.goBack();
  await expect(a).toHaveURL(/\/pit$/);
  await expect(panel).toHaveCount(0);
  await expect(a.getByTestId("table-card").first()).toBeVisible();

  await a.goForward();
  await expect(panel).toBeVisible();
  await panel.getByRole("button", { name: "← Back to tables" }).click();
  await expect(a).toHaveURL(/\/pit$/);
  await expect(panel).toHaveCount(0);
});
