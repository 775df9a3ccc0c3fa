// Story: a pit boss finds a player by name, and enrolls a new one with the form's help.
import { expect, test } from "../fixtures/test";
import { DEMO, hydrated, signIn } from "../fixtures/staff";

test("a pit boss finds a player by the start of their names", async ({ page }) => {
  await signIn(page, DEMO.pitBoss);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Players" }).click();
  await hydrated(page);
  await page.getByLabel("Search by name").fill("maria gon");
  await expect(page.getByTestId("player-results").getByRole("link")).toHaveText([/Maria Gonzalez/]);
  await page.getByRole("link", { name: /Maria Gonzalez/ }).click();
  await expect(page.getByTestId("player-name")).toHaveText("Maria Gonzalez");
  await expect(page.getByText("0 points")).toBeVisible();
});

test("enrollment explains a bad birth date, then enrolls and opens the record", async ({ page }) => {
  const last = `Tester${Date.now() % 100000}`;
  await signIn(page, DEMO.pitBoss);
  await page.goto("/players");
  await hydrated(page);
  const form = page.getByRole("form", { name: "Enroll a player" });
  await form.getByLabel("First name").fill("Quinn");
  await form.getByLabel("Last name").fill(last);
  await form.getByLabel("Birth date (optional)").fill("2020-01-01");
  await form.getByRole("button", { name: "Enroll player" }).click();
  await expect(form.locator('[data-field-error="birth_date"]')).toHaveText(/at least 18 years old/);

  await form.getByLabel("Birth date (optional)").fill("1980-06-15");
  await form.getByRole("button", { name: "Enroll player" }).click();
  await expect(page.getByTestId("player-name")).toHaveText(`Quinn ${last}`);
  await expect(page.getByText("Enrolled")).toBeVisible();

  await page.goto("/players");
  await hydrated(page);
  await page.getByLabel("Search by name").fill(last.toLowerCase());
  await expect(page.getByTestId("player-results").getByRole("link")).toHaveText([new RegExp(`Quinn ${last}`)]);

  // Enrolling the same name again warns before a second record is made, and offers the first.
  const again = page.getByRole("form", { name: "Enroll a player" });
  await again.getByLabel("First name").fill("quinn");
  await again.getByLabel("Last name").fill(last);
  const warning = again.getByTestId("possible-duplicates");
  await expect(warning).toContainText("Already enrolled under this name");
  await expect(warning.getByRole("link")).toHaveText(`Quinn ${last} (born 15 Jun 1980)`);
  await again.getByLabel("Birth date (optional)").fill("1990-01-01");
  await expect(warning).toHaveCount(0);
});

test("cashiers can look players up but not enroll them", async ({ page }) => {
  await signIn(page, DEMO.cashier);
  await page.goto("/players");
  await hydrated(page);
  await expect(page.getByTestId("player-results")).toBeVisible();
  await expect(page.getByRole("form", { name: "Enroll a player" })).toHaveCount(0);
});
