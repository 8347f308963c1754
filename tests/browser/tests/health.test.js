// Health histories, as a care leaver and a PA use them: "Your health" on a phone, saved as an
// A4 PDF and opened offline; a PA adding an immunisation through "Check your answers",
// correcting it with the original kept, and changing the NHS number. Every page state at phone
// and laptop width with no axe violations, then no third-party requests and every page within
// budget.
"use strict";
const assert = require("node:assert/strict");
const { after, before, describe, test } = require("node:test");
const {
  startServerAndBrowser, portalWalk, errorSummary, walkVerdicts, logAxeTotals, waitInPage, expectNoAxeViolations, expectTitleAndHeading,
} = require("../lib/browser");
const { clickForNewPage, signInStaff, signInYoungPerson, fillDate, choose } = require("../lib/journeys");

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** A date some days ago in England, as a person would type it. */
function daysAgo(days) {
  const when = new Date(Date.now() - days * 24 * 60 * 60 * 1000);
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" })
    .formatToParts(when).filter((part) => part.type !== "literal").map((part) => [part.type, part.value]));
  const long = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" }).format(when);
  return { day: parts.day, month: parts.month, year: parts.year, long };
}

describe("health histories", () => {
  let server;
  let browser;
  const walk = portalWalk(() => browser);
  const { open, check } = walk;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    logAxeTotals();
  });

  /** The entries listed under a heading: each entry's title and date. */
  function entriesUnder(page, heading) {
    return page.locator("main h2", { hasText: heading }).evaluate((h2) => {
      let list = h2.nextElementSibling;
      while (list && !list.classList.contains("entry-list") && list.tagName !== "H2") list = list.nextElementSibling;
      if (!list || list.tagName === "H2") return [];
      return [...list.querySelectorAll(":scope > .entry")].map((entry) => ({
        title: entry.querySelector(".entry__title").textContent.trim(),
        date: entry.querySelector(".entry__date").textContent.trim(),
        text: entry.textContent.replace(/\s+/g, " ").trim(),
      }));
    });
  }

  async function banner(page) {
    return (await page.locator("main .banner--success .banner__content").innerText()).trim();
  }

  test("a care leaver: Your health on a phone, saved as a PDF, and opened offline", async (t) => {
    const { context, page } = await open();

    await t.test("Jess: Your health", async () => {
      await signInYoungPerson(page, server, "jess@example.org");
      await Promise.all([page.waitForURL(`${server.origin}/my/health`), page.click("main a:has-text('Your health')")]);
      const immunisations = await entriesUnder(page, "Immunisations");
      assert.ok(immunisations.length >= 10, `Jess's immunisations: ${JSON.stringify(immunisations)}`);
      const mmr = immunisations.find((i) => i.title === "MMR");
      assert.ok(mmr && mmr.text.includes("Protects against: Measles, mumps and rubella"), `MMR says what it protects against: ${JSON.stringify(mmr)}`);
      const dates = immunisations.map((i) => Date.parse(i.date));
      assert.deepEqual(dates, [...dates].sort((a, b) => a - b), "immunisations run oldest first");
      const checks = await entriesUnder(page, "Dental, sight and hearing checks");
      assert.ok(checks.some((c) => c.title === "Dental check"), `a dental check: ${JSON.stringify(checks)}`);
      assert.ok(checks.some((c) => c.title === "Sight test"));
      assert.match(await page.locator("main .summary-list").first().innerText(), /943 476 5919/);
      assert.match(await page.locator("main").innerText(), /What should happen next:/, "recent assessments with their recommendations");
      assert.equal(await page.locator("main .inset").count(), 0, "nothing is held back from Jess");
      assert.equal(await page.isVisible("main button[data-print]"), true, "with JavaScript, the button shows");
      assert.equal(await page.isVisible("main [data-print-hint]"), false, "and the how-to line does not");
      await check(page, { name: "Your health", title: "Your health – Onward", h1: "Your health" });
    });

    await t.test("Jess: Save or print your health history", async () => {
      await page.evaluate(() => { window.print = () => { window.printAsked = true; }; });
      await page.click("main button[data-print]");
      assert.equal(await page.evaluate(() => window.printAsked), true, "the button opens the print dialogue");
      await page.emulateMedia({ media: "print" });
      assert.equal(await page.isVisible("header"), false, "no header on paper");
      assert.equal(await page.isVisible("main button[data-print]"), false, "no button on paper");
      assert.match(await page.locator("main .print-only").innerText(), /^Health history for Jess Taylor, saved from Onward on \d{1,2} \w+ \d{4}\.$/);
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      assert.equal(pdf.subarray(0, 5).toString(), "%PDF-", "a PDF");
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) || []).length;
      assert.ok(pages >= 1 && pages <= 6, `a short A4 summary: ${pages} pages`);
      console.log(`Your health as an A4 PDF: ${pages} pages, ${pdf.length} bytes`);
      await page.emulateMedia({ media: "screen" });
    });

    await t.test("Jess: Your health, offline", async () => {
      // Once the service worker is in charge, a visit saves the page (offline.test.js covers the
      // first page seen before it was).
      await waitInPage(page, async () => (await navigator.serviceWorker.ready).active?.state === "activated");
      // The worker claims open pages when it starts; a page that missed the claim (Chromium
      // sometimes does while it prints to PDF) is controlled once it loads again.
      await page.goto(`${server.origin}/my/health`);
      await waitInPage(page, () => navigator.serviceWorker.controller !== null);
      await waitInPage(page, async () => (await caches.match("/my/health")) !== undefined);
      await context.setOffline(true);
      const response = await page.goto(`${server.origin}/my/health`);
      assert.ok(response.fromServiceWorker(), "/my/health came from the service worker");
      await expectTitleAndHeading(page, "Your health – Onward", "Your health");
      assert.match(await page.locator("main .offline-banner").innerText(), /^You are offline\. This page was saved on .+\.$/);
      assert.ok((await entriesUnder(page, "Immunisations")).some((i) => i.title === "MMR"), "the saved copy has the immunisations");
      await expectNoAxeViolations(page, "Your health, offline");
      await context.setOffline(false);
    });
    await context.close();
  });

  test("a young person with something to talk through is told so, without seeing it", async (t) => {
    const { context, page } = await open();
    await t.test("Sam: Your health", async () => {
      await signInYoungPerson(page, server, "sam@example.org");
      await page.goto(`${server.origin}/my/health`);
      assert.match(await page.locator("main .inset").innerText(), /some information about your health that someone will talk through with you first/);
      assert.doesNotMatch(await page.locator("main").innerText(), /hearing loss|audiolog/i);
      await check(page, { name: "Your health, something held back", title: "Your health – Onward", h1: "Your health" });
    });
    await context.close();
  });

  test("a PA: adds an immunisation through Check your answers, corrects it, and changes the NHS number", async (t) => {
    const { context, page } = await open();
    const given = daysAgo(6);
    let healthPath;

    await t.test("PA: Jess Taylor's health history", async () => {
      await signInStaff(page, server, "pa@example.org");
      await Promise.all([page.waitForURL(new RegExp(`/staff/young-people/${UUID}$`)), page.click("main a:has-text('Jess Taylor')")]);
      await Promise.all([page.waitForURL(new RegExp(`/staff/young-people/${UUID}/health$`)), page.click("main a:has-text('Health history')")]);
      healthPath = new URL(page.url()).pathname;
      assert.ok((await entriesUnder(page, "Immunisations")).some((i) => i.title === "MMR"));
      await check(page, { name: "Staff health history", title: "Health history – Jess Taylor – Onward", h1: "Health history" });
    });

    await t.test("PA: add an immunisation", async () => {
      await Promise.all([page.waitForURL(`${server.origin}${healthPath}/immunisation/new`), page.click("main a:has-text('Add an immunisation')")]);
      await check(page, { name: "Add an immunisation", title: "Add an immunisation – Onward", h1: "Add an immunisation" });
    });

    await t.test("PA: add an immunisation, sent empty", async () => {
      await clickForNewPage(page, "main form button[type=submit]");
      assert.deepEqual(await errorSummary(page), [
        ["Select the vaccine", "#vaccine"],
        ["Enter the date it was given", "#given-on"],
        ["Select whether the young person can see this now", "#shared"],
      ], "in the order the questions are asked");
      assert.equal(await page.evaluate(() => document.activeElement.className), "error-summary", "focus moves to the error summary");
      await check(page, { name: "Add an immunisation, sent empty", title: "Error: Add an immunisation – Onward", h1: "Add an immunisation", status: 422 });
    });

    await t.test("PA: check your answers", async () => {
      await choose(page, "Which vaccine?", "Flu");
      await fillDate(page, "given-on", given);
      await page.fill("#dose", "Yearly nasal spray");
      await page.fill("#where-given", "Park Road Surgery");
      await choose(page, "Can the young person see this now?", "Yes");
      await clickForNewPage(page, "main form button[type=submit]");
      assert.match(new URL(page.url()).pathname, new RegExp(`^${healthPath}/check/${UUID}$`));
      const answers = await page.locator("main .summary-list").innerText();
      for (const expected of ["Flu", given.long, "Yearly nasal spray", "Park Road Surgery"]) assert.ok(answers.includes(expected), `${expected} in ${answers}`);
      await check(page, { name: "Check your answers", title: "Check your answers – Onward", h1: "Check your answers" });
    });

    await t.test("PA: change an answer, then save", async () => {
      await clickForNewPage(page, "main .summary-list__row:has(dt:text-is('Dose')) a:has-text('Change')");
      assert.equal(await page.inputValue("#dose"), "Yearly nasal spray", "the answer is kept");
      await page.fill("#dose", "Nasal spray");
      await clickForNewPage(page, "main form button[type=submit]");
      assert.match(await page.locator("main .summary-list").innerText(), /Nasal spray/);
      await clickForNewPage(page, "main form button:has-text('Save')");
      assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, `${healthPath}?saved=immunisation`);
      assert.equal(await banner(page), "The immunisation has been saved.");
      const flu = (await entriesUnder(page, "Immunisations")).find((i) => i.title === "Flu");
      assert.ok(flu && flu.date === given.long && flu.text.includes("Dose: Nasal spray"), JSON.stringify(flu));
      await check(page, { name: "Immunisation saved", title: "Health history – Jess Taylor – Onward", h1: "Health history" });
    });

    await t.test("PA: correct the immunisation", async () => {
      await clickForNewPage(page, "main .entry:has(.entry__title:text-is('Flu')) a:has-text('Correct')");
      assert.equal(await page.isChecked("main input[name=vaccine][value=flu]"), true, "the form starts from what it says now");
      await check(page, { name: "Correct an immunisation", title: "Correct an immunisation – Onward", h1: "Correct an immunisation" });
      await page.fill("#dose", "Injection");
      await clickForNewPage(page, "main form button[type=submit]");
      assert.deepEqual(await errorSummary(page), [["Enter why you are correcting this", "#correction-reason"]]);
      await check(page, { name: "Correct an immunisation, no reason", title: "Error: Correct an immunisation – Onward", h1: "Correct an immunisation", status: 422 });
      await page.fill("#correction-reason", "The surgery's letter says it was an injection");
      await clickForNewPage(page, "main form button[type=submit]");
      assert.match(await page.locator("main .summary-list").innerText(), /The surgery's letter says it was an injection/);
      await clickForNewPage(page, "main form button:has-text('Save')");
      const flu = (await entriesUnder(page, "Immunisations")).find((i) => i.title === "Flu");
      assert.ok(flu.text.includes("Dose: Injection") && flu.text.includes("Corrected: The surgery's letter says it was an injection"), flu.text);
      const before = page.locator("main .entry:has(.entry__title:text-is('Flu')) details");
      await before.locator("summary").click();
      assert.match(await before.innerText(), /Dose: Nasal spray/, "what it said before is kept");
      await check(page, { name: "Immunisation corrected", title: "Health history – Jess Taylor – Onward", h1: "Health history" });
    });

    await t.test("PA: change the NHS number, with a wrong check digit first", async () => {
      await clickForNewPage(page, "main a:has-text('Change the NHS number, GP or dentist')");
      assert.equal(await page.inputValue("#nhs-number"), "943 476 5919");
      await page.fill("#nhs-number", "943 476 5918");
      await clickForNewPage(page, "main form button[type=submit]");
      const [[message, href]] = await errorSummary(page);
      assert.equal(href, "#nhs-number");
      assert.match(message, /^Check the NHS number: it is not a valid one/);
      await check(page, { name: "NHS number, GP and dentist, wrong number", title: "Error: NHS number, GP and dentist – Onward", h1: "NHS number, GP and dentist", status: 422 });
      await page.fill("#nhs-number", "401 023 2137");
      await page.fill("#change-reason", "The number on file was a sibling's");
      await clickForNewPage(page, "main form button[type=submit]");
      await clickForNewPage(page, "main form button:has-text('Save')");
      assert.equal(await banner(page), "The NHS number, GP and dentist have been saved.");
      assert.match(await page.locator("main .summary-list").first().innerText(), /401 023 2137/);
    });
    await context.close();
  });

  test("a social worker: records a health assessment written for the young person", async (t) => {
    const { context, page } = await open();
    const done = daysAgo(3);
    await t.test("SW: record a health assessment", async () => {
      await signInStaff(page, server, "sw@example.org");
      await Promise.all([page.waitForURL(new RegExp(`/staff/young-people/${UUID}$`)), page.click("main table a:has-text('Sam Okafor') >> nth=-1")]);
      await Promise.all([page.waitForURL(new RegExp(`/staff/young-people/${UUID}/health$`)), page.click("main a:has-text('Health history')")]);
      await clickForNewPage(page, "main a:has-text('Record a health assessment')");
      await check(page, { name: "Record a health assessment", title: "Record a health assessment – Onward", h1: "Record a health assessment" });
    });
    await t.test("SW: health assessment, check your answers, saved", async () => {
      await choose(page, "Which health assessment?", "Review health assessment");
      await fillDate(page, "completed-on", done);
      await page.fill("#summary", "You are well and growing. Your hearing will be checked again.");
      await page.fill("#recommendations", "See the audiologist next month.");
      await clickForNewPage(page, "main form button[type=submit]");
      assert.match(await page.locator("main .summary-list").innerText(), /See the audiologist next month\./);
      await check(page, { name: "Health assessment, check your answers", title: "Check your answers – Onward", h1: "Check your answers" });
      await clickForNewPage(page, "main form button:has-text('Save')");
      assert.equal(await banner(page), "The health assessment has been saved.");
      assert.match(await page.locator("main").innerText(), /What should happen next: See the audiologist next month\./);
    });
    await context.close();
  });

  test("Jess sees the PA's immunisation, corrected", async (t) => {
    const { context, page } = await open();
    await t.test("Jess: Your health, after the PA's changes", async () => {
      await signInYoungPerson(page, server, "jess@example.org");
      await page.goto(`${server.origin}/my/health`);
      const flu = (await entriesUnder(page, "Immunisations")).find((i) => i.title === "Flu");
      assert.ok(flu && flu.text.includes("Protects against: Flu, for one winter") && flu.text.includes("Corrected:"), JSON.stringify(flu));
      assert.match(await page.locator("main .summary-list").first().innerText(), /401 023 2137/);
      await check(page, { name: "Your health, corrected", title: "Your health – Onward", h1: "Your health" });
    });
    await context.close();
  });

  walkVerdicts(walk, () => server);
});
