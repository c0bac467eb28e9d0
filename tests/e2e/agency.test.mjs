// Agency packs through the real screens: the example agency's pack is built
// and signed with harbour-agency, a tampered copy is refused, the real one is
// imported after its fingerprint is shown, and then the agency's name, contacts,
// guidance and required agreement rule appear, and stay after a restart. Then
// a looked-after child's records go to the agency (opened and checked with
// harbour-agency) and, as the pack asks, leave the computer when the placement ends.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  agencyCli,
  answerFileDialog,
  appReadingPackDir,
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
  repo,
  screenshots,
  setUpVault,
  shot,
  startDriverFor,
  stopDriver,
  text,
  unlockAt,
  until,
} from "./harbour-e2e.mjs";

const PASS = "kettle harbour seven lanterns";
const CHILD = "Marigold Achterberg";
const REQUIRED = "I only have online contact with my birth family in the ways my care plan allows.";
const pack = path.join(outbox, "brightwater.harbourpack");
const tampered = path.join(outbox, "tampered.harbourpack");
// The managed folder an installer would use. Only a test build reads it from HARBOUR_PACK_DIR
// (scripts/build-test-pack-dir); the shipped binary reads the system's folders only.
const managed = path.join(outbox, "managed");
let fingerprint = "";

/** Builds the example agency's pack the way an agency would, with a fresh key. */
function buildPack() {
  const cli = agencyCli();
  const env = { ...process.env, HARBOUR_AGENCY_PASSPHRASE: "brightwater signing key passphrase" };
  const key = path.join(outbox, "agency.key");
  execFileSync(cli, ["key", "new", "--out", key], { env });
  execFileSync(cli, ["build", "--key", key, "--from", path.join(repo, "examples/agency"), "--out", pack], { env });
  fingerprint = execFileSync(cli, ["fingerprint", pack], { encoding: "utf8" }).match(/[0-9A-Z]{4}(-[0-9A-Z]{4}){3}/)[0];
  const bytes = readFileSync(pack);
  bytes[Math.floor(bytes.length / 2)] ^= 0x20;
  writeFileSync(tampered, bytes);
}

describe("Agency packs, through their screens", () => {
  before(async () => {
    buildPack();
    mkdirSync(managed, { recursive: true });
    copyFileSync(pack, path.join(managed, "brightwater.harbourpack"));
    process.env.HARBOUR_PACK_DIR = managed;
    await startDriverFor(appReadingPackDir);
  });
  after(stopDriver);

  it("refuses a tampered pack, takes the real one after the fingerprint, and shows the agency", async () => {
    const browser = await launch();
    try {
      // First run: the pack in the managed folder is offered, and used only if the carer says it matches.
      await until(browser, "Brightwater Fostering has set up a pack for Harbour on this computer.");
      await noViolations(browser, "first run with a managed pack");
      await (await browser.$(`//a[normalize-space()="Check it and start using it"]`)).click();
      await until(browser, "This pack was put on this computer for everyone who uses it.");
      // The carer types what the agency gave them; a wrong one is refused by Rust.
      await fill(browser, "Fingerprint from your agency", "AAAA-BBBB-CCCC-DDDD");
      await (await button(browser, "Check it and use this pack")).click();
      await until(browser, "That is not this pack's fingerprint");
      await (await button(browser, "Do not use this pack")).click();
      await until(browser, "The pack was not used. Nothing was changed.");
      assert.equal(await (await browser.$(".agency")).isExisting(), false, "no agency in the header");

      await (await button(browser, "Import a pack from a file")).click();
      await answerFileDialog("Choose your agency's pack", tampered);
      await until(browser, "changed since the agency signed it");
      await noViolations(browser, "settings with a refused pack");

      await (await button(browser, "Import a pack from a file")).click();
      await answerFileDialog("Choose your agency's pack", pack);
      await until(browser, "Check this pack comes from your agency");
      await noViolations(browser, "pack offer");
      // The fingerprint harbour-agency printed, as a carer might type it from a letter.
      await fill(browser, "Fingerprint from your agency", fingerprint.toLowerCase().replaceAll("-", " "));
      await shot(browser, "agency-offer");
      await (await button(browser, "Check it and use this pack")).click();
      await until(browser, "Harbour now uses Brightwater Fostering's pack.");
      await until(browser, "with Brightwater Fostering");

      await go(browser, "Brightwater Fostering", "From Brightwater Fostering");
      await until(browser, "What we ask of you");
      await until(browser, "Brightwater duty team");
      await noViolations(browser, "agency page");
      await shot(browser, "agency-page");

      await go(browser, "Get help", "Get help");
      await until(browser, "Your agency: Brightwater Fostering");
      await until(browser, "01632 960199");
      await noViolations(browser, "Get help with the agency");
      await shot(browser, "agency-get-help");

      await setUpVault(browser, PASS, { name: CHILD, month: "5", year: String(new Date().getFullYear() - 13), lookedAfter: true });
      await go(browser, "Agreements", "Agreements");
      await (await button(browser, `Start ${CHILD}'s agreement`)).click();
      await browser.waitUntil(async () => (await h1(browser)) === `${CHILD}'s online safety agreement`, { timeout: 10_000 });
      await until(browser, REQUIRED);
      // Who decides: the agency's usual split, and Rust's caution beside a rule about photos of her.
      await until(browser, `${CHILD}'s social worker decides about photos. Ask them before you agree this rule.`);
      await until(browser, "This is your agency's usual choice. Check it against the placement plan, then save.");
      await noViolations(browser, "agreement with the agency's rule");
      await (await browser.$("#decides-title")).scrollIntoView();
      await shot(browser, "agency-who-decides");

      const pdf = path.join(outbox, "agreement.pdf");
      await (await button(browser, "Save as PDF to print")).click();
      await answerFileDialog("Save the agreement as a PDF", pdf);
      await until(browser, "Saved agreement.pdf");
      const words = pdfText(pdf);
      assert.ok(words.includes("Made with Harbour as set up by Brightwater Fostering."), words);
      assert.ok(words.includes(REQUIRED), words);
      // The agency's usual split of decisions prints under "Who decides" until the carer records the plan's.
      const squeezed = words.replace(/\s/g, "");
      for (const want of ["Who decides", "Taking and sharing photos of them: their social worker (usually, says Brightwater Fostering; check the placement plan)"]) {
        assert.ok(squeezed.includes(want.replace(/\s/g, "")), `the agreement PDF holds "${want}": ${words}`);
      }
      execFileSync("pdftoppm", ["-r", "50", "-png", "-l", "1", pdf, path.join(screenshots, "agency-agreement-pdf")]);

      await go(browser, "Concern log", "Concern log");
      await until(browser, "Brightwater Fostering asks:");
      await (await button(browser, "Write down a worry")).click();
      await until(browser, "Who is writing this (needed)");
      await fill(browser, "What I saw or heard", "A message from an unknown adult.");
      await (await button(browser, "Save this entry")).click();
      await until(browser, "asks for it on every entry");
      await noViolations(browser, "log entry with the agency's settings");
    } finally {
      await browser.deleteSession();
    }
  });

  it("after a restart, the agency, its contacts, guidance and rule are still there", async () => {
    const browser = await launch();
    try {
      await until(browser, "with Brightwater Fostering");
      await go(browser, "Get help", "Get help");
      await until(browser, "Your agency: Brightwater Fostering");
      await go(browser, "Brightwater Fostering", "From Brightwater Fostering");
      await until(browser, "Contact with birth family online");
      await unlockAt(browser, "Agreements", PASS);
      await (await button(browser, `Open ${CHILD}'s agreement`)).waitForExist({ timeout: 10_000 });
      await (await button(browser, `Open ${CHILD}'s agreement`)).click();
      await until(browser, REQUIRED);
      await go(browser, "Settings", "Settings");
      await until(browser, fingerprint);
      await noViolations(browser, "settings with a pack in use");
    } finally {
      await browser.deleteSession();
    }
  });

  it("hands the child's records to the agency, who open and check them, then ends the placement as the pack asks", async () => {
    const browser = await launch();
    const FACTS = "A man said he was Marigold's uncle and asked for her new address.";
    const HER_WORDS = "Nie znam go. I did not tell him anything.";
    const SECOND = "The same account messaged her again on another app.";
    try {
      await unlockAt(browser, "Concern log", PASS);
      await browser.waitUntil(async () => (await h1(browser)) === "Concern log", { timeout: 10_000 });
      await (await button(browser, "Write down a worry")).click();
      await (await field(browser, "Which child")).selectByVisibleText(CHILD);
      await fill(browser, "What I saw or heard", FACTS);
      await fill(browser, "Who is writing this (needed)", "Jo Carer");
      await (await button(browser, "Save this entry")).click();
      await until(browser, "Saved. You can add screenshots");
      const png = path.join(outbox, "message.png");
      execFileSync("convert", ["-size", "48x30", "xc:#8a2b6f", png]);
      const sha = createHash("sha256").update(readFileSync(png)).digest("hex");
      await (await button(browser, "Add a screenshot or file")).click();
      await (await browser.$("#no-child-image")).click();
      await (await button(browser, "Choose the file")).click();
      await answerFileDialog("Choose a screenshot or document to keep", png);
      await until(browser, "Kept message.png.");

      // Her own view, marked as hers, beside the entry and not changing it.
      await fill(browser, `What ${CHILD} wants to say`, HER_WORDS);
      await fill(browser, "If you wrote it down for them, your name", "Jo Carer");
      await (await button(browser, `Add ${CHILD}'s words`)).click();
      await until(browser, `${CHILD}'s own words were added`);
      await until(browser, HER_WORDS);
      await noViolations(browser, "entry with the child's own words");
      await shot(browser, "agency-child-words");

      // A second entry, then both are chosen and handed over to the agency, to the key in its signed pack.
      await (await button(browser, "Back to the log")).click();
      await (await button(browser, "Write down a worry")).click();
      await (await field(browser, "Which child")).selectByVisibleText(CHILD);
      await fill(browser, "What I saw or heard", SECOND);
      await fill(browser, "Who is writing this (needed)", "Jo Carer");
      await (await button(browser, "Save this entry")).click();
      await until(browser, "Saved. You can add screenshots");
      await (await button(browser, "Back to the log")).click();
      await until(browser, "2 entries.");
      await (await browser.$("#choose-all")).click();
      await until(browser, "2 entries chosen.");
      await (await browser.$(`//*[@aria-label="Chosen entries"]//button[normalize-space()="Make a chronology"]`)).click();
      await until(browser, "Brightwater Fostering asks:");
      const handover = path.join(outbox, "to-brightwater.harbour-handover");
      await (await button(browser, "Save the hand-over")).click();
      await answerFileDialog("Save the hand-over", handover);
      await until(browser, "Only Brightwater Fostering can open it.");
      await noViolations(browser, "hand-over to the agency");
      const sealed = readFileSync(handover);
      for (const plain of [FACTS, SECOND, HER_WORDS, CHILD, "Jo Carer"]) assert.ok(!sealed.includes(plain), `"${plain}" is readable in the hand-over`);

      // The agency opens it with its own key, as its README says, and every hash checks.
      const opened = path.join(outbox, "brightwater-opened");
      const env = { ...process.env, HARBOUR_AGENCY_PASSPHRASE: "brightwater example hand-over key" };
      const key = path.join(repo, "tests/fixtures/example-agency-handover.key");
      const said = execFileSync(agencyCli(), ["open", handover, "--key", key, "--out", opened], { env, encoding: "utf8" });
      assert.match(said, /Made for: +Brightwater Fostering/);
      assert.match(said, /its SHA-256 line checks/);
      assert.ok(said.includes(`SHA-256 ${sha}`), `the kept PNG arrived whole:\n${said}`);
      const chronology = readFileSync(path.join(opened, "chronology.txt"), "utf8");
      for (const want of [FACTS, SECOND, "Entry 2 of 2", `written down for them by Jo Carer: ${HER_WORDS}`, `Child: ${CHILD}`]) assert.ok(chronology.includes(want), `the chronology holds "${want}"`);

      // Each entry now says where it went.
      await (await button(browser, "Back")).click();
      await (await browser.$(`//button[starts-with(@aria-label, "Open the entry from")]`)).click();
      await until(browser, "Handed over to Brightwater Fostering on");
      await shot(browser, "agency-entry-handed-over");

      // The placement ends: everything is handed over, so the records can go, once her name is typed.
      await go(browser, "Your family", "Your family");
      await (await button(browser, `${CHILD}'s placement is ending`)).click();
      await until(browser, `Every entry about ${CHILD} has been handed over.`);
      await until(browser, `Brightwater Fostering asks that ${CHILD}'s records are removed from this computer once they are all handed over.`);
      await noViolations(browser, "placement ending");
      await shot(browser, "agency-placement-ending");
      await fill(browser, `To confirm, type ${CHILD}`, "Marigold");
      await (await button(browser, `Remove ${CHILD}'s records`)).click();
      await until(browser, "Nothing was removed.");
      await fill(browser, `To confirm, type ${CHILD}`, CHILD);
      await (await button(browser, `Remove ${CHILD}'s records`)).click();
      await until(browser, `2 concern log entries and 1 kept file were handed over to Brightwater Fostering. Then ${CHILD}'s records were removed from this computer.`);
      await until(browser, "Placements that have ended");
      assert.equal(await (await text(browser, "Nothing was removed.")).isExisting(), false, "the earlier refusal is not left on screen");
      await noViolations(browser, "after the placement ended");
      await shot(browser, "agency-placement-ended");

      await go(browser, "Concern log", "Concern log");
      await until(browser, "Nothing written yet.");
      await go(browser, "Agreements", "Agreements");
      assert.equal(await (await button(browser, `Open ${CHILD}'s agreement`)).isExisting(), false, "her agreement is gone");
      // Nothing on disk says what was written, in plain form.
      for (const [f, bytes] of homeFileContents()) {
        for (const secret of ["Achterberg", "uncle and asked", "Nie znam go"]) {
          assert.equal(bytes.includes(Buffer.from(secret)), false, `${f} holds "${secret}" in plain text`);
        }
      }
    } finally {
      await browser.deleteSession();
    }
  });
});
