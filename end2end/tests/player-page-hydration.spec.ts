// The player page hydrates for every role, for a player enrolled a moment ago as for one with history: its
// sections read their own records, and a resource created inside another's boundary was numbered differently
// by the server and the browser, which left the page dead (no click did anything) for some roles and players.
import { expect, test } from "../fixtures/test";
import { DEMO, hydrated, signIn } from "../fixtures/staff";

test("the player page hydrates for every role, for a new player and an old one", async ({ browser }) => {
  // Four sign-ins and eight loads of the player page's code in fresh browsers: 29–33 s on the reference
  // machine's debug build, over the 30 s a story gets by default.
  test.slow();
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  const enrolled = await admin.request.post("/api/player/enroll", {
    data: { request_id: crypto.randomUUID(), input: { first_name: "Nora", last_name: "Hydrate", birth_date: null } },
  });
  expect(enrolled.ok()).toBeTruthy();
  const { id: fresh } = (await enrolled.json()) as { id: string };
  const found = await admin.request.post("/api/player/search", { data: { query: "fischer" } });
  const [{ id: old }] = (await found.json()) as { id: string }[];
  for (const who of [DEMO.admin, DEMO.compliance, DEMO.cashier, DEMO.pitBoss]) {
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text().slice(0, 300)));
    page.on("pageerror", (e) => errors.push(e.message.slice(0, 300)));
    await signIn(page, who);
    for (const id of [fresh, old]) {
      await page.goto(`/players/${id}`);
      await hydrated(page);
      await expect(page.getByRole("region", { name: "Session history" })).toBeVisible();
      expect(errors, `${who.role} on /players/${id}`).toEqual([]);
    }
    await page.context().close();
  }
});
