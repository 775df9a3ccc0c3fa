// Story: an admin adjusts the casino's settings on a hydrated page, without a reload, and a bad value is
// explained next to its field.
import { expect, test } from "../fixtures/test";
import { DEMO, hydrated, signIn } from "../fixtures/staff";

test("an admin saves settings without a page reload", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Casino settings" })).toBeVisible();
  await hydrated(page);
  // A marker on window survives only if the page is never reloaded.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

  const cap = String(4000 + Math.floor(Math.random() * 1000));
  await page.getByLabel("Reward cap per issuance (points)").fill(cap);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Settings saved.");
  expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByTestId("casino-settings")).toContainText(`${Number(cap).toLocaleString("en-US")} points`);
});

test("an unknown time zone is explained next to the field", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/settings");
  await hydrated(page);
  await page.getByLabel("Time zone (IANA)").fill("Mars/Olympus_Mons");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("alert")).toHaveText("Some fields need attention. Correct them and try again.");
  await expect(page.locator('[data-field-error="timezone"]')).toHaveText(/Unknown time zone/);
});
