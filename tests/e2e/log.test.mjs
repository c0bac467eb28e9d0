// The concern log through the real screens: say no to danger, write a
// sextortion entry with a username and exact words, keep a PNG after the
// confirmation, add a correction, restart, unlock, find it by search, and
// make the 101 sheet and the chronology (PDF and text) and read them back.
// Markup typed into an entry shows as text. axe-core on every screen.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  agencyCli,
  answerFileDialog,
  button,
  field,
  fill,
  go,
  h1,
  homeFileContents,
  homeFiles,
  launch,
  noViolations,
  outbox,
  pdfText,
  rust,
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
const CHILD = "Perpetua Lindqvist";
const USER = "skater_boy_07";
const WORDS = "send me 200 pounds or I post it to your school";
const MARKUP = "<script>window.__pwned=1</script> <img src=x onerror=window.__pwned=2>";
const CORRECTION = "It was 19:40, not 19:00. She showed me the chat on Friday.";

describe("Concern log, through its screens", () => {
  before(startDriver);
  after(stopDriver);

  it("writes a sextortion entry, keeps a screenshot after the warning, and adds a correction", async () => {
    const browser = await launch();
    try {
      // This family lives in Scotland (app.test.mjs answers the question on screen).
      assert.equal((await rust(browser, "nation_set", { nation: "scotland" })).ok?.nation, "scotland");
      await setUpVault(browser, PASS, { name: CHILD, month: "3", year: String(new Date().getFullYear() - 14) });
      await go(browser, "Concern log", "Concern log");
      await until(browser, "Nothing written yet.");
      await noViolations(browser, "empty log");

      await (await button(browser, "Write down a worry")).click();
      await browser.waitUntil(async () => (await h1(browser)) === "Write down a worry", { timeout: 5000 });
      await (await button(browser, "Yes")).click();
      await until(browser, "Call 999 now.");
      await noViolations(browser, "new entry with the 999 answer");
      await shot(browser, "log-danger-yes");
      await (await button(browser, "No")).click();
      assert.equal(await (await browser.$("#call-999")).isExisting(), false, "999 panel goes with no");

      await setInput(browser, "entry-date", "2026-11-20");
      await setInput(browser, "entry-time", "19:40");
      await (await field(browser, "Which child")).selectByVisibleText(CHILD);
      await (await field(browser, "What kind of worry")).selectByAttribute("value", "sextortion");
      await until(browser, "Do not pay.");
      await until(browser, "The law on images:");
      await (await browser.$(`//summary[normalize-space()="The law in Scotland"]`)).click();
      await (await browser.$(`//a[contains(., "Civic Government (Scotland) Act 1982")]`)).waitForDisplayed({ timeout: 5000 });
      assert.equal(await (await browser.$(`//a[contains(., "Protection of Children Act 1978")]`)).isExisting(), false, "not England's law");
      await fill(browser, "App, game or website", "Snapchat");
      await fill(browser, "The other person's username", USER);
      await fill(browser, "Their display name", "Jay");
      await fill(browser, "What I saw or heard", `He wrote: '${WORDS}'. Also this: ${MARKUP}`);
      await fill(browser, "My view", "I think this is an organised scam.");
      await fill(browser, "Evidence kept, and where", "Screenshots of the chat on my phone, in Photos.");
      await fill(browser, "Who is writing this", "Alex Lindqvist");
      await noViolations(browser, "filled entry form with advice");
      await shot(browser, "log-new-entry");
      await (await button(browser, "Save this entry")).click();
      await until(browser, "Saved. You can add screenshots");
      assert.equal(await h1(browser), "20 November 2026, 19:40");
      await until(browser, MARKUP);
      assert.equal(await browser.execute(() => window.__pwned ?? null), null, "markup never ran");
      assert.equal(await (await browser.$("main img")).isExisting(), false, "no image element was made from the text");

      // A real PNG, kept only after the confirmation.
      const png = path.join(outbox, "chat-screenshot.png");
      execFileSync("convert", ["-size", "64x40", "xc:#2b6f8a", png]);
      await (await button(browser, "Add a screenshot or file")).click();
      await until(browser, "Before you add a file");
      await noViolations(browser, "image warning");
      await shot(browser, "log-attach-warning");
      await (await button(browser, "Choose the file")).click();
      await until(browser, "Please tick the box");
      await (await browser.$("#no-child-image")).click();
      await (await button(browser, "Choose the file")).click();
      await answerFileDialog("Choose a screenshot or document to keep", png);
      await until(browser, "Kept chat-screenshot.png.");
      const sha = createHash("sha256").update(readFileSync(png)).digest("hex");
      await until(browser, sha);

      await fill(browser, "Add a correction or something new", CORRECTION);
      await (await button(browser, "Add correction")).click();
      await until(browser, "Correction added. The original stays as it was.");
      await until(browser, CORRECTION);
      await until(browser, WORDS);
      await noViolations(browser, "entry with a file and a correction");
      await shot(browser, "log-entry");

      // Nothing of it reaches the disk in plain text.
      for (const [f, bytes] of homeFileContents()) {
        for (const secret of [USER, "organised scam", CHILD.split(" ")[1]]) {
          assert.equal(bytes.includes(Buffer.from(secret)), false, `${f} holds "${secret}" in plain text`);
        }
      }
    } finally {
      await browser.deleteSession();
    }
  });

  it("after a restart: unlock, find it by search, get ready for 101 and make a chronology", async () => {
    const browser = await launch();
    try {
      await unlockAt(browser, "Concern log", PASS);
      await browser.waitUntil(async () => (await h1(browser)) === "Concern log", { timeout: 10_000 });
      await until(browser, "1 entry.");
      await fill(browser, "Words", "nothing like this");
      await until(browser, "No entries match.");
      await fill(browser, "Words", "skater");
      await until(browser, "1 entry.");
      await (await field(browser, "Kind of worry")).selectByAttribute("value", "sextortion");
      await until(browser, "1 entry.");
      await noViolations(browser, "timeline with a search");

      await (await browser.$(`//label[starts-with(normalize-space(), "Choose the entry from")]`)).click();
      await until(browser, "1 entry chosen.");
      await noViolations(browser, "timeline with an entry chosen");
      await shot(browser, "log-timeline");

      await (await button(browser, "Get ready to call 101")).click();
      await browser.waitUntil(async () => (await h1(browser)) === "Get ready to call 101", { timeout: 5000 });
      await until(browser, "5. The other person's usernames and links");
      await until(browser, USER);
      await (await browser.$(`//article[@aria-label="Police Scotland (101)"]`)).waitForExist({ timeout: 5000 });
      await noViolations(browser, "101 summary");
      await shot(browser, "log-call-101");
      const sheet = path.join(outbox, "call-101.pdf");
      await (await button(browser, "Save the sheet as a PDF to print")).click();
      await answerFileDialog("Save the sheet for your 101 call", sheet);
      await until(browser, "Saved call-101.pdf.");
      const sheetText = pdfText(sheet);
      for (const want of ["Getting ready to call 101", "Police, when no one is in danger now: Police Scotland (101)", CHILD, "Sextortion or blackmail", USER, "Snapchat", "chat-screenshot.png", "Reference number:", "Officer's name:"]) {
        assert.ok(sheetText.includes(want), `the 101 sheet holds "${want}": ${sheetText}`);
      }
      execFileSync("pdftoppm", ["-r", "50", "-png", "-l", "1", sheet, path.join(screenshots, "log-call-sheet")]);

      await fill(browser, "Reference number", "CAD 4471 20/11");
      await fill(browser, "Officer's name", "PC Okafor");
      await (await button(browser, "Add to the entry")).click();
      await until(browser, "Added the reference number to the entry as a correction.");

      await (await browser.$(`//button[starts-with(@aria-label, "Open the entry from")]`)).click();
      await until(browser, "Reference number: CAD 4471 20/11. Officer: PC Okafor.");
      await until(browser, CORRECTION);
      await (await button(browser, "Make a chronology")).click();
      await browser.waitUntil(async () => (await h1(browser)) === "Make a chronology", { timeout: 5000 });
      await noViolations(browser, "chronology");
      await fill(browser, "Made by", "Alex Lindqvist");
      const pdf = path.join(outbox, "chronology.pdf");
      await (await button(browser, "Save as PDF")).click();
      await answerFileDialog("Save the chronology as a PDF", pdf);
      await until(browser, "Saved chronology.pdf.");
      const txt = path.join(outbox, "chronology.txt");
      await (await button(browser, "Save as plain text")).click();
      await answerFileDialog("Save the chronology as text", txt);
      await until(browser, "Saved chronology.txt.");
      // Files saved through the dialogs are not in the desktop's recent-files list.
      for (const f of homeFiles().filter((f) => f.endsWith("recently-used.xbel"))) {
        assert.ok(!readFileSync(f, "utf8").includes(outbox), `${f} lists a file Harbour saved`);
      }

      const sha = createHash("sha256").update(readFileSync(path.join(outbox, "chat-screenshot.png"))).digest("hex");
      const text = readFileSync(txt, "utf8");
      const pdfWords = pdfText(pdf);
      for (const want of ["Made by Alex Lindqvist", USER, WORDS, "My view (kept apart from the facts)", CORRECTION, "CAD 4471 20/11", sha]) {
        assert.ok(text.includes(want), `the text chronology holds "${want}"`);
        assert.ok(pdfWords.replace(/\s/g, "").includes(want.replace(/\s/g, "")), `the PDF chronology holds "${want}"`);
      }
      // The last line is the SHA-256 of everything above it, and the PDF carries the same one.
      const [body, last] = [text.slice(0, text.lastIndexOf("\nSHA-256 of everything above")), text.trim().split("\n").pop()];
      const whole = createHash("sha256").update(body).digest("hex");
      assert.ok(last.endsWith(whole), `the hash line checks out: ${last} vs ${whole}`);
      assert.ok(pdfWords.replace(/\s/g, "").includes(whole), "the PDF names the same hash");
      execFileSync("pdftoppm", ["-r", "50", "-png", "-l", "1", pdf, path.join(screenshots, "log-chronology")]);

      // Hand it over to a social worker outside the agency, locked to the key they made, and open it as they would.
      const cli = agencyCli();
      const env = { ...process.env, HARBOUR_AGENCY_PASSPHRASE: "social worker hand-over key" };
      const keyFile = path.join(outbox, "sam.key");
      const publicKey = execFileSync(cli, ["handover-key", "new", "--out", keyFile], { env, encoding: "utf8" }).match(/age1[0-9a-z]+/)[0];
      await fill(browser, "Who it is for", "Sam Okoye");
      await fill(browser, "Their public key", publicKey);
      const handover = path.join(outbox, "for-sam.harbour-handover");
      await (await button(browser, "Save the hand-over")).click();
      await answerFileDialog("Save the hand-over", handover);
      await until(browser, "Saved for-sam.harbour-handover. Only Sam Okoye can open it.");
      await noViolations(browser, "hand-over saved");
      await shot(browser, "log-handover");
      const sealed = readFileSync(handover);
      for (const plain of [USER, WORDS, CHILD, "chronology", "Sam Okoye"]) {
        assert.ok(!sealed.includes(plain), `"${plain}" is readable in the hand-over file`);
      }
      const opened = path.join(outbox, "handover-opened");
      const said = execFileSync(cli, ["open", handover, "--key", keyFile, "--out", opened], { env, encoding: "utf8" });
      assert.match(said, /Made for: +Sam Okoye/);
      assert.match(said, /its SHA-256 line checks/);
      assert.ok(said.includes(`SHA-256 ${sha}`), "the kept PNG arrived with its SHA-256");
      const handed = readFileSync(path.join(opened, "chronology.txt"), "utf8");
      for (const want of [USER, WORDS, CORRECTION, "Made by Alex Lindqvist"]) assert.ok(handed.includes(want), `the hand-over holds "${want}"`);
      assert.ok(pdfText(path.join(opened, "chronology.pdf")).replace(/\s/g, "").includes(WORDS.replace(/\s/g, "")));
      await (await button(browser, "Back")).click();
      await (await browser.$(`//button[starts-with(@aria-label, "Open the entry from")]`)).click();
      await until(browser, "Handed over to Sam Okoye on");
      writeFileSync(path.join(outbox, "done"), "");
    } finally {
      await browser.deleteSession();
    }
  });
});
