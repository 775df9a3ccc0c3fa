// Story: every page an admin can open hydrates and works under the Content Security Policy (scripts only
// from this origin or with the response's nonce), without a single violation, and carries the policy,
// frame refusal, referrer policy and nosniff headers.
import { expect, test } from "../fixtures/test";
import { DEMO, hydrated, signIn } from "../fixtures/staff";

const pages = ["/", "/pit", "/players", "/accounting", "/compliance", "/staff", "/games", "/settings"];

test("every page hydrates under the content security policy without a violation", async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { violations: string[] }).violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await signIn(page, DEMO.admin);
  for (const path of pages) {
    const response = await page.goto(path);
    const headers = response!.headers();
    expect(headers["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[^']+' 'wasm-unsafe-eval'/);
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["referrer-policy"], path).toBe("same-origin");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    await hydrated(page);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    const violations = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
    expect(violations, path).toEqual([]);
  }
  // The live stream connects under the policy too.
  await page.goto("/pit");
  await hydrated(page);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
});

test("the service worker may fetch from this origin only, and is never served from a cache", async ({ request }) => {
  const response = await request.get("/sw.js");
  expect(response.ok()).toBeTruthy();
  expect(response.headers()["content-type"]).toMatch(/javascript/);
  expect(response.headers()["content-security-policy"]).toBe("default-src 'self'");
  expect(response.headers()["cache-control"]).toBe("no-cache");
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.ok()).toBeTruthy();
  expect((await manifest.json()).start_url).toBe("/pit");
});
