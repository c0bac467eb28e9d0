// Names and words in other scripts, through the real screens: a Polish child's
// agreement signed by a Polish carer, and a log entry with a Polish username and
// words in Arabic and Chinese. Both PDFs are saved through the real dialogs and
// read back with pdftotext: what was typed comes back exactly, in the PDF and in
// the text chronology alike. Pages and screens are kept in tests/screenshots/.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
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
  launch,
  noViolations,
  outbox,
  pdfText,
  screenshots,
  setInput,
  setUpVault,
  shot,
  startDriver,
  stopDriver,
  unlockAt,
  until,
} from "./harbour-e2e.mjs";

const PASS = "kettle harbour seven lanterns";
const CHILD = "Zofia Łukasiewicz";
const CARER = "Wojciech Wiśniewski";
const USER = "ścieżka_07";
const ARABIC = "أرسلي الصورة الآن وإلا سأرسلها لمدرستك";
const CHINESE = "把照片发给我，不然我就告诉你的学校";
const SAID = `He wrote in Arabic: ${ARABIC}. Then in Chinese: ${CHINESE}`;

describe("Names and words in other scripts", () => {
  before(startDriver);
  after(stopDriver);

  it("signs an agreement for Zofia Łukasiewicz and prints every name as typed", async () => {
    const browser = await launch();
    try {
      await setUpVault(browser, PASS, { name: CHILD, month: "5", year: String(new Date().getFullYear() - 11) });
      await go(browser, "Agreements", "Agreements");
      await (await button(browser, `Start ${CHILD}'s agreement`)).click();
      await browser.waitUntil(async () => (await h1(browser)) === `${CHILD}'s online safety agreement`, { timeout: 10_000 });
      await (await browser.$("#signer-name-1")).setValue(CARER);
      await (await button(browser, "Save who signs")).click();
      await until(browser, `Signing: ${CHILD}, ${CARER}.`);
      await fill(browser, `${CHILD}, type your name`, CHILD);
      await fill(browser, `${CARER}, type your name`, CARER);
      await (await button(browser, "Sign the agreement")).click();
      await until(browser, `Signed by typing names: ${CHILD}, ${CARER}.`);
      await noViolations(browser, "agreement signed with Polish names");
      await (await browser.$(`//*[contains(text(), "Signed by typing names")]`)).scrollIntoView({ block: "center" });
      await shot(browser, "scripts-agreement");

      const pdf = path.join(outbox, "umowa.pdf");
      await (await button(browser, "Save as PDF to print")).click();
      await answerFileDialog("Save the agreement as a PDF", pdf);
      await until(browser, "Saved umowa.pdf");
      const words = pdfText(pdf);
      for (const want of [`${CHILD}'s online safety agreement`, CARER]) {
        assert.ok(words.includes(want), `the PDF holds "${want}" exactly: ${words}`);
      }
      assert.ok(!words.includes("Lukasiewicz") && !words.includes("Wisniewski"), "no letter was swapped for a plain one");
      execFileSync("pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", "1", pdf, path.join(screenshots, "scripts-agreement-pdf")]);
    } finally {
      await browser.deleteSession();
    }
  });

  it("keeps a Polish username and words in Arabic and Chinese in the entry, the PDF and the text chronology", async () => {
    const browser = await launch();
    try {
      await unlockAt(browser, "Concern log", PASS);
      await browser.waitUntil(async () => (await h1(browser)) === "Concern log", { timeout: 10_000 });
      await (await button(browser, "Write down a worry")).click();
      await browser.waitUntil(async () => (await h1(browser)) === "Write down a worry", { timeout: 5000 });
      await (await button(browser, "No")).click();
      await setInput(browser, "entry-date", "2026-11-28");
      await setInput(browser, "entry-time", "20:15");
      await (await field(browser, "Which child")).selectByVisibleText(CHILD);
      await (await field(browser, "What kind of worry")).selectByAttribute("value", "sextortion");
      await fill(browser, "App, game or website", "Instagram");
      await fill(browser, "The other person's username", USER);
      await fill(browser, "What I saw or heard", SAID);
      await fill(browser, "Who is writing this", CARER);
      await (await button(browser, "Save this entry")).click();
      await until(browser, "Saved. You can add screenshots");
      await until(browser, USER);
      await until(browser, ARABIC);
      await until(browser, CHINESE);
      await noViolations(browser, "entry in three scripts");
      await (await browser.$(`//*[contains(text(), "${USER}")]`)).scrollIntoView({ block: "start" });
      await shot(browser, "scripts-log-entry");

      await (await button(browser, "Make a chronology")).click();
      await browser.waitUntil(async () => (await h1(browser)) === "Make a chronology", { timeout: 5000 });
      await fill(browser, "Made by", CARER);
      const pdf = path.join(outbox, "chronologia.pdf");
      await (await button(browser, "Save as PDF")).click();
      await answerFileDialog("Save the chronology as a PDF", pdf);
      await until(browser, "Saved chronologia.pdf.");
      const txt = path.join(outbox, "chronologia.txt");
      await (await button(browser, "Save as plain text")).click();
      await answerFileDialog("Save the chronology as text", txt);
      await until(browser, "Saved chronologia.txt.");

      const text = readFileSync(txt, "utf8");
      const pdfWords = pdfText(pdf);
      // Chinese has no spaces, so pdftotext may break a line anywhere in it: compare without spaces.
      const squeeze = (s) => s.replace(/\s/g, "");
      for (const want of [CHILD, CARER, USER, ARABIC, CHINESE]) {
        assert.ok(text.includes(want), `the text chronology holds "${want}"`);
        assert.ok(squeeze(pdfWords).includes(squeeze(want)), `the PDF chronology holds "${want}": ${pdfWords}`);
      }
      const body = text.slice(0, text.lastIndexOf("\nSHA-256 of everything above"));
      const whole = createHash("sha256").update(body).digest("hex");
      assert.ok(text.trim().endsWith(whole), "the text chronology's hash line checks out");
      assert.ok(squeeze(pdfWords).includes(whole), "the PDF names the same hash");
      execFileSync("pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", "1", pdf, path.join(screenshots, "scripts-chronology-pdf")]);
    } finally {
      await browser.deleteSession();
    }
  });
});
