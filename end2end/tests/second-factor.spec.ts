// US-012: an admin sets up an authenticator app from the browser, keeps the recovery codes shown once, and
// from then on signs in with their password and the code the app shows (generated here from the secret the
// page showed); a code is not accepted twice. Another admin resets it from the staff page, after which the
// password alone signs in again.
import { expect, test } from "../fixtures/test";
import { DEMO, addStaff, hydrated, signIn, submitSignIn } from "../fixtures/staff";
import { totp } from "../fixtures/totp";

test("US-012: an admin enrols an authenticator and signs in with its code", async ({ browser }) => {
  // A fresh admin, so the demo admin the other stories sign in as keeps a password-only sign-in.
  const login = addStaff("admin");
  const page = await (await browser.newContext()).newPage();
  await signIn(page, login);
  await page.getByRole("link", { name: "Set up two-step sign-in" }).click();
  await expect(page).toHaveURL("/second-factor");
  await hydrated(page);
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const setup = page.getByTestId("second-factor-setup");
  await expect(setup.getByTestId("second-factor-qr").locator("svg")).toBeVisible();
  const secret = (await setup.getByTestId("second-factor-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // A wrong code is refused at the field; the app's current code turns it on.
  await setup.getByLabel("Code from the app").fill("000000");
  await setup.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(setup.locator('[data-field-error="code"]')).toContainText("That code is not right");
  await setup.getByLabel("Code from the app").fill(totp(secret));
  await setup.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  const codes = page.getByTestId("recovery-code");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.allTextContents()).map((c) => c.trim());
  expect(recovery[0]).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await page.getByRole("link", { name: "I have saved them" }).click();
  await expect(page.getByTestId("second-factor-on")).toBeVisible();
  await expect(page.getByRole("link", { name: "Two-step sign-in: on" })).toBeVisible();

  // Signing in now asks for the code: the password alone reaches only the code form.
  const phone = await (await browser.newContext()).newPage();
  await submitSignIn(phone, login);
  await expect(phone).toHaveURL("/verify");
  await phone.goto("/pit");
  await expect(phone).toHaveURL("/verify");
  await hydrated(phone);
  const form = phone.getByTestId("verify-form");
  await form.getByLabel("Code").fill("123456");
  await form.getByRole("button", { name: "Continue" }).click();
  await expect(form.locator('[data-field-error="code"]')).toContainText("That code is not right");
  // The next step's code: the current one was spent turning two-step sign-in on.
  await form.getByLabel("Code").fill(totp(secret, 1));
  await form.getByRole("button", { name: "Continue" }).click();
  await expect(phone).toHaveURL("/");
  await expect(phone.getByTestId("staff-name")).toHaveText("Test Account");

  // A recovery code works once, typed any way.
  const tablet = await (await browser.newContext()).newPage();
  await submitSignIn(tablet, login);
  await expect(tablet).toHaveURL("/verify");
  await hydrated(tablet);
  await tablet.getByTestId("verify-form").getByLabel("Code").fill(recovery[0].toUpperCase());
  await tablet.getByRole("button", { name: "Continue" }).click();
  await expect(tablet).toHaveURL("/");

  // The demo admin resets it (a lost phone): their sessions end, and the password alone signs in again.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto("/staff");
  await hydrated(admin);
  const row = admin.locator('[data-testid="staff-row"]').filter({ hasText: login.email });
  await expect(row.getByTestId("staff-second-factor")).toHaveText("Two-step sign-in");
  await row.getByRole("button", { name: "Reset second factor" }).click();
  await expect(row.getByTestId("staff-second-factor")).toHaveCount(0);
  // Both open pages are signed out by the live stream on their own (navigating one meanwhile raced it).
  await expect(phone).toHaveURL("/login");
  await expect(tablet).toHaveURL("/login");
  await signIn(phone, login);
  await expect(phone.getByRole("link", { name: "Set up two-step sign-in" })).toBeVisible();
});
