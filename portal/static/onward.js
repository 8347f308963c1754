// Onward's only script. Everything works without it; it adds offline reading of a young
// person's own pages, moves focus to an error summary, and clears saved pages on sign-out.
(function () {
  "use strict";
  var body = document.body;
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
    var hint = document.querySelector("[data-print-hint]");
    if (hint) { hint.hidden = true; }
  }
  if (!("serviceWorker" in navigator)) { return; }
  if (body.hasAttribute("data-signed-out")) {
    if (window.caches) {
      caches.keys().then(function (keys) { keys.forEach(function (key) { caches.delete(key); }); });
    }
    return;
  }
  if (body.hasAttribute("data-offline-ready")) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    // On the first visit this page loaded before the worker could see it: ask it to save it.
    if (!navigator.serviceWorker.controller) {
      navigator.serviceWorker.ready.then(function (registration) {
        if (registration.active) {
          registration.active.postMessage({ type: "save-page", path: location.pathname });
        }
      });
    }
  }
})();
