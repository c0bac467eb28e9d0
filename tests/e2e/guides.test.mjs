// App guides through the real screens: browse without unlocking, find
// Snapchat, tick two settings for a child, restart, unlock and find them still
// ticked; the guide as a PDF; axe-core on the list and a guide.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  answerFileDialog,
  button,
  field,
  fill,
  go,
  h1,
  launch,
  noViolations,
  outbox,
  pdfText,
  screenshots,
  setUpVault,
  shot,
  startDriver,
  stopDriver,
  unlockAt,
  until,
} from "./harbour-e2e.mjs";

const PASS = "kettle harbour seven lanterns";
const CHILD = "Ottoline Brackwater";
const doneBox = (browser, n) => browser.$(`(//fieldset[contains(@class, "state")])[${n}]//label[normalize-space()="Done"]/input`);

async function openSnapchatFor(browser) {
  await go(browser, "App guides", "App guides");
  await (await field(browser, "Checklist for")).selectByVisibleText(CHILD);
  await fill(browser, "Find an app", "snap");
  await until(browser, "1 guide");
  await (await button(browser, "Snapchat")).click();
  await browser.waitUntil(async () => (await h1(browser)) === "Snapchat", { timeout: 5000 });
}

describe("App guides, through their screens", () => {
  before(startDriver);
  after(stopDriver);

  it("browses without unlocking, then ticks two Snapchat settings for a child", async () => {
    const browser = await launch();
    try {
      await go(browser, "App guides", "App guides");
      await until(browser, "unlock Harbour in Your family");
      const count = await (await browser.$(".count")).getText();
      assert.ok(Number(count.split(" ")[0]) >= 30, `at least 30 guides: ${count}`);
      await noViolations(browser, "guides list");
      await shot(browser, "guides-list");

      await setUpVault(browser, PASS, { name: CHILD, month: "6", year: String(new Date().getFullYear() - 12) });
      await openSnapchatFor(browser);
      await noViolations(browser, "Snapchat guide");
      await (await doneBox(browser, 1)).click();
      await until(browser, "1 of");
      await (await doneBox(browser, 2)).click();
      await until(browser, `2 of`);
      await until(browser, `done for ${CHILD}.`);
      await noViolations(browser, "Snapchat guide with a checklist");
      await shot(browser, "guides-snapchat");

      const pdf = path.join(outbox, "snapchat.pdf");
      await (await button(browser, "Save this guide as PDF")).click();
      await answerFileDialog("Save the guide as a PDF", pdf);
      await until(browser, "Saved snapchat.pdf");
      const words = pdfText(pdf);
      const first = await (await browser.$("h3[id^=setting-]")).getText();
      assert.ok(words.includes(first), `the PDF holds "${first}"`);
      execFileSync("pdftoppm", ["-r", "50", "-png", "-l", "1", pdf, path.join(screenshots, "guides-pdf")]);
    } finally {
      await browser.deleteSession();
    }
  });

  it("after a restart and unlocking, the two settings are still ticked", async () => {
    const browser = await launch();
    try {
      await unlockAt(browser, "Your family", PASS);
      await until(browser, CHILD);
      await openSnapchatFor(browser);
      await until(browser, `${CHILD}: 2 of`);
      assert.equal(await (await doneBox(browser, 1)).isSelected(), true);
      assert.equal(await (await doneBox(browser, 2)).isSelected(), true);
      assert.equal(await (await doneBox(browser, 3)).isSelected(), false);

      // Locked, the guides stay open to read but forget the child: no name anywhere on the page.
      await (await button(browser, "Lock")).click();
      await browser.waitUntil(async () => !(await (await browser.$("body")).getText()).includes(CHILD), {
        timeout: 5000,
        timeoutMsg: "the child's name was still on the guide after locking",
      });
      assert.equal(await h1(browser), "Snapchat", "the guide itself stays open to read");
      assert.equal((await browser.getPageSource()).includes(CHILD), false, "the name is not in the page at all");
    } finally {
      await browser.deleteSession();
    }
  });
});
