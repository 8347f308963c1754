// Reviews and escalations, as an IRO and a manager go through them: each page state at phone
// and laptop width with no axe violations (WCAG 2.2 AA), the title and heading we expect and a
// screenshot; then no third-party requests, and every page within budget.
"use strict";
const assert = require("node:assert/strict");
const { after, before, describe, test } = require("node:test");
const { startServerAndBrowser, portalWalk, errorSummary, walkVerdicts, logAxeTotals } = require("../lib/browser");
const { clickForNewPage, signInStaff, todayInEngland, fillDate, choose } = require("../lib/journeys");

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

describe("reviews and escalations", () => {
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

  /** The body rows of the table with this caption, each as its cells' words. */
  function tableRows(page, caption) {
    return page.locator("main table", { has: page.locator("caption", { hasText: caption }) })
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent.replace(/\s+/g, " ").trim())));
  }

  async function headings(page, level) {
    return (await page.locator(`main ${level}`).allInnerTexts()).map((h) => h.trim());
  }

  async function banner(page) {
    return (await page.locator("main .banner--success .banner__content").innerText()).trim();
  }

  /** The due date of the child's next review, from the "What is due" table. */
  async function reviewDue(page) {
    const rows = await tableRows(page, "Statutory deadlines still open");
    const review = rows.find(([what]) => what === "Review");
    assert.ok(review, `a review in "What is due": ${JSON.stringify(rows)}`);
    return review;
  }

  test("an IRO: their children's reviews, recording a review, raising and updating an escalation", async (t) => {
    const { context, page } = await open();
    let samPath;
    let reviewBefore;
    const today = todayInEngland();

    await t.test("IRO: staff home links to reviews", async () => {
      await signInStaff(page, server, "iro@example.org");
      const link = page.locator("main a", { hasText: "Reviews and escalations" });
      assert.equal(await link.getAttribute("href"), "/staff/reviews");
      await check(page, { name: "IRO staff home", title: "Your young people – Onward", h1: "Your young people" });
    });

    await t.test("IRO: your children's reviews", async () => {
      await Promise.all([page.waitForURL(`${server.origin}/staff/reviews`), page.click("main a:has-text('Reviews and escalations')")]);
      const rows = await tableRows(page, "Next reviews");
      const sam = rows.find(([name]) => name === "Sam Okafor");
      assert.ok(sam, `Sam Okafor is listed: ${JSON.stringify(rows)}`);
      assert.match(sam[2], /^Due in \d+ days?$/, "Sam's review status");
      assert.ok(!rows.some(([name]) => name === "Jess Taylor"), "Jess Taylor has left care: no review is due");
      assert.equal(await page.locator("main table", { has: page.locator("caption", { hasText: "Reviews and health assessments on time" }) }).count(), 0,
        "an IRO sees no service-wide figures");
      assert.equal(await page.isChecked("#status"), true, "All is chosen");
      assert.ok((await headings(page, "h2")).includes("Open escalations"));
      samPath = await page.locator("main table a", { hasText: "Sam Okafor" }).getAttribute("href");
      assert.match(samPath, new RegExp(`^/staff/young-people/${UUID}$`));
      await check(page, { name: "IRO reviews", title: "Reviews – Onward", h1: "Your children's reviews" });
    });

    await t.test("IRO: reviews, only those overdue", async () => {
      await choose(page, "Show reviews", "Overdue");
      await clickForNewPage(page, "main form.filter button[type=submit]");
      assert.equal(new URL(page.url()).search, "?status=overdue");
      assert.equal(await page.isChecked("main input[name=status][value=overdue]"), true, "Overdue stays chosen");
      const rows = await tableRows(page, "Next reviews");
      assert.ok(!rows.some(([name]) => name === "Sam Okafor"), `Sam's review is not overdue: ${JSON.stringify(rows)}`);
      for (const [name, , status] of rows) assert.match(status, /^Overdue by \d+ days?$/, `${name}'s status`);
      await check(page, { name: "IRO reviews, overdue", title: "Reviews – Onward", h1: "Your children's reviews" });
    });

    await t.test("IRO: Sam Okafor's page", async () => {
      await page.goto(server.origin + samPath);
      assert.ok((await headings(page, "h2")).includes("What is due"));
      reviewBefore = await reviewDue(page);
      assert.match(reviewBefore[2], /^Due in \d+ days?$/);
      assert.ok((await headings(page, "h2")).includes("Escalations"));
      assert.equal(await page.locator("main a", { hasText: "Raise an escalation" }).count(), 1);
      await check(page, { name: "IRO young person", title: "Sam Okafor – Onward", h1: "Sam Okafor" });
    });

    await t.test("IRO: record a review", async () => {
      await Promise.all([page.waitForURL(`${server.origin}${samPath}/reviews/new`), page.click("main a:has-text('Record a review')")]);
      await check(page, { name: "Record a review", title: "Record a review for Sam Okafor – Onward", h1: "Record a review" });
    });

    await t.test("IRO: record a review, sent empty", async () => {
      await clickForNewPage(page, "main form button[type=submit]");
      assert.deepEqual(await errorSummary(page), [
        ["Enter the date the review was held", "#held-on"],
        ["Select how the child took part", "#participation"],
      ]);
      assert.equal((await page.locator("#held-on-error").textContent()).replace(/\s+/g, " ").trim(), "Error: Enter the date the review was held");
      assert.equal((await page.locator("#participation-error").textContent()).replace(/\s+/g, " ").trim(), "Error: Select how the child took part");
      assert.equal(await page.evaluate(() => document.activeElement.className), "error-summary", "focus moves to the error summary");
      await check(page, { name: "Record a review, sent empty", title: "Error: Record a review for Sam Okafor – Onward", h1: "Record a review", status: 422 });
    });

    await t.test("IRO: review recorded", async () => {
      await fillDate(page, "held-on", today);
      await choose(page, "How did the child take part?", "Came and spoke for themselves");
      await page.fill("#outcome-notes", "Sam stays in the placement; contact with his sister every fortnight.");
      await clickForNewPage(page, "main form button[type=submit]");
      assert.equal(page.url(), `${server.origin}${samPath}?recorded=review`);
      assert.match(await banner(page), /^The review has been recorded\./);
      const reviewAfter = await reviewDue(page);
      assert.notEqual(reviewAfter[1], reviewBefore[1], "the next review is worked out afresh from the one recorded");
      await check(page, { name: "IRO young person, review recorded", title: "Sam Okafor – Onward", h1: "Sam Okafor" });
    });

    await t.test("IRO: raise an escalation", async () => {
      await Promise.all([page.waitForURL(`${server.origin}${samPath}/escalations/new`), page.click("main a:has-text('Raise an escalation')")]);
      assert.deepEqual(
        [await page.inputValue("#raised-on"), await page.inputValue("#raised-on-month"), await page.inputValue("#raised-on-year")],
        [today.day, today.month, today.year], "raised today, to begin with");
      assert.equal(await page.isChecked("main input[name=stage][value=informal]"), true, "informal, to begin with");
      await check(page, { name: "Raise an escalation", title: "Raise an escalation for Sam Okafor – Onward", h1: "Raise an escalation" });
    });

    await t.test("IRO: escalation raised", async () => {
      await page.fill("#issue", "The plan has no date for Sam's move to a long-term placement.");
      await clickForNewPage(page, "main form button[type=submit]");
      assert.match(page.url().replace(server.origin, ""), new RegExp(`^/staff/escalations/${UUID}\\?raised=1$`));
      assert.equal(await banner(page), "The escalation has been raised.");
      assert.equal(await page.isChecked("main input[name=stage][value=informal]"), true);
      await check(page, { name: "Escalation raised", title: "Escalation for Sam Okafor – Onward", h1: "Escalation" });
    });

    await t.test("IRO: escalation moved up a stage", async () => {
      await choose(page, "Stage", "Team manager");
      await page.fill("#response", "The social worker will bring the plan to the next permanence panel.");
      await clickForNewPage(page, "main form button[type=submit]");
      assert.match(page.url().replace(server.origin, ""), new RegExp(`^/staff/escalations/${UUID}\\?updated=1$`));
      assert.equal(await banner(page), "The escalation has been updated.");
      const stage = (await page.locator("main .summary-list__row", { has: page.locator("dt", { hasText: /^Stage$/ }) }).locator("dd").innerText()).trim();
      assert.match(stage, /^Team manager, since /);
      // The form now starts from the new stage: the informal stage is behind it.
      assert.equal(await page.locator("main input[name=stage][value=informal]").count(), 0);
      await check(page, { name: "Escalation updated", title: "Escalation for Sam Okafor – Onward", h1: "Escalation" });
    });

    await t.test("IRO: reviews, with the open escalation", async () => {
      await Promise.all([page.waitForURL(`${server.origin}/staff/reviews`), page.click("main a:has-text('Back to reviews')")]);
      const rows = await tableRows(page, "Open escalations");
      assert.ok(rows.some(([name, stage]) => name === "Sam Okafor" && stage === "Team manager"), `Sam's escalation is open: ${JSON.stringify(rows)}`);
      await check(page, { name: "IRO reviews, an escalation open", title: "Reviews – Onward", h1: "Your children's reviews" });
    });
    await context.close();
  });

  test("a manager: reviews across the service, and the figures on time", async (t) => {
    const { context, page } = await open();

    await t.test("Manager: reviews across the service", async () => {
      await signInStaff(page, server, "manager@example.org");
      await Promise.all([page.waitForURL(`${server.origin}/staff/reviews`), page.click("main a:has-text('Reviews and escalations')")]);
      assert.ok((await headings(page, "h2")).some((h) => h.startsWith("On time, ")), "the figures have a heading");
      const figures = await tableRows(page, "Reviews and health assessments on time");
      assert.ok(figures.length > 0, "the figures table has rows");
      assert.ok((await tableRows(page, "Next reviews")).some(([name]) => name === "Sam Okafor"), "Sam's review is listed");
      await check(page, { name: "Manager reviews", title: "Reviews – Onward", h1: "Reviews across the service" });
    });

    await t.test("Manager: figures on time", async () => {
      await Promise.all([page.waitForURL(`${server.origin}/staff/timeliness`), page.click("main a[href='/staff/timeliness']")]);
      const h2s = await headings(page, "h2");
      assert.ok(h2s.some((h) => h.startsWith("Whole service, ")), `whole service figures: ${h2s}`);
      for (const team of ["Children in care team", "Leaving care team"]) {
        assert.ok(h2s.includes(team), `${team} has figures: ${h2s}`);
        assert.ok((await tableRows(page, `${team}: deadlines on time`)).length > 0, `${team}'s table has rows`);
      }
      await check(page, { name: "Timeliness", title: "Reviews and health assessments on time – Onward", h1: "Reviews and health assessments on time" });
    });

    await t.test("Manager: figures on time, from a date that does not exist", async () => {
      await fillDate(page, "from", { day: 31, month: 2, year: 2026 });
      await clickForNewPage(page, "main form button[type=submit]");
      assert.deepEqual(await errorSummary(page), [["The start of the period must be a real date", "#from"]]);
      assert.equal((await page.locator("#from-error").textContent()).replace(/\s+/g, " ").trim(), "Error: The start of the period must be a real date");
      assert.deepEqual([await page.inputValue("#from"), await page.inputValue("#from-month"), await page.inputValue("#from-year")], ["31", "2", "2026"],
        "what was typed is kept");
      assert.equal(await page.evaluate(() => document.activeElement.className), "error-summary", "focus moves to the error summary");
      await check(page, {
        name: "Timeliness, impossible date", title: "Error: Reviews and health assessments on time – Onward", h1: "Reviews and health assessments on time", status: 422,
      });
    });
    await context.close();
  });

  walkVerdicts(walk, () => server);
});
