// US-009: compliance flags a player barred from the player page; a pit boss trying to seat them is refused
// with a clear message, and the seat stays empty on every dashboard. Lifting the flag lets them play again.
import { type Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { DEMO, hydrated, signIn } from "../fixtures/staff";
import { ensureStatus, freeSeat, pitBoss, seatAndRate, seatDot } from "../fixtures/pit";

/** The id of the player `search` finds, with any flag an earlier run left in force lifted. */
async function unflagged(page: Page, search: string): Promise<string> {
  const found = await page.request.post("/api/player/search", { data: { query: search } });
  expect(found.ok()).toBeTruthy();
  const [player] = (await found.json()) as { id: string }[];
  const listed = await page.request.post("/api/player/exclusions", { data: { player_id: player.id } });
  expect(listed.ok()).toBeTruthy();
  for (const flag of (await listed.json()) as { id: string; lifted_at: string | null }[]) {
    if (flag.lifted_at) continue;
    const lifted = await page.request.post("/api/player/lift_exclusion", {
      data: { request_id: crypto.randomUUID(), exclusion_id: flag.id, reason: "Reset by the story" },
    });
    expect(lifted.ok()).toBeTruthy();
  }
  return player.id;
}

test("US-009: a barred player cannot be seated, with a clear message, until the flag is lifted", async ({ browser }) => {
  const compliance = await (await browser.newContext()).newPage();
  await signIn(compliance, DEMO.compliance);
  const playerId = await unflagged(compliance, "fischer");
  const a = await pitBoss(browser, DEMO.pitBoss);
  const b = await pitBoss(browser, DEMO.pitBoss2);
  await ensureStatus(a, "CR-01", "active");
  await freeSeat(a, "CR-01", 3, "Paul Fischer");

  await compliance.goto(`/players/${playerId}`);
  await hydrated(compliance);
  const section = compliance.getByRole("region", { name: "Exclusions" });
  const form = section.getByRole("form", { name: "Flag the player" });
  await form.getByRole("button", { name: "Barred", exact: true }).click();
  await form.getByLabel("Reason").fill("Past-posting at CR-01");
  await form.getByRole("button", { name: "Set flag" }).click();
  const flag = section.locator('[data-testid="exclusion"][data-kind="barred"][data-lifted="false"]');
  await expect(flag).toContainText("Past-posting at CR-01");

  await seatAndRate(a, "CR-01", 3, "fischer", "Paul Fischer");
  await expect(a.getByRole("dialog").getByRole("alert").filter({ hasText: "barred or self-excluded" })).toBeVisible();
  await expect(a.getByRole("dialog").locator('[data-testid="seat"][data-seat="3"]')).toHaveAttribute("data-state", "empty");
  await expect(b.locator(seatDot("CR-01", 3))).toHaveAttribute("data-state", "empty");

  await flag.getByLabel("Why lift it").fill("Cleared after review");
  await flag.getByRole("button", { name: "Lift", exact: true }).click();
  await flag.getByRole("button", { name: "Confirm: lift the flag" }).click();
  await expect(section.locator('[data-testid="exclusion"][data-kind="barred"]').first()).toHaveAttribute("data-lifted", "true");
  await expect(section.locator('[data-testid="exclusion"]').first()).toContainText("Cleared after review");
});
