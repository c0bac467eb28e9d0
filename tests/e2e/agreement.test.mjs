// A family agreement for a 12-year-old and a conversation plan, through the
// real screens: start, reword, add their own rule, apps with an age warning,
// sign, save the PDF (its text checked with pdftotext, its pages rendered with
// pdftoppm), the prompt card, and everything still there after a restart.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  answerFileDialog,
  button,
  field,
  fill,
  go,
  h1,
  homeFileContents,
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
const CHILD = "Tamsin Quarrendon";
const ADULT = "Alex Quarrendon";
const REWORDED = "My phone sleeps on the landing shelf, not in my room";
const OWN = "We will have Sunday lunch with no screens at the table";
const NOTES = "Ask about the Vexcombe friend from the football game";
// Born in January twelve years ago: 12 on any day of this year.
const BIRTH_YEAR = String(new Date().getFullYear() - 12);

describe("Agreements, through their screens", () => {
  before(startDriver);
  after(stopDriver);

  it("builds, signs and saves an agreement for a 12-year-old", async () => {
    const browser = await launch();
    try {
      await setUpVault(browser, PASS, { name: CHILD, month: "1", year: BIRTH_YEAR });
      await go(browser, "Agreements", "Agreements");
      await noViolations(browser, "agreements list");
      await (await button(browser, `Start ${CHILD}'s agreement`)).click();
      await browser.waitUntil(async () => (await h1(browser)) === `${CHILD}'s online safety agreement`, { timeout: 10_000 });
      await until(browser, "Take out");
      const starter = await browser.$$("p.text[id^=rule-]");
      assert.ok(starter.length >= 7 && starter.length <= 10, `a short start: ${starter.length} rules`);
      const kept = await starter[1].getText();
      await noViolations(browser, "agreement builder");
      await shot(browser, "agreement-builder");

      // Reword the first rule in the child's own words.
      await (await browser.$$("//button[normalize-space()='Change the words']"))[0].click();
      await fill(browser, "New words for this rule", REWORDED);
      await (await button(browser, "Save the new words")).click();
      await until(browser, "The rule has new words.");

      // The family's own rule.
      await (await field(browser, "Section")).selectByAttribute("value", "time-balance");
      await (await browser.$(`//label[contains(., "Everyone in the family")]/input`)).click();
      await fill(browser, "The rule", OWN);
      await (await button(browser, "Add our rule")).click();
      await until(browser, "Added your own rule:");

      // Apps, with a kind word about a 13+ app.
      await (await browser.$(`//label[contains(., "TikTok")]/input`)).click();
      await (await browser.$(`//label[starts-with(normalize-space(), "Roblox")]/input`)).click();
      await (await button(browser, `Save ${CHILD}'s apps`)).click();
      await until(browser, `${CHILD} is 12.`);
      assert.ok(await (await browser.$(`//a[normalize-space()="App guide: TikTok"]`)).isExisting());

      // Who signs, then everyone types their name.
      await (await browser.$("#signer-name-1")).setValue(ADULT);
      await (await button(browser, "Save who signs")).click();
      await until(browser, `Signing: ${CHILD}, ${ADULT}.`);
      await fill(browser, `${CHILD}, type your name`, CHILD.toLowerCase());
      await fill(browser, `${ADULT}, type your name`, ADULT);
      await (await button(browser, "Sign the agreement")).click();
      await until(browser, "Signed. Well done, all of you.");
      await until(browser, "Version 1, signed");
      await noViolations(browser, "agreement builder after signing");
      await shot(browser, "agreement-signed");

      // The PDF, through the real dialog.
      const pdf = path.join(outbox, "agreement.pdf");
      await (await button(browser, "Save as PDF to print")).click();
      await answerFileDialog("Save the agreement as a PDF", pdf);
      await until(browser, "Saved agreement.pdf");
      const words = pdfText(pdf);
      for (const want of [`${CHILD}'s online safety agreement`, REWORDED, OWN, kept, ADULT]) {
        assert.ok(words.includes(want), `the PDF holds "${want}": ${words}`);
      }
      execFileSync("pdftoppm", ["-r", "50", "-png", pdf, path.join(screenshots, "agreement-pdf")]);

      // The conversation planner, with notes and a prompt card.
      await (await button(browser, "Back to all agreements")).click();
      await browser.waitUntil(async () => (await h1(browser)) === "Agreements", { timeout: 5000 });
      await (await button(browser, "Plan a conversation")).click();
      await browser.waitUntil(async () => (await h1(browser)) === "Plan a conversation", { timeout: 5000 });
      await (await field(browser, "What do you want to talk about?")).selectByAttribute("value", "sextortion");
      // With no child chosen, the words are for the age Rust picks for the family.
      await browser.waitUntil(async () => (await (await field(browser, "Their age")).getValue()) === "11-13", { timeout: 5000 });
      await noViolations(browser, "conversation planner, no child chosen");
      await shot(browser, "agreement-planner-family");
      await (await field(browser, "Who with?")).selectByVisibleText(CHILD);
      await until(browser, "If your child tells you something worrying");
      await fill(browser, "What you want to say or ask", NOTES);
      await (await button(browser, "Save my notes")).click();
      await until(browser, "Your notes are saved.");
      await noViolations(browser, "conversation planner");
      await shot(browser, "agreement-planner");
      const card = path.join(outbox, "card.pdf");
      await (await button(browser, "Save a prompt card to print")).click();
      await answerFileDialog("Save a prompt card", card);
      await until(browser, "Saved card.pdf");
      const cardWords = pdfText(card);
      assert.ok(cardWords.includes(NOTES), `the card holds the notes: ${cardWords}`);
      assert.equal(execFileSync("pdfinfo", [card], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)[1], "1", "the card is one page");
      execFileSync("pdftoppm", ["-r", "50", "-png", card, path.join(screenshots, "agreement-card")]);
    } finally {
      await browser.deleteSession();
    }
  });

  it("after a restart, the agreement, its signed version and the notes are all there", async () => {
    const browser = await launch();
    try {
      await unlockAt(browser, "Agreements", PASS);
      await until(browser, "Look at it again on");
      await (await button(browser, `Open ${CHILD}'s agreement`)).click();
      await until(browser, REWORDED);
      await until(browser, OWN);
      await until(browser, `Signed by typing names: ${CHILD}, ${ADULT}.`);
      await (await button(browser, "Back to all agreements")).click();
      await (await button(browser, "Plan a conversation")).click();
      await (await field(browser, "What do you want to talk about?")).selectByAttribute("value", "sextortion");
      await (await field(browser, "Who with?")).selectByVisibleText(CHILD);
      await browser.waitUntil(async () => (await (await field(browser, "What you want to say or ask")).getValue()) === NOTES, {
        timeout: 5000,
        timeoutMsg: "the notes did not come back",
      });
    } finally {
      await browser.deleteSession();
    }
  });

  it("nothing of the agreement or the notes is on disk in plain form", () => {
    for (const [f, bytes] of homeFileContents()) {
      for (const secret of ["Quarrendon", "Vexcombe", "landing shelf", "Sunday lunch"]) {
        assert.equal(bytes.includes(Buffer.from(secret)), false, `"${secret}" found in plain text in ${f}`);
      }
    }
  });
});
