// Story: each role sees the navigation for its own work (the demo casino has finance switched on), and pages it
// may not use are refused by the server.
import { expect, test } from "../fixtures/test";
import { DEMO, signIn } from "../fixtures/staff";

const expected = [
  { who: DEMO.admin, links: ["Overview", "Pit", "Players", "Comps", "Accounting", "Cage", "Reports", "Compliance", "Audit log", "Staff", "Games", "Settings"] },
  { who: DEMO.pitBoss, links: ["Overview", "Pit", "Players", "Comps", "Accounting", "Reports", "Compliance", "Staff"] },
  { who: DEMO.cashier, links: ["Overview", "Players", "Comps", "Accounting", "Cage", "Reports"] },
  { who: DEMO.compliance, links: ["Overview", "Players", "Reports", "Compliance", "Audit log"] },
];

for (const { who, links } of expected) {
  test(`${who.role} sees ${links.join(", ")}`, async ({ page }) => {
    await signIn(page, who);
    await expect(page.getByTestId("staff-role")).toHaveText(who.role);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(links);
  });
}

const refused = [
  [DEMO.pitBoss, "/settings"], [DEMO.pitBoss, "/games"], [DEMO.cashier, "/pit"], [DEMO.cashier, "/compliance"],
  [DEMO.compliance, "/accounting"], [DEMO.pitBoss, "/audit"],
] as const;
for (const [who, path] of refused) {
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
