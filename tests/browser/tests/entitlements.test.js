// What you can get from the local offer, as a care leaver and her PA use it: Jess asks for the
// setting-up-home allowance and for Wi-Fi on a phone (a message too long first) and ticks her
// passport on the key documents checklist; her PA approves one request and turns the other
// down (with no reason first); Jess reads the answers, and reads the page again offline; Sam,
// at 16, sees what he can have from his 18th birthday. Every page state at phone and laptop
// width with no axe violations, then no third-party requests and every page within budget.
"use strict";
const assert = require("node:assert/strict");
const { after, before, describe, test } = require("node:test");
const {
  startServerAndBrowser, portalWalk, errorSummary, walkVerdicts, logAxeTotals, waitInPage, expectNoAxeViolations, expectTitleAndHeading,
} = require("../lib/browser");
const { clickForNewPage, signInStaff, signInYoungPerson } = require("../lib/journeys");

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const ALLOWANCE = "Setting-up-home allowance";
const WIFI = "Wi-Fi and phone data";
const MESSAGE = "I am moving into my flat next month and need a bed and a cooker.";
const REASON = "Your flat already comes with Wi-Fi included in the rent. Ask me again if that changes.";

/** Today in England, written the way the pages write dates: "3 December 2026". */
function todayLong() {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" }).format(new Date());
}

describe("what you can get from the local offer", () => {
  let server;
  let browser;
  const walk = portalWalk(() => browser);
  const { open, check } = walk;
  /** Items of the offer by title, as ids (`item-<uuid>` without the prefix), found by Jess. */
  const itemIds = {};
  let jessPath;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    logAxeTotals();
  });

  /**
   * Every item of the offer on the page: its id, title, status tag, the heading (or the
   * details' summary) it is listed under, its sentences, all its words and its "Ask for this"
   * link, if any.
   */
  function entries(page) {
    return page.locator("main li.entry").evaluateAll((items) => items.map((li) => {
      const details = li.closest("details");
      let heading = li.closest("ul").previousElementSibling;
      while (heading && !/^H[23]$/.test(heading.tagName)) heading = heading.previousElementSibling;
      const ask = li.querySelector("a[href$='/ask']");
      return {
        id: li.id,
        title: li.querySelector(".entry__title").textContent.trim(),
        tag: li.querySelector("strong.tag").textContent.trim(),
        under: details ? details.querySelector("summary").textContent.trim() : heading ? heading.textContent.trim() : null,
        lines: [...li.querySelectorAll(":scope > p")].map((p) => p.textContent.replace(/\s+/g, " ").trim()),
        text: li.textContent.replace(/\s+/g, " ").trim(),
        ask: ask ? ask.getAttribute("href") : null,
      };
    }));
  }

  /** The one item of the offer with this title. */
  async function entry(page, title) {
    const all = await entries(page);
    const found = all.filter((e) => e.title === title);
    assert.equal(found.length, 1, `one "${title}" on ${page.url()}: ${JSON.stringify(all.map((e) => e.title))}`);
    return found[0];
  }

  /** The success banner's title and words. */
  async function banner(page) {
    const found = page.locator("main .banner--success");
    assert.equal(await found.count(), 1, `one success banner on ${page.url()}`);
    return {
      title: (await found.locator(".banner__title").innerText()).trim(),
      text: (await found.locator(".banner__content").innerText()).replace(/\s+/g, " ").trim(),
    };
  }

  async function headings(page, level) {
    return (await page.locator(`main ${level}`).allInnerTexts()).map((h) => h.trim());
  }

  /** The rows of the requests table, each as its cells' words. */
  function requestRows(page) {
    return page.locator("main table tbody tr")
      .evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent.replace(/\s+/g, " ").trim())));
  }

  /**
   * The "Ask for this" link of an item, by its accessible name: the words "Ask for this" and,
   * visually hidden, the item's title (Chromium puts a space between the two).
   */
  function askLink(page, title) {
    const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return page.getByRole("link", { name: new RegExp(`^Ask for this ?: ${escaped}$`) });
  }

  function pathAndSearch(page) {
    const url = new URL(page.url());
    return url.pathname + url.search;
  }

  test("a care leaver on a phone: asks for the setting-up-home allowance and Wi-Fi, and ticks her passport", async (t) => {
    const { context, page } = await open();

    await t.test("Jess: What you can get", async () => {
      await signInYoungPerson(page, server, "jess@example.org");
      const link = page.locator("main a", { hasText: "What you can get" });
      assert.equal(await link.getAttribute("href"), "/my/entitlements");
      await Promise.all([page.waitForURL(`${server.origin}/my/entitlements`), link.click()]);
      const h2s = await headings(page, "h2");
      for (const area of ["Somewhere to live", "Having a say and joining in", "Your key documents"]) {
        assert.ok(h2s.includes(area), `"${area}" is a heading: ${JSON.stringify(h2s)}`);
      }
      const all = await entries(page);
      for (const e of all) {
        assert.match(e.id, new RegExp(`^item-${UUID}$`), `${e.title}'s id`);
        itemIds[e.title] = e.id.slice("item-".length);
      }
      const allowance = await entry(page, ALLOWANCE);
      assert.equal(allowance.tag, "You can ask for this");
      assert.equal(allowance.under, "Somewhere to live");
      assert.ok(allowance.text.includes("£3,000, once"), `how much: ${allowance.text}`);
      assert.equal(allowance.ask, `/my/entitlements/${itemIds[ALLOWANCE]}/ask`);
      const wifi = await entry(page, WIFI);
      assert.equal(wifi.tag, "You can ask for this");
      assert.equal(wifi.under, "Having a say and joining in");
      assert.equal(wifi.ask, `/my/entitlements/${itemIds[WIFI]}/ask`);
      // The link says what it is for to someone who hears it out of context.
      assert.equal(await askLink(page, ALLOWANCE).count(), 1);
      assert.equal(await page.isChecked("#document-passport"), false, "Jess has not got a passport ticked yet");
      assert.equal(await page.isChecked("#document-birth_certificate"), true, "her PA ticked her birth certificate");
      await check(page, { name: "What you can get", title: "What you can get – Onward", h1: "What you can get" });
    });

    await t.test("Jess: ask for the setting-up-home allowance", async () => {
      await Promise.all([
        page.waitForURL(`${server.origin}/my/entitlements/${itemIds[ALLOWANCE]}/ask`),
        askLink(page, ALLOWANCE).click(),
      ]);
      assert.match(await page.locator("main").innerText(), /How much: £3,000, once/);
      assert.equal(await page.inputValue("#message"), "", "the message starts empty");
      await check(page, { name: "Ask for the allowance", title: `Ask for ${ALLOWANCE} – Onward`, h1: `Ask for ${ALLOWANCE}` });
    });

    await t.test("Jess: ask, with a message of 2001 characters", async () => {
      // 2001 characters with none at either end for the server to trim away.
      const long = (MESSAGE + " ").repeat(40).slice(0, 2000).trim() + ".";
      assert.equal(long.trim().length, 2001);
      await page.fill("#message", long);
      await clickForNewPage(page, "main form button:has-text('Send my request')");
      assert.equal(pathAndSearch(page), `/my/entitlements/${itemIds[ALLOWANCE]}/ask`, "the form comes back");
      assert.deepEqual(await errorSummary(page), [["Write 2000 characters or fewer", "#message"]]);
      assert.equal((await page.locator("#message-error").textContent()).replace(/\s+/g, " ").trim(), "Error: Write 2000 characters or fewer");
      assert.equal((await page.inputValue("#message")).length, 2001, "what was typed is kept");
      assert.equal(await page.evaluate(() => document.activeElement.className), "error-summary", "focus moves to the error summary");
      await check(page, {
        name: "Ask for the allowance, message too long", title: `Error: Ask for ${ALLOWANCE} – Onward`, h1: `Ask for ${ALLOWANCE}`, status: 422,
      });
    });

    await t.test("Jess: request sent", async () => {
      await page.fill("#message", MESSAGE);
      await clickForNewPage(page, "main form button:has-text('Send my request')");
      assert.equal(pathAndSearch(page), `/my/entitlements?asked=${itemIds[ALLOWANCE]}`);
      const sent = await banner(page);
      assert.equal(sent.title, "Your request has been sent");
      assert.match(sent.text, new RegExp(`^You asked for: ${ALLOWANCE}\\.`));
      const allowance = await entry(page, ALLOWANCE);
      assert.equal(allowance.tag, "Asked for");
      assert.equal(allowance.ask, null, "no asking twice");
      assert.ok(allowance.lines.includes(`Asked for on ${todayLong()} by you.`), JSON.stringify(allowance.lines));
      assert.ok(allowance.lines.includes(`You said: “${MESSAGE}”`), JSON.stringify(allowance.lines));
      assert.ok(allowance.lines.includes("Your personal adviser will let you know."), JSON.stringify(allowance.lines));
      await check(page, { name: "What you can get, request sent", title: "What you can get – Onward", h1: "What you can get" });
    });

    await t.test("Jess: asking again goes back to the list", async () => {
      await page.goto(`${server.origin}/my/entitlements/${itemIds[ALLOWANCE]}/ask`);
      assert.equal(new URL(page.url()).pathname, "/my/entitlements", "already asked: the list says where things stand");
      assert.equal((await entry(page, ALLOWANCE)).tag, "Asked for");
    });

    await t.test("Jess: ask for Wi-Fi and phone data, with no message", async () => {
      await Promise.all([
        page.waitForURL(`${server.origin}/my/entitlements/${itemIds[WIFI]}/ask`),
        askLink(page, WIFI).click(),
      ]);
      await clickForNewPage(page, "main form button:has-text('Send my request')");
      assert.equal(pathAndSearch(page), `/my/entitlements?asked=${itemIds[WIFI]}`);
      assert.match((await banner(page)).text, new RegExp(`^You asked for: ${WIFI}\\.`));
      const wifi = await entry(page, WIFI);
      assert.equal(wifi.tag, "Asked for");
      assert.ok(!wifi.text.includes("You said"), `no message, nothing quoted: ${wifi.text}`);
    });

    await t.test("Jess: tick her passport on the key documents checklist", async () => {
      await page.getByLabel("Passport", { exact: true }).check();
      await clickForNewPage(page, "main form button:has-text('Save the checklist')");
      const url = new URL(page.url());
      assert.equal(url.pathname + url.search + url.hash, "/my/entitlements?saved=documents#key-documents");
      const saved = await banner(page);
      assert.equal(saved.title, "Saved");
      assert.equal(saved.text, "Your key documents checklist is up to date.");
      assert.equal(await page.isChecked("#document-passport"), true, "Passport is ticked");
      assert.equal(await page.isChecked("#document-birth_certificate"), true, "what was ticked before stays ticked");
      await check(page, { name: "What you can get, checklist saved", title: "What you can get – Onward", h1: "What you can get" });
    });

    await t.test("Jess: the checklist, opened again", async () => {
      await page.goto(`${server.origin}/my/entitlements`);
      assert.equal(await page.locator("main .banner--success").count(), 0, "no banner on a fresh visit");
      assert.equal(await page.isChecked("#document-passport"), true, "Passport is still ticked");
      assert.equal(await page.isChecked("#document-national_insurance_number"), true);
      assert.equal(await page.isChecked("#document-bank_account"), false, "nothing else was ticked");
    });
    await context.close();
  });

  test("her PA: approves the allowance and turns down Wi-Fi, with a reason", async (t) => {
    const { context, page } = await open();
    let jessEntitlements;

    await t.test("PA: requests from the local offer", async () => {
      await signInStaff(page, server, "pa@example.org");
      const link = page.locator("main a", { hasText: "Requests from the local offer" });
      assert.equal(await link.getAttribute("href"), "/staff/requests");
      await Promise.all([page.waitForURL(`${server.origin}/staff/requests`), link.click()]);
      const rows = await requestRows(page);
      for (const title of [ALLOWANCE, WIFI]) {
        const row = rows.find(([name, what]) => name === "Jess Taylor" && what === title);
        assert.ok(row, `Jess's request for ${title} is waiting: ${JSON.stringify(rows)}`);
        assert.equal(row[2], todayLong(), "asked today");
        assert.equal(row[3], "Asked for: to answer");
      }
      await check(page, { name: "Requests from the local offer", title: "Requests from the local offer – Onward", h1: "Requests from the local offer" });
    });

    await t.test("PA: Jess's request for the allowance, opened", async () => {
      const link = page.locator("main tr", { has: page.locator("td", { hasText: ALLOWANCE }) }).locator("a", { hasText: "Jess Taylor" });
      const href = await link.getAttribute("href");
      assert.match(href, new RegExp(`^/staff/young-people/${UUID}/entitlements#item-${itemIds[ALLOWANCE]}$`));
      jessEntitlements = href.replace(/#.*$/, "");
      jessPath = jessEntitlements.replace(/\/entitlements$/, "");
      await Promise.all([page.waitForURL(server.origin + href), link.click()]);
      assert.equal((await page.locator("main .caption").innerText()).trim(), "Jess Taylor");
      assert.ok((await headings(page, "h2")).includes("Waiting for an answer"));
      const allowance = await entry(page, ALLOWANCE);
      assert.equal(allowance.under, "Waiting for an answer");
      assert.equal(allowance.tag, "Asked for");
      assert.ok(allowance.lines.includes(`They said: “${MESSAGE}”`), JSON.stringify(allowance.lines));
      assert.ok(allowance.lines.includes(`Asked for on ${todayLong()} by them.`), JSON.stringify(allowance.lines));
      assert.equal((await entry(page, WIFI)).under, "Waiting for an answer");
      await check(page, { name: "What Jess can get", title: "What Jess Taylor can get – Onward", h1: "What they can get" });
    });

    await t.test("PA: approve the allowance", async () => {
      await clickForNewPage(page, `main li#item-${itemIds[ALLOWANCE]} form button:has-text('Approve')`);
      assert.equal(pathAndSearch(page), `${jessEntitlements}?saved=approved`);
      assert.equal((await banner(page)).text, "Approved. They can see this on their phone.");
      const allowance = await entry(page, ALLOWANCE);
      assert.equal(allowance.tag, "Approved");
      assert.equal(allowance.under, "Waiting for an answer", "approved, but not yet received");
      assert.ok(allowance.lines.includes(`Approved on ${todayLong()} by Priya Adviser.`), JSON.stringify(allowance.lines));
      assert.equal(await page.locator(`main li#item-${itemIds[ALLOWANCE]} button:has-text('Approve')`).count(), 0, "no approving twice");
      await check(page, { name: "What Jess can get, approved", title: "What Jess Taylor can get – Onward", h1: "What they can get" });
    });

    await t.test("PA: turn down Wi-Fi", async () => {
      await Promise.all([
        page.waitForURL(`${server.origin}${jessEntitlements}/${itemIds[WIFI]}/decline`),
        page.locator(`main li#item-${itemIds[WIFI]} a`, { hasText: "Turn down" }).click(),
      ]);
      assert.equal((await page.locator("main .caption").innerText()).trim(), "Jess Taylor");
      assert.equal(await page.inputValue("#reason"), "");
      await check(page, { name: "Turn down a request", title: `Turn down a request: ${WIFI} – Onward`, h1: "Turn down a request" });
    });

    await t.test("PA: turn down Wi-Fi, with no reason", async () => {
      await clickForNewPage(page, "main form button:has-text('Turn it down')");
      assert.deepEqual(await errorSummary(page), [["Say why, in words they will understand", "#reason"]]);
      assert.equal(await page.evaluate(() => document.activeElement.className), "error-summary", "focus moves to the error summary");
      await check(page, {
        name: "Turn down a request, no reason", title: `Error: Turn down a request: ${WIFI} – Onward`, h1: "Turn down a request", status: 422,
      });
    });

    await t.test("PA: Wi-Fi turned down, with a reason", async () => {
      await page.fill("#reason", REASON);
      await clickForNewPage(page, "main form button:has-text('Turn it down')");
      assert.equal(pathAndSearch(page), `${jessEntitlements}?saved=declined`);
      assert.equal((await banner(page)).text, "Turned down. They can read your reason on their phone.");
      const wifi = await entry(page, WIFI);
      assert.equal(wifi.tag, "Not approved");
      assert.equal(wifi.under, "Having a say and joining in", "no longer waiting for an answer");
      assert.ok(wifi.lines.includes(`Not approved on ${todayLong()} by Priya Adviser. The reason: ${REASON}`), JSON.stringify(wifi.lines));
      await check(page, { name: "What Jess can get, turned down", title: "What Jess Taylor can get – Onward", h1: "What they can get" });
    });

    await t.test("PA: record the allowance as received, the form", async () => {
      await Promise.all([
        page.waitForURL(`${server.origin}${jessEntitlements}/${itemIds[ALLOWANCE]}/received`),
        page.locator(`main li#item-${itemIds[ALLOWANCE]} a`, { hasText: "Record as received" }).click(),
      ]);
      assert.equal(await page.inputValue("#amount"), "3,000", "the amount starts as the offer's");
      assert.deepEqual([await page.inputValue("#received-on"), await page.inputValue("#received-on-month"), await page.inputValue("#received-on-year")], ["", "", ""]);
      await check(page, { name: "Record as received", title: `Record as received: ${ALLOWANCE} – Onward`, h1: "Record as received" });
      // Not saved: Jess is to see the allowance approved, not yet received.
      await Promise.all([page.waitForURL(`${server.origin}${jessEntitlements}`), page.click("main a:has-text('Cancel and go back')")]);
    });

    await t.test("PA: requests, after the answers", async () => {
      await page.goto(`${server.origin}/staff/requests`);
      const rows = await requestRows(page);
      const allowance = rows.find(([name, what]) => name === "Jess Taylor" && what === ALLOWANCE);
      assert.ok(allowance, `the approved allowance is still to give: ${JSON.stringify(rows)}`);
      assert.equal(allowance[3], "Approved: to give");
      assert.ok(!rows.some(([name, what]) => name === "Jess Taylor" && what === WIFI), `Wi-Fi was answered: ${JSON.stringify(rows)}`);
      await check(page, { name: "Requests, answered", title: "Requests from the local offer – Onward", h1: "Requests from the local offer" });
    });

    await t.test("PA: Jess's record links to what she can get", async () => {
      await page.goto(server.origin + jessPath);
      const link = page.locator("main a", { hasText: "What they can get from the local offer" });
      assert.equal(await link.getAttribute("href"), jessEntitlements);
      await Promise.all([page.waitForURL(server.origin + jessEntitlements), link.click()]);
      assert.equal(await page.locator("main .banner--success").count(), 0);
      assert.equal(await page.isChecked("#document-passport"), true, "the PA sees the passport Jess ticked");
    });
    await context.close();
  });

  test("Jess reads the answers", async (t) => {
    const { context, page } = await open();
    await t.test("Jess: What you can get, answered", async () => {
      await signInYoungPerson(page, server, "jess@example.org");
      await Promise.all([page.waitForURL(`${server.origin}/my/entitlements`), page.click("main a:has-text('What you can get')")]);
      const allowance = await entry(page, ALLOWANCE);
      assert.equal(allowance.tag, "Approved");
      assert.ok(allowance.lines.includes(`Approved on ${todayLong()} by Priya Adviser.`), JSON.stringify(allowance.lines));
      assert.ok(!allowance.lines.includes("Your personal adviser will let you know."), "no longer waiting");
      assert.equal(allowance.ask, null);
      const wifi = await entry(page, WIFI);
      assert.equal(wifi.tag, "Not approved");
      assert.ok(wifi.lines.includes(`Not approved on ${todayLong()} by Priya Adviser. The reason: ${REASON}`), JSON.stringify(wifi.lines));
      assert.equal(wifi.ask, `/my/entitlements/${itemIds[WIFI]}/ask`, "an answer of no can be asked about again");
      await check(page, { name: "What you can get, answered", title: "What you can get – Onward", h1: "What you can get" });
    });
    await context.close();
  });

  test("a young person of 16 sees what comes at 18", async (t) => {
    const { context, page } = await open();
    await t.test("Sam: What you can get", async () => {
      await signInYoungPerson(page, server, "sam@example.org");
      await Promise.all([page.waitForURL(`${server.origin}/my/entitlements`), page.click("main a:has-text('What you can get')")]);
      const all = await entries(page);
      const from18 = /^You will be able to get this from (\d{1,2} \w+ \d{4}), your 18th birthday\.$/;
      const later = all.filter((e) => e.lines.some((line) => from18.test(line)));
      assert.ok(later.length >= 1, `something from Sam's 18th birthday: ${JSON.stringify(all.map((e) => [e.title, e.lines]))}`);
      const stayingPut = all.find((e) => e.title === "Staying Put");
      assert.ok(stayingPut, "Staying Put is listed");
      assert.equal(stayingPut.tag, "Not yet");
      assert.equal(stayingPut.ask, null, "not his to ask for yet");
      const line = stayingPut.lines.find((l) => from18.test(l));
      assert.ok(line, `Staying Put says when: ${JSON.stringify(stayingPut.lines)}`);
      const birthday = Date.parse(from18.exec(line)[1]);
      const years = (birthday - Date.now()) / (365.25 * 24 * 60 * 60 * 1000);
      assert.ok(years > 0 && years <= 2, `Sam is 16, so his 18th birthday is within two years: ${line}`);
      await check(page, { name: "What you can get, at 16", title: "What you can get – Onward", h1: "What you can get" });
    });
    await context.close();
  });

  test("Jess: What you can get, offline", async (t) => {
    const { context, page } = await open();
    await t.test("Jess: What you can get, opened once", async () => {
      await signInYoungPerson(page, server, "jess@example.org");
      // Once the service worker is in charge, a visit saves the page (offline.test.js covers the
      // first page seen before it was).
      await waitInPage(page, async () =>
        navigator.serviceWorker.controller !== null && (await navigator.serviceWorker.ready).active?.state === "activated");
      await page.goto(`${server.origin}/my/entitlements`);
      await waitInPage(page, async () => (await caches.match("/my/entitlements")) !== undefined);
    });

    await t.test("Jess: What you can get, offline", async () => {
      await context.setOffline(true);
      const response = await page.goto(`${server.origin}/my/entitlements`);
      assert.ok(response.fromServiceWorker(), "/my/entitlements came from the service worker");
      await expectTitleAndHeading(page, "What you can get – Onward", "What you can get");
      assert.match(await page.locator("main .offline-banner").innerText(), /^You are offline\. This page was saved on .+\.$/);
      assert.equal((await entry(page, ALLOWANCE)).tag, "Approved", "the saved copy says where things stand");
      assert.equal(await page.isChecked("#document-passport"), true, "and has the checklist as saved");
      await expectNoAxeViolations(page, "What you can get, offline");
      await context.setOffline(false);
    });
    await context.close();
  });

  walkVerdicts(walk, () => server);
});
