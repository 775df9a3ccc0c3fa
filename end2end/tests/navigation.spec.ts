// Story: each role sees the navigation for its own work, and pages it may not use are refused by the server.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures/staff";

const expected = [
  { who: DEMO.admin, links: ["Overview", "Pit", "Players", "Staff", "Games", "Settings"] },
  { who: DEMO.pitBoss, links: ["Overview", "Pit", "Players", "Staff"] },
  { who: DEMO.cashier, links: ["Overview", "Players"] },
  { who: DEMO.compliance, links: ["Overview", "Players"] },
];

for (const { who, links } of expected) {
  test(`${who.role} sees ${links.join(", ")}`, async ({ page }) => {
    await signIn(page, who);
    await expect(page.getByTestId("staff-role")).toHaveText(who.role);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(links);
  });
}

for (const [who, path] of [[DEMO.pitBoss, "/settings"], [DEMO.pitBoss, "/games"], [DEMO.cashier, "/pit"]] as const) {
  test(`a ${who.role.toLowerCase()} who opens ${path} directly is told the role may not`, async ({ page }) => {
    await signIn(page, who);
    await page.goto(path);
    await expect(page.getByRole("alert")).toHaveText("Your role does not allow this action.");
  });
}

test("the pit boss's staff page lists the dealers", async ({ page }) => {
  await signIn(page, DEMO.pitBoss);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff" }).click();
  await expect(page.getByRole("heading", { name: "Staff" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Dealer" })).toHaveCount(6);
  await expect(page.getByText("Blair Sutton")).toHaveCount(0); // Other Casino's admin
});
