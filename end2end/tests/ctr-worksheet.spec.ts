// US-015, the compliance officer's CTR from start to filing. A cashier takes $10,500 in cash from a patron at
// the cage; the compliance officer, watching the compliance page in another browser, sees the CTR alert arrive
// without a reload and acknowledges it. The patron's worksheet is listed incomplete; with the printable
// worksheet open in one tab, the officer completes the patron's identification in another, and the worksheet
// turns complete there on its own. The officer downloads the day's CSV (the patron's row, totals and no field
// missing), marks the CTR filed on the worksheet (audited), and it leaves the unfiled list.
import { readFileSync } from "node:fs";
import { type Browser, type Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { sql } from "../fixtures/db";
import { DEMO, hydrated, signIn } from "../fixtures/staff";

async function signedIn(browser: Browser, who: typeof DEMO.admin): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

test("US-015: cash past the CTR threshold, alert, acknowledgement, identification completed, CSV, filed", async ({ browser }) => {
  const admin = await signedIn(browser, DEMO.admin);
  const flag = await admin.request.post("/api/feature/set_flag", {
    data: { request_id: crypto.randomUUID(), flag: "finance_minimal_enabled", enabled: true },
  });
  expect(flag.ok()).toBeTruthy();
  const last = `Ctr${Date.now().toString(36).replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)])}`;
  const enrolled = await admin.request.post("/api/player/enroll", {
    data: { request_id: crypto.randomUUID(), input: { first_name: "Vera", last_name: last, birth_date: "1968-07-14" } },
  });
  expect(enrolled.ok()).toBeTruthy();
  const { id } = (await enrolled.json()) as { id: string };

  // The officer watches the compliance page from before the cash arrives.
  const officer = await signedIn(browser, DEMO.compliance);
  await officer.goto("/compliance");
  await hydrated(officer);
  const alert = officer.locator(`[data-testid="threshold-alert"][data-player="${id}"][data-level="ctr"]`);
  await expect(officer.getByRole("region", { name: "CTR worksheets" })).toBeVisible();
  await expect(alert).toHaveCount(0);

  const cashier = await signedIn(browser, DEMO.cashier);
  await cashier.goto("/accounting");
  await hydrated(cashier);
  await cashier.getByLabel("Find the player").fill(last);
  await cashier.getByRole("button", { name: `Vera ${last}` }).click();
  const form = cashier.getByRole("form", { name: "Record a deposit or withdrawal" });
  await form.getByRole("button", { name: "Deposit (cash in)" }).click();
  await form.getByLabel("Amount ($)").fill("10,500");
  await expect(form.getByTestId("cash-cue-reached")).toHaveAttribute("data-level", "ctr");
  await form.getByRole("button", { name: "Record entry" }).click();
  await expect(form.getByLabel("Amount ($)")).toHaveValue("");

  // Live: the alert arrives, and the officer acknowledges it.
  await expect(alert).toHaveAttribute("data-state", "waiting");
  await alert.getByRole("button", { name: "Acknowledge" }).click();
  await expect(alert).toContainText("Acknowledged by Casey Ortiz");
  const listed = officer.locator(`[data-testid="ctr-worksheet"][data-player="${id}"]`);
  await expect(listed).toHaveAttribute("data-state", "incomplete");
  await expect(listed).toContainText("Missing: street address");
  await expect(officer.locator(`[data-testid="unfiled-ctr"][data-player="${id}"]`)).toHaveAttribute("data-urgent", "false");

  // The worksheet in one tab; the patron's identification completed in another turns it complete live.
  await listed.getByRole("link").click();
  await expect(officer).toHaveURL(new RegExp(`/compliance/ctr/\\d{4}-\\d{2}-\\d{2}/${id}$`));
  await hydrated(officer);
  const sheet = officer.getByTestId("ctr-sheet");
  await expect(sheet).toHaveAttribute("data-state", "incomplete");
  await expect(sheet.getByTestId("ctr-transaction")).toHaveCount(1);
  await expect(sheet).toContainText("Demo Casino Operating Company LLC");
  const patron = await officer.context().newPage();
  await patron.goto(`/players/${id}`);
  await hydrated(patron);
  const section = patron.getByRole("region", { name: "Identification" });
  await section.getByRole("button", { name: "Edit identification" }).click();
  const edit = section.getByRole("form", { name: "Edit identification" });
  for (const [name, value] of [
    ["address_line", "12 Desert Rd"], ["city", "Henderson"], ["region", "NV"], ["postal_code", "89002"],
    ["country", "US"], ["occupation", "Architect"], ["id_issuer", "NV"], ["id_expires", "2030-02-28"],
    ["id_number", "N9988-7766"], ["tin", "987-65-4321"],
  ]) {
    await edit.locator(`input[name="${name}"]`).fill(value);
  }
  await edit.locator('select[name="id_type"]').selectOption("drivers_license");
  await edit.getByRole("button", { name: "Save identification" }).click();
  await expect(section.getByTestId("identification-complete")).toBeVisible();
  await expect(sheet).toHaveAttribute("data-state", "complete");
  await expect(officer.getByTestId("ctr-missing")).toHaveCount(0);
  await expect(sheet).toContainText("number ending 7766");

  // The day's CSV: the patron's row with the totals, nothing missing, numbers by their last four only.
  await patron.goto("/compliance");
  await hydrated(patron);
  const downloading = patron.waitForEvent("download");
  await patron.getByTestId("ctr-csv").click();
  const csv = readFileSync(await (await downloading).path(), "utf8");
  const [header, ...rows] = csv.trim().split("\r\n");
  expect(header.split(",").slice(0, 3)).toEqual(["gaming_day", "due_on", "filer_legal_name"]);
  const row = rows.find((r) => r.includes(`"${last}","Vera",1968-07-14`));
  expect(row, csv).toBeTruthy();
  expect(row).toContain(',"Architect","Driver\'s licence","NV","7766",2030-02-28,"4321",10500.00,0.00,1,0,"",,""');
  expect(csv).not.toContain("987654321");
  expect(csv).not.toContain("N9988-7766");
  const gamingDay = row!.slice(0, 10);

  // Marked filed on the worksheet: recorded once, audited, and off the unfiled list.
  const filing = officer.getByRole("form", { name: "Mark filed" });
  await filing.locator('input[name="filed_on"]').fill(gamingDay);
  await filing.locator('input[name="reference"]').fill("31000555000777");
  await filing.getByRole("button", { name: "Mark filed" }).click();
  await expect(officer.getByTestId("ctr-filed")).toContainText("by Casey Ortiz · BSA ID 31000555000777");
  await expect(sheet).toHaveAttribute("data-state", "filed");
  expect(sql(`select count(*) from ctr_filing where player_id = '${id}' and filed_on = '${gamingDay}'`)).toBe("1");
  expect(sql(`select count(*) from audit_log where action = 'ctr_filing.filed' and after ->> 'player_id' = '${id}'`)).toBe("1");
  await expect(patron.locator(`[data-testid="ctr-worksheet"][data-player="${id}"]`)).toHaveAttribute("data-state", "filed");
  await expect(patron.locator(`[data-testid="unfiled-ctr"][data-player="${id}"]`)).toHaveCount(0);
});
