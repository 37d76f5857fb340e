// Onboard's service worker (written by `cargo xtask page`, xtask/src/main.rs, for one build).
// After the first visit the app loads and works with the network off.
const VERSION = "__VERSION__";
const CACHE = "onboard-" + VERSION;
const FILES = [__FILES__];
const scope = new URL(self.registration.scope);
const url = (f) => new URL(f, scope).toString();

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((c) => c.addAll(FILES.map(url).concat([scope.toString()])))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("onboard-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || !req.url.startsWith(scope.origin)) return;
  if (req.mode === "navigate") {
    // Pages: the network first (a new deployment shows), the cached app offline.
    event.respondWith(
      fetch(req).catch(() => caches.match(url("index.html"), { ignoreSearch: true })),
    );
    return;
  }
  // Hashed assets never change: the cache first.
  event.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
});
