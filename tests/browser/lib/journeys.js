// Signing in and out the way people do it: through the pages, with the code from the outbox.
"use strict";
const assert = require("node:assert/strict");
const { emailsTo, waitForCode } = require("./server");

const PASSWORD = "onward-demo";

/** Fill in the email page and continue; resolves to the code that was emailed. */
async function askForCode(page, server, email) {
  const seen = emailsTo(server.outbox, email);
  await page.goto(`${server.origin}/sign-in`);
  await page.fill("#email", email);
  await Promise.all([page.waitForURL(`${server.origin}/sign-in/code`), page.click("button:has-text('Continue')")]);
  return waitForCode(server.outbox, email, seen);
}

/** Click something that loads a new page (a form's button, say), and wait for that page. */
async function clickForNewPage(page, selector) {
  await Promise.all([
    page.waitForEvent("framenavigated", { predicate: (frame) => frame === page.mainFrame() }),
    page.click(selector),
  ]);
  await page.waitForLoadState("load");
}

async function enterCode(page, code) {
  await page.fill("#code", code);
  await clickForNewPage(page, "form[action='/sign-in/code'] button[type=submit]");
}

/** A young person signs in with the code emailed to them and lands on /home. */
async function signInYoungPerson(page, server, email) {
  const code = await askForCode(page, server, email);
  await page.fill("#code", code);
  await Promise.all([page.waitForURL(`${server.origin}/home`), page.click("form[action='/sign-in/code'] button[type=submit]")]);
}

/** A member of staff signs in with their password and lands on /staff. */
async function signInStaff(page, server, email) {
  await page.goto(`${server.origin}/staff/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", PASSWORD);
  await Promise.all([page.waitForURL(`${server.origin}/staff`), page.click("main button[type=submit]")]);
}

/** Sign out with the button in the header; lands on /signed-out. */
async function signOut(page, server) {
  const button = page.locator("header form[action='/sign-out'] button");
  assert.equal(await button.innerText(), "Sign out");
  await Promise.all([page.waitForURL(`${server.origin}/signed-out`), button.click()]);
}

/** Today's date in England, as the day, month and year a person would type. */
function todayInEngland(now = new Date()) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" })
    .formatToParts(now).filter((part) => part.type !== "literal").map((part) => [part.type, part.value]));
  // en-GB writes "03" for the 3rd; the forms write numbers as people type them.
  return { day: String(Number(parts.day)), month: String(Number(parts.month)), year: parts.year };
}

/** Type a date into the day, month and year boxes of the date field `id` (like "held-on"). */
async function fillDate(page, id, { day, month, year }) {
  await page.fill(`#${id}`, String(day));
  await page.fill(`#${id}-month`, String(month));
  await page.fill(`#${id}-year`, String(year));
}

/** Choose a radio (or checkbox) by its label's words, as a person clicks the label. */
async function choose(page, legend, label) {
  const fieldset = page.locator("fieldset", { has: page.locator("legend", { hasText: legend }) });
  await fieldset.getByLabel(label, { exact: true }).check();
}

/** A code that is not `code`. */
function wrongCode(code) {
  return code.slice(0, 5) + String((Number(code[5]) + 1) % 10);
}

module.exports = {
  PASSWORD, clickForNewPage, askForCode, enterCode, signInYoungPerson, signInStaff, signOut, wrongCode, todayInEngland, fillDate, choose,
};
