// Debian's chromium through playwright-core, and the checks every page gets.
"use strict";
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const { chromium } = require("playwright-core");
const { AxeBuilder } = require("@axe-core/playwright");

const ARTIFACTS = path.resolve(__dirname, "..", "artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const PHONE = { width: 375, height: 812 };
const LAPTOP = { width: 1280, height: 800 };
const VIEWPORTS = [PHONE, LAPTOP];
const NARROWEST = { width: 320, height: 640 };

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const BUDGET_BYTES = 30 * 1024;

function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A fresh server and a browser, for a test file's `before`; if either fails to start, the
 * other is stopped again so that nothing is left running.
 */
async function startServerAndBrowser() {
  const { startServer } = require("./server");
  const [server, browser] = await Promise.allSettled([startServer(), launch()]);
  if (server.status === "rejected" || browser.status === "rejected") {
    if (browser.status === "fulfilled") await browser.value.close();
    if (server.status === "fulfilled") await server.value.stop();
    throw server.status === "rejected" ? server.reason : browser.reason;
  }
  return { server: server.value, browser: browser.value };
}

/**
 * A browser context that records every request it makes, whether from a page or from the
 * service worker, in `requests`, and every error or warning in `complaints` (both may be
 * shared between contexts).
 */
async function newContext(browser, { viewport = PHONE, requests = [], complaints = [], javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ viewport, locale: "en-GB", timezoneId: "Europe/London", javaScriptEnabled });
  context.on("request", (request) => requests.push(request.url()));
  // What the browser complained about: script errors, and anything the content security
  // policy refused (inline style or script, or a file from elsewhere).
  context.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      complaints.push(`${message.type()} on ${message.page()?.url() ?? "a worker"}: ${message.text()}`);
    }
  });
  context.on("weberror", (error) => complaints.push(`script error on ${error.page()?.url()}: ${error.error().message}`));
  context.requests = requests;
  context.complaints = complaints;
  return context;
}

/** What axe saw across every check in this process, for the report. */
const axeTotals = { checks: 0, violations: 0, passes: 0, incomplete: new Map() };

/** Fail with every axe violation on the page spelt out. */
async function expectNoAxeViolations(page, label) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const problems = results.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary.replace(/\n/g, " ")}`).join("\n"));
  axeTotals.checks += 1;
  axeTotals.violations += results.violations.length;
  assert.equal(results.violations.length, 0, `axe found problems on ${label}:\n${problems.join("\n")}`);
  // An empty page, or axe failing to run, must not pass as "no violations".
  assert.ok(results.passes.length > 0, `axe checked nothing on ${label}`);
  axeTotals.passes += results.passes.length;
  for (const item of results.incomplete) {
    axeTotals.incomplete.set(item.id, (axeTotals.incomplete.get(item.id) || 0) + item.nodes.length);
  }
  return results;
}

async function expectTitleAndHeading(page, title, heading) {
  assert.equal(await page.title(), title, `title of ${page.url()}`);
  const headings = await page.locator("h1").allInnerTexts();
  assert.deepEqual(headings.map((h) => h.trim()), [heading], `the one <h1> of ${page.url()}`);
}

/** Nothing sticks out sideways: the page reflows to the window's width (WCAG 1.4.10). */
async function expectNoSidewaysScrolling(page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= clientWidth, `${page.url()} is ${scrollWidth}px wide in a ${clientWidth}px window`);
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const viewport = page.viewportSize();
  const file = path.join(ARTIFACTS, `${slug(name)}-${viewport.width}x${viewport.height}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

function gzipSize(body) {
  return zlib.gzipSync(body, { level: zlib.constants.Z_BEST_COMPRESSION }).length;
}

/**
 * The compressed weight of a page: its HTML (as the server sent it) plus every stylesheet and
 * script it references, each gzipped. `context` supplies the cookies for the fetches.
 */
async function pageWeight(context, pageUrl, html) {
  const parts = [{ url: pageUrl, raw: Buffer.byteLength(html), gzip: gzipSize(Buffer.from(html)) }];
  const references = new Set();
  for (const tag of html.match(/<link\b[^>]*>/gi) || []) {
    if (/\brel=["']?stylesheet\b/i.test(tag)) {
      const href = /\bhref=["']([^"']+)["']/i.exec(tag);
      if (href) references.add(href[1]);
    }
  }
  for (const tag of html.match(/<script\b[^>]*>/gi) || []) {
    const src = /\bsrc=["']([^"']+)["']/i.exec(tag);
    if (src) references.add(src[1]);
  }
  for (const reference of references) {
    const url = new URL(reference, pageUrl).href;
    const response = await context.request.get(url, { maxRedirects: 0 });
    assert.equal(response.status(), 200, `${url}, referenced by ${pageUrl}`);
    const body = await response.body();
    parts.push({ url, raw: body.length, gzip: gzipSize(body) });
  }
  return { parts, total: parts.reduce((sum, part) => sum + part.gzip, 0) };
}

/**
 * Poll `predicate` in the page until it returns true. Unlike page.waitForFunction, this
 * awaits an async predicate's answer rather than taking the promise itself as truthy.
 */
async function waitInPage(page, predicate, arg, { timeout = 15_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(predicate, arg)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${predicate}`);
    await page.waitForTimeout(interval);
  }
}

/**
 * A walk through the portal's pages, shared by a test file's tests. `browserOf()` gives the
 * browser (started in `before`). Every context it opens records requests in `requests` and
 * complaints in `complaints`; every page `check`ed is weighed into `walked`.
 */
function portalWalk(browserOf) {
  const requests = [];
  const complaints = [];
  /** Every page walked: name, address, compressed weight. */
  const walked = [];

  /**
   * A context whose pages remember the last document the server (or worker) sent; with
   * `{ javaScriptEnabled: false }`, a browser that runs none of the page's scripts.
   */
  async function open({ javaScriptEnabled = true } = {}) {
    const context = await newContext(browserOf(), { requests, complaints, javaScriptEnabled });
    const page = await context.newPage();
    page.javaScriptEnabled = javaScriptEnabled;
    page.on("response", (response) => {
      const request = response.request();
      if (request.isNavigationRequest() && request.frame() === page.mainFrame() && !(response.status() >= 300 && response.status() < 400)) {
        page.lastDocument = response;
      }
    });
    return { context, page };
  }

  /**
   * Check the page as it is now, at each width: title, heading, axe, screenshot; and weigh it.
   * `status` is the HTTP status the page must have come with.
   */
  async function check(shown, { name, title, h1, status = 200 }) {
    const document = shown.lastDocument;
    assert.ok(document, `no page loaded for ${name}`);
    assert.equal(document.status(), status, `status of ${name} (${document.url()})`);
    const page = shown.javaScriptEnabled === false ? await mirror(shown, document) : shown;
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await expectTitleAndHeading(page, title, h1);
      await expectNoSidewaysScrolling(page);
      await expectNoAxeViolations(page, `${name} at ${viewport.width}×${viewport.height}`);
      await screenshot(page, name);
    }
    // Designed from 320px up: nothing may stick out sideways at the narrowest phone either.
    await page.setViewportSize(NARROWEST);
    await expectNoSidewaysScrolling(page);
    const weight = await pageWeight(page.context(), document.url(), await document.text());
    walked.push({ name, url: new URL(document.url()).pathname, ...weight });
  }

  /**
   * axe runs inside the page, so it cannot check a page whose scripts are off. Show the very
   * document the server sent to that page in a second page whose scripts run, and check that.
   */
  async function mirror(page, document) {
    if (!page.mirror) {
      const context = await newContext(browserOf(), { requests, complaints });
      page.context().on("close", () => context.close().catch(() => {}));
      page.mirror = await context.newPage();
    }
    const [url, body, status] = [document.url(), await document.text(), document.status()];
    const same = (address) => address.href === url;
    await page.mirror.route(same, (route) => route.fulfill({ status, contentType: "text/html; charset=utf-8", body }));
    await page.mirror.goto(url);
    await page.mirror.unroute(same);
    return page.mirror;
  }

  return { requests, complaints, walked, open, check };
}

/**
 * The error summary's messages and links, as [message, href] pairs, after checking that it is
 * an alert titled "There is a problem" and that every link goes to something on the page.
 */
async function errorSummary(page) {
  const summary = page.locator(".error-summary");
  assert.equal(await summary.getAttribute("role"), "alert");
  assert.equal((await summary.locator("h2").innerText()).trim(), "There is a problem");
  const links = await summary.locator("li a").evaluateAll((links) => links.map((a) => [a.textContent.trim(), a.getAttribute("href")]));
  for (const [message, href] of links) {
    // Each error links to the thing to put right, which must be on the page.
    assert.match(href, /^#./, `link for "${message}"`);
    assert.equal(await page.locator(href).count(), 1, `"${message}" links to ${href}, which is not on the page`);
  }
  return links;
}

/**
 * The tests that end a walk: no third-party requests, no script errors or CSP refusals, every
 * page within budget. Call inside the `describe`, after the tests that walk; `serverOf()` gives
 * the server.
 */
function walkVerdicts(walk, serverOf) {
  const { test } = require("node:test");
  const { requests, complaints, walked } = walk;

  test("no request goes anywhere but the server itself", () => {
    const server = serverOf();
    assert.ok(walked.length > 0 && requests.length > 0, "the walk recorded pages and requests");
    const elsewhere = requests.filter((url) => new URL(url).origin !== server.origin);
    assert.deepEqual(elsewhere, [], "requests to other origins");
    console.log(`${requests.length} requests, all to ${server.origin}`);
  });

  test("the browser reports no script errors and nothing refused by the content security policy", () => {
    assert.ok(walked.length > 0, "the walk loaded pages");
    // The 404 and 422 pages are meant to come with those statuses; Chromium logs each one.
    const expected = /^error on .*: Failed to load resource: the server responded with a status of (404|422) /;
    assert.deepEqual(complaints.filter((c) => !expected.test(c)), []);
  });

  test(`every page is ${BUDGET_BYTES} bytes or less compressed, with its CSS and JS`, () => {
    const server = serverOf();
    assert.ok(walked.length > 0, "the walk weighed pages");
    const width = Math.max(...walked.map((w) => w.name.length));
    const lines = walked.map((w) => `${w.name.padEnd(width)}  ${String(w.total).padStart(6)} B  (${w.parts.map((p) => `${p.url.replace(server.origin, "")} ${p.gzip}`).join(", ")})`);
    const largest = walked.reduce((a, b) => (b.total > a.total ? b : a));
    console.log(["page weight, gzipped (HTML + stylesheets + scripts):", ...lines,
      `largest: ${largest.name} (${largest.url}) ${largest.total} B of ${BUDGET_BYTES} B`].join("\n"));
    const over = walked.filter((w) => w.total > BUDGET_BYTES).map((w) => `${w.name}: ${w.total} B`);
    assert.deepEqual(over, [], "pages over budget");
  });
}

/** What axe saw in this process, for the log at the end of a test file. */
function logAxeTotals() {
  const incomplete = [...axeTotals.incomplete].map(([id, nodes]) => `${id} (${nodes})`).join(", ") || "none";
  console.log(`axe: ${axeTotals.checks} checks, ${axeTotals.violations} violations, ${axeTotals.passes} rule passes; left for a person to review: ${incomplete}`);
}

module.exports = {
  portalWalk,
  errorSummary,
  walkVerdicts,
  logAxeTotals,
  waitInPage,
  PHONE,
  LAPTOP,
  VIEWPORTS,
  NARROWEST,
  AXE_TAGS,
  BUDGET_BYTES,
  ARTIFACTS,
  launch,
  startServerAndBrowser,
  newContext,
  expectNoAxeViolations,
  axeTotals,
  expectTitleAndHeading,
  expectNoSidewaysScrolling,
  screenshot,
  pageWeight,
};
