// Pathway plans and contacts, as a care leaver and her workers use them: Jess's PA writes her
// plan (one half-written action first), her social worker saves over the PA's changes without
// knowing and is told so with their words kept, Jess reads the plan on a phone, adds her views
// (empty first) and agrees it, and reads it again offline; the PA agrees the plan and sets the
// next review, which Jess then sees; the PA records a phone call (empty first), and Jess finds
// the out-of-hours number on "Who supports you"; the PA's caseload shows the call and the review,
// what needs attention first and then by name. Every page state at phone and laptop width with
// no axe violations, then no third-party requests and every page within budget.
"use strict";
const assert = require("node:assert/strict");
const { after, before, describe, test } = require("node:test");
const {
  startServerAndBrowser, portalWalk, errorSummary, walkVerdicts, logAxeTotals, waitInPage, newContext, expectNoAxeViolations,
  expectTitleAndHeading, LAPTOP, VIEWPORTS,
} = require("../lib/browser");
const { clickForNewPage, signInStaff, signInYoungPerson, todayInEngland, fillDate } = require("../lib/journeys");

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const SECTIONS = [
  ["accommodation", "Somewhere to live"],
  ["education_training_and_employment", "Education, training and work"],
  ["health_and_wellbeing", "Health and wellbeing"],
  ["relationships_and_family", "Relationships and family"],
  ["money", "Money"],
  ["practical_skills", "Looking after yourself and your home"],
  ["identity", "Who you are"],
  ["participation", "Having a say"],
  ["contingency", "If things go wrong"],
];
const TITLES = SECTIONS.map(([, title]) => title);
const MONEY_NEEDS = "Jess needs to set up a budget for her Universal Credit and her rent.";
const MONEY_WHAT = "Open a basic bank account with a debit card";
const MONEY_WHO = "Jess, with Priya";
const MONEY_OWN = "I want to save up for driving lessons.";
const HOME_NEEDS = "A flat of her own near college, with support to move in.";
const HOME_WHAT = "Apply to the housing register";
const HOME_WHO = "Priya Adviser";
const PA_CHANGE = "Jess has a budget now; check it each month together.";
const SW_WORDS = "Sean: ask the benefits team about a hardship payment.";
const VIEWS = "I would like help to understand my bills, not just a budget sheet.";
const SUMMARY = "Talked about the flat and the housing register. Jess is going to send her payslips.";

/** A date the way the pages write it: "3 November 2025". */
function longDate({ day, month, year }) {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" })
    .format(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))));
}

function words(text) {
  return text.replace(/\s+/g, " ").trim();
}

function pathAndSearch(page) {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

describe("pathway plans and contacts", () => {
  let server;
  let browser;
  const walk = portalWalk(() => browser);
  const { open, check } = walk;
  const today = todayInEngland();
  /** Jess's record, `/staff/young-people/<id>`, found by her PA. */
  let jessPath;
  /** The action's date, next month, and the review date the PA agrees. */
  const byDate = (() => {
    const month = Number(today.month) % 12 + 1;
    return { day: "15", month: String(month), year: String(Number(today.year) + (month === 1 ? 1 : 0)) };
  })();
  let reviewDate;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    logAxeTotals();
  });

  /** `check` leaves the window at its narrowest; staff are on a laptop. */
  async function checkOnLaptop(page, options) {
    await check(page, options);
    await page.setViewportSize(LAPTOP);
  }

  /** The success banner's words. */
  async function banner(page) {
    const found = page.locator("main .banner--success");
    assert.equal(await found.count(), 1, `one success banner on ${page.url()}`);
    return words(await found.locator(".banner__content").innerText());
  }

  /** The first summary list as { key: value }. */
  function summaryList(page) {
    return page.locator("main dl.summary-list").first().locator(".summary-list__row").evaluateAll((rows) =>
      Object.fromEntries(rows.map((row) => [row.querySelector("dt").textContent.trim(), row.querySelector("dd").textContent.replace(/\s+/g, " ").trim()])));
  }

  /** Every section of the plan: id, title, words, its actions' lines and its views. */
  function sections(page) {
    return page.locator("main section.plan-section").evaluateAll((all) => all.map((s) => ({
      id: s.id,
      title: s.querySelector("h2").textContent.trim(),
      h3s: [...s.querySelectorAll("h3")].map((h) => h.textContent.trim()),
      actions: [...s.querySelectorAll("li.entry")].map((li) => li.textContent.replace(/\s+/g, " ").trim()),
      text: s.textContent.replace(/\s+/g, " ").trim(),
      views: s.querySelector("a[href^='/my/plan/views/']")?.getAttribute("href") ?? null,
    })));
  }

  async function section(page, title) {
    const found = (await sections(page)).filter((s) => s.title === title);
    assert.equal(found.length, 1, `one "${title}" section on ${page.url()}`);
    return found[0];
  }

  /** From staff home to Jess's record, as a person clicks. */
  async function openJessRecord(page) {
    const link = page.locator("main a", { hasText: "Jess Taylor" }).first();
    const href = await link.getAttribute("href");
    assert.match(href, new RegExp(`^/staff/young-people/${UUID}$`));
    await Promise.all([page.waitForURL(server.origin + href), link.click()]);
    jessPath = href;
  }

  test("the PA writes Jess's plan: a half-written action first, then a draft", async (t) => {
    const { context, page } = await open();
    await page.setViewportSize(LAPTOP);

    await t.test("PA: Jess's pathway plan, not written yet", async () => {
      await signInStaff(page, server, "pa@example.org");
      await openJessRecord(page);
      const link = page.locator("main a", { hasText: "Pathway plan" });
      assert.equal(await link.getAttribute("href"), `${jessPath}/plan`);
      await Promise.all([page.waitForURL(`${server.origin}${jessPath}/plan`), link.click()]);
      assert.equal((await page.locator("main .caption").innerText()).trim(), "Jess Taylor");
      const list = await summaryList(page);
      assert.equal(list["Draft"], "Not written yet");
      assert.equal(list["The young person"], "Has not agreed this version");
      assert.equal(list["Agreed versions"], "0");
      assert.match(list["Next review"], /^Not set/);
      const buttons = await page.locator("main .button-list a").allInnerTexts();
      assert.deepEqual(buttons.map((b) => b.trim()), ["Edit the plan"], "nothing to agree before a draft");
      assert.deepEqual((await sections(page)).map((s) => s.title), TITLES);
      await checkOnLaptop(page, { name: "Staff: pathway plan, not written", title: "Pathway plan for Jess Taylor – Onward", h1: "Pathway plan" });
    });

    await t.test("PA: edit the plan, the form", async () => {
      await Promise.all([page.waitForURL(`${server.origin}${jessPath}/plan/edit`), page.click("main a:has-text('Edit the plan')")]);
      assert.deepEqual((await page.locator("main h2").allInnerTexts()).map((h) => h.trim()), TITLES);
      for (const [code] of SECTIONS) {
        const id = code.replace(/_/g, "-");
        assert.equal(await page.locator(`#${id}--needs`).count(), 1, `#${id}--needs`);
        assert.equal(await page.locator(`#${id}--own-words`).count(), 1, `#${id}--own-words`);
        assert.equal(await page.locator(`#${id}--actions--0--what`).count(), 1, `#${id}--actions--0--what`);
      }
      assert.equal(await page.locator("#money--needs").getAttribute("name"), "money__needs");
      assert.equal(await page.locator("#money--actions--0--who").getAttribute("name"), "money__actions__0__who");
      assert.equal(await page.locator("main input[name=version]").inputValue(), "0");
      await checkOnLaptop(page, { name: "Edit the plan", title: "Edit the pathway plan for Jess Taylor – Onward", h1: "Edit the pathway plan" });
    });

    await t.test("PA: an action with nobody to do it", async () => {
      await page.fill("#money--needs", MONEY_NEEDS);
      await page.fill("#money--actions--0--what", MONEY_WHAT);
      await clickForNewPage(page, "main form button:has-text('Save the plan')");
      assert.equal(pathAndSearch(page), `${jessPath}/plan/edit`);
      assert.deepEqual(await errorSummary(page), [["Say who will do it", "#money--actions--0--who"]]);
      assert.equal(await page.inputValue("#money--needs"), MONEY_NEEDS, "what was typed is kept");
      assert.equal(await page.inputValue("#money--actions--0--what"), MONEY_WHAT);
      assert.equal(await page.evaluate(() => document.activeElement.className), "error-summary", "focus moves to the error summary");
      await checkOnLaptop(page, {
        name: "Edit the plan, action without who", title: "Error: Edit the pathway plan for Jess Taylor – Onward", h1: "Edit the pathway plan", status: 422,
      });
    });

    await t.test("PA: the draft saved", async () => {
      await page.fill("#money--actions--0--who", MONEY_WHO);
      await fillDate(page, "money--actions--0--by", byDate);
      await page.fill("#money--own-words", MONEY_OWN);
      await page.fill("#accommodation--needs", HOME_NEEDS);
      await page.fill("#accommodation--actions--0--what", HOME_WHAT);
      await page.fill("#accommodation--actions--0--who", HOME_WHO);
      await clickForNewPage(page, "main form button:has-text('Save the plan')");
      assert.equal(pathAndSearch(page), `${jessPath}/plan?saved=draft`);
      assert.equal(await banner(page), "The plan is saved. The young person can read it now.");
      const list = await summaryList(page);
      assert.equal(list["Draft"], "Version 1");
      assert.equal(list["The young person"], "Has not agreed this version");
      assert.equal(list["Agreed versions"], "0");
      const buttons = await page.locator("main .button-list a").allInnerTexts();
      assert.deepEqual(buttons.map((b) => b.trim()), ["Edit the plan", "Agree the plan"]);
      const money = await section(page, "Money");
      assert.ok(money.text.includes(MONEY_NEEDS), money.text);
      assert.deepEqual(money.actions, [`${MONEY_WHAT} Who: ${MONEY_WHO}. By ${longDate(byDate)}`]);
      assert.ok(money.text.includes(`In their own words ${MONEY_OWN}`), money.text);
      const home = await section(page, "Somewhere to live");
      assert.ok(home.text.includes(HOME_NEEDS), home.text);
      assert.deepEqual(home.actions, [`${HOME_WHAT} Who: ${HOME_WHO}`]);
      assert.equal((await section(page, "Health and wellbeing")).text, "Health and wellbeing Nothing written yet.");
      await checkOnLaptop(page, { name: "Staff: pathway plan, draft saved", title: "Pathway plan for Jess Taylor – Onward", h1: "Pathway plan" });
    });
    await context.close();
  });

  test("two people edit at once: the second to save is told, and keeps their words", async (t) => {
    // Their own contexts and records: the clash comes with status 409, which Chromium logs as an
    // error, and the walk's verdict on script errors allows only 404 and 422.
    const requests = [];
    const complaints = [];
    const pa = await newContext(browser, { viewport: LAPTOP, requests, complaints });
    const sw = await newContext(browser, { viewport: LAPTOP, requests, complaints });
    const paPage = await pa.newPage();
    const swPage = await sw.newPage();
    const editPath = `${jessPath}/plan/edit`;

    await t.test("PA and social worker: both open the editor at version 1", async () => {
      assert.ok(jessPath, "the PA found Jess's record");
      await signInStaff(paPage, server, "pa@example.org");
      await signInStaff(swPage, server, "sw@example.org");
      for (const page of [paPage, swPage]) {
        await page.goto(server.origin + editPath);
        await expectTitleAndHeading(page, "Edit the pathway plan for Jess Taylor – Onward", "Edit the pathway plan");
        assert.equal(await page.locator("main input[name=version]").inputValue(), "1");
        assert.equal(await page.inputValue("#money--needs"), MONEY_NEEDS);
      }
    });

    await t.test("PA: saves first", async () => {
      await paPage.fill("#money--needs", PA_CHANGE);
      await clickForNewPage(paPage, "main form button:has-text('Save the plan')");
      assert.equal(pathAndSearch(paPage), `${jessPath}/plan?saved=draft`);
      assert.equal((await summaryList(paPage))["Draft"], "Version 2");
    });

    await t.test("Social worker: saves second, and is told the plan changed", async () => {
      await swPage.fill("#money--needs", SW_WORDS);
      const [response] = await Promise.all([
        swPage.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === "POST" && r.url() === server.origin + editPath),
        swPage.click("main form button:has-text('Save the plan')"),
      ]);
      await swPage.waitForLoadState("load");
      assert.equal(response.status(), 409, "status of the clash");
      assert.equal(pathAndSearch(swPage), editPath);
      const notice = swPage.locator("main .notice");
      assert.equal(await notice.count(), 1, "one notice");
      assert.equal(await notice.getAttribute("role"), "alert");
      assert.equal((await notice.locator("h2").innerText()).trim(), "This plan changed while you were editing");
      const said = words(await notice.innerText());
      assert.ok(said.includes(`it is now at version 2. Your changes have not been saved. Priya Adviser saved it on ${longDate(today)}.`), said);
      assert.ok(said.includes("What you typed is below"), said);
      assert.equal(await swPage.inputValue("#money--needs"), SW_WORDS, "the social worker's words are kept");
      assert.equal(await swPage.inputValue("#money--actions--0--what"), MONEY_WHAT, "and the rest of the form");
      assert.equal(await swPage.locator("main input[name=version]").inputValue(), "2", "the form is now based on the current version");
      // Bordered in the error colour, as the error summary is.
      const [border, errorColour] = await notice.evaluate((el) => {
        const probe = document.createElement("span");
        probe.style.color = "var(--error)";
        el.append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return [getComputedStyle(el).borderLeftWidth + " solid " + getComputedStyle(el).borderLeftColor, colour];
      });
      assert.equal(border, `5px solid ${errorColour}`, "an error-bordered box");
      for (const viewport of VIEWPORTS) {
        await swPage.setViewportSize(viewport);
        await expectTitleAndHeading(swPage, "Edit the pathway plan for Jess Taylor – Onward", "Edit the pathway plan");
        await expectNoAxeViolations(swPage, `plan changed meanwhile at ${viewport.width}×${viewport.height}`);
      }
    });

    await t.test("PA: the plan still says what the PA saved", async () => {
      await paPage.goto(`${server.origin}${jessPath}/plan`);
      assert.equal((await summaryList(paPage))["Draft"], "Version 2");
      const money = await section(paPage, "Money");
      assert.ok(money.text.includes(PA_CHANGE), money.text);
      assert.ok(!money.text.includes(SW_WORDS), "the social worker's clashing save was not kept");
    });

    await t.test("nothing went elsewhere, and the browser complained only of the clash", async () => {
      const elsewhere = requests.filter((url) => new URL(url).origin !== server.origin);
      assert.deepEqual(elsewhere, [], "requests to other origins");
      const expected = /^error on .*: Failed to load resource: the server responded with a status of 409 /;
      assert.deepEqual(complaints.filter((c) => !expected.test(c)), []);
    });
    await pa.close();
    await sw.close();
  });

  test("Jess on a phone: reads her plan, adds her views, agrees it, and reads it offline", async (t) => {
    const { context, page } = await open();

    await t.test("Jess: Your pathway plan", async () => {
      await signInYoungPerson(page, server, "jess@example.org");
      const link = page.locator("main a", { hasText: "Your pathway plan" });
      assert.equal(await link.getAttribute("href"), "/my/plan");
      await Promise.all([page.waitForURL(`${server.origin}/my/plan`), link.click()]);
      const all = await sections(page);
      assert.deepEqual(all.map((s) => s.title), TITLES);
      for (const [code] of SECTIONS) {
        assert.equal(all.find((s) => s.id === code)?.views, `/my/plan/views/${code}`, `"Add your views" for ${code}`);
      }
      const money = await section(page, "Money");
      assert.deepEqual(money.h3s, ["What is needed", "What will be done", "In your own words"]);
      assert.ok(money.text.includes(PA_CHANGE), money.text);
      assert.deepEqual(money.actions, [`${MONEY_WHAT} Who: ${MONEY_WHO}. By ${longDate(byDate)}`]);
      const home = await section(page, "Somewhere to live");
      assert.deepEqual(home.actions, [`${HOME_WHAT} Who: ${HOME_WHO}`]);
      assert.equal(await page.getByRole("link", { name: /^Add your views ?on Money$/ }).count(), 1, "the link says which section");
      assert.equal((await page.locator("main h2#agree").innerText()).trim(), "Agree your plan");
      assert.equal(await page.locator("main button:has-text('I have read my plan and I agree with it')").count(), 1);
      await check(page, { name: "Your pathway plan", title: "Your pathway plan – Onward", h1: "Your pathway plan" });
    });

    await t.test("Jess: your views on Money", async () => {
      await page.setViewportSize({ width: 375, height: 812 });
      await Promise.all([page.waitForURL(`${server.origin}/my/plan/views/money`), page.getByRole("link", { name: /^Add your views ?on Money$/ }).click()]);
      assert.equal(await page.inputValue("#body"), "");
      await check(page, { name: "Your views on Money", title: "Your views: Money – Onward", h1: "Your views: Money" });
    });

    await t.test("Jess: your views, sent empty", async () => {
      await page.setViewportSize({ width: 375, height: 812 });
      await clickForNewPage(page, "main form button:has-text('Add my views')");
      assert.equal(pathAndSearch(page), "/my/plan/views/money");
      const errors = await errorSummary(page);
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0][1], "#body");
      assert.equal(await page.evaluate(() => document.activeElement.className), "error-summary", "focus moves to the error summary");
      await check(page, { name: "Your views, sent empty", title: "Error: Your views: Money – Onward", h1: "Your views: Money", status: 422 });
    });

    await t.test("Jess: your views added", async () => {
      await page.setViewportSize({ width: 375, height: 812 });
      await page.fill("#body", VIEWS);
      await clickForNewPage(page, "main form button:has-text('Add my views')");
      const url = new URL(page.url());
      assert.equal(url.pathname + url.search + url.hash, "/my/plan?saved=views#money");
      assert.equal(await banner(page), "Thank you. Your views are added to your plan.");
      const money = await section(page, "Money");
      assert.ok(money.text.includes(`You said on ${longDate(today)}: ${VIEWS}`), money.text);
      assert.ok(!(await section(page, "Somewhere to live")).text.includes(VIEWS), "only under Money");
      await check(page, { name: "Your pathway plan, views added", title: "Your pathway plan – Onward", h1: "Your pathway plan" });
    });

    await t.test("Jess: agrees her plan", async () => {
      await page.setViewportSize({ width: 375, height: 812 });
      await clickForNewPage(page, "main button:has-text('I have read my plan and I agree with it')");
      assert.equal(pathAndSearch(page), "/my/plan?saved=agreed");
      assert.equal(await banner(page), "Thank you. You have agreed your plan.");
      const main = words(await page.locator("main").innerText());
      assert.ok(main.includes(`You agreed to this plan on ${longDate(today)}.`), main);
      assert.equal(await page.locator("main button:has-text('I have read my plan and I agree with it')").count(), 0, "no agreeing twice");
      assert.equal(await page.locator("main h2#agree").count(), 0);
      await check(page, { name: "Your pathway plan, agreed", title: "Your pathway plan – Onward", h1: "Your pathway plan" });
    });

    await t.test("Jess: Your pathway plan, offline", async () => {
      await waitInPage(page, async () =>
        navigator.serviceWorker.controller !== null && (await navigator.serviceWorker.ready).active?.state === "activated");
      await page.goto(`${server.origin}/my/plan`);
      await waitInPage(page, async () => {
        const saved = await caches.match("/my/plan");
        return saved !== undefined && (await saved.text()).includes("You agreed to this plan on");
      });
      await context.setOffline(true);
      try {
        const response = await page.goto(`${server.origin}/my/plan`);
        assert.ok(response.fromServiceWorker(), "/my/plan came from the service worker");
        await expectTitleAndHeading(page, "Your pathway plan – Onward", "Your pathway plan");
        assert.match(await page.locator("main .offline-banner").innerText(), /^You are offline\. This page was saved on .+\.$/);
        const money = await section(page, "Money");
        assert.ok(money.text.includes(VIEWS), "the saved copy has her views");
        assert.ok(words(await page.locator("main").innerText()).includes("You agreed to this plan on"));
        await expectNoAxeViolations(page, "Your pathway plan, offline");
      } finally {
        await context.setOffline(false);
      }
    });
    await context.close();
  });

  test("the PA agrees the plan and sets the next review; Jess sees it agreed", async (t) => {
    const { context, page } = await open();
    await page.setViewportSize(LAPTOP);

    await t.test("PA: the plan, agreed by Jess", async () => {
      await signInStaff(page, server, "pa@example.org");
      await page.goto(`${server.origin}${jessPath}/plan`);
      const list = await summaryList(page);
      assert.equal(list["Draft"], "Version 2");
      assert.equal(list["The young person"], `Agreed this version on ${longDate(today)}`);
      assert.equal(list["Agreed versions"], "0");
      const money = await section(page, "Money");
      assert.ok(money.text.includes(`They said on ${longDate(today)}: ${VIEWS}`), money.text);
      await checkOnLaptop(page, { name: "Staff: pathway plan, Jess agreed", title: "Pathway plan for Jess Taylor – Onward", h1: "Pathway plan" });
    });

    await t.test("PA: agree the plan, the form", async () => {
      await Promise.all([page.waitForURL(`${server.origin}${jessPath}/plan/agree`), page.click("main .button-list a:has-text('Agree the plan')")]);
      reviewDate = {
        day: await page.inputValue("#next-review-on"),
        month: await page.inputValue("#next-review-on-month"),
        year: await page.inputValue("#next-review-on-year"),
      };
      const monthsOn = (Number(reviewDate.year) - Number(today.year)) * 12 + Number(reviewDate.month) - Number(today.month);
      assert.equal(monthsOn, 6, `the review date is pre-filled 6 months on: ${JSON.stringify(reviewDate)}`);
      assert.equal(await page.locator("#not-agreed-reason").count(), 0, "Jess agreed, so no reason is asked for");
      assert.ok(words(await page.locator("main").innerText()).includes("The young person has agreed this version."));
      await checkOnLaptop(page, { name: "Agree the plan", title: "Agree the pathway plan for Jess Taylor – Onward", h1: "Agree the pathway plan" });
    });

    await t.test("PA: the plan agreed", async () => {
      await clickForNewPage(page, "main form button:has-text('Agree the plan')");
      assert.equal(pathAndSearch(page), `${jessPath}/plan?saved=agreed`);
      assert.equal(await banner(page), "The plan is agreed. This version is kept, and the next review is set.");
      const list = await summaryList(page);
      assert.equal(list["Agreed versions"], "1");
      assert.equal(list["Next review"], `By ${longDate(reviewDate)}`);
      await checkOnLaptop(page, { name: "Staff: pathway plan, agreed", title: "Pathway plan for Jess Taylor – Onward", h1: "Pathway plan" });
    });
    await context.close();

    const jess = await open();
    await t.test("Jess: This plan was agreed", async () => {
      await signInYoungPerson(jess.page, server, "jess@example.org");
      await Promise.all([jess.page.waitForURL(`${server.origin}/my/plan`), jess.page.click("main a:has-text('Your pathway plan')")]);
      const main = words(await jess.page.locator("main").innerText());
      assert.ok(main.includes(`This plan was agreed on ${longDate(today)}. It will be looked at again by ${longDate(reviewDate)}.`), main);
      assert.equal(await jess.page.locator("main button:has-text('I have read my plan and I agree with it')").count(), 0);
      await check(jess.page, { name: "Your pathway plan, agreed by both", title: "Your pathway plan – Onward", h1: "Your pathway plan" });
    });
    await jess.context.close();
  });

  test("the PA records a phone call; Jess finds the out-of-hours number", async (t) => {
    const { context, page } = await open();
    await page.setViewportSize(LAPTOP);

    await t.test("PA: record a contact, the form", async () => {
      await signInStaff(page, server, "pa@example.org");
      await openJessRecord(page);
      const link = page.locator("main a", { hasText: "Record a contact" });
      assert.equal(await link.getAttribute("href"), `${jessPath}/contacts/new`);
      await Promise.all([page.waitForURL(`${server.origin}${jessPath}/contacts/new`), link.click()]);
      assert.equal((await page.locator("main .caption").innerText()).trim(), "Jess Taylor");
      const methods = await page.locator("main input[name=method]").evaluateAll((all) => all.map((i) => i.value));
      assert.deepEqual(methods, ["visit", "phone", "text", "video", "other"]);
      const alone = await page.locator("main input[name=seen_alone]").evaluateAll((all) => all.map((i) => i.value));
      assert.deepEqual(alone, ["yes", "no"]);
      for (const id of ["contact-on", "place", "summary"]) assert.equal(await page.locator(`#${id}`).count(), 1, `#${id}`);
      await checkOnLaptop(page, { name: "Record a contact", title: "Record a contact with Jess Taylor – Onward", h1: "Record a contact" });
    });

    await t.test("PA: record a contact, sent empty", async () => {
      await clickForNewPage(page, "main form button:has-text('Save the contact')");
      assert.equal(pathAndSearch(page), `${jessPath}/contacts/new`);
      const errors = await errorSummary(page);
      const hrefs = errors.map(([, href]) => href);
      assert.ok(hrefs.includes("#contact-on"), JSON.stringify(errors));
      assert.ok(hrefs.some((h) => h.startsWith("#method")), JSON.stringify(errors));
      assert.ok(hrefs.includes("#summary"), JSON.stringify(errors));
      assert.equal(await page.evaluate(() => document.activeElement.className), "error-summary", "focus moves to the error summary");
      await checkOnLaptop(page, {
        name: "Record a contact, sent empty", title: "Error: Record a contact with Jess Taylor – Onward", h1: "Record a contact", status: 422,
      });
    });

    await t.test("PA: a phone call recorded", async () => {
      await fillDate(page, "contact-on", today);
      await page.check("main input[name=method][value=phone]");
      await page.fill("#summary", SUMMARY);
      await clickForNewPage(page, "main form button:has-text('Save the contact')");
      assert.equal(pathAndSearch(page), `${jessPath}?recorded=contact`);
      assert.match(await banner(page), /^The contact has been recorded\./);
      const log = page.locator("main h2", { hasText: "Contacts with their personal adviser" });
      assert.equal(await log.count(), 1);
      const entries = await page.locator("main li.entry").allInnerTexts();
      const ours = entries.map(words).filter((e) => e.includes(SUMMARY));
      assert.equal(ours.length, 1, `the contact is listed: ${JSON.stringify(entries)}`);
      assert.ok(ours[0].startsWith(`${longDate(today)}:`), ours[0]);
      assert.match(ours[0], /phone/i);
      await checkOnLaptop(page, { name: "Jess's record, contact recorded", title: "Jess Taylor – Onward", h1: "Jess Taylor" });
    });
    await context.close();

    const jess = await open();
    await t.test("Jess: Who supports you", async () => {
      await signInYoungPerson(jess.page, server, "jess@example.org");
      const link = jess.page.locator("main a", { hasText: "Who supports you" });
      assert.equal(await link.getAttribute("href"), "/my/workers");
      await Promise.all([jess.page.waitForURL(`${server.origin}/my/workers`), link.click()]);
      const urgent = jess.page.locator("main .inset--urgent");
      assert.equal((await urgent.locator("h2").innerText()).trim(), "If something goes wrong tonight or at the weekend");
      const number = urgent.locator("a.phone");
      assert.equal((await number.innerText()).trim(), "0151 496 0000");
      assert.match(await number.getAttribute("href"), /^tel:(\+44151|0151)4960000$/);
      const workers = words(await jess.page.locator("main .card-list").innerText());
      assert.ok(workers.includes("Priya Adviser"), workers);
      const phones = await jess.page.locator("main .card-list a.phone").evaluateAll((all) => all.map((a) => a.getAttribute("href")));
      assert.ok(phones.length >= 1 && phones.every((h) => /^tel:\+?\d+$/.test(h)), `workers' phone links: ${JSON.stringify(phones)}`);
      const touch = jess.page.locator("main h2", { hasText: "When your personal adviser was in touch" });
      assert.equal(await touch.count(), 1);
      const lines = await touch.locator("xpath=following-sibling::ul[1]/li").allInnerTexts();
      assert.ok(lines.some((l) => l.startsWith(`${longDate(today)}:`)), `today's call is listed: ${JSON.stringify(lines)}`);
      assert.ok(!words(await jess.page.locator("main").innerText()).includes(SUMMARY), "Jess does not see the PA's summary");
      await check(jess.page, { name: "Who supports you", title: "Who supports you – Onward", h1: "Who supports you" });
    });
    await jess.context.close();
  });

  test("the PA's caseload: what needs attention first, then by name", async (t) => {
    const { context, page } = await open();
    /** The caseload's rows as { name, age, overdue, review, contact, requests }. */
    function caseload() {
      return page.locator("main table tbody tr").evaluateAll((rows) => rows.map((row) => {
        const cell = (label) => row.querySelector(`td[data-label="${label}"]`).textContent.replace(/\s+/g, " ").trim();
        return {
          name: row.querySelector("td a").textContent.trim(),
          overdue: cell("Overdue"),
          review: cell("Next plan review"),
          contact: cell("Last contact"),
          requests: cell("Requests waiting"),
        };
      }));
    }
    /** The longest time any of a row's deadlines is overdue, in days. */
    const longestOverdue = (row) => Math.max(0, ...[...row.overdue.matchAll(/Overdue by (\d+) days?/g)].map((m) => Number(m[1])));

    await t.test("PA: the caseload, what needs attention first", async () => {
      await signInStaff(page, server, "pa@example.org");
      assert.equal((await page.locator("main h2#caseload").innerText()).trim(), "Your caseload");
      assert.equal((await page.locator("main nav [aria-current=true]").innerText()).trim(), "What needs attention first");
      const rows = await caseload();
      assert.deepEqual(rows.map((r) => r.name).sort(), ["Jess Taylor", "Sam Okafor"]);
      const jess = rows.find((r) => r.name === "Jess Taylor");
      assert.equal(jess.contact, `${longDate(today)} (today)`, "the phone call just recorded");
      assert.ok(jess.review.startsWith(longDate(reviewDate)), `the review the PA agreed: ${jess.review}`);
      const sam = rows.find((r) => r.name === "Sam Okafor");
      assert.match(sam.overdue, /Dental check Overdue by \d+ days?/);
      for (let i = 1; i < rows.length; i += 1) {
        assert.ok(longestOverdue(rows[i - 1]) >= longestOverdue(rows[i]), `the longest overdue first: ${JSON.stringify(rows)}`);
      }
      await check(page, { name: "PA caseload", title: "Your young people – Onward", h1: "Your young people" });
    });

    await t.test("PA: the caseload by name", async () => {
      const link = page.locator("main nav a", { hasText: "Name" });
      await Promise.all([page.waitForURL(`${server.origin}/staff?sort=name#caseload`), link.click()]);
      assert.equal((await page.locator("main nav [aria-current=true]").innerText()).trim(), "Name");
      assert.deepEqual((await caseload()).map((r) => r.name), ["Sam Okafor", "Jess Taylor"], "Okafor before Taylor");
      await check(page, { name: "PA caseload by name", title: "Your young people – Onward", h1: "Your young people" });
    });
    await context.close();
  });

  walkVerdicts(walk, () => server);
});
