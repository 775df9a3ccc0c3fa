// The pit dashboard's table panel is a WebAssembly module of its own, fetched a second after the page is
// interactive (docs/architecture.md, toolchain). A tablet that cannot fetch it (its Wi-Fi dropped) still runs
// the page: a table opened meanwhile says it is loading, and opens once the fetch, tried again, succeeds. The
// split loader would otherwise panic on the failed fetch and stop the whole page.
import { expect, test } from "../fixtures/test";
import { DEMO, signIn } from "../fixtures/staff";
import { card, openPit } from "../fixtures/pit";

// The split-off modules' files; the pit dashboard's first paint needs none of them.
const CHUNKS = "**/pkg/chunk_*.wasm";

test("a table opened while the panel's code cannot be fetched says Loading…, and opens once it can", async ({ browser }) => {
  test.setTimeout(60_000);
  // No service worker, so that every fetch of the module's files reaches the route below.
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  // Signing in lands on the overview, a lazy page of its own: let it load, then open the dashboard without them.
  await signIn(page, DEMO.pitBoss);
  await context.route(CHUNKS, (route) => route.abort("internetdisconnected"));
  await openPit(page);
  await card(page, "BJ-01").click();
  const panel = page.getByRole("dialog", { name: "Table detail" });
  await expect(panel.getByText("Loading…")).toBeVisible();
  // Long enough for the fetch to fail and be tried again.
  await page.waitForTimeout(3_000);
  await expect(panel).toHaveAttribute("aria-busy", "true");
  await expect(panel.getByTestId("detail-label")).toHaveCount(0);

  await context.unroute(CHUNKS);
  await expect(panel.getByTestId("detail-label")).toHaveText("BJ-01", { timeout: 20_000 });
  await expect(panel.locator('[data-testid="seat"]').first()).toBeVisible();
  // The page still answers: back to the tables, and the panel opens again at once.
  await panel.getByRole("button", { name: "← Back to tables" }).click();
  await expect(panel).toHaveCount(0);
  await card(page, "BJ-01").click();
  await expect(panel.getByTestId("detail-label")).toHaveText("BJ-01");
});
