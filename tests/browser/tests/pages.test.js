// Every portal page, at phone and laptop width: no axe violations (WCAG 2.2 AA), the title and
// heading we expect, a screenshot; then no third-party requests, and every page within budget.
"use strict";
const assert = require("node:assert/strict");
const { after, before, describe, test } = require("node:test");
const {
  startServerAndBrowser, portalWalk, errorSummary, walkVerdicts, logAxeTotals,
} = require("../lib/browser");
const { clickForNewPage, askForCode, enterCode, signInStaff, signOut, wrongCode } = require("../lib/journeys");

describe("every portal page", () => {
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

  test("public pages", async (t) => {
    const { context, page } = await open();
    const pages = [
      ["/", "Start page", "Onward", "Onward"],
      ["/accessibility", "Accessibility statement", "Accessibility statement – Onward", "Accessibility statement"],
      ["/privacy", "Privacy notice", "Privacy notice – Onward", "Privacy notice"],
      ["/offline", "Offline page", "You are offline – Onward", "You are offline"],
      ["/offer", "Local offer", "What care leavers can get – Onward", "What care leavers can get"],
      ["/offer?q=bursary", "Local offer, searched", "What care leavers can get – Onward", "What care leavers can get"],
    ];
    for (const [path, name, title, h1] of pages) {
      await t.test(name, async () => {
        await page.goto(server.origin + path);
        await check(page, { name, title, h1 });
      });
    }
    await t.test("Skip link: the first Tab shows it, Enter goes to the main content", async () => {
      await page.goto(server.origin);
      await page.keyboard.press("Tab");
      const skip = page.locator("a.skip-link");
      assert.equal(await skip.evaluate((a) => a === document.activeElement), true, "the skip link is focused first");
      const box = await skip.boundingBox();
      assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 0, "the focused skip link is on screen");
      await page.keyboard.press("Enter");
      assert.equal(await page.evaluate(() => document.activeElement.id), "main");
    });
    await t.test("Page not found", async () => {
      await page.goto(`${server.origin}/no-such-page`);
      await check(page, { name: "Page not found", title: "Page not found – Onward", h1: "Page not found", status: 404 });
    });
    await context.close();
  });

  test("staff sign-in, and a PA's and a manager's pages", async (t) => {
    const { context, page } = await open();
    await t.test("Staff sign-in", async () => {
      await page.goto(`${server.origin}/staff/sign-in`);
      await check(page, { name: "Staff sign-in", title: "Sign in with your password – Onward", h1: "Sign in with your password" });
    });
    await t.test("Staff sign-in, sent empty", async () => {
      await clickForNewPage(page, "main button[type=submit]");
      assert.deepEqual(await errorSummary(page), [
        ["Enter your work email address", "#email"],
        ["Enter your password", "#password"],
      ]);
      await check(page, { name: "Staff sign-in, sent empty", title: "Error: Sign in with your password – Onward", h1: "Sign in with your password", status: 422 });
    });
    await context.close();

    // A PA's home is their caseload; a manager's lists the whole authority.
    const homes = [
      ["PA", "pa@example.org", "Jess Taylor", 'main h2#caseload ~ table td[data-label="Young person"] a'],
      ["Manager", "manager@example.org", "Sam Okafor", "main table tbody td[data-label=Name] a"],
    ];
    for (const [who, email, person, names] of homes) {
      const { context, page } = await open();
      await t.test(`${who}: your young people`, async () => {
        await signInStaff(page, server, email);
        const listed = await page.locator(names).allInnerTexts();
        assert.deepEqual(listed.map((n) => n.trim()).sort(), ["Jess Taylor", "Sam Okafor"]);
        await check(page, { name: `${who} staff home`, title: "Your young people – Onward", h1: "Your young people" });
      });
      await t.test(`${who}: ${person}'s page`, async () => {
        await Promise.all([page.waitForURL(/\/staff\/young-people\/[0-9a-f-]{36}$/), page.click(`main a:has-text("${person}")`)]);
        await check(page, { name: `${who} young person`, title: `${person} – Onward`, h1: person });
      });
      await context.close();
    }
  });

  test("a young person's sign-in journey and pages", async (t) => {
    const { context, page } = await open();
    await t.test("Email address", async () => {
      await page.goto(`${server.origin}/sign-in`);
      await check(page, { name: "Sign-in email", title: "What is your email address? – Onward", h1: "What is your email address?" });
    });
    await t.test("Email address, sent empty", async () => {
      await clickForNewPage(page, "main button[type=submit]");
      assert.deepEqual(await errorSummary(page), [["Enter an email address", "#email"]]);
      assert.equal((await page.locator("#email-error").textContent()).replace(/\s+/g, " ").trim(), "Error: Enter an email address");
      assert.equal(await page.evaluate(() => document.activeElement.className), "error-summary", "focus moves to the error summary");
      await check(page, { name: "Sign-in email, sent empty", title: "Error: What is your email address? – Onward", h1: "What is your email address?", status: 422 });
    });
    await t.test("Email address, not an email address", async () => {
      await page.fill("#email", "jess at example");
      await clickForNewPage(page, "main button[type=submit]");
      assert.deepEqual(await errorSummary(page), [["Enter an email address in the correct format, like name@example.org", "#email"]]);
      assert.equal(await page.inputValue("#email"), "jess at example");
      await check(page, { name: "Sign-in email, not an email", title: "Error: What is your email address? – Onward", h1: "What is your email address?", status: 422 });
    });
    let code;
    await t.test("Code", async () => {
      code = await askForCode(page, server, "jess@example.org");
      await check(page, { name: "Sign-in code", title: "Check your email – Onward", h1: "Check your email" });
    });
    await t.test("Code, wrong", async () => {
      await enterCode(page, wrongCode(code));
      assert.equal(new URL(page.url()).pathname, "/sign-in/code");
      assert.deepEqual(await errorSummary(page), [["The code is not right. Check the email and try again. You have 4 more tries.", "#code"]]);
      await check(page, { name: "Sign-in code, wrong", title: "Error: Check your email – Onward", h1: "Check your email", status: 422 });
    });
    await t.test("Code, not 6 digits", async () => {
      await enterCode(page, "12ab");
      assert.deepEqual(await errorSummary(page), [["Enter the 6-digit code from the email, like 123456", "#code"]]);
      await check(page, { name: "Sign-in code, not 6 digits", title: "Error: Check your email – Onward", h1: "Check your email", status: 422 });
    });
    const own = [
      ["/home", "Home", "Your home page – Onward", "Hello, Jess"],
      ["/my/details", "Your details", "Your details – Onward", "Your details"],
      ["/my/workers", "Who supports you", "Who supports you – Onward", "Who supports you"],
      ["/my/record-views", "Who has looked at your record", "Who has looked at your record – Onward", "Who has looked at your record"],
    ];
    for (const [path, name, title, h1] of own) {
      await t.test(name, async () => {
        if (path === "/home") {
          await enterCode(page, code);
          assert.equal(page.url(), `${server.origin}/home`);
        } else {
          await page.goto(server.origin + path);
        }
        await check(page, { name, title, h1 });
      });
    }
    await t.test("Signed out", async () => {
      await signOut(page, server);
      await check(page, { name: "Signed out", title: "You have signed out – Onward", h1: "You have signed out" });
    });
    await context.close();

    // Five wrong codes use the code up: the page then offers only a new code.
    const other = await open();
    await t.test("Code, used up", async () => {
      const code = await askForCode(other.page, server, "sam@example.org");
      for (let tries = 0; tries < 5; tries++) await enterCode(other.page, wrongCode(code));
      assert.deepEqual(await errorSummary(other.page), [["That code cannot be used any more. Ask for a new code below.", "#code"]]);
      assert.equal(await other.page.locator("form[action='/sign-in/code']").count(), 0, "no form for the used-up code");
      await check(other.page, { name: "Sign-in code, used up", title: "Error: Check your email – Onward", h1: "Check your email", status: 422 });
    });
    await other.context.close();
  });

  walkVerdicts(walk, () => server);
});
