// Story: an admin adjusts the casino's settings on a hydrated page, without a reload, and a bad value is
// explained next to its field; a feature flag asks before it switches for the whole casino; the compliance
// settings (the CTR filer, the structuring watch) save the same way.
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

test("a flag goes by its plain name and asks before switching for the whole casino", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/settings");
  await hydrated(page);
  const switches: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/api/feature/set_flag")) switches.push(request.postData() ?? "");
  });
  const name = "Dealer rotations read-only";
  const row = page.locator('[data-testid="feature-flag"][data-key="dealer_rotation_log_readonly"]');
  const was = (await row.getAttribute("data-enabled")) === "true";
  await row.getByRole("switch", { name }).click();
  const confirm = row.getByTestId("flag-confirm");
  await expect(confirm).toContainText(`Turn ${name} ${was ? "off" : "on"} for the whole casino?`);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  expect(switches).toEqual([]);

  // Confirmed, it switches, and says what it does now; switched back the same way.
  for (const state of [!was, was]) {
    await row.getByRole("switch", { name }).click();
    await row.getByTestId("flag-confirm").getByRole("button", { name: state ? "Turn on" : "Turn off" }).click();
    await expect(row).toHaveAttribute("data-enabled", String(state));
    await expect(row.getByTestId("flag-effect")).toHaveText(new RegExp(`^Now ${state ? "on" : "off"}: `));
  }
  expect(switches).toHaveLength(2);
});

test("an admin keeps the CTR filer and the structuring watch's parameters; a bad EIN is explained at its field", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/settings");
  await hydrated(page);
  const form = page.getByRole("form", { name: "Compliance settings" });
  await expect(form.locator('input[name="legal_name"]')).toHaveValue("Demo Casino Operating Company LLC");
  await form.locator('input[name="ein"]').fill("88-12345");
  await form.locator('input[name="structuring_window_days"]').fill("9");
  await form.getByRole("button", { name: "Save compliance settings" }).click();
  await expect(form.locator('[data-field-error="ein"]')).toHaveText("An EIN is 9 digits, written 12-3456789.");
  await expect(form.locator('[data-field-error="structuring_window_days"]')).toContainText("2 to 7 gaming days");
  await form.locator('input[name="ein"]').fill("881234567");
  await form.locator('input[name="structuring_window_days"]').fill("3");
  await form.getByRole("button", { name: "Save compliance settings" }).click();
  await expect(form.getByRole("status")).toHaveText("Compliance settings saved.");
  await expect(form.locator('[data-field-error="ein"]')).toHaveCount(0);
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("form", { name: "Compliance settings" }).locator('input[name="ein"]')).toHaveValue("88-1234567");
});
