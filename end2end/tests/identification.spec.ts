// Patron identification (issue 18): a cashier records what a CTR needs about a patron, a wrong SSN refused at
// its field first; the numbers are sealed before they are stored, so the database holds none of them in clear,
// and screens show their last four. A compliance officer watching the same record sees it complete without a
// reload and reveals the full numbers (audited); a pit boss does not see the section at all.
import { type Browser, type Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { sql } from "../fixtures/db";
import { DEMO, hydrated, signIn } from "../fixtures/staff";

async function signedIn(browser: Browser, who: typeof DEMO.admin): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

test("identification: the cashier records it, compliance sees it live and reveals the numbers, audited", async ({ browser }) => {
  const admin = await signedIn(browser, DEMO.admin);
  const last = `Idtest${Date.now().toString(36).replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)])}`;
  const enrolled = await admin.request.post("/api/player/enroll", {
    data: { request_id: crypto.randomUUID(), input: { first_name: "Rita", last_name: last, birth_date: null } },
  });
  expect(enrolled.ok()).toBeTruthy();
  const { id } = (await enrolled.json()) as { id: string };

  const compliance = await signedIn(browser, DEMO.compliance);
  await compliance.goto(`/players/${id}`);
  await hydrated(compliance);
  const watched = compliance.getByRole("region", { name: "Identification" });
  await expect(watched.getByTestId("identification-missing")).toContainText("Missing for a CTR");

  const cashier = await signedIn(browser, DEMO.cashier);
  await cashier.goto(`/players/${id}`);
  await hydrated(cashier);
  const section = cashier.getByRole("region", { name: "Identification" });
  await expect(section.getByRole("button", { name: /Reveal/ })).toHaveCount(0);
  await section.getByRole("button", { name: "Edit identification" }).click();
  const form = section.getByRole("form", { name: "Edit identification" });
  for (const [name, value] of [
    ["address_line", "77 Fremont St"], ["city", "Las Vegas"], ["region", "NV"], ["postal_code", "89101"],
    ["country", "US"], ["occupation", "Electrician"], ["id_issuer", "NV"], ["id_expires", "2029-05-31"],
    ["id_number", "D1234-5678"], ["tin", "12-34"],
  ]) {
    await form.locator(`input[name="${name}"]`).fill(value);
  }
  await form.locator('select[name="id_type"]').selectOption("drivers_license");
  await form.getByRole("button", { name: "Save identification" }).click();
  await expect(form.locator('[data-field-error="tin"]')).toHaveText("An SSN or TIN is 9 digits; dashes are allowed (123-45-6789).");
  await form.locator('input[name="tin"]').fill("123-45-6789");
  await form.getByRole("button", { name: "Save identification" }).click();
  await expect(section.getByTestId("identification-complete")).toBeVisible();
  await expect(section.locator('[data-fact="ID number"]')).toHaveText("•••• 5678");
  await expect(section.locator('[data-fact="SSN / TIN"]')).toHaveText("•••• 6789");

  // Sealed: neither number is anywhere in the database in clear.
  const holding = (text: string) => sql(`select (select count(*) from player_identification i where i::text like '%${text}%')
    + (select count(*) from audit_log a where coalesce(a.before::text, '') || coalesce(a.after::text, '') like '%${text}%')
    + (select count(*) from idempotent_request r where r::text like '%${text}%')`);
  expect(holding("D1234-5678")).toBe("0");
  expect(holding("123456789")).toBe("0");

  // The officer's copy completed without a reload; they reveal the numbers, and the reveal is audited.
  await expect(watched.getByTestId("identification-complete")).toBeVisible();
  await expect(watched.locator('[data-fact="ID number"]')).toHaveText("•••• 5678");
  await watched.getByRole("button", { name: "Reveal full numbers (audited)" }).click();
  await expect(watched.getByTestId("revealed-id")).toHaveText("D1234-5678");
  await expect(watched.getByTestId("revealed-tin")).toHaveText("123-45-6789");
  expect(sql(`select count(*) from audit_log where action = 'player_identification.revealed' and entity_id = '${id}'`)).toBe("1");
  await watched.getByRole("button", { name: "Hide numbers" }).click();
  await expect(watched.getByTestId("revealed-numbers")).toHaveCount(0);

  const pit = await signedIn(browser, DEMO.pitBoss);
  await pit.goto(`/players/${id}`);
  await hydrated(pit);
  await expect(pit.getByTestId("player-name")).toHaveText(`Rita ${last}`);
  await expect(pit.getByRole("region", { name: "Identification" })).toHaveCount(0);
});
