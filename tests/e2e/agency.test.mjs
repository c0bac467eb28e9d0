// Agency packs through the real screens: the example agency's pack is built
// and signed with harbour-agency, a tampered copy is refused, the real one is
// imported after its fingerprint is shown, and then the agency's name, contacts,
// guidance and required agreement rule appear, and stay after a restart.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  agencyCli,
  answerFileDialog,
  appReadingPackDir,
  button,
  fill,
  go,
  h1,
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
      await noViolations(browser, "agreement with the agency's rule");

      const pdf = path.join(outbox, "agreement.pdf");
      await (await button(browser, "Save as PDF to print")).click();
      await answerFileDialog("Save the agreement as a PDF", pdf);
      await until(browser, "Saved agreement.pdf");
      const words = pdfText(pdf);
      assert.ok(words.includes("Made with Harbour as set up by Brightwater Fostering."), words);
      assert.ok(words.includes(REQUIRED), words);
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
});
