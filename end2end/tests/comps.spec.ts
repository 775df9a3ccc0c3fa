// US-016, comps within and beyond a pit boss's authority. A pit boss writes a comp from the catalog within
// their limit on a player's page: the balance drops at once. They write one beyond it: it shows as waiting
// for approval and the balance stays. An admin, watching the approval queue in another browser, sees it
// arrive without a reload and approves it; the pit boss's page follows on its own.
import { type Browser, type Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { sql } from "../fixtures/db";
import { DEMO, type Login, addStaff, hydrated, signIn } from "../fixtures/staff";

async function signedIn(browser: Browser, who: Login): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

test("US-016: a comp within authority at once, one beyond it approved live by an admin", async ({ browser }) => {
  const admin = await signedIn(browser, DEMO.admin);
  const last = `Comp${Date.now().toString(36).replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)])}`;
  const enrolled = await admin.request.post("/api/player/enroll", {
    data: { request_id: crypto.randomUUID(), input: { first_name: "Lena", last_name: last, birth_date: "1971-03-09" } },
  });
  expect(enrolled.ok()).toBeTruthy();
  const { id } = (await enrolled.json()) as { id: string };
  const credit = await admin.request.post("/api/loyalty/adjust", {
    data: { request_id: crypto.randomUUID(),
            input: { player_id: id, reason: "manual_adjustment", points: 1500, note: "Carried over", corrects_id: null } },
  });
  expect(credit.ok()).toBeTruthy();

  // The admin watches the queue from before anything is asked.
  await admin.goto("/comps");
  await hydrated(admin);
  await expect(admin.getByTestId("authority")).toContainText("No limit.");

  // A pit boss of their own (a fresh account, so the shift's authority is all theirs: 500 a comp).
  const boss = await signedIn(browser, addStaff("pit-boss"));
  await boss.goto(`/players/${id}`);
  await hydrated(boss);
  const balance = boss.getByTestId("player-facts");
  await expect(balance).toContainText("1,500 points");
  const form = boss.getByRole("form", { name: "Write a comp" });
  await form.getByRole("button", { name: /Buffet for one/ }).click();
  await form.getByRole("button", { name: "Write comp" }).click();
  const outcome = boss.getByTestId("comp-outcome");
  await expect(outcome).toHaveAttribute("data-status", "approved");
  await expect(outcome).toContainText("Balance now 1,250 points");
  await expect(balance).toContainText("1,250 points");
  await expect(boss.locator('[data-testid="ledger-entry"][data-reason="redemption"]')).toContainText("Buffet for one");

  // 600 points: beyond the 500 a pit boss may give in one comp.
  await form.getByRole("button", { name: /Free-form/ }).click();
  await form.locator('input[name="points"]').fill("600");
  await form.locator('input[name="note"]').fill("Show tickets");
  await form.getByRole("button", { name: "Write comp" }).click();
  await expect(outcome).toHaveAttribute("data-status", "pending");
  await expect(outcome).toContainText("waits for a supervisor's approval");
  const waiting = boss.locator('[data-testid="pending-request"][data-points="-600"]');
  await expect(waiting).toBeVisible();
  await expect(balance).toContainText("1,250 points");

  // Live: it arrives in the admin's queue, who approves it.
  const queued = admin.locator('[data-testid="queued-request"][data-points="-600"]').filter({ hasText: last });
  await expect(queued).toBeVisible();
  await queued.getByRole("button", { name: "Approve" }).click();
  await expect(queued).toHaveCount(0);

  // The pit boss's page follows without a reload: the balance drops, nothing waits.
  await expect(balance).toContainText("650 points");
  await expect(waiting).toHaveCount(0);
  const row = boss.locator('[data-testid="ledger-entry"][data-reason="redemption"][data-points="-600"]');
  await expect(row).toContainText("Show tickets");
  await row.getByRole("link", { name: /Show tickets/ }).click();
  await hydrated(boss);
  await expect(boss.getByTestId("comp-slip")).toHaveAttribute("data-status", "approved");
  await expect(boss.getByTestId("comp-slip")).toContainText("Approved by Avery Quinn");

  // In the database: two comps, the second counted against the admin's authority, not the pit boss's.
  expect(sql(`select count(*) from loyalty_ledger where player_id = '${id}' and reason = 'redemption'`)).toBe("2");
  expect(sql(`select s.first_name from loyalty_ledger l join staff s on s.id = l.authorized_by
              where l.player_id = '${id}' and l.points = -600`)).toBe("Avery");
  expect(sql(`select count(*) from audit_log where action = 'loyalty_request.approved'
              and entity_id = (select id from loyalty_request where player_id = '${id}' and points = -600)`)).toBe("1");
});

test("an admin adds a comp to the catalog and corrects a ledger entry from the player's page", async ({ browser }) => {
  const admin = await signedIn(browser, DEMO.admin);
  await admin.goto("/settings");
  await hydrated(admin);
  const name = `Champagne ${Date.now().toString(36)}`;
  const item = admin.getByRole("form", { name: "Comp item" });
  await item.locator('input[name="name"]').fill(name);
  await item.getByRole("button", { name: "Beverage" }).click();
  await item.locator('input[name="point_cost"]').fill("0");
  await item.getByRole("button", { name: "Save comp" }).click();
  await expect(item.locator('[data-field-error="point_cost"]')).toBeVisible();
  await item.locator('input[name="point_cost"]').fill("800");
  await item.getByRole("button", { name: "Save comp" }).click();
  await expect(admin.locator('[data-testid="comp-item"]').filter({ hasText: name })).toContainText("Beverage · 800 pts");

  const last = `Fix${Date.now().toString(36).replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)])}`;
  const enrolled = await admin.request.post("/api/player/enroll", {
    data: { request_id: crypto.randomUUID(), input: { first_name: "Ines", last_name: last, birth_date: null } },
  });
  const { id } = (await enrolled.json()) as { id: string };
  await admin.request.post("/api/loyalty/adjust", {
    data: { request_id: crypto.randomUUID(),
            input: { player_id: id, reason: "manual_adjustment", points: 1500, note: "Carried over", corrects_id: null } },
  });
  await admin.goto(`/players/${id}`);
  await hydrated(admin);
  await expect(admin.getByTestId("player-facts")).toContainText("1,500 points");
  await admin.locator('[data-testid="ledger-entry"][data-reason="manual_adjustment"]').getByRole("link", { name: "Correct" }).click();
  const adjust = admin.getByRole("form", { name: "Adjust points" });
  await expect(adjust.getByTestId("adjust-kind")).toContainText("Correction of the ledger's Manual adjustment of 1,500 points");
  await adjust.locator('input[name="points"]').fill("-500");
  await adjust.locator('input[name="note"]').fill("Keyed 1,500 for 1,000");
  await adjust.getByRole("button", { name: "Save adjustment" }).click();
  await expect(adjust.getByTestId("adjust-outcome")).toContainText("Balance now 1,000 points");
  await expect(admin.getByTestId("player-facts")).toContainText("1,000 points");
  expect(sql(`select count(*) from loyalty_ledger where player_id = '${id}' and reason = 'correction'
              and corrects_id is not null`)).toBe("1");
});
