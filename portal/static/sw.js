// Onward's service worker: a young person's own pages open offline after one visit, with a
// line saying when they were saved. Staff pages and everything else always go to the network.
"use strict";
var PAGES = "onward-pages-v1";
// The server fills these in, so that a new stylesheet means a new worker and a fresh cache.
var ASSETS = "onward-assets-__VERSION__";
var PRECACHE = __PRECACHE__;
var OFFLINE_PAGE = "/offline";
var MARKER = "<!--offline-note-->";

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(ASSETS).then(function (cache) { return cache.addAll(PRECACHE); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) { return key !== PAGES && key !== ASSETS; })
        .map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function isOwnPage(url) {
  return url.origin === self.location.origin &&
    (url.pathname === "/home" || url.pathname === "/offer" || url.pathname.indexOf("/my/") === 0);
}

function isAsset(url) {
  return url.origin === self.location.origin && url.pathname.indexOf("/assets/") === 0;
}

// "Sunday 22 November 2026 at 2:20pm", as GOV.UK writes dates and times.
function savedOn(date) {
  var day = new Intl.DateTimeFormat("en-GB", {
    weekday: "long", day: "numeric", month: "long", year: "numeric"
  }).format(date).replace(",", "");
  var hours = date.getHours();
  var minutes = String(date.getMinutes()).padStart(2, "0");
  var time = (hours % 12 || 12) + ":" + minutes + (hours < 12 ? "am" : "pm");
  return day + " at " + time;
}

function fromCache(request) {
  return caches.open(PAGES).then(function (cache) { return cache.match(request); }).then(function (saved) {
    if (!saved) {
      return caches.match(OFFLINE_PAGE);
    }
    var when = new Date(saved.headers.get("x-onward-saved-at") || Date.now());
    return saved.text().then(function (html) {
      var note = '<div class="offline-banner" role="status">You are offline. This page was saved on ' +
        savedOn(when) + ".</div>";
      // Signing out needs the network, so a saved copy does not offer it.
      var page = html.replace(MARKER, note).replace(/<!--online-only-->[\s\S]*?<!--\/online-only-->/g, "");
      return new Response(page, {
        headers: { "content-type": "text/html; charset=utf-8" }
      });
    });
  });
}

function saveCopy(request, response) {
  return response.clone().text().then(function (html) {
    var headers = new Headers(response.headers);
    headers.set("x-onward-saved-at", new Date().toISOString());
    return caches.open(PAGES).then(function (cache) {
      return cache.put(request, new Response(html, { status: 200, headers: headers }));
    });
  });
}

// A page asks to be saved when it first loads, before this worker was controlling it, so
// that the page a young person lands on after signing in opens offline too.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "save-page" || typeof data.path !== "string") { return; }
  var url = new URL(data.path, self.location.origin);
  if (!isOwnPage(url)) { return; }
  var request = new Request(url.href, { credentials: "same-origin" });
  event.waitUntil(
    fetch(request).then(function (response) {
      if (response.ok && !response.redirected) { return saveCopy(request, response); }
    }).catch(function () {})
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (request.mode === "navigate" && isOwnPage(url)) {
    event.respondWith(
      fetch(request).then(function (response) {
        // Only a signed-in page is worth keeping; a redirect to sign in is not.
        if (response.ok && !response.redirected) {
          event.waitUntil(saveCopy(request, response));
        }
        return response;
      }).catch(function () { return fromCache(request); })
    );
    return;
  }
  if (isAsset(url)) {
    event.respondWith(
      caches.open(ASSETS).then(function (cache) {
        return cache.match(request).then(function (hit) {
          return hit || fetch(request).then(function (response) {
            if (response.ok) { cache.put(request, response.clone()); }
            return response;
          });
        });
      })
    );
  }
});
