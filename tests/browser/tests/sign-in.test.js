// Signing in and out: a young person with a code from their email, a PA with a password.
"use strict";
const assert = require("node:assert/strict");
const { after, before, describe, test } = require("node:test");
const { startServerAndBrowser, newContext, screenshot } = require("../lib/browser");
const { clickForNewPage, signInYoungPerson, signInStaff, signOut } = require("../lib/journeys");

describe("signing in and out", () => {
  let server;
  let browser;
  const requests = [];

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function heading(page) {
    return (await page.locator("h1").innerText()).trim();
  }

  test("a young person signs in with the code emailed to them, and signs out", async () => {
    const context = await newContext(browser, { requests });
    const page = await context.newPage();

    await page.goto(server.origin);
    await Promise.all([page.waitForURL(`${server.origin}/sign-in`), page.click("main a.button--start")]);
    await signInYoungPerson(page, server, "jess@example.org");
    assert.equal(page.url(), `${server.origin}/home`);
    assert.equal(await heading(page), "Hello, Jess");
    assert.equal((await page.locator(".header__account span").innerText()).trim(), "Jess");
    const cookies = await context.cookies();
    const session = cookies.filter((c) => c.httpOnly && c.sameSite === "Lax" && !/csrf/i.test(c.name));
    assert.equal(session.length, 1, `one HttpOnly, SameSite=Lax session cookie: ${cookies.map((c) => c.name).join(", ")}`);
    // Signed in, the start and sign-in pages send you home.
    await page.goto(`${server.origin}/`);
    assert.equal(page.url(), `${server.origin}/home`);
    await page.goto(`${server.origin}/sign-in`);
    assert.equal(page.url(), `${server.origin}/home`);
    await screenshot(page, "Signed in as Jess");

    await signOut(page, server);
    assert.equal(await heading(page), "You have signed out");
    await page.goto(`${server.origin}/home`);
    assert.equal(page.url(), `${server.origin}/sign-in`, "/home after signing out goes to sign in");
    assert.equal(await heading(page), "What is your email address?");
    await context.close();
  });

  test("a PA signs in with a password, sees their young people, and signs out", async () => {
    const context = await newContext(browser, { requests });
    const page = await context.newPage();

    await page.goto(`${server.origin}/staff/sign-in`);
    await signInStaff(page, server, "pa@example.org");
    assert.equal(page.url(), `${server.origin}/staff`);
    assert.equal(await heading(page), "Your young people");
    assert.equal((await page.locator(".header__account span").innerText()).trim(), "Priya Adviser");
    const names = await page.locator('main table tbody td[data-label="Young person"] a').allInnerTexts();
    assert.deepEqual(names.map((n) => n.trim()).sort(), ["Jess Taylor", "Sam Okafor"]);
    // A member of staff has no young person's pages.
    await page.goto(`${server.origin}/home`);
    assert.equal(page.url(), `${server.origin}/staff`);
    await screenshot(page, "Signed in as the PA");

    await signOut(page, server);
    assert.equal(await heading(page), "You have signed out");
    await page.goto(`${server.origin}/home`);
    assert.equal(page.url(), `${server.origin}/sign-in`, "/home after signing out goes to sign in");
    await page.goto(`${server.origin}/staff`);
    assert.equal(page.url(), `${server.origin}/staff/sign-in`, "/staff after signing out goes to staff sign-in");
    await context.close();
  });

  test("a wrong password is refused with an error, and does not sign in", async () => {
    const context = await newContext(browser, { requests });
    const page = await context.newPage();
    await page.goto(`${server.origin}/staff/sign-in`);
    await page.fill("#email", "pa@example.org");
    await page.fill("#password", "not-the-password");
    await clickForNewPage(page, "main button[type=submit]");
    assert.equal(await page.title(), "Error: Sign in with your password – Onward");
    assert.equal((await page.locator(".error-summary li").innerText()).trim(), "The email address or password is not right");
    assert.equal(await page.inputValue("#email"), "pa@example.org");
    assert.equal(await page.inputValue("#password"), "", "the password is not sent back");
    await page.goto(`${server.origin}/staff`);
    assert.equal(page.url(), `${server.origin}/staff/sign-in`);
    await context.close();
  });

  test("no request went anywhere but the server itself", () => {
    assert.ok(requests.length > 0, "requests were recorded");
    assert.deepEqual(requests.filter((url) => new URL(url).origin !== server.origin), []);
  });
});
