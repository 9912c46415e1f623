/* bcpgen service worker (served from the root of html/ over http/https).
   self.BCPGEN_BUILD, written by the build just above this code, names the
   build's version, every file of html/ and what the build is (版, 承認日, 指紋
   per document). One cache per build version: a new build is fetched whole
   into its own cache while the old worker keeps serving the old one; the new
   worker takes over only when no page of the old build is open (no
   skipWaiting), so a reader never sees pages of two builds. */
'use strict';
var BUILD = self.BCPGEN_BUILD;
var PREFIX = 'bcpgen-';
var CACHE = PREFIX + BUILD.version;

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    /* 'reload': past the browser's HTTP cache, so no file of an older build slips in. */
    return cache.addAll(BUILD.files.map(function (f) { return new Request(f, { cache: 'reload' }); }));
  }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf(PREFIX) === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var req = event.request;
  if (req.method !== 'GET') { return; }
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) { return; }
  var scope = new URL(self.registration.scope);
  /* The folder itself is its start page. */
  var key = url.pathname === scope.pathname ? new URL('index.html', scope).href : url.origin + url.pathname;
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(key, { ignoreSearch: true }).then(function (hit) { return hit || fetch(req); });
  }));
});

/* A page asks a worker (the one in control, or a new one waiting) which build it holds. */
self.addEventListener('message', function (event) {
  if (event.data === 'bcpgen-build' && event.ports && event.ports[0]) {
    event.ports[0].postMessage(BUILD.info);
  }
});
