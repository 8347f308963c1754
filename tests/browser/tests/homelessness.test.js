// Homeless 16 and 17 year olds, as the workers and the young person meet it: the housing
// officer records a 16-year-old asking for help, records the joint assessment and explains
// their rights; the young person says on their phone that they understood; the decision is
// recorded. Every page at phone and laptop width with no axe violations, then no third-party
// requests and every page within budget.
"use strict";
const assert = require("node:assert/strict");
const { after, before, describe, test } = require("node:test");
const { startServerAndBrowser, portalWalk, walkVerdicts, logAxeTotals, errorSummary, LAPTOP } = require("../lib/browser");
const { signInStaff, signInYoungPerson, clickForNewPage, choose, fillDate, todayInEngland } = require("../lib/journeys");

describe("homeless 16 and 17 year olds", () => {
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

  test("a housing officer records a 16-year-old asking for help, the young person confirms their rights, and the decision is made", async (t) => {
    const today = todayInEngland();
    const save = "main form button:has-text('Save')";
    const officer = await open();
    const page = officer.page;
    await page.setViewportSize(LAPTOP);
    let caseUrl;
    await t.test("Housing officer: records the young person asking for help", async () => {
      await signInStaff(page, server, "housing@example.org");
      await clickForNewPage(page, "main a:has-text('Record a young person asking for help')");
      await check(page, { name: "Homelessness: new case", title: "Record a young person asking for help – Onward", h1: "Record a young person asking for help" });
      await clickForNewPage(page, save);
      const problems = await errorSummary(page);
      assert.ok(problems.length >= 4, `the summary lists what is missing: ${problems.map(([m]) => m)}`);
      await check(page, { name: "Homelessness: new case with errors", title: "Error: Record a young person asking for help – Onward", h1: "Record a young person asking for help", status: 422 });
      await page.fill("#given-name", "Alex");
      await page.fill("#family-name", "Morgan");
      await fillDate(page, "date-of-birth", { day: 1, month: 1, year: Number(today.year) - 16 - (Number(today.month) < 3 ? 1 : 0) });
      await page.fill("#email", "alex@example.org");
      await fillDate(page, "presented-on", today);
      await choose(page, "How did they come to us?", "Asked the housing service for help");
      await page.fill("#staying-tonight", "A friend's sofa, one more night");
      await choose(page, "Is that safe?", "No");
      await choose(page, "Which social worker is doing the joint assessment with you?", "Sean Worker");
      await clickForNewPage(page, save);
      caseUrl = page.url();
      await check(page, { name: "Homelessness: the case", title: "Homelessness case – Onward", h1: "Alex Morgan" });
      assert.match(await page.locator("main").innerText(), /Not safe tonight/);
      assert.match(await page.locator("#assessment + p").innerText(), /^Due by \d{1,2} [A-Z][a-z]+ \d{4} Due in \d+ days$/);
    });

    await t.test("Social worker: finds the case on their home page and completes the joint assessment", async () => {
      const sw = await open();
      await sw.page.setViewportSize(LAPTOP);
      await signInStaff(sw.page, server, "sw@example.org");
      await clickForNewPage(sw.page, "#homelessness ~ table a:has-text('Alex Morgan')");
      assert.equal(sw.page.url(), caseUrl);
      await clickForNewPage(sw.page, "main a:has-text('Record the joint assessment')");
      await check(sw.page, { name: "Homelessness: the joint assessment", title: "Record the joint assessment – Onward", h1: "Record the joint assessment" });
      assert.ok(await sw.page.getByLabel("Sean Worker", { exact: true }).isChecked(), "the form shows who is named");
      await fillDate(sw.page, "started-on", today);
      await fillDate(sw.page, "completed-on", today);
      for (const area of await sw.page.locator("input[name=areas]").all()) await area.check();
      await sw.page.fill("#views-and-wishes", "Wants to stay near college");
      await choose(sw.page, "Is the young person a child in need who requires accommodation?", "Yes");
      await clickForNewPage(sw.page, save);
      assert.equal(sw.page.url(), caseUrl);
      assert.match(await sw.page.locator("#assessment + p").innerText(), /Done on time/);
      await sw.context.close();
    });

    await t.test("Housing officer: explains their rights and offers an advocate", async () => {
      await page.goto(caseUrl);
      await clickForNewPage(page, "main a:has-text('Record that you explained their rights')");
      await check(page, { name: "Homelessness: rights", title: "Record that you explained their rights – Onward", h1: "Record that you explained their rights" });
      await fillDate(page, "given-on", today);
      for (const route of await page.locator("input[name=routes_explained]").all()) await route.check();
      await fillDate(page, "advocate-offered-on", today);
      await choose(page, "Did they accept an advocate?", "No");
      await clickForNewPage(page, save);
      assert.match(await page.locator("main").innerText(), /Not answered yet/);
    });

    await t.test("Young person: on their phone, reads their rights and says they understood", async () => {
      const phone = await open();
      await signInYoungPerson(phone.page, server, "alex@example.org");
      await clickForNewPage(phone.page, "main a:has-text('Your rights')");
      await check(phone.page, { name: "Homelessness: your rights", title: "Your rights – Onward", h1: "Your rights" });
      await clickForNewPage(phone.page, "main button:has-text('I understood this')");
      assert.match(await phone.page.locator("main").innerText(), /You told us you understood this/);
      await check(phone.page, { name: "Homelessness: your rights, answered", title: "Your rights – Onward", h1: "Your rights" });
      await phone.context.close();
    });

    await t.test("Housing officer: sees the answer, and records the decision", async () => {
      await page.goto(caseUrl);
      assert.match(await page.locator("#rights ~ dl").first().innerText(), /Understood/);
      await clickForNewPage(page, "main a:has-text('Record the decision')");
      await check(page, { name: "Homelessness: the decision", title: "Record the decision – Onward", h1: "Record the decision" });
      await choose(page, "What was decided?", "Housing under Part 7 only");
      await fillDate(page, "decided-on", today);
      await page.fill("#reasons", "Talked through with Alex");
      await clickForNewPage(page, save);
      const [[message]] = await errorSummary(page);
      assert.match(message, /must be accommodated under section 20/, "the Southwark rule");
      await choose(page, "What was decided?", "Accommodated under section 20");
      await clickForNewPage(page, save);
      await check(page, { name: "Homelessness: the case, decided", title: "Homelessness case – Onward", h1: "Alex Morgan" });
      assert.match(await page.locator("#decision + dl").innerText(), /Accommodated under section 20/);
    });
    await officer.context.close();
  });

  walkVerdicts(walk, () => server);
});
