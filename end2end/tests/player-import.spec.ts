// US-014: an admin imports members from a CSV. A file with three bad rows is previewed with each problem at
// its line and cannot be imported; fixed, it previews the members ready and the duplicates to skip, and
// imports in one go; the new members are found by name.
import { randomUUID } from "node:crypto";
import { expect, test } from "../fixtures/test";
import { DEMO, hydrated, signIn } from "../fixtures/staff";

test("US-014: a CSV with errors is previewed, fixed, then imported with its duplicates skipped", async ({ page }) => {
  const tag = randomUUID().slice(0, 6).replace(/[0-9]/g, "q");
  const good = [
    "first_name,last_name,birth_date,member_number",
    `Iris,Vale${tag},1972-03-04,V-${tag}-1`,
    `Jon,Vale${tag},1969-12-31,`,
    `Kim,Vale${tag},1985-06-15,V-${tag}-3`,
    `IRIS,vale${tag},1972-03-04,`,
  ].join("\n");
  const bad = good
    .replace("1969-12-31", "31/12/1969")
    .replace(`V-${tag}-3`, `V ${tag} 3`)
    .replace(`Iris,Vale${tag},`, `,Vale${tag},`);

  await signIn(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Players" }).click();
  await page.getByRole("link", { name: "Import members" }).click();
  await expect(page).toHaveURL("/players/import");
  await hydrated(page);
  const form = page.getByTestId("import-form");
  await form.getByLabel("CSV file").setInputFiles({ name: "members.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await expect(form.getByLabel("Members (CSV)")).toHaveValue(bad);
  await form.getByRole("button", { name: "Check the file" }).click();
  const problems = page.getByTestId("import-problems");
  await expect(problems.locator("tbody tr")).toHaveCount(3);
  await expect(problems.locator('tr[data-line="2"]')).toContainText("first_name");
  await expect(problems.locator('tr[data-line="3"]')).toContainText("birth_date");
  await expect(problems.locator('tr[data-line="4"]')).toContainText("member_number");
  await expect(page.getByRole("button", { name: /^Import \d+ members$/ })).toBeDisabled();

  // Fixed in the box: the preview shows three ready and the repeat of Iris to skip.
  await form.getByLabel("Members (CSV)").fill(good);
  await expect(page.getByRole("button", { name: /^Import \d+ members$/ })).toBeDisabled();
  await form.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByTestId("import-preview")).toContainText("3 ready to import, 1 duplicates to skip, 0 problems.");
  await expect(page.getByTestId("import-duplicates").locator('tr[data-line="5"]')).toContainText("same person as line 2");
  await page.getByRole("button", { name: "Import 3 members" }).click();
  await expect(page.getByTestId("import-done")).toHaveText("Imported 3 members; skipped 1 duplicates.");

  await page.goto("/players");
  await hydrated(page);
  await page.getByLabel("Search by name").fill(`vale${tag}`);
  await expect(page.getByTestId("player-results").getByRole("link")).toHaveCount(3);
});
