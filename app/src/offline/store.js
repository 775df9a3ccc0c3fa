// The tablet's queue of actions made while the server could not be reached, in IndexedDB so a reload or a
// closed tab keeps it. Each record is {seq, staff, json}; seq orders them as they were tapped.
const DB = "pitboss";
const STORE = "outbox";

let opened = null;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function db() {
  if (!opened) {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "seq" });
    opened = request(req);
  }
  return opened;
}

async function store(mode) {
  return (await db()).transaction(STORE, mode).objectStore(STORE);
}

// Every queued action of `staff`, oldest first, as JSON texts.
export async function outboxLoad(staff) {
  const all = await request((await store("readonly")).getAll());
  return all.filter((row) => row.staff === staff).map((row) => row.json);
}

export async function outboxPut(seq, staff, json) {
  const tx = (await db()).transaction(STORE, "readwrite");
  tx.objectStore(STORE).put({ seq, staff, json });
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export async function outboxDelete(seq) {
  await request((await store("readwrite")).delete(seq));
}

// The service worker's cache (public/sw.js keeps pages and reads there under the same name).
const PAGES = "pitboss-offline-v1";

// Installs the service worker that lets a tablet reload offline; browsers without one (plain HTTP on a
// floor network) simply go without.
export function registerWorker() {
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => {});
}

// Keeps a copy of the page at `path`, and of the whole floor, for a reload without a connection, unless they
// are kept already: every load of the page and every floor read through the worker renews them. Pages
// reached inside the app are never loaded as documents, so the worker would not see them otherwise.
export async function keepPage(path) {
  if (!("caches" in self) || !("serviceWorker" in navigator)) return;
  await navigator.serviceWorker.ready;
  // Just installed: the worker takes this page over (clients.claim) a moment after it is ready.
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) => {
      navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true });
      setTimeout(resolve, 10_000);
    });
  }
  if (!navigator.serviceWorker.controller) return;
  const cache = await caches.open(PAGES);
  if (!(await cache.match(location.origin + path))) {
    const page = await fetch(path, { credentials: "same-origin" });
    if (page.ok && !page.redirected) await cache.put(location.origin + path, page);
  }
  const floor = JSON.stringify({ table_id: null });
  // The key public/sw.js keeps reads under.
  if (!(await cache.match(`${location.origin}/offline-read/api/floor/seats?${encodeURIComponent(floor)}`))) {
    // Through the worker, which keeps it; later reads of one table update that copy.
    await fetch("/api/floor/seats", { method: "POST", headers: { "content-type": "application/json" }, body: floor });
  }
}
