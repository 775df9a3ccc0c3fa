// US-013: an admin adds a new game and a table that deals it from the games page, and the table appears on every
// open pit dashboard without a reload, named with its game; retired, it leaves them the same way, and the game,
// once no table on the floor deals it, retires too and is offered for no new table.
import { randomUUID } from "node:crypto";
import { expect, test } from "../fixtures/test";
import { DEMO, hydrated, signIn } from "../fixtures/staff";
import { card, openPit } from "../fixtures/pit";

test("an admin adds a game and a table that deals it, live on every open pit dashboard", async ({ browser }) => {
  const bosses = [];
  for (const who of [DEMO.pitBoss, DEMO.pitBoss2]) {
    const boss = await (await browser.newContext()).newPage();
    await signIn(boss, who);
    await openPit(boss);
    bosses.push(boss);
  }

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto("/games");
  await hydrated(admin);

  // Half-typed into Blackjack's form: the list re-read when a game is added must not wipe it.
  const blackjackPace = admin.getByRole("form", { name: "Blackjack" }).getByLabel("Decisions per hour");
  await blackjackPace.fill("66");

  // A new game, its name checked at the field first.
  const tag = randomUUID().slice(0, 4).toUpperCase();
  const game = `Mini-Baccarat ${tag}`;
  const newGame = admin.getByTestId("add-game");
  await newGame.getByLabel("Name").fill("  ");
  for (const [label, value] of [["Minimum bet ($)", "25"], ["Maximum bet ($)", "5000"], ["Seats", "9"],
    ["House edge (%)", "1.24"], ["Decisions per hour", "120"], ["Points per theo $", "10"]]) {
    await newGame.getByLabel(label, { exact: true }).fill(value);
  }
  await newGame.getByRole("button", { name: "Add game" }).click();
  await expect(newGame.locator('[data-field-error="name"]')).toHaveText(
    "Enter a game name of 1 to 40 characters, such as Three Card Poker.");
  await newGame.getByLabel("Name").fill(game);
  await newGame.getByRole("button", { name: "Add game" }).click();
  await expect(newGame.getByRole("status")).toHaveText(`${game} added: tables can deal it now.`);
  await expect(admin.getByRole("form", { name: game })).toBeVisible();
  await expect(blackjackPace).toHaveValue("66");

  // A table dealing it, its seats checked at the field first.
  const label = `MB-${tag}`;
  const add = admin.getByTestId("floor-plan-add");
  await add.getByLabel("Label").fill(label);
  await add.getByLabel("Pit").fill("Main");
  await add.locator('select[name="game"]').selectOption({ label: game });
  await add.getByLabel("Minimum bet ($)").fill("25");
  await add.getByLabel("Maximum bet ($)").fill("5000");
  await add.getByLabel("Seats (blank: the game's)").fill("0");
  await add.getByRole("button", { name: "Add table" }).click();
  await expect(add.locator('[data-field-error="seats"]')).toHaveText("A table has 1 to 20 seats.");
  await add.locator('input[name="seats"]').fill("");
  await add.getByRole("button", { name: "Add table" }).click();
  await expect(add.getByRole("status")).toHaveText(`${label} added to Main: open it from the pit.`);

  // Both pit bosses' dashboards show it without a reload, with the game's name.
  for (const boss of bosses) {
    await expect(card(boss, label)).toBeVisible();
    await expect(card(boss, label)).toContainText(game);
  }
  const row = admin.locator(`[data-testid="floor-plan-row"][data-label="${label}"]`);
  await expect(row.locator("td").nth(3)).toHaveText("9");

  // A game a table on the floor deals does not retire.
  const settings = admin.getByRole("form", { name: game });
  await settings.getByRole("button", { name: "Retire game" }).click();
  await expect(admin.getByRole("alert").first()).toContainText("Tables on the floor still deal this game");

  // Retired (it was never opened), the table leaves every dashboard the same way; then the game retires.
  await row.getByRole("button", { name: "Retire" }).click();
  await expect(row).toHaveCount(0);
  for (const boss of bosses) {
    await expect(card(boss, label)).toHaveCount(0);
  }
  await settings.getByRole("button", { name: "Retire game" }).click();
  await expect(admin.getByRole("form", { name: game })).toHaveCount(0);
  await expect(admin.getByTestId("retired-games")).toContainText(game);
  await expect(add.locator(`select[name="game"] option`, { hasText: game })).toHaveCount(0);
});
