// Story: a pit boss signs in at the start of a shift and signs out at the end; a wrong password is
// refused with a clear message, repeated failures are throttled, and signing out kills the session.
import { expect, test } from "../fixtures/test";
import { DEMO, addStaff, hydrated, signIn, submitSignIn } from "../fixtures/staff";

test("a pit boss signs in and sees the casino, gaming day, name and role", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signIn(page, DEMO.pitBoss);
  await expect(page).toHaveURL("/");
  await expect(page.getByTestId("casino-name")).toHaveText("Demo Casino");
  await expect(page.getByTestId("gaming-day")).toContainText("Gaming day");
  await expect(page.getByTestId("staff-name")).toHaveText(DEMO.pitBoss.name);
  await expect(page.getByTestId("staff-role")).toHaveText(DEMO.pitBoss.role);
  await expect(page.getByRole("heading", { name: "Shift overview" })).toBeVisible();
  await expect(page.getByTestId("casino-settings")).toContainText("$10,000.00");
  expect(errors).toEqual([]);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await submitSignIn(page, { email: DEMO.pitBoss.email, password: "not-the-password" });
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL("/login");
});

test("repeated failures are throttled, even for the right password", async ({ page }) => {
  const account = addStaff("cashier");
  await page.goto("/login");
  await hydrated(page);
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(`wrong-${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveAttribute("data-code", "AUTH_INVALID_CREDENTIALS");
  }
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText(/Too many failed sign-in attempts/);
  await expect(page.getByRole("alert")).toHaveAttribute("data-code", "AUTH_THROTTLED");
  await expect(page).toHaveURL("/login");
});

test("signing out ends the session on the server", async ({ page, context, request }) => {
  await signIn(page, DEMO.pitBoss);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === "pitboss_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL("/login");
  await page.goto("/");
  await expect(page).toHaveURL("/login");

  // The old cookie, replayed by hand, no longer opens anything.
  const replay = await request.post("/api/auth/me", {
    headers: { cookie: `pitboss_session=${cookie?.value}` },
    data: {},
  });
  expect(replay.status()).toBe(401);
  expect((await replay.json()).code).toBe("UNAUTHENTICATED");
});

test("signing out everywhere ends the session on the other device too", async ({ page, browser }) => {
  const login = addStaff("pit-boss");
  const tablet = await browser.newContext();
  const other = await tablet.newPage();
  await signIn(other, login);
  await signIn(page, login);

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL("/login");
  await other.goto("/pit");
  await expect(other).toHaveURL("/login");
  await tablet.close();
});
