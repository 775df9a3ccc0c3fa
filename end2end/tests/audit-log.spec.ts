// The audit log viewer: an admin's settings change shows as a diff of the fields it changed; the log narrows
// to one staff member from a row; a malformed action is explained at its field; the chain verifies.
import { expect, test } from "../fixtures/test";
import { DEMO, hydrated, signIn } from "../fixtures/staff";

test("an admin reads a settings change as a diff, narrows the log to who made it, and sees the chain verified", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/settings");
  await hydrated(page);
  const cap = String(5000 + Math.floor(Math.random() * 1000));
  await page.getByLabel("Reward cap per issuance (points)").fill(cap);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Settings saved.");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL("/audit");
  await hydrated(page);
  await expect(page.getByTestId("audit-chain")).toHaveAttribute("data-state", "verified");
  await expect(page.getByTestId("audit-chain")).toContainText("Hash chain verified: all");

  const filter = page.getByTestId("audit-filter");
  await filter.getByLabel("Action (or its start)").fill("Settings!");
  await filter.getByRole("button", { name: "Show" }).click();
  await expect(filter.locator('[data-field-error="action"]')).toContainText("lowercase letters, dots and underscores");
  await filter.locator('input[name="action"]').fill("casino_settings.updated");
  await filter.getByRole("button", { name: "Show" }).click();
  const newest = page.getByTestId("audit-row").first();
  await expect(newest).toHaveAttribute("data-action", "casino_settings.updated");
  const changed = newest.locator('[data-field="reward_cap_points"]');
  await expect(changed.locator("td").nth(1)).toHaveText(cap);
  await expect(newest.locator("[data-field]")).not.toHaveCount(0);

  // Only what this admin did: every row is theirs.
  await newest.getByRole("button", { name: "Avery Quinn" }).click();
  await expect(filter.getByTestId("audit-chosen-staff")).toHaveText("By Avery Quinn ✕");
  await filter.locator('input[name="action"]').fill("");
  await filter.getByRole("button", { name: "Show" }).click();
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  await expect(rows.filter({ hasNot: page.getByRole("button", { name: "Avery Quinn" }) })).toHaveCount(0);
  // Their sign-in is theirs too, now that any action shows.
  await expect(page.locator('[data-testid="audit-row"][data-action="staff.signed_in"]').first()).toBeVisible();
});
