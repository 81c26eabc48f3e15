/* Parley's service worker: plain JavaScript, served as-is from /sw.js.
 *
 * - App shell (offline page + icons) precached at install.
 * - /_next/static/ is content-hashed, so cache-first is safe and fast.
 * - Page navigations go to the network; when it is gone, the offline page shows.
 *   Pages are never stored: they carry the signed-in user's data, and a stale
 *   chat page is no use without its live connection anyway.
 * - /api/, /socket.io/ and secret rooms (/s/) are never touched (private, live, or both).
 * - Web push: shows the notification; a click focuses or opens its conversation.
 *
 * Bump VERSION when SHELL changes: the old caches are deleted on activate.
 */
const VERSION = "parley-v2";
const SHELL_CACHE = `${VERSION}-shell`;
const STATIC_CACHE = `${VERSION}-static`;
const OFFLINE_URL = "/offline.html";
const SHELL = [OFFLINE_URL, "/offline.js", "/icons/icon-192.png", "/icons/icon-512.png", "/icons/icon-maskable-512.png", "/icons/badge-96.png"];
/** Old builds' chunks pile up across deploys; keep the newest few hundred. */
const STATIC_LIMIT = 300;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith("parley-") && !name.startsWith(`${VERSION}-`)).map((name) => caches.delete(name)));
      if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/socket.io/")) return;
  // Secret rooms: not even the offline page stands in; nothing of them passes through here.
  if (url.pathname.startsWith("/s/")) return;

  if (request.mode === "navigate") {
    event.respondWith(networkOrOfflinePage(event));
  } else if (url.pathname.startsWith("/_next/static/")) {
    event.respondWith(cacheFirst(request, STATIC_CACHE, event));
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(cacheFirst(request, SHELL_CACHE, event));
  }
});

async function networkOrOfflinePage(event) {
  try {
    const preloaded = await event.preloadResponse;
    if (preloaded) return preloaded;
    return await fetch(event.request);
  } catch {
    const offline = await caches.match(OFFLINE_URL);
    return offline || new Response("Parley is offline.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

async function cacheFirst(request, cacheName, event) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    const copy = response.clone();
    event.waitUntil(cache.put(request, copy).then(() => (cacheName === STATIC_CACHE ? trim(cache) : undefined)));
  }
  return response;
}

async function trim(cache) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - STATIC_LIMIT)).map((key) => cache.delete(key)));
}

/** Only paths on this origin: a payload can never send the user elsewhere. */
function sameOriginUrl(value) {
  try {
    const url = new URL(typeof value === "string" && value ? value : "/", self.location.origin);
    return url.origin === self.location.origin ? url.href : `${self.location.origin}/`;
  } catch {
    return `${self.location.origin}/`;
  }
}

/* Payload (lib/shared/schemas/push.ts PushPayload): { title, body, url, roomId?, tag? } */
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : "" };
  }
  const options = {
    body: typeof data.body === "string" ? data.body : "",
    icon: "/icons/icon-192.png",
    badge: "/icons/badge-96.png",
    data: { url: sameOriginUrl(data.url) },
  };
  if (typeof data.tag === "string" && data.tag) {
    options.tag = data.tag;
    options.renotify = true;
  }
  const title = typeof data.title === "string" && data.title ? data.title : "Parley";
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = sameOriginUrl(event.notification.data?.url);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const exact = windows.find((client) => client.url === target);
      if (exact) return exact.focus();
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) {
        // Focus first: it is only allowed while the click is fresh.
        const focused = await open.focus();
        // navigate() only works on windows this worker controls; otherwise open a new one.
        return focused.navigate(target).catch(() => self.clients.openWindow(target));
      }
      return self.clients.openWindow(target);
    })(),
  );
});

/* The browser replaced the subscription (key rotation, expiry): re-register it with the server. */
self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil(
    (async () => {
      const { publicKey } = await fetch("/api/push").then((r) => r.json());
      const subscription = event.newSubscription || (await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey }));
      const send = (method, body) =>
        fetch("/api/push", { method, credentials: "same-origin", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      await send("POST", subscription.toJSON());
      if (event.oldSubscription && event.oldSubscription.endpoint !== subscription.endpoint) {
        await send("DELETE", { endpoint: event.oldSubscription.endpoint });
      }
    })(),
  );
});
