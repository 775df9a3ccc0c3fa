// Story: an admin tunes a game's rating parameters; a value that is not a number is flagged at its field.
import { expect, test } from "../fixtures/test";
import { DEMO, hydrated, signIn } from "../fixtures/staff";

test("an admin changes blackjack's pace and house edge", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Games" }).click();
  await hydrated(page);
  const blackjack = page.getByRole("form", { name: "Blackjack" });
  await blackjack.getByLabel("Decisions per hour").fill("65");
  await blackjack.getByLabel("House edge (%)").fill("0.80");
  await blackjack.getByRole("button", { name: "Save" }).click();
  await expect(blackjack.getByRole("status")).toHaveText("Blackjack saved.");

  await blackjack.getByLabel("Seats").fill("many");
  await blackjack.getByRole("button", { name: "Save" }).click();
  await expect(blackjack.locator('[data-field-error="seats"]')).toHaveText("A table has 1 to 20 seats.");
});
