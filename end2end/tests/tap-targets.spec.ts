// Tablet ergonomics (issue 20): on a 10-inch tablet held upright (768×1024) and on a desktop (1280×800), every
// page a role can open has tap targets of at least 44×44 CSS px and no horizontal scroll. Each view is walked
// as its users see it; the offenders are listed by page, so a failure says what to fix.
import { type Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { DEMO, hydrated, signIn } from "../fixtures/staff";
import { openPit, openTable } from "../fixtures/pit";

const MIN = 44;

/** How many visible controls the page has, and those smaller than MIN in either direction, described. */
async function smallTargets(page: Page): Promise<{ measured: number; small: string[] }> {
  return page.evaluate((min) => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"]';
    const found: string[] = [];
    let measured = 0;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      let box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      // A checkbox or radio is tapped through its label.
      if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
        const label = el.closest("label") ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
        if (label) box = label.getBoundingClientRect();
      }
      measured += 1;
      if (box.width < min || box.height < min) {
        const name = (el.getAttribute("aria-label") ?? el.textContent ?? el.getAttribute("name") ?? "").trim().slice(0, 40);
        found.push(`<${el.tagName.toLowerCase()}> "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return { measured, small: found };
  }, Number(process.env.E2E_MIN_TAP ?? MIN));
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** A page in a known state: where to go and what to do there before measuring. */
type View = { name: string; open: (page: Page) => Promise<void> };

async function visit(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
}

const views: View[] = [
  { name: "overview", open: (page) => visit(page, "/") },
  { name: "pit", open: openPit },
  {
    name: "pit, table and rated seat open",
    open: async (page) => {
      await openPit(page);
      await openTable(page, "BJ-01");
      const rated = page.getByRole("dialog").locator('[data-testid="seat"][data-state="rating"]').first();
      await rated.click();
      await expect(page.getByRole("dialog").getByRole("button", { name: "Pause", exact: true })).toBeVisible();
    },
  },
  { name: "players", open: (page) => visit(page, "/players") },
  {
    name: "player detail",
    open: async (page) => {
      await visit(page, "/players");
      await page.getByLabel(/search/i).first().fill("gonzalez");
      await page.getByRole("link", { name: /Maria Gonzalez/ }).first().click();
      await expect(page).toHaveURL(/\/players\/[0-9a-f-]{36}$/);
      await expect(page.getByTestId("player-name")).toHaveText("Maria Gonzalez");
      await expect(page.getByRole("form", { name: "Write a comp" }).getByRole("button", { name: /Buffet/ })).toBeVisible();
    },
  },
  {
    name: "comps",
    open: async (page) => {
      await visit(page, "/comps");
      await expect(page.getByTestId("authority")).toBeVisible();
    },
  },
  { name: "accounting", open: (page) => visit(page, "/accounting") },
  { name: "compliance", open: (page) => visit(page, "/compliance") },
  {
    name: "audit log",
    open: async (page) => {
      await visit(page, "/audit");
      await expect(page.getByTestId("audit-row").first()).toBeVisible();
    },
  },
  { name: "staff", open: (page) => visit(page, "/staff") },
  { name: "games", open: (page) => visit(page, "/games") },
  { name: "settings", open: (page) => visit(page, "/settings") },
];

for (const [width, height] of [[768, 1024], [1280, 800]]) {
  test(`every tap target is at least 44×44 px at ${width}×${height}, with no horizontal scroll`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
    const offenders: string[] = [];
    const counts: string[] = [];
    const measure = async (name: string) => {
      const { measured, small } = await smallTargets(page);
      // A page with nothing to measure means the walk went wrong, not that the page is fine.
      expect(measured, `${name}: controls measured`).toBeGreaterThan(0);
      counts.push(`${name} ${measured}`);
      for (const target of small) offenders.push(`${name}: ${target}`);
      const overflow = await horizontalOverflow(page);
      if (overflow > 0) offenders.push(`${name}: scrolls sideways by ${overflow} px`);
    };
    await visit(page, "/login");
    await measure("sign-in");
    await signIn(page, DEMO.admin);
    for (const view of views) {
      await view.open(page);
      await measure(view.name);
    }
    console.log(`${width}×${height}: controls measured: ${counts.join(", ")}; ${offenders.length} too small or overflowing${offenders.map((o) => `\n  ${o}`).join("")}`);
    expect(offenders).toEqual([]);
  });
}
