// Private fostering, as the council's officer meets it: a neighbour has told us about a child
// (through the API, as another channel would), and the officer signs in to find the case on
// their home page with the first visit due in 7 working days, what the neighbour typed shown
// only as text. At phone and laptop width with no axe violations, then no third-party requests
// and every page within budget.
"use strict";
const assert = require("node:assert/strict");
const { after, before, describe, test } = require("node:test");
const fs = require("node:fs");
const { startServerAndBrowser, portalWalk, walkVerdicts, logAxeTotals, errorSummary, LAPTOP } = require("../lib/browser");
const { signInStaff, clickForNewPage, choose, fillDate, todayInEngland } = require("../lib/journeys");
const { emailsTo } = require("../lib/server");

const CHILD = "<i>Amy</i> O'Neill";
const CARER = "Mrs Jones";
const PUBLIC_CHILD = "<b>Lily</b> Smith";

describe("private fostering", () => {
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

  test("a neighbour tells us, and the officer finds the case with its first visit due", async (t) => {
    const response = await fetch(`${server.origin}/api/v1/private-fostering/notifications`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        notifier: "other",
        notifier_name: "Pat Neighbour",
        notifier_phone: "0151 496 0123",
        child_name: CHILD,
        carer_name: CARER,
        carer_address: "12 Example Road, Birkenhead",
      }),
    });
    assert.equal(response.status, 201);
    const { reference } = await response.json();
    assert.match(reference, /^PF-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    const { context, page } = await open();
    await t.test("Officer: the case on the home page", async () => {
      await page.setViewportSize(LAPTOP);
      await signInStaff(page, server, "pf@example.org");
      const section = page.locator("main h2#private-fostering");
      assert.equal((await section.innerText()).trim(), "Private fostering");
      const rows = await page.locator("main h2#private-fostering ~ table tbody tr").evaluateAll((all) => all.map((row) => {
        const cell = (label) => row.querySelector(`td[data-label="${label}"]`).textContent.replace(/\s+/g, " ").trim();
        return { child: cell("Child"), carer: cell("Living with"), visit: cell("Next visit") };
      }));
      assert.equal(rows.length, 1);
      assert.equal(rows[0].child, CHILD, "what was typed is shown as text, not markup");
      assert.equal(await page.locator("main i").count(), 0, "no element came from the neighbour's words");
      assert.equal(rows[0].carer, CARER);
      assert.match(rows[0].visit, /^First visit by \d{1,2} [A-Z][a-z]+ \d{4} Due in \d+ days?$/);
      await check(page, { name: "Private fostering officer home", title: "Your young people – Onward", h1: "Your young people" });
    });
    await context.close();
  });

  test("a member of the public on a phone with JavaScript off tells us, and the officer sees the case", async (t) => {
    const { context, page } = await open({ javaScriptEnabled: false });
    let officerPage;
    const continueButton = "main form button:has-text('Continue')";
    let reference;
    await t.test("Public: from the start page to the checker", async () => {
      await page.goto(`${server.origin}/`);
      await clickForNewPage(page, "text=Tell us about a child who may be privately fostered");
      await check(page, { name: "Private fostering start", title: "Tell us about a child who may be privately fostered – Onward", h1: "Tell us about a child who may be privately fostered" });
      await clickForNewPage(page, "text=Start now");
      await check(page, { name: "Private fostering checker", title: "Is this private fostering? – Onward", h1: "Is this private fostering?" });
    });
    await t.test("Public: the checker says what is missing, then that it sounds like private fostering", async () => {
      await clickForNewPage(page, continueButton);
      const problems = await errorSummary(page);
      assert.deepEqual(problems.map(([message]) => message), [
        "Enter the child's age, or your best guess",
        "Select whether the child has a disability",
        "Select who the child is living with",
        "Select how long the child will live there",
      ]);
      await check(page, { name: "Private fostering checker with errors", title: "Error: Is this private fostering? – Onward", h1: "Is this private fostering?", status: 422 });
      await page.fill("#age", "12");
      await choose(page, "Does the child have a disability?", "No");
      await choose(page, "Who is the child living with?", "A family friend");
      await choose(page, "How long will the child live there, altogether?", "28 days or more");
      await clickForNewPage(page, continueButton);
      await check(page, { name: "Private fostering verdict", title: "This sounds like private fostering – Onward", h1: "This sounds like private fostering" });
      await clickForNewPage(page, "main a:has-text('Continue')");
    });
    await t.test("Public: one topic a page, leaving out what they do not know", async () => {
      await check(page, { name: "Private fostering: about you", title: "About you – Onward", h1: "About you" });
      await choose(page, "Who are you?", "Someone else, for example a neighbour, teacher, doctor or relative");
      await page.fill("#notifier-name", "Pat Neighbour");
      await page.fill("#notifier-email", "pat@example.com");
      await clickForNewPage(page, continueButton);
      await check(page, { name: "Private fostering: the child", title: "About the child – Onward", h1: "About the child" });
      await page.fill("#child-name", PUBLIC_CHILD);
      await choose(page, "The child's sex", "I do not know");
      await clickForNewPage(page, continueButton);
      await check(page, { name: "Private fostering: the carer", title: "Who the child is living with – Onward", h1: "Who the child is living with" });
      await page.fill("#carer-name", "Mr Brown");
      await page.fill("#carer-address", "4 Sample Street\nWallasey");
      await clickForNewPage(page, continueButton);
      await check(page, { name: "Private fostering: parents", title: "The child's parents – Onward", h1: "The child's parents" });
      await clickForNewPage(page, continueButton);
      await check(page, { name: "Private fostering: brothers and sisters", title: "The child's brothers and sisters – Onward", h1: "The child's brothers and sisters" });
      await clickForNewPage(page, continueButton);
      await check(page, { name: "Private fostering: the arrangement", title: "About the arrangement – Onward", h1: "About the arrangement" });
      await page.fill("#purpose", "Her dad is in hospital");
      await clickForNewPage(page, continueButton);
    });
    await t.test("Public: check your answers, change one, and send", async () => {
      await check(page, { name: "Private fostering: check your answers", title: "Check your answers – Onward", h1: "Check your answers" });
      const answerTo = (question) => page.locator(".summary-list__row", { has: page.locator("dt", { hasText: question }) }).locator(".summary-list__value").innerText();
      assert.equal((await answerTo("The child's full name")).trim(), PUBLIC_CHILD, "shown as text");
      assert.equal((await answerTo("Where the child was born")).trim(), "Not known");
      await clickForNewPage(page, ".summary-list__row:has(dt:has-text('Why is the child living there?')) a:has-text('Change')");
      assert.equal(await page.inputValue("#purpose"), "Her dad is in hospital", "the answer is kept");
      await page.fill("#purpose", "Her dad is in hospital for a month");
      await clickForNewPage(page, continueButton);
      assert.equal(new URL(page.url()).pathname, "/private-fostering/check-your-answers", "a change goes back to the answers");
      assert.equal((await answerTo("Why is the child living there?")).trim(), "Her dad is in hospital for a month");
      await clickForNewPage(page, "main form button:has-text('Send')");
      await check(page, { name: "Private fostering: sent", title: "Notification sent – Onward", h1: "Notification sent" });
      reference = (await page.locator(".reference").innerText()).trim();
      assert.match(reference, /^PF-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    });
    await context.close();

    await t.test("Officer: the team's email names the reference and the first visit's day, and the case shows the same day", async () => {
      let email;
      for (const deadline = Date.now() + 15_000; !email && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
        email = emailsTo(server.outbox, "pf@example.org").map((file) => fs.readFileSync(file, "utf8")).find((text) => text.includes(reference));
      }
      assert.ok(email, "the team's email arrived in the outbox");
      assert.ok(!email.includes("Brown") && !email.includes("Sample Street"), "no personal data in the email");
      const due = /first visit is due by (\d{1,2} [A-Z][a-z]+ \d{4})/.exec(email.replace(/=\r?\n/g, ""))[1];
      const officer = await open();
      await officer.page.setViewportSize(LAPTOP);
      await signInStaff(officer.page, server, "pf@example.org");
      const row = officer.page.locator("main h2#private-fostering ~ table tbody tr", { hasText: "Mr Brown" });
      assert.equal(await row.count(), 1);
      assert.match((await row.locator('td[data-label="Next visit"]').innerText()).replace(/\s+/g, " "), new RegExp(`^First visit by ${due}`));
      await check(officer.page, { name: "Private fostering officer home with figures", title: "Your young people – Onward", h1: "Your young people" });
      assert.match(await officer.page.locator("#private-fostering-year + dl").innerText(), /Notifications received\s+2/);

      await clickForNewPage(officer.page, `main a:has-text("${PUBLIC_CHILD}")`);
      await check(officer.page, { name: "Private fostering case", title: "Private fostering arrangement – Onward", h1: PUBLIC_CHILD });
      const told = officer.page.locator("#told-us ~ dl").first();
      assert.match(await told.innerText(), /Her dad is in hospital for a month/);
      assert.equal(await officer.page.locator("main b").count(), 0, "what the public typed is only text");
      officerPage = officer;
    });

    await t.test("Officer: records the first visit, a Schedule 2 check, a DBS check, and confirms it", async () => {
      const { page: officerTab, context: officerContext } = officerPage;
      const today = todayInEngland();
      await clickForNewPage(officerTab, "main a:has-text('Record a visit')");
      await check(officerTab, { name: "Private fostering: record a visit", title: "Record a visit – Onward", h1: "Record a visit" });
      await clickForNewPage(officerTab, "main form button:has-text('Save')");
      const problems = await errorSummary(officerTab);
      assert.deepEqual(problems.map(([message]) => message), ["Enter the date you visited", "Select whether you saw the child"]);
      await check(officerTab, { name: "Private fostering: record a visit with errors", title: "Error: Record a visit – Onward", h1: "Record a visit", status: 422 });
      await fillDate(officerTab, "visited-on", today);
      await choose(officerTab, "Did you see the child?", "Yes");
      await choose(officerTab, "Did you see the child alone?", "Yes");
      await officerTab.fill("#report", "Lily is settled; Mr Brown has a spare room for her.");
      await clickForNewPage(officerTab, "main form button:has-text('Save')");
      assert.match(await officerTab.locator("#visits ~ table").first().innerText(), /Seen alone/);

      await clickForNewPage(officerTab, "main a:has-text('Record a check'):has-text('Whether the accommodation is suitable')");
      await check(officerTab, { name: "Private fostering: record a Schedule 2 check", title: "Record a Schedule 2 check – Onward", h1: "Record a Schedule 2 check" });
      assert.ok(await officerTab.getByLabel("Whether the accommodation is suitable", { exact: true }).isChecked(), "the matter chosen from the list");
      await fillDate(officerTab, "checked-on", today);
      await choose(officerTab, "What did you find?", "Satisfied");
      await clickForNewPage(officerTab, "main form button:has-text('Save')");
      assert.match(await officerTab.locator("main").innerText(), /1 of 11 matters checked/);

      await clickForNewPage(officerTab, "main a:has-text('Record a DBS check')");
      await check(officerTab, { name: "Private fostering: record a DBS check", title: "Record a DBS check – Onward", h1: "Record a DBS check" });
      await officerTab.fill("#person-name", "Michael Brown");
      await officerTab.fill("#relationship", "carer");
      await fillDate(officerTab, "checked-on", today);
      await choose(officerTab, "Outcome", "Clear");
      await clickForNewPage(officerTab, "main form button:has-text('Save')");

      await clickForNewPage(officerTab, "main a:has-text('Change the status')");
      await check(officerTab, { name: "Private fostering: change the status", title: "Change the status – Onward", h1: "Change the status" });
      await choose(officerTab, "What is its status now?", "Confirmed: this is private fostering");
      await clickForNewPage(officerTab, "main form button:has-text('Save')");
      await check(officerTab, { name: "Private fostering case, confirmed", title: "Private fostering arrangement – Onward", h1: PUBLIC_CHILD });
      assert.equal((await officerTab.locator("main .tag").first().innerText()).trim(), "Private fostering");
      assert.match(await officerTab.locator("main").innerText(), /Michael Brown \(carer\)/);
      await officerContext.close();
    });
  });

  walkVerdicts(walk, () => server);
});
