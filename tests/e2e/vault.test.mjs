// The vault through its own screens, on the real binary: first run, the
// recovery sheet, children, restart and unlock, a wrong passphrase, recovery,
// auto-lock, Quick exit locking, backup and restore, and nothing in plain text.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  answerFileDialog,
  app,
  button,
  cancelFileDialog,
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
  repo,
  rust,
  shot,
  startDriver,
  stopDriver,
  text,
  until,
} from "./harbour-e2e.mjs";

const PASS = "kettle harbour seven lanterns";
const NEW_PASS = "purple otter biscuit tuesday";
const BACKUP_PASS = "quiet harbour backup morning";
const CHILD = "Quillon Marchbanks";
const NOTE = "Tablet: Roblox and Zephyrine chat";
let code = "";

/** Sends the screen saver's "now active" signal on the session bus the running Harbour uses. */
function screenSaverActive() {
  const pid = readdirSync("/proc").find((p) => /^\d+$/.test(p) && (() => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0")[0] === app;
    } catch {
      return false;
    }
  })());
  assert.ok(pid, "the running Harbour was found");
  const address = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").find((v) => v.startsWith("DBUS_SESSION_BUS_ADDRESS="));
  assert.ok(address, "Harbour runs with a session bus");
  execFileSync("dbus-send", [`--bus=${address.slice("DBUS_SESSION_BUS_ADDRESS=".length)}`, "--type=signal", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true"]);
}

/** The UI test host (built for the Vitest run), which can also write a crafted backup. */
function testHost() {
  const bin = path.join(repo, "target/debug/harbour-test-host");
  if (!existsSync(bin)) execFileSync("cargo", ["build", "-q", "--locked", "-p", "harbour-test-host"], { cwd: repo, stdio: "inherit" });
  return bin;
}

async function unlockWith(browser, passphrase) {
  await fill(browser, "Passphrase", passphrase);
  await (await button(browser, "Unlock")).click();
}

describe("The vault, through its screens", () => {
  before(startDriver);
  after(stopDriver);

  it("first run: a passphrase with a meter, the recovery code once, the sheet, and a child", async () => {
    const browser = await launch();
    try {
      await go(browser, "Your family", "Keep your notes private");
      await until(browser, "not a fostering agency");
      await noViolations(browser, "set-up screen");
      await fill(browser, "Choose a passphrase", "password123");
      await until(browser, "Harbour needs a stronger one");
      await fill(browser, "Choose a passphrase", PASS);
      await fill(browser, "Type it again", PASS);
      await browser.waitUntil(async () => /^(Strong|Very strong)$/.test(await (await browser.$(".verdict strong")).getText()), {
        timeout: 5000,
        timeoutMsg: "the meter never judged the passphrase strong",
      });
      await shot(browser, "vault-first-run");
      await (await button(browser, "Create passphrase")).click();
      await until(browser, "You will only see it this once");
      code = (await (await browser.$(".code")).getText()).replace(/\s+/g, "");
      assert.match(code, /^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
      await noViolations(browser, "recovery code step");
      await shot(browser, "vault-recovery-code");

      // The sheet, saved through the real GTK dialog.
      await (await button(browser, "Save recovery sheet (PDF)")).click();
      await cancelFileDialog("Save your recovery sheet");
      await browser.pause(500);
      assert.equal(await (await text(browser, "Saved as")).isExisting(), false, "a cancelled dialog saved nothing");
      const sheet = path.join(outbox, "sheet.pdf");
      await (await button(browser, "Save recovery sheet (PDF)")).click();
      await answerFileDialog("Save your recovery sheet", sheet);
      await until(browser, "Saved as “sheet.pdf”");
      assert.equal(statSync(sheet).mode & 0o777, 0o600, "the sheet is private to its owner");
      const words = pdfText(sheet);
      assert.ok(words.includes(code), "the sheet holds the recovery code");
      assert.ok(words.includes("not a fostering agency"));

      await fill(browser, "Type your recovery code", code.replace(/-/g, " ").toLowerCase().replace("0", "o"));
      await (await button(browser, "Check and finish")).click();
      await browser.waitUntil(async () => (await h1(browser)) === "Your family", { timeout: 5000 });

      await (await button(browser, "Add a child")).click();
      await fill(browser, "Name or nickname", CHILD);
      await (await browser.$(`//label[normalize-space()="An age band"]/input`)).click();
      await (await field(browser, "Age band")).selectByAttribute("value", "8-10");
      await fill(browser, "Devices and apps they use (optional)", NOTE);
      await (await browser.$(`//label[contains(., "Looked-after child")]/input`)).click();
      await (await button(browser, "Add child")).click();
      await until(browser, `Saved ${CHILD}.`);
      await until(browser, "Aged 8 to 10");
      await noViolations(browser, "family screen");
      await shot(browser, "vault-family");
    } finally {
      await browser.deleteSession();
    }
  });

  it("after a restart: locked; a wrong passphrase gets a clear message; the right one shows the child", async () => {
    const browser = await launch();
    try {
      await go(browser, "Your family", "Harbour is locked");
      await noViolations(browser, "unlock screen");
      await unlockWith(browser, "not the passphrase at all");
      await until(browser, "That passphrase does not open Harbour");
      assert.equal(await (await field(browser, "Passphrase")).getValue(), "", "a wrong passphrase is cleared");
      await shot(browser, "vault-wrong-passphrase");
      await unlockWith(browser, PASS);
      await until(browser, CHILD);
      await until(browser, NOTE);
    } finally {
      await browser.deleteSession();
    }
  });

  it("the recovery code opens Harbour and sets a new passphrase", async () => {
    const browser = await launch();
    try {
      await go(browser, "Your family", "Harbour is locked");
      await (await button(browser, "I have forgotten my passphrase")).click();
      await fill(browser, "Recovery code", code);
      await fill(browser, "Choose a new passphrase", NEW_PASS);
      await fill(browser, "Type it again", NEW_PASS);
      await noViolations(browser, "recovery form");
      await (await button(browser, "Open with recovery code")).click();
      await until(browser, CHILD);

      // Whoever had the code may still have it: Harbour asks for a new one, made in Settings.
      await until(browser, "Please make a new recovery code");
      await go(browser, "Settings", "Settings");
      await (await button(browser, "Make a new recovery code")).click();
      await until(browser, "You will only see it this once");
      const newCode = (await (await browser.$(".code")).getText()).replace(/\s+/g, "");
      assert.match(newCode, /^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
      assert.notEqual(newCode, code);
      await noViolations(browser, "new recovery code in Settings");
      await fill(browser, "Type your recovery code", newCode);
      await (await button(browser, "Check and finish")).click();
      await until(browser, "Your new recovery code is in use.");
      await (await button(browser, "Lock")).click();
      await go(browser, "Your family", "Harbour is locked");
      await until(browser, "You locked Harbour.");
      await (await button(browser, "I have forgotten my passphrase")).click();
      await fill(browser, "Recovery code", code);
      await fill(browser, "Choose a new passphrase", NEW_PASS);
      await fill(browser, "Type it again", NEW_PASS);
      await (await button(browser, "Open with recovery code")).click();
      await until(browser, "That recovery code does not open Harbour.");
      assert.deepEqual(await rust(browser, "vault_state"), { ok: "locked" }, "the old code no longer opens Harbour");
      await fill(browser, "Recovery code", newCode);
      await (await button(browser, "Open with recovery code")).click();
      await until(browser, CHILD);
      code = newCode;

      await (await button(browser, "Lock")).click();
      await until(browser, "You locked Harbour.");
      assert.equal(await (await text(browser, CHILD)).isExisting(), false, "locking clears the child from the page");
      await unlockWith(browser, PASS);
      await until(browser, "That passphrase does not open Harbour");
      await unlockWith(browser, NEW_PASS);
      await until(browser, CHILD);
    } finally {
      await browser.deleteSession();
    }
  });

  it("locks itself after the idle time set in Settings, and on Quick exit", async () => {
    const browser = await launch();
    try {
      await go(browser, "Your family", "Harbour is locked");
      await unlockWith(browser, NEW_PASS);
      await until(browser, CHILD);
      await go(browser, "Settings", "Settings");
      await (await field(browser, "Lock Harbour after")).selectByAttribute("value", "1");
      await until(browser, "Saved. Harbour will remember this.");
      await go(browser, "Your family", "Your family");
      const started = Date.now();
      await until(browser, "Harbour locked itself because it was not used for a while.", 90_000);
      const waited = (Date.now() - started) / 1000;
      assert.ok(waited >= 50 && waited <= 75, `auto-lock came after ${waited} s, not about 60`);
      assert.equal(await (await text(browser, CHILD)).isExisting(), false);
      assert.deepEqual(await rust(browser, "vault_state"), { ok: "locked" });
      await shot(browser, "vault-auto-locked");

      // Locked means locked, whatever the page sends: through the real IPC, protection and trust stay as they are.
      const prefs = (await rust(browser, "prefs_get")).ok;
      const longer = await rust(browser, "prefs_set", { prefs: { ...prefs, auto_lock_minutes: 60 } });
      assert.equal(longer.err, "vault_locked", `a longer auto-lock was refused while locked: ${JSON.stringify(longer)}`);
      assert.equal((await rust(browser, "prefs_get")).ok.auto_lock_minutes, 1);
      for (const [command, args] of [["pack_remove", {}], ["pack_choose", {}], ["pack_accept", { fingerprint: "AAAA-BBBB-CCCC-DDDD", sha256: "0".repeat(64) }]]) {
        const answer = await rust(browser, command, args);
        assert.equal(answer.err, "vault_locked", `${command} was refused while locked: ${JSON.stringify(answer)}`);
      }

      await unlockWith(browser, NEW_PASS);
      await until(browser, CHILD);
      await (await button(browser, "Quick exit")).click();
      await browser.waitUntil(async () => (await rust(browser, "vault_state")).ok === "locked", { timeout: 5000, timeoutMsg: "Quick exit did not lock" });
      await (await button(browser, "Continue")).click();
      await until(browser, "Harbour locked itself when you used Quick exit.");
      assert.equal(await (await text(browser, CHILD)).isExisting(), false);

      await unlockWith(browser, NEW_PASS);
      await until(browser, CHILD);
      await go(browser, "Settings", "Settings");
      await (await field(browser, "Lock Harbour after")).selectByAttribute("value", "5");
      await until(browser, "Saved. Harbour will remember this.");

      // The desktop session locks (the screen saver's signal on the app's own session bus): Harbour locks at once.
      assert.deepEqual(await rust(browser, "vault_state"), { ok: "unlocked" });
      screenSaverActive();
      await browser.waitUntil(async () => (await rust(browser, "vault_state")).ok === "locked", { timeout: 5000, timeoutMsg: "a session lock did not lock Harbour" });
      await go(browser, "Your family", "Harbour is locked");
      await until(browser, "Harbour locked itself");
      assert.equal(await (await text(browser, CHILD)).isExisting(), false);
    } finally {
      await browser.deleteSession();
    }
  });

  it("a backup saves, and restores over newer data while keeping that data aside", async () => {
    const browser = await launch();
    const file = path.join(outbox, "family.harbour-backup");
    try {
      await go(browser, "Your family", "Harbour is locked");
      await unlockWith(browser, NEW_PASS);
      await until(browser, CHILD);
      await go(browser, "Settings", "Settings");
      await until(browser, "Where is my data?");
      const folder = await (await browser.$(".folder code")).getText();
      assert.ok(folder.endsWith(path.join("uk.org.harbour.desktop", "vault")), folder);
      await fill(browser, "Passphrase for the backup", BACKUP_PASS);
      await fill(browser, "Type the backup passphrase again", BACKUP_PASS);
      await (await button(browser, "Save a backup")).click();
      await answerFileDialog("Save a backup", file);
      await until(browser, "Backup saved as “family.harbour-backup”", 15_000);
      await noViolations(browser, "settings, unlocked");
      await shot(browser, "vault-settings");

      await rust(browser, "child_add", { input: { name: "Added After Backup", birth_month: null, birth_year: null, age_band: "5-7", devices: "", looked_after: false } });
      await (await button(browser, "Choose a backup file")).click();
      await answerFileDialog("Choose a Harbour backup", file);
      await until(browser, "This replaces what is in Harbour now");
      await fill(browser, "Passphrase of the backup", "the wrong backup words");
      await (await button(browser, "Restore")).click();
      await until(browser, "That passphrase does not open this backup", 15_000);
      await fill(browser, "Passphrase of the backup", BACKUP_PASS);
      await (await button(browser, "Restore")).click();
      await until(browser, "Restored. Harbour now holds what was in the backup.", 15_000);
      const names = (await rust(browser, "children_list")).ok.map((c) => c.name);
      assert.deepEqual(names, [CHILD]);
      assert.ok(readdirSync(folder).some((f) => f.startsWith("vault.db.before-restore-")), "the data from before is kept aside");

      // Backups someone crafted, with the passphrase they gave the carer: one without the trigger that keeps
      // log entries unedited, one with a trigger of its own. Both are refused and nothing in Harbour changes.
      for (const [name, sql] of [
        ["no-trigger", "DROP TRIGGER log_entry_never_edited;"],
        ["own-trigger", "CREATE TRIGGER spy AFTER INSERT ON child BEGIN DELETE FROM log_entry; END;"],
      ]) {
        const crafted = path.join(outbox, `${name}.harbour-backup`);
        execFileSync(testHost(), ["crafted-backup", crafted, BACKUP_PASS, sql]);
        await (await button(browser, "Choose a backup file")).click();
        await answerFileDialog("Choose a Harbour backup", crafted);
        await until(browser, "This replaces what is in Harbour now");
        await fill(browser, "Passphrase of the backup", BACKUP_PASS);
        await (await button(browser, "Restore")).click();
        await until(browser, "That backup file cannot be used", 15_000);
        await until(browser, "it was changed by something other than Harbour");
        assert.deepEqual((await rust(browser, "children_list")).ok.map((c) => c.name), [CHILD], `${name}: nothing changed`);
        if (name === "own-trigger") await shot(browser, "vault-crafted-backup-refused");
        await (await button(browser, "Cancel")).click();
      }
    } finally {
      await browser.deleteSession();
    }
    const bytes = readFileSync(file);
    assert.equal(bytes.subarray(0, 7).toString(), "HARBOUR");
    assert.equal(bytes.includes(Buffer.from("Marchbanks")), false, "the backup holds no plain text");
  });

  it("after all that, nothing a person typed is on disk in plain form", () => {
    const files = homeFiles();
    assert.ok(files.some((f) => f.endsWith("vault.db")) && files.some((f) => f.endsWith("vault.key")));
    assert.ok(files.some((f) => f.endsWith("preferences.json")));
    for (const [f, bytes] of homeFileContents()) {
      for (const secret of ["Marchbanks", "Zephyrine", "Added After Backup", PASS, NEW_PASS, BACKUP_PASS, code, code.replace(/-/g, "")]) {
        assert.equal(bytes.includes(Buffer.from(secret)), false, `"${secret}" found in plain text in ${f}`);
      }
    }
    assert.ok(existsSync(outbox));
  });
});
