// Offline reading: a young person's own pages open with no signal after a visit, with a line
// saying when they were saved; a page never opened shows the offline page; signing out
// removes the saved copies.
"use strict";
const assert = require("node:assert/strict");
const { after, before, describe, test } = require("node:test");
const {
  PHONE, startServerAndBrowser, newContext, expectNoAxeViolations, expectTitleAndHeading, screenshot, waitInPage,
} = require("../lib/browser");
const { signInYoungPerson, signOut } = require("../lib/journeys");

const BANNER = /^You are offline\. This page was saved on .+\.$/;

describe("offline", () => {
  let server;
  let browser;
  const requests = [];
  let context;
  let page;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
    context = await newContext(browser, { viewport: PHONE, requests });
    page = await context.newPage();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  /** Wait until this page's own copy of `path` is in the service worker's saved pages. */
  function waitForSavedCopy(path) {
    return waitInPage(page, async (path) => {
      for (const key of await caches.keys()) {
        if (await (await caches.open(key)).match(path)) return true;
      }
      return false;
    }, path);
  }

  async function bannerText() {
    const banner = page.locator("main .offline-banner");
    assert.equal(await banner.count(), 1, `one offline banner on ${page.url()}`);
    assert.equal(await banner.getAttribute("role"), "status");
    return (await banner.innerText()).trim();
  }

  async function goOffline(path) {
    const response = await page.goto(server.origin + path);
    assert.ok(response.fromServiceWorker(), `${path} came from the service worker`);
    return response;
  }

  test("a young person's pages are saved once the service worker is in charge", async () => {
    await signInYoungPerson(page, server, "jess@example.org");
    // The first page registers the worker; wait until it is active and controls the page.
    await waitInPage(page, async () => {
      const registration = await navigator.serviceWorker.ready;
      return registration.active && registration.active.state === "activated" && navigator.serviceWorker.controller !== null;
    });
    for (const path of ["/home", "/my/workers"]) {
      await page.goto(server.origin + path);
      await waitForSavedCopy(path);
    }
  });

  test("offline, /home and /my/workers show the saved copy with a note saying when it was saved", async () => {
    await context.setOffline(true);
    await goOffline("/home");
    await expectTitleAndHeading(page, "Your home page – Onward", "Hello, Jess");
    assert.match(await bannerText(), BANNER);
    assert.equal(await page.locator("main a[href='/my/workers']").count(), 1);
    assert.equal(await page.locator("main a[href='tel:01514960000']").count(), 1, "who to call tonight, even offline");
    await expectNoAxeViolations(page, "/home offline");
    await screenshot(page, "Offline home");

    await goOffline("/my/workers");
    await expectTitleAndHeading(page, "Who supports you – Onward", "Who supports you");
    assert.match(await bannerText(), BANNER);
    const workers = await page.locator("main").innerText();
    assert.match(workers, /Priya Adviser/);
    assert.match(workers, /07700 900102/, "the PA's phone number");
    assert.match(workers, /If something goes wrong tonight or at the weekend[\s\S]*0151 496 0000/, "the out-of-hours number");
    await expectNoAxeViolations(page, "/my/workers offline");
    await screenshot(page, "Offline workers");
  });

  test("offline, a page never opened shows the offline page", async () => {
    await goOffline("/my/details");
    await expectTitleAndHeading(page, "You are offline – Onward", "You are offline");
    assert.equal(await page.locator("main .offline-banner").count(), 0);
    assert.doesNotMatch(await page.locator("header").innerText(), /Jess/, "the offline page names nobody");
    await expectNoAxeViolations(page, "offline page served offline");
    await screenshot(page, "Offline unvisited page");
  });

  // The first page loads before the worker controls it; the page asks the worker to save it.
  test("offline, the page the young person landed on when they signed in is saved too", async () => {
    const fresh = await newContext(browser, { viewport: PHONE, requests });
    try {
      const first = await fresh.newPage();
      await signInYoungPerson(first, server, "jess@example.org");
      // Saved on the first visit, without opening the page again: wait until the worker is
      // in charge and the copy is in its cache.
      await waitInPage(
        first,
        async () =>
          navigator.serviceWorker.controller !== null &&
          (await navigator.serviceWorker.ready).active?.state === "activated" &&
          (await caches.match("/home")) !== undefined,
      );
      await fresh.setOffline(true);
      await first.goto(`${server.origin}/home`);
      assert.equal((await first.locator("h1").innerText()).trim(), "Hello, Jess");
      assert.match(await first.locator("body").innerText(), /You are offline\. This page was saved on/);
      // Signing out needs the network, so the saved copy does not offer it.
      assert.equal(await first.locator("form[action='/sign-out']").count(), 0);
    } finally {
      await fresh.close();
    }
  });

  test("signing out removes the saved pages", async () => {
    await context.setOffline(false);
    await page.goto(`${server.origin}/home`);
    await signOut(page, server);
    await waitInPage(page, async () => (await caches.keys()).length === 0);
    await context.setOffline(true);
    // With nothing saved, the browser has nothing to show but its own offline error.
    const opened = await page.goto(`${server.origin}/home`).then(() => null, (error) => error);
    if (opened === null) {
      assert.doesNotMatch(await page.locator("body").innerText(), /Hello, Jess/);
    } else {
      assert.match(opened.message, /ERR_INTERNET_DISCONNECTED|ERR_FAILED/);
    }
    await context.setOffline(false);
  });

  test("no request went anywhere but the server itself", () => {
    assert.ok(requests.length > 0, "requests were recorded");
    assert.deepEqual(requests.filter((url) => new URL(url).origin !== server.origin), []);
  });
});
