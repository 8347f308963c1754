// Writing and publishing the local offer, as the council's administrator does it on a laptop:
// adds an item (sent empty first, then with a wrong answer), sees it stay off the public offer
// page while it is a draft, publishes it, writes its Pashto translation (sent empty first) and
// reads the offer in Pashto, edits the amount and sees the version and the history grow, and
// retires it. A PA is refused the pages and the forms. Every page state at phone and laptop
// width with no axe violations, then no third-party requests and every page within budget.
"use strict";
const assert = require("node:assert/strict");
const { after, before, describe, test } = require("node:test");
const {
  startServerAndBrowser, portalWalk, errorSummary, walkVerdicts, logAxeTotals, newContext, expectNoAxeViolations, expectTitleAndHeading,
  LAPTOP, VIEWPORTS,
} = require("../lib/browser");
const { clickForNewPage, signInStaff, todayInEngland, fillDate } = require("../lib/journeys");

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const TITLE = "Driving lessons";
const SUMMARY = "Money towards driving lessons and your theory and practical tests, so that you can drive to work or college.";
const HOW_TO_GET = "Ask your personal adviser. They will send the money to your driving school.";
const WHO = "Care leavers aged 17 to 25";
const ALLOWANCE = "Setting-up-home allowance";
const PASHTO = {
  title: "د موټر چلولو درسونه",
  summary: "د موټر چلولو د درسونو او ازموینو لپاره پیسې، چې وکولای شئ کار یا کالج ته موټر وچلوئ.",
  howToGet: "له خپل شخصي سلاکار څخه یې وغواړئ. هغوی به پیسې ستاسو د موټر چلولو ښوونځي ته ولېږي.",
};
const LANGUAGES = [["Arabic", "ar"], ["Dari", "prs"], ["Kurdish (Sorani)", "ckb"], ["Pashto", "ps"], ["Tigrinya", "ti"]];
const REFUSED = "You cannot see this page";

/** A date the way the pages write it: "3 November 2025". */
function longDate({ day, month, year }) {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" })
    .format(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))));
}

describe("writing and publishing the local offer", () => {
  let server;
  let browser;
  const walk = portalWalk(() => browser);
  const { open, check } = walk;
  /** The address of the setting-up-home allowance's page, found by the administrator. */
  let allowancePath;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    logAxeTotals();
  });

  /** `check` leaves the window at its narrowest; the administrator is on a laptop. */
  async function checkOnLaptop(page, options) {
    await check(page, options);
    await page.setViewportSize(LAPTOP);
  }

  function pathAndSearch(page) {
    const url = new URL(page.url());
    return url.pathname + url.search;
  }

  function words(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  /** The body rows of the table with this caption, each as its cells' words. */
  function tableRows(page, caption) {
    return page.locator("main table", { has: page.locator("caption", { hasText: caption }) })
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent.replace(/\s+/g, " ").trim())));
  }

  /** The rows of the list of items: item, area, status, last changed, languages, and the item's link. */
  async function itemRows(page) {
    return page.locator("main table", { has: page.locator("caption", { hasText: "Items of the local offer" }) })
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((row) => ({
        cells: [...row.cells].map((cell) => cell.textContent.replace(/\s+/g, " ").trim()),
        href: row.cells[0].querySelector("a")?.getAttribute("href") ?? null,
      })));
  }

  /** The one row of the list of items with this title. */
  async function itemRow(page, title) {
    const rows = await itemRows(page);
    const found = rows.filter((row) => row.cells[0] === title);
    assert.equal(found.length, 1, `one "${title}" in the list: ${JSON.stringify(rows.map((row) => row.cells[0]))}`);
    return found[0];
  }

  /** The success banner's title and words. */
  async function banner(page) {
    const found = page.locator("main .banner--success");
    assert.equal(await found.count(), 1, `one success banner on ${page.url()}`);
    return {
      title: (await found.locator(".banner__title").innerText()).trim(),
      text: words(await found.locator(".banner__content").innerText()),
    };
  }

  /** The item page's status tag and the words after it ("Version 2"). */
  async function statusLine(page) {
    const line = page.locator("main p", { has: page.locator("strong.tag") }).first();
    return { tag: (await line.locator("strong.tag").innerText()).trim(), text: words(await line.innerText()) };
  }

  /** The summary list as { key: value }. */
  function summaryList(page) {
    return page.locator("main dl.summary-list").first().locator(".summary-list__row").evaluateAll((rows) =>
      Object.fromEntries(rows.map((row) => [row.querySelector("dt").textContent.trim(), row.querySelector("dd").textContent.replace(/\s+/g, " ").trim()])));
  }

  /** The words on the buttons and links under the summary list. */
  function actions(page) {
    return page.locator("main .button-list").locator("a, button").evaluateAll((all) => all.map((b) => b.textContent.replace(/\s+/g, " ").trim()));
  }

  /** The history: each version's heading and sentence, newest first. */
  function history(page) {
    return page.locator("main h2:text-is('History') + ol > li").evaluateAll((items) => items.map((li) => ({
      heading: li.querySelector("h3").textContent.trim(),
      text: li.querySelector("p").textContent.replace(/\s+/g, " ").trim(),
    })));
  }

  /** Every item on the public offer page: title, its lang and dir, the area above it and its lines. */
  function offerEntries(page) {
    return page.locator("main li.entry").evaluateAll((items) => items.map((li) => {
      let heading = li.closest("ul").previousElementSibling;
      while (heading && heading.tagName !== "H2") heading = heading.previousElementSibling;
      const title = li.querySelector("h3.entry__title");
      return {
        title: title.textContent.trim(),
        lang: title.getAttribute("lang"),
        dir: title.getAttribute("dir"),
        under: heading ? heading.textContent.trim() : null,
        lines: [...li.querySelectorAll("dl > div")].map((d) => d.textContent.replace(/\s+/g, " ").trim()),
        tag: li.querySelector("strong.tag").textContent.trim(),
        meta: li.querySelector(".entry__meta").textContent.trim(),
      };
    }));
  }

  /** A message's words, the way the field's error shows them. */
  async function fieldError(page, id) {
    return words(await page.locator(`#${id}-error`).textContent());
  }

  async function focusIsOnErrorSummary(page) {
    assert.equal(await page.evaluate(() => document.activeElement.className), "error-summary", "focus moves to the error summary");
  }

  test("a council administrator on a laptop: adds an item, publishes it, translates it, edits it and retires it", async (t) => {
    const { context, page } = await open();
    await page.setViewportSize(LAPTOP);
    // Anyone at all, not signed in, reading the public offer page.
    const reader = await open();
    let itemPath;
    const today = todayInEngland();
    const checked = { day: "3", month: "11", year: String(Number(today.year) - 1) };

    await t.test("Admin: staff home links to the local offer", async () => {
      await signInStaff(page, server, "admin@example.org");
      const link = page.locator("main a", { hasText: "Write and publish the local offer" });
      assert.equal(await link.getAttribute("href"), "/admin/offer");
      await checkOnLaptop(page, { name: "Admin staff home", title: "Your young people – Onward", h1: "Your young people" });
    });

    await t.test("Admin: the local offer", async () => {
      await Promise.all([page.waitForURL(`${server.origin}/admin/offer`), page.click("main a:has-text('Write and publish the local offer')")]);
      const rows = await itemRows(page);
      assert.equal(rows.length, 12, `the demo's twelve items: ${JSON.stringify(rows.map((row) => row.cells[0]))}`);
      for (const row of rows) {
        assert.equal(row.cells[2], "Published", `${row.cells[0]} is published`);
        assert.equal(row.cells[4], "English", `${row.cells[0]} is in English only`);
        assert.match(row.href, new RegExp(`^/admin/offer/${UUID}$`), `${row.cells[0]} links to its page`);
      }
      const allowance = await itemRow(page, ALLOWANCE);
      assert.equal(allowance.cells[1], "Somewhere to live");
      allowancePath = allowance.href;
      assert.ok(!rows.some((row) => row.cells[0] === TITLE), "no driving lessons yet");
      const add = page.locator("main a.button", { hasText: "Add an item" });
      assert.equal(await add.getAttribute("href"), "/admin/offer/new");
      assert.equal(await page.locator("main a", { hasText: "public offer page" }).getAttribute("href"), "/offer");
      await checkOnLaptop(page, { name: "The local offer", title: "The local offer – Onward", h1: "The local offer" });
    });

    await t.test("Admin: add an item, the form", async () => {
      await Promise.all([page.waitForURL(`${server.origin}/admin/offer/new`), page.click("main a:has-text('Add an item')")]);
      assert.equal(await page.locator("main input[name=area]:checked").count(), 0, "no area chosen to begin with");
      assert.equal(await page.locator("main input[name=statutory]:checked").count(), 0, "statutory or not, not chosen to begin with");
      assert.equal(await page.inputValue("#title"), "");
      assert.equal(await page.locator("main input[name=version]").count(), 0, "a new item has no version yet");
      await checkOnLaptop(page, { name: "Add an item", title: "Add an item to the offer – Onward", h1: "Add an item to the offer" });
    });

    await t.test("Admin: add an item, sent empty", async () => {
      await clickForNewPage(page, "main form button:has-text('Save')");
      assert.equal(pathAndSearch(page), "/admin/offer/new", "the form comes back");
      assert.deepEqual(await errorSummary(page), [
        ["Choose the area it belongs to", "#area"],
        ["Enter a title", "#title"],
        ["Enter a summary", "#summary"],
        ["Enter how to get it", "#how-to-get"],
        ["Say whether the law says care leavers can have it", "#statutory"],
        ["Enter the date it was last checked", "#last-reviewed-on"],
      ]);
      assert.equal(await fieldError(page, "title"), "Error: Enter a title");
      assert.equal(await fieldError(page, "last-reviewed-on"), "Error: Enter the date it was last checked");
      assert.equal(await page.locator("#amount-error").count(), 0, "no amount is a right answer");
      await focusIsOnErrorSummary(page);
      await checkOnLaptop(page, {
        name: "Add an item, sent empty", title: "Error: Add an item to the offer – Onward", h1: "Add an item to the offer", status: 422,
      });
    });

    await t.test("Admin: add an item, an amount with no period and an age that is not a number", async () => {
      await page.check("main input[name=area][value=employment]");
      await page.fill("#title", TITLE);
      await page.fill("#amount", "800");
      await page.fill("#min-age", "seventeen");
      await page.fill("#until-age", "25");
      await clickForNewPage(page, "main form button:has-text('Save')");
      assert.deepEqual(await errorSummary(page), [
        ["Enter a summary", "#summary"],
        ["Choose how often it is paid", "#period"],
        ["Enter an age in years, like 18, or leave it empty", "#min-age"],
        ["Enter how to get it", "#how-to-get"],
        ["Say whether the law says care leavers can have it", "#statutory"],
        ["Enter the date it was last checked", "#last-reviewed-on"],
      ]);
      // What was typed is kept.
      assert.equal(await page.isChecked("main input[name=area][value=employment]"), true, "Work stays chosen");
      assert.equal(await page.inputValue("#title"), TITLE);
      assert.equal(await page.inputValue("#amount"), "800");
      assert.equal(await page.inputValue("#min-age"), "seventeen");
      assert.equal(await page.inputValue("#until-age"), "25");
      await focusIsOnErrorSummary(page);
      await checkOnLaptop(page, {
        name: "Add an item, wrong answers", title: "Error: Add an item to the offer – Onward", h1: "Add an item to the offer", status: 422,
      });
    });

    await t.test("Admin: Driving lessons added, as a draft", async () => {
      await page.fill("#summary", SUMMARY);
      await page.check("main input[name=period][value=one_off]");
      await page.fill("#min-age", "17");
      await page.fill("#how-to-get", HOW_TO_GET);
      await page.check("main input[name=statutory][value=no]");
      await fillDate(page, "last-reviewed-on", checked);
      await clickForNewPage(page, "main form button:has-text('Save')");
      assert.match(pathAndSearch(page), new RegExp(`^/admin/offer/${UUID}\\?saved=added$`));
      itemPath = new URL(page.url()).pathname;
      assert.deepEqual(await banner(page), { title: "Success", text: "Added as a draft. Nobody outside the council sees it until you publish it." });
      assert.deepEqual(await statusLine(page), { tag: "Draft", text: "Draft Version 1" });
      assert.deepEqual(await summaryList(page), {
        "Area": "Work",
        "What it is": SUMMARY,
        "How much": "£800, once",
        "Who can have it": WHO,
        "How to get it": HOW_TO_GET,
        "Statutory": "No, the council chooses to offer it",
        "Last checked": longDate(checked),
      });
      assert.deepEqual(await actions(page), [`Edit ${TITLE}`, "Publish"]);
      assert.equal(await page.locator("main .button-list a", { hasText: "Edit" }).getAttribute("href"), `${itemPath}/edit`);
      const translations = await tableRows(page, "Translations of this item");
      assert.deepEqual(translations.map(([language, title]) => [language, title]), LANGUAGES.map(([name]) => [name, "Not written yet"]));
      for (const [name, code] of LANGUAGES) {
        const link = page.getByRole("link", { name: new RegExp(`^Write +the ${name.replace(/[()]/g, "\\$&")} translation$`) });
        assert.equal(await link.getAttribute("href"), `${itemPath}/translations/${code}`, `the ${name} translation's link`);
      }
      const versions = await history(page);
      assert.deepEqual(versions.map((v) => v.heading), ["Version 1: Draft"]);
      assert.equal(versions[0].text, `${TITLE}, £800, once. ${WHO}.`);
      await checkOnLaptop(page, { name: "Item added, a draft", title: `${TITLE} – Onward`, h1: TITLE });
    });

    await t.test("Admin: the local offer lists the draft", async () => {
      await Promise.all([page.waitForURL(`${server.origin}/admin/offer`), page.click("main a:has-text('Back to the local offer')")]);
      const row = await itemRow(page, TITLE);
      assert.deepEqual(row.cells, [TITLE, "Work", "Draft", longDate(today), "English"]);
      assert.equal(row.href, itemPath);
      assert.equal((await itemRows(page)).length, 13);
      await checkOnLaptop(page, { name: "The local offer, a draft", title: "The local offer – Onward", h1: "The local offer" });
    });

    await t.test("Anyone: the public offer does not show a draft", async () => {
      await reader.page.goto(`${server.origin}/offer`);
      const titles = (await offerEntries(reader.page)).map((e) => e.title);
      assert.ok(titles.includes(ALLOWANCE), `the published offer is there: ${JSON.stringify(titles)}`);
      assert.ok(!titles.includes(TITLE), "a draft is not on the public offer");
      assert.equal(await reader.page.locator("nav[aria-label=Languages]").count(), 0, "in English only, so no languages to choose");
      await check(reader.page, { name: "Public offer, draft not shown", title: "What care leavers can get – Onward", h1: "What care leavers can get" });
    });

    await t.test("Admin: Driving lessons published", async () => {
      await Promise.all([page.waitForURL(server.origin + itemPath), page.click(`main a[href='${itemPath}']`)]);
      assert.equal(await page.locator("main .banner--success").count(), 0, "no banner on a fresh visit");
      await clickForNewPage(page, "main .button-list form button:has-text('Publish')");
      assert.equal(pathAndSearch(page), `${itemPath}?saved=published`);
      assert.equal((await banner(page)).text, "Published. Anyone can now read it on the local offer page.");
      assert.deepEqual(await statusLine(page), { tag: "Published", text: "Published Version 2" });
      assert.deepEqual(await actions(page), [`Edit ${TITLE}`, "Retire", "Take back to draft"]);
      assert.deepEqual((await history(page)).map((v) => v.heading), ["Version 2: Published", "Version 1: Draft"]);
      await checkOnLaptop(page, { name: "Item published", title: `${TITLE} – Onward`, h1: TITLE });
    });

    await t.test("Anyone: the public offer shows it", async () => {
      await reader.page.goto(`${server.origin}/offer`);
      const found = (await offerEntries(reader.page)).filter((e) => e.title === TITLE);
      assert.equal(found.length, 1, "once on the public offer");
      const [lessons] = found;
      assert.equal(lessons.under, "Work");
      assert.deepEqual(lessons.lines, ["How much: £800, once", `Who can get it: ${WHO}`, `How to get it: ${HOW_TO_GET}`]);
      assert.equal(lessons.tag, "Our council offers this");
      assert.equal(lessons.meta, `Last checked ${longDate(checked)}`);
      assert.equal(lessons.lang, "en");
      await check(reader.page, { name: "Public offer, item published", title: "What care leavers can get – Onward", h1: "What care leavers can get" });
    });

    await t.test("Admin: write the Pashto translation, the form", async () => {
      await Promise.all([
        page.waitForURL(`${server.origin}${itemPath}/translations/ps`),
        page.getByRole("link", { name: /^Write +the Pashto translation$/ }).click(),
      ]);
      for (const id of ["title", "summary", "how-to-get"]) {
        const field = page.locator(`#${id}`);
        assert.equal(await field.getAttribute("lang"), "ps", `#${id} is for Pashto`);
        assert.equal(await field.getAttribute("dir"), "rtl", `#${id} is written right to left`);
        assert.equal(await field.inputValue(), "", `#${id} starts empty`);
      }
      assert.equal(await page.locator("label[for=title]").innerText(), "Title in Pashto");
      const english = await summaryList(page);
      assert.deepEqual(english, { "Title": TITLE, "What it is": SUMMARY, "How to get it": HOW_TO_GET }, "the English to translate");
      await checkOnLaptop(page, { name: "Write a translation", title: `${TITLE} in Pashto – Onward`, h1: `${TITLE} in Pashto` });
    });

    await t.test("Admin: write the Pashto translation, sent empty", async () => {
      await clickForNewPage(page, "main form button:has-text('Save the translation')");
      assert.equal(pathAndSearch(page), `${itemPath}/translations/ps`);
      assert.deepEqual(await errorSummary(page), [
        ["Enter a title", "#title"],
        ["Enter a summary", "#summary"],
        ["Enter how to get it", "#how-to-get"],
      ]);
      assert.equal(await fieldError(page, "how-to-get"), "Error: Enter how to get it");
      assert.equal(await page.locator("#title").getAttribute("dir"), "rtl", "still right to left");
      await focusIsOnErrorSummary(page);
      await checkOnLaptop(page, {
        name: "Write a translation, sent empty", title: `Error: ${TITLE} in Pashto – Onward`, h1: `${TITLE} in Pashto`, status: 422,
      });
    });

    await t.test("Admin: the Pashto translation saved", async () => {
      await page.fill("#title", PASHTO.title);
      await page.fill("#summary", PASHTO.summary);
      await page.fill("#how-to-get", PASHTO.howToGet);
      await clickForNewPage(page, "main form button:has-text('Save the translation')");
      assert.equal(pathAndSearch(page), `${itemPath}?saved=translated`);
      assert.equal((await banner(page)).text, "The translation is saved.");
      assert.deepEqual(await statusLine(page), { tag: "Published", text: "Published Version 2" }, "a translation is not a new version of the item");
      const pashto = (await tableRows(page, "Translations of this item")).find(([language]) => language === "Pashto");
      assert.ok(pashto[1].startsWith(PASHTO.title), `the Pashto title is listed: ${JSON.stringify(pashto)}`);
      const title = page.locator("main table td span[lang=ps]");
      assert.equal((await title.innerText()).trim(), PASHTO.title);
      assert.equal(await title.getAttribute("dir"), "rtl");
      assert.equal(await page.getByRole("link", { name: /^Change +the Pashto translation$/ }).getAttribute("href"), `${itemPath}/translations/ps`);
      assert.equal(await page.getByRole("link", { name: /^Write +the Arabic translation$/ }).count(), 1, "Arabic is still to write");
      await checkOnLaptop(page, { name: "Item translated", title: `${TITLE} – Onward`, h1: TITLE });
    });

    await t.test("Anyone: the public offer, in Pashto", async () => {
      await reader.page.goto(`${server.origin}/offer`);
      const languages = reader.page.locator("nav[aria-label=Languages]");
      assert.equal(await languages.count(), 1, "the offer can be read in another language");
      assert.match(words(await languages.innerText()), /^Read the offer in:/);
      const link = languages.locator("a[href='/offer?lang=ps']");
      assert.equal(words(await link.innerText()), "پښتو", "Pashto, in Pashto");
      assert.equal(await link.getAttribute("lang"), "ps");
      assert.equal(await link.getAttribute("dir"), "rtl");
      assert.equal(await languages.locator("[aria-current=true]").innerText(), "English", "English is the one being read");
      await Promise.all([reader.page.waitForURL(`${server.origin}/offer?lang=ps`), link.click()]);
      const all = await offerEntries(reader.page);
      const translated = all.filter((e) => e.title === PASHTO.title);
      assert.equal(translated.length, 1, `the Pashto title is on the page: ${JSON.stringify(all.map((e) => e.title))}`);
      assert.equal(translated[0].lang, "ps");
      assert.equal(translated[0].dir, "rtl");
      assert.equal(translated[0].under, "Work");
      assert.ok(translated[0].lines.includes("How much: £800, once"), `the facts come from the English item: ${JSON.stringify(translated[0].lines)}`);
      assert.ok(translated[0].lines.includes(`How to get it: ${PASHTO.howToGet}`), JSON.stringify(translated[0].lines));
      assert.ok(!all.some((e) => e.title === TITLE), "not in English as well");
      const allowance = all.find((e) => e.title === ALLOWANCE);
      assert.ok(allowance, "what is not translated stays in English");
      assert.equal(allowance.lang, "en");
      assert.equal(await reader.page.locator("nav[aria-label=Languages] strong[aria-current=true]").getAttribute("lang"), "ps");
      await check(reader.page, { name: "Public offer in Pashto", title: "What care leavers can get – Onward", h1: "What care leavers can get" });
    });

    await t.test("Admin: edit Driving lessons, the form", async () => {
      await page.goto(server.origin + itemPath);
      await Promise.all([page.waitForURL(`${server.origin}${itemPath}/edit`), page.click("main .button-list a:has-text('Edit')")]);
      assert.equal(await page.isChecked("main input[name=area][value=employment]"), true);
      assert.equal(await page.inputValue("#title"), TITLE);
      assert.equal(await page.inputValue("#summary"), SUMMARY);
      assert.equal(await page.inputValue("#amount"), "800");
      assert.equal(await page.isChecked("main input[name=period][value=one_off]"), true);
      assert.equal(await page.inputValue("#min-age"), "17");
      assert.equal(await page.inputValue("#until-age"), "25");
      assert.equal(await page.inputValue("#how-to-get"), HOW_TO_GET);
      assert.equal(await page.isChecked("main input[name=statutory][value=no]"), true);
      assert.deepEqual(
        [await page.inputValue("#last-reviewed-on"), await page.inputValue("#last-reviewed-on-month"), await page.inputValue("#last-reviewed-on-year")],
        [checked.day, checked.month, checked.year]);
      assert.equal(await page.locator("main input[name=version]").inputValue(), "2", "the edit is of version 2");
      await checkOnLaptop(page, { name: "Edit an item", title: `Edit ${TITLE} – Onward`, h1: `Edit ${TITLE}` });
    });

    await t.test("Admin: Driving lessons, the amount changed", async () => {
      await page.fill("#amount", "850");
      await clickForNewPage(page, "main form button:has-text('Save')");
      assert.equal(pathAndSearch(page), `${itemPath}?saved=edited`);
      assert.equal((await banner(page)).text, "Your changes are saved.");
      assert.deepEqual(await statusLine(page), { tag: "Published", text: "Published Version 3" }, "still published, one version on");
      assert.equal((await summaryList(page))["How much"], "£850, once");
      const versions = await history(page);
      assert.deepEqual(versions.map((v) => v.heading), ["Version 3: Published", "Version 2: Published", "Version 1: Draft"]);
      assert.equal(versions[0].text, `${TITLE}, £850, once. ${WHO}.`);
      assert.equal(versions[1].text, `${TITLE}, £800, once. ${WHO}.`, "the history keeps what it was");
      await checkOnLaptop(page, { name: "Item edited", title: `${TITLE} – Onward`, h1: TITLE });
    });

    await t.test("Anyone: the public offer has the new amount", async () => {
      await reader.page.goto(`${server.origin}/offer`);
      const lessons = (await offerEntries(reader.page)).find((e) => e.title === TITLE);
      assert.ok(lessons, "still on the public offer");
      assert.equal(lessons.lines[0], "How much: £850, once");
    });

    await t.test("Admin: Driving lessons retired", async () => {
      await clickForNewPage(page, "main .button-list form button:has-text('Retire')");
      assert.equal(pathAndSearch(page), `${itemPath}?saved=retired`);
      assert.equal((await banner(page)).text, "Retired. It is no longer on the local offer page.");
      assert.deepEqual(await statusLine(page), { tag: "Retired", text: "Retired Version 4" });
      assert.deepEqual(await actions(page), [`Edit ${TITLE}`, "Publish again"]);
      assert.deepEqual((await history(page)).map((v) => v.heading),
        ["Version 4: Retired", "Version 3: Published", "Version 2: Published", "Version 1: Draft"]);
      await checkOnLaptop(page, { name: "Item retired", title: `${TITLE} – Onward`, h1: TITLE });
    });

    await t.test("Anyone: the public offer, without it", async () => {
      await reader.page.goto(`${server.origin}/offer`);
      const titles = (await offerEntries(reader.page)).map((e) => e.title);
      assert.ok(!titles.includes(TITLE), `retired, so gone: ${JSON.stringify(titles)}`);
      assert.ok(titles.includes(ALLOWANCE), "the rest of the offer stays");
      assert.equal(await reader.page.locator("nav[aria-label=Languages]").count(), 0, "nothing published is in Pashto any more");
      await reader.page.goto(`${server.origin}/offer?lang=ps`);
      assert.ok(!(await offerEntries(reader.page)).some((e) => e.title === PASHTO.title || e.title === TITLE), "not in Pashto either");
      await check(reader.page, { name: "Public offer, item retired", title: "What care leavers can get – Onward", h1: "What care leavers can get" });
    });

    await t.test("Admin: the local offer, at the end", async () => {
      await Promise.all([page.waitForURL(`${server.origin}/admin/offer`), page.click("main a:has-text('Back to the local offer')")]);
      assert.deepEqual((await itemRow(page, TITLE)).cells, [TITLE, "Work", "Retired", longDate(today), "English, Pashto"]);
      assert.equal((await itemRow(page, ALLOWANCE)).cells[2], "Published");
      await checkOnLaptop(page, { name: "The local offer, one retired", title: "The local offer – Onward", h1: "The local offer" });
    });
    await reader.context.close();
    await context.close();
  });

  test("a PA cannot write the offer, and nobody signed out can", async (t) => {
    // Its own context and records: a 403 is meant to come with that status, which Chromium logs
    // as an error, and the walk's verdict on script errors allows only 404 and 422.
    const requests = [];
    const complaints = [];
    const context = await newContext(browser, { viewport: LAPTOP, requests, complaints });
    const page = await context.newPage();

    await t.test("Signed out: the offer's pages send you to sign in", async () => {
      const response = await page.goto(`${server.origin}/admin/offer`);
      assert.equal(pathAndSearch(page), "/staff/sign-in");
      assert.equal(response.status(), 200);
      assert.equal(response.request().redirectedFrom()?.url(), `${server.origin}/admin/offer`);
    });

    await t.test("PA: staff home has no link to write the offer", async () => {
      await signInStaff(page, server, "pa@example.org");
      assert.equal(await page.locator("main a[href='/admin/offer']").count(), 0);
      assert.equal(await page.locator("main a[href='/staff/requests']").count(), 1, "a PA answers requests instead");
    });

    for (const path of ["/admin/offer", "/admin/offer/new"]) {
      await t.test(`PA: ${path} is refused`, async () => {
        const response = await page.goto(server.origin + path);
        assert.equal(response.status(), 403, `status of ${path}`);
        assert.equal(pathAndSearch(page), path, "no redirect: the page says why");
        for (const viewport of VIEWPORTS) {
          await page.setViewportSize(viewport);
          await expectTitleAndHeading(page, `${REFUSED} – Onward`, REFUSED);
          await expectNoAxeViolations(page, `${path} refused at ${viewport.width}×${viewport.height}`);
        }
        await page.setViewportSize(LAPTOP);
        assert.ok((await page.locator("main").innerText()).includes("Your account does not give you access to this page."));
        assert.equal(await page.locator("main a", { hasText: "Go to the start" }).getAttribute("href"), "/staff");
        assert.equal(await page.locator("main table").count(), 0, "none of the offer's items");
      });
    }

    await t.test("PA: the item's page is refused", async () => {
      assert.match(allowancePath, new RegExp(`^/admin/offer/${UUID}$`), "the administrator found the allowance's page");
      for (const path of [allowancePath, `${allowancePath}/edit`, `${allowancePath}/translations/ar`]) {
        const response = await page.goto(server.origin + path);
        assert.equal(response.status(), 403, `status of ${path}`);
        assert.deepEqual(await page.locator("h1").allInnerTexts(), [REFUSED], `the heading of ${path}`);
      }
    });

    await t.test("PA: a form sent with their own token is refused too", async () => {
      await page.goto(`${server.origin}/staff`);
      const token = await page.locator("header form[action='/sign-out'] input[name=csrf_token]").inputValue();
      assert.ok(token.length > 0, "the PA's form token");
      const sends = [
        [`${allowancePath}/status`, { csrf_token: token, version: "1", status: "retired" }],
        ["/admin/offer/new", {
          csrf_token: token, area: "employment", title: "Not allowed", summary: "Not allowed.", how_to_get: "Not allowed.", statutory: "no",
          last_reviewed_on_day: "1", last_reviewed_on_month: "1", last_reviewed_on_year: "2025",
        }],
        [`${allowancePath}/translations/ar`, { csrf_token: token, title: "عنوان", summary: "ملخص", how_to_get: "كيف" }],
      ];
      for (const [path, form] of sends) {
        const response = await page.request.post(server.origin + path, { form, maxRedirects: 0 });
        assert.equal(response.status(), 403, `status of a POST to ${path}`);
        const body = await response.text();
        assert.ok(body.includes(`<h1>${REFUSED}</h1>`), `refused for who they are, not for the token: POST ${path}`);
      }
    });

    await t.test("Anyone: the allowance is still on the public offer, untouched", async () => {
      await page.goto(`${server.origin}/offer`);
      const titles = (await offerEntries(page)).map((e) => e.title);
      assert.ok(titles.includes(ALLOWANCE), "the PA could not retire it");
      assert.ok(!titles.includes("Not allowed"), "nor add to the offer");
      assert.equal(await page.locator("nav[aria-label=Languages]").count(), 0, "nor translate it");
    });

    await t.test("PA: nothing went elsewhere, and the browser complained only of the refusals", async () => {
      const elsewhere = requests.filter((url) => new URL(url).origin !== server.origin);
      assert.deepEqual(elsewhere, [], "requests to other origins");
      const expected = /^error on .*: Failed to load resource: the server responded with a status of 403 /;
      assert.deepEqual(complaints.filter((c) => !expected.test(c)), []);
    });
    await context.close();
  });

  walkVerdicts(walk, () => server);
});
