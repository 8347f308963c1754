// Private fostering, as the council's officer meets it: a neighbour has told us about a child
// (through the API, as another channel would), and the officer signs in to find the case on
// their home page with the first visit due in 7 working days, what the neighbour typed shown
// only as text. At phone and laptop width with no axe violations, then no third-party requests
// and every page within budget.
"use strict";
const assert = require("node:assert/strict");
const { after, before, describe, test } = require("node:test");
const { startServerAndBrowser, portalWalk, walkVerdicts, logAxeTotals, LAPTOP } = require("../lib/browser");
const { signInStaff } = require("../lib/journeys");

const CHILD = "<i>Amy</i> O'Neill";
const CARER = "Mrs Jones";

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

  walkVerdicts(walk, () => server);
});
