// pitboss's service worker: a tablet that reloads while the Wi-Fi is down still opens the pit dashboard, with
// the floor as it last saw it and its queue of taps (kept by the page in IndexedDB, not here).
//
// Everything goes to the network first, so a tablet online always gets the current pages, code and floor;
// what the network answered is kept, and given back only when the network cannot be reached. Only pages,
// the app's own files and the reads the pit dashboard makes are kept; no action is ever answered from here.
"use strict";

const CACHE = "pitboss-offline-v1";

// The server functions that only read, and that the pit dashboard needs to draw the floor.
const READS = new Set([
  "/api/auth/me",
  "/api/table/list",
  "/api/table/detail",
  "/api/floor/seats",
  "/api/feature/flags",
  "/api/loyalty/slip_rewards",
  "/api/mtl/player_proximity",
]);

// Signing out forgets every kept page and read: the next person on this tablet sees nothing of them.
const SIGN_OUTS = new Set(["/api/auth/logout", "/api/auth/logout_everywhere"]);

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("pitboss-") && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "GET" && request.mode === "navigate") {
    // One kept copy per page: /pit?table=…&seat=… reloads from the copy of /pit (the panel is drawn in the page).
    event.respondWith(networkFirst(event, request, url.origin + url.pathname));
  } else if (request.method === "GET" && (url.pathname.startsWith("/pkg/") || url.pathname === "/manifest.webmanifest" || url.pathname.startsWith("/icons/"))) {
    event.respondWith(networkFirst(event, request, request.url));
  } else if (request.method === "POST" && READS.has(url.pathname)) {
    event.respondWith(readFirst(event, request, url));
  } else if (request.method === "POST" && SIGN_OUTS.has(url.pathname)) {
    event.respondWith(fetch(request).then(async (response) => {
      if (response.ok) await forget();
      return response;
    }));
  }
});

function keepable(response) {
  return response.ok && response.type === "basic" && !response.redirected;
}

// The same file as the kept copy (the WebAssembly is megabytes: not written again on every load).
function sameFile(kept, response) {
  const version = (r) => r.headers.get("etag") ?? r.headers.get("last-modified");
  return kept !== undefined && version(response) !== null && version(kept) === version(response);
}

// Every copy being written, so that signing out can wait for them.
const writing = new Set();

function keep(event, write) {
  const done = write.catch(() => {});
  writing.add(done);
  done.then(() => writing.delete(done));
  event.waitUntil(done);
}

// Copies of reads are written one after another, in the order their answers came: two table reads merged into
// the kept floor at once would each put back a floor without the other's table.
let inOrder = Promise.resolve();

function keepInOrder(event, write) {
  inOrder = inOrder.then(write).catch(() => {});
  keep(event, inOrder);
}

// Signing out deletes the cache once the copies still being written are in, so none lands in a new one.
async function forget() {
  while (writing.size > 0) await Promise.all(writing);
  await caches.delete(CACHE);
}

async function networkFirst(event, request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (keepable(response) && !sameFile(await cache.match(key), response)) {
      keep(event, cache.put(key, response.clone()));
    }
    return response;
  } catch (offline) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw offline;
  }
}

// A read is kept under its endpoint and body, as a GET the cache can hold. One table's seats are not given
// back from the cache: the dashboard reads them when the live stream says they changed, and an old copy
// would undo that; they update the kept whole floor instead, which a reload without a connection reads.
// The page gets the answer at once and the copy is kept after: merging a table into the kept floor parses
// and writes the whole floor (250 KB on 40 full tables), which made every live re-read wait for it.
async function readFirst(event, request, url) {
  const body = await request.clone().text();
  const key = readKey(url, body);
  const oneTable = url.pathname === "/api/floor/seats" && tableOf(body);
  try {
    const response = await fetch(request);
    if (keepable(response)) {
      const copy = response.clone();
      // Read now, not when its turn comes: a copy left unread can hold back the page's own answer.
      const bytes = copy.arrayBuffer();
      keepInOrder(event, async () => {
        const cache = await caches.open(CACHE);
        if (oneTable) await mergeIntoFloor(cache, url, JSON.parse(new TextDecoder().decode(await bytes)));
        else await cache.put(key, new Response(await bytes, { headers: copy.headers }));
      });
    }
    return response;
  } catch (offline) {
    const cache = await caches.open(CACHE);
    const kept = oneTable ? undefined : await cache.match(key);
    if (kept) return kept;
    throw offline;
  }
}

function readKey(url, body) {
  return `${url.origin}/offline-read${url.pathname}?${encodeURIComponent(body)}`;
}

function tableOf(body) {
  try {
    return JSON.parse(body).table_id ?? null;
  } catch {
    return null;
  }
}

// The dashboard reads the whole floor once, then one table at a time as the live stream tells it what
// changed: each table read also updates the kept whole floor, so the floor shown offline is the latest seen.
async function mergeIntoFloor(cache, url, fresh) {
  const floorKey = readKey(url, JSON.stringify({ table_id: null }));
  const floor = await cache.match(floorKey);
  if (!floor) return;
  const tables = await floor.json();
  const merged = tables.map((kept) => fresh.find((f) => f.table_id === kept.table_id) ?? kept);
  await cache.put(floorKey, new Response(JSON.stringify(merged), { headers: { "content-type": "application/json" } }));
}
