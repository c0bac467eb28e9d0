import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import App from "../App.svelte";
import { api } from "../lib/api";
import { testHost } from "../lib/api/backend/testHost";
import { throttle } from "../lib/vault.svelte";

const STRONG = "kettle harbour seven lanterns";
const BACKUP_PHRASE = "backup passphrase words";

async function openFamily() {
  location.hash = "#/family";
  render(App);
}

async function type(label: string | RegExp, value: string) {
  await fireEvent.input(await screen.findByLabelText(label), { target: { value } });
}

/** Types a new passphrase twice and waits for Rust's meter to judge it. */
async function choosePassphrase(value: string, label: string | RegExp = "Choose a passphrase", again = "Type it again") {
  await type(label, value);
  await type(again, value);
  const judged = await api.passphraseStrength(value);
  await screen.findAllByText(judged.acceptable ? /^(Strong|Very strong)$/ : /easy to guess|Could be stronger/);
}

/** The recovery code on screen, as Rust made it: five groups of five. */
function shownCode(): string {
  const code = document.querySelector("p.code")?.textContent ?? "";
  expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
  return code;
}

/** The same code with one character changed. */
function mistyped(code: string): string {
  const last = code.at(-1) === "0" ? "1" : "0";
  return code.slice(0, -1) + last;
}

/** Makes the vault through the screens; resolves to its recovery code. */
async function firstRun(): Promise<string> {
  await openFamily();
  await choosePassphrase(STRONG);
  await fireEvent.click(screen.getByRole("button", { name: "Create passphrase" }));
  await screen.findByRole("heading", { name: "Your recovery code" });
  const code = shownCode();
  await type("Type your recovery code", code.toLowerCase().replaceAll("-", " "));
  await fireEvent.click(screen.getByRole("button", { name: "Check and finish" }));
  await screen.findByRole("heading", { level: 1, name: "Your family" });
  return code;
}

/** A backup from another computer holding one child, left where the next dialog finds it. */
async function backupFromAnotherComputer(childName: string): Promise<string> {
  await api.vaultCreate(STRONG);
  await api.childAdd({ name: childName, birth_month: null, birth_year: null, age_band: "11-13", devices: "", looked_after: false });
  const saved = await api.backupExport(BACKUP_PHRASE);
  const bytes = readFileSync(join((await testHost.folder()).dir, saved!));
  await testHost.reset();
  const file = join((await testHost.folder()).dir, "From the old laptop.harbour-backup");
  writeFileSync(file, bytes);
  await testHost.answerNextDialog(file);
  return file;
}

afterEach(() => vi.useRealTimers());

describe("first run", () => {
  it("explains who can open the data, refuses a weak passphrase, and shows the recovery code once", async () => {
    await openFamily();
    expect(await screen.findByRole("heading", { level: 1, name: "Keep your notes private" })).toBeInTheDocument();
    expect(screen.getByText(/Not us, who make Harbour, and not a fostering agency/)).toBeInTheDocument();

    await choosePassphrase("password123");
    expect(await screen.findByText("Very easy to guess")).toBeInTheDocument();
    expect(screen.getByText("This is a very common password.")).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Create passphrase" }));
    expect(await screen.findByText(/too easy to guess. Try adding another word/)).toBeInTheDocument();
    expect(screen.getByLabelText("Choose a passphrase")).toHaveAttribute("aria-invalid", "true");
    expect(await api.vaultState()).toBe("absent");

    await choosePassphrase(STRONG);
    await type("Type it again", "kettle harbour seven lantern");
    await fireEvent.click(screen.getByRole("button", { name: "Create passphrase" }));
    expect(await screen.findByText(/not the same/)).toBeInTheDocument();

    await type("Type it again", STRONG);
    await fireEvent.click(screen.getByRole("button", { name: "Create passphrase" }));
    expect(await screen.findByRole("heading", { name: "Your recovery code" })).toHaveFocus();
    const code = shownCode();
    const [first, , , , last] = code.split("-");
    expect(screen.getByText(first)).toBeInTheDocument();
    expect(screen.getByText(last)).toBeInTheDocument();

    await fireEvent.click(screen.getByRole("button", { name: "Save recovery sheet (PDF)" }));
    expect(await screen.findByText(/Saved as “Harbour \d{4}-\d{2}-\d{2}\.pdf”. Print it, then delete the file./)).toBeInTheDocument();

    // A changed character fails the code's own check: Rust says it is a typing mistake.
    await type("Type your recovery code", mistyped(code));
    await fireEvent.click(screen.getByRole("button", { name: "Check and finish" }));
    expect(await screen.findByText(/That recovery code has a typing mistake/)).toHaveAttribute("id", "confirm-code-error");
    expect(screen.getByLabelText("Type your recovery code")).toHaveAttribute("aria-invalid", "true");
    await type("Type your recovery code", code.toLowerCase().replaceAll("-", " "));
    await fireEvent.click(screen.getByRole("button", { name: "Check and finish" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Your family" })).toBeInTheDocument();
    expect(screen.queryByText(first)).toBeNull();
  });

  it("a cancelled sheet dialog says nothing alarming", async () => {
    await openFamily();
    await choosePassphrase(STRONG);
    await fireEvent.click(screen.getByRole("button", { name: "Create passphrase" }));
    await screen.findByRole("heading", { name: "Your recovery code" });
    await testHost.answerNextDialog(null);
    await fireEvent.click(screen.getByRole("button", { name: "Save recovery sheet (PDF)" }));
    await waitFor(async () => expect((await testHost.record()).dialogs_opened).toBe(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText(/Saved as/)).toBeNull();
    expect(screen.getByRole("alert").textContent).toBe("");
  });

  it("can restore from a backup instead, with a new passphrase for this computer", async () => {
    await backupFromAnotherComputer("Restored Rowan");
    await openFamily();
    await fireEvent.click(await screen.findByRole("button", { name: "Restore from a backup instead" }));
    expect(await screen.findByRole("heading", { level: 2, name: "Restore from a backup" })).toHaveFocus();
    const made = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    expect(screen.getByText(made)).toBeInTheDocument();
    expect(screen.getByText(/From the old laptop.harbour-backup/)).toBeInTheDocument();
    await type("Passphrase of the backup", "wrong words entirely here");
    await choosePassphrase(STRONG, "Choose a passphrase for this computer");
    await fireEvent.click(screen.getByRole("button", { name: "Restore" }));
    expect(await screen.findByText(/does not open this backup/)).toBeInTheDocument();
    expect(await api.vaultState()).toBe("absent");
    await type("Passphrase of the backup", BACKUP_PHRASE);
    await fireEvent.click(screen.getByRole("button", { name: "Restore" }));
    expect(await screen.findByRole("heading", { name: "Your recovery code" })).toHaveFocus();
    const code = shownCode();
    await type("Type your recovery code", code);
    await fireEvent.click(screen.getByRole("button", { name: "Check and finish" }));
    expect(await screen.findByRole("heading", { level: 3, name: "Restored Rowan" })).toBeInTheDocument();
  });
});

describe("first run, interrupted", () => {
  async function showCode(): Promise<string> {
    await openFamily();
    await choosePassphrase(STRONG);
    await fireEvent.click(screen.getByRole("button", { name: "Create passphrase" }));
    await screen.findByRole("heading", { name: "Your recovery code" });
    return shownCode();
  }

  it("keeps the recovery code on screen after a look at Settings", async () => {
    const code = await showCode();
    location.hash = "#/settings";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await screen.findByRole("heading", { level: 1, name: "Settings" });
    expect(screen.queryByRole("button", { name: "Make a new recovery code" })).toBeNull();
    location.hash = "#/family";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await screen.findByRole("button", { name: "Check and finish" });
    expect(screen.getByRole("heading", { name: "Your recovery code" })).toBeInTheDocument();
    expect(shownCode()).toBe(code);
    expect(screen.queryByRole("button", { name: "Create passphrase" })).toBeNull();
  });

  it("does not lock itself while the code is on screen; a Lock forgets the code and asks for a new one", async () => {
    const code = await showCode();
    expect(await testHost.idleMinutes(30)).toBe(false);
    expect(shownCode()).toBe(code);
    await fireEvent.click(screen.getByRole("button", { name: "Lock" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Harbour is locked" })).toBeInTheDocument();
    expect(document.querySelector("p.code")).toBeNull();
    await type("Passphrase", STRONG);
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Your family" })).toBeInTheDocument();
    expect(screen.queryByText(code.slice(0, 5))).toBeNull();
    expect(await screen.findByText(/Please make a new recovery code/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Make a new recovery code in Settings" })).toHaveAttribute("href", "#/settings");
  });
});

describe("children", () => {
  it("adds, edits and removes a child, with Rust's validation shown", async () => {
    await firstRun();
    expect(await screen.findByText(/No children added yet/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Add a child" }));
    await type("Name or nickname", "Robin");
    await fireEvent.click(screen.getByLabelText("An age band"));
    await fireEvent.change(screen.getByRole("combobox", { name: "Age band" }), { target: { value: "8-10" } });
    await type(/Devices and apps/, "Tablet: Roblox");
    await fireEvent.click(screen.getByLabelText("Looked-after child (for foster carers)"));
    await fireEvent.click(screen.getByRole("button", { name: "Add child" }));
    const robin = await screen.findByRole("heading", { level: 3, name: "Robin" });
    const card = within(robin.closest("li")!);
    expect(card.getByText("Aged 8 to 10")).toBeInTheDocument();
    expect(card.getByText("Looked-after child")).toBeInTheDocument();
    expect(card.getByText("Tablet: Roblox")).toBeInTheDocument();

    await fireEvent.click(screen.getByRole("button", { name: "Edit Robin" }));
    await type("Name or nickname", "Robyn");
    await fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByRole("heading", { level: 3, name: "Robyn" })).toBeInTheDocument();
    expect(screen.getByRole("status", { name: "" })).toBeDefined();
    expect(screen.getByText("Saved Robyn.")).toBeInTheDocument();

    await fireEvent.click(screen.getByRole("button", { name: "Remove Robyn" }));
    expect(screen.getByText(/This cannot be undone/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Remove Robyn" }));
    expect(await screen.findByText("Robyn was removed.")).toBeInTheDocument();
    expect(screen.queryByRole("heading", { level: 3, name: "Robyn" })).toBeNull();
    expect(await api.childrenList()).toEqual([]);
  });

  it("shows Rust's reasons for refusing a child, and asks for both month and year", async () => {
    await firstRun();
    await fireEvent.click(screen.getByRole("button", { name: "Add a child" }));
    expect(screen.getByRole("heading", { level: 2, name: "Add a child" })).toHaveFocus();
    await fireEvent.click(screen.getByRole("button", { name: "Add child" }));
    const error = await screen.findByText("Please give the child's name or a nickname.");
    expect(error).toHaveAttribute("role", "alert");
    await waitFor(() => expect(error).toHaveFocus());

    await type("Name or nickname", "Sam");
    await fireEvent.change(screen.getByRole("combobox", { name: "Month of birth" }), { target: { value: "3" } });
    await fireEvent.click(screen.getByRole("button", { name: "Add child" }));
    expect(await screen.findByText(/Please give both the month and the year of birth/)).toBeInTheDocument();

    await type("Year of birth", "20x4");
    await fireEvent.click(screen.getByRole("button", { name: "Add child" }));
    expect(await screen.findByText("Please check the month and year of birth.")).toBeInTheDocument();
    expect(await api.childrenList()).toEqual([]);

    await type("Year of birth", "2014");
    await fireEvent.click(screen.getByRole("button", { name: "Add child" }));
    expect(await screen.findByRole("heading", { level: 3, name: "Sam" })).toHaveFocus();
    expect(screen.getByText("Born March 2014")).toBeInTheDocument();
    expect(screen.getByText("Saved Sam.")).toHaveAttribute("role", "status");
  });

  it("Cancel on a removal keeps the child and goes back to its Remove button", async () => {
    await firstRun();
    await api.childAdd({ name: "Kit", birth_month: null, birth_year: null, age_band: "under-5", devices: "", looked_after: false });
    location.hash = "#/help";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await screen.findByRole("heading", { level: 1, name: "Get help" });
    location.hash = "#/family";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await fireEvent.click(await screen.findByRole("button", { name: "Remove Kit" }));
    expect(screen.getByText(/Remove Kit\?/).closest("p")).toHaveFocus();
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Remove Kit" })).toHaveFocus());
    expect(screen.getByText("Aged under 5")).toBeInTheDocument();
    expect(await api.childrenList()).toHaveLength(1);
  });
});

describe("locking", () => {
  async function withRobin(): Promise<string> {
    const code = await firstRun();
    await api.childAdd({ name: "Robin", birth_month: 3, birth_year: 2014, age_band: null, devices: "", looked_after: false });
    location.hash = "#/help";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await screen.findByRole("heading", { level: 1, name: "Get help" });
    location.hash = "#/family";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    expect(await screen.findByText("Born March 2014")).toBeInTheDocument();
    return code;
  }

  it("the Lock button clears the family list and unlocking brings it back", async () => {
    await withRobin();
    await fireEvent.click(screen.getByRole("button", { name: "Lock" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Harbour is locked" })).toBeInTheDocument();
    expect(screen.queryByText("Robin")).toBeNull();
    expect(screen.queryByRole("button", { name: "Lock" })).toBeNull();
    expect(await api.vaultState()).toBe("locked");

    await type("Passphrase", "not the passphrase");
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(await screen.findByText(/does not open Harbour/)).toBeInTheDocument();
    expect(screen.getByLabelText("Passphrase")).toHaveValue("");
    await type("Passphrase", STRONG);
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(await screen.findByRole("heading", { level: 3, name: "Robin" })).toBeInTheDocument();
  });

  it("auto-lock from Rust clears the list and says why", async () => {
    await withRobin();
    expect(await testHost.idleMinutes(5)).toBe(true);
    expect(await screen.findByText("Harbour locked itself because it was not used for a while.")).toBeInTheDocument();
    expect(screen.queryByText("Robin")).toBeNull();
  });

  it("says when sleep or a locked screen locked Harbour", async () => {
    await withRobin();
    expect(await testHost.sleepMinutes(180)).toBe(true);
    expect(await screen.findByText("Harbour locked itself because the computer went to sleep.")).toBeInTheDocument();
    await type("Passphrase", STRONG);
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(await screen.findByRole("heading", { level: 3, name: "Robin" })).toBeInTheDocument();
    expect(await testHost.screenLocked()).toBe(true);
    expect(await screen.findByText("Harbour locked itself because the computer's screen was locked.")).toBeInTheDocument();
    expect(screen.queryByText("Robin")).toBeNull();
  });

  it("Quick exit leaves Harbour locked", async () => {
    await withRobin();
    await fireEvent.click(screen.getByRole("button", { name: "Quick exit" }));
    await waitFor(async () => expect((await testHost.record()).hidden).toBeGreaterThan(0));
    await fireEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Harbour is locked" })).toBeInTheDocument();
    expect(await screen.findByText("Harbour locked itself when you used Quick exit.")).toBeInTheDocument();
    expect(screen.queryByText("Robin")).toBeNull();
  });

  it("the recovery code opens Harbour and sets a new passphrase", async () => {
    const code = await withRobin();
    await fireEvent.click(screen.getByRole("button", { name: "Lock" }));
    await fireEvent.click(await screen.findByRole("button", { name: "I have forgotten my passphrase" }));
    await type("Recovery code", code);
    await choosePassphrase("purple otter biscuit tuesday", "Choose a new passphrase");
    await fireEvent.click(screen.getByRole("button", { name: "Open with recovery code" }));
    expect(await screen.findByRole("heading", { level: 3, name: "Robin" })).toBeInTheDocument();
    // Whoever had the code may still have it.
    expect(await screen.findByText(/Please make a new recovery code/)).toBeInTheDocument();
    await api.vaultLock();
    await expect(api.vaultUnlock("purple otter biscuit tuesday")).resolves.toBeNull();
    await api.vaultLock();
    await expect(api.vaultUnlock(STRONG)).rejects.toMatchObject({ code: "wrong_secret" });
  });

  it("tells Rust someone is here at most every 15 seconds", () => {
    vi.useFakeTimers();
    let pings = 0;
    const ping = throttle(() => pings++, 15_000);
    ping();
    ping();
    vi.advanceTimersByTime(14_000);
    ping();
    expect(pings).toBe(1);
    vi.advanceTimersByTime(1_000);
    ping();
    expect(pings).toBe(2);
  });

  it("activity reaches Rust at most every 15 seconds, and only while unlocked", async () => {
    // Only the clock is fake: the screen's own timers still run.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-24T10:00:00Z"));
    await withRobin();
    const before = testHost.count("vault_activity");
    const pings = () => testHost.count("vault_activity") - before;
    await fireEvent.keyDown(window, { key: "a" });
    await fireEvent.pointerDown(document.body);
    await fireEvent.wheel(document.body);
    expect(pings()).toBe(1);
    vi.setSystemTime(Date.now() + 14_000);
    await fireEvent.keyDown(window, { key: "b" });
    expect(pings()).toBe(1);
    vi.setSystemTime(Date.now() + 1_000);
    await fireEvent.pointerDown(document.body);
    expect(pings()).toBe(2);

    expect(await testHost.idleMinutes(5)).toBe(true);
    await screen.findByRole("heading", { level: 1, name: "Harbour is locked" });
    vi.setSystemTime(Date.now() + 60_000);
    await fireEvent.keyDown(window, { key: "c" });
    await fireEvent.pointerDown(document.body);
    expect(pings()).toBe(2);
  });

  it("Lock moves focus to the locked screen's heading", async () => {
    await withRobin();
    await fireEvent.click(screen.getByRole("button", { name: "Lock" }));
    await waitFor(() => expect(screen.getByRole("heading", { level: 1, name: "Harbour is locked" })).toHaveFocus());
    expect(await screen.findByText("You locked Harbour.")).toHaveAttribute("role", "status");
  });

  it("shows Unlocking… and sends one unlock however often the button is pressed", async () => {
    await withRobin();
    await fireEvent.click(screen.getByRole("button", { name: "Lock" }));
    const real = api.vaultUnlock;
    let calls = 0;
    let finish = () => {};
    api.vaultUnlock = (p) => {
      calls += 1;
      return new Promise((resolve) => (finish = () => void real(p).then(resolve)));
    };
    try {
      await type("Passphrase", STRONG);
      await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
      const busy = await screen.findByRole("button", { name: "Unlocking…" });
      expect(busy).toHaveAttribute("aria-disabled", "true");
      await fireEvent.click(busy);
      await fireEvent.submit(busy.closest("form")!);
      expect(calls).toBe(1);
      finish();
      expect(await screen.findByRole("heading", { level: 1, name: "Your family" })).toHaveFocus();
    } finally {
      api.vaultUnlock = real;
    }
  });

  it("a passphrase field can be shown and hidden", async () => {
    await withRobin();
    await fireEvent.click(screen.getByRole("button", { name: "Lock" }));
    const field = await screen.findByLabelText("Passphrase");
    expect(field).toHaveAttribute("type", "password");
    expect(field).toHaveAttribute("autocomplete", "current-password");
    expect(field).toHaveAttribute("spellcheck", "false");
    await fireEvent.click(screen.getByRole("button", { name: "Show passphrase" }));
    expect(field).toHaveAttribute("type", "text");
    await fireEvent.click(screen.getByRole("button", { name: "Hide passphrase" }));
    expect(field).toHaveAttribute("type", "password");
  });

  it("a mistyped recovery code is explained beside the code field", async () => {
    await withRobin();
    await fireEvent.click(screen.getByRole("button", { name: "Lock" }));
    await fireEvent.click(await screen.findByRole("button", { name: "I have forgotten my passphrase" }));
    expect(await screen.findByRole("heading", { level: 2, name: "Open with your recovery code" })).toHaveFocus();
    await type("Recovery code", "ABCDE-FGHJK");
    await choosePassphrase("purple otter biscuit tuesday", "Choose a new passphrase");
    await fireEvent.click(screen.getByRole("button", { name: "Open with recovery code" }));
    const error = await screen.findByText(/That recovery code has a typing mistake/);
    expect(error).toHaveAttribute("id", "recovery-code-error");
    expect(screen.getByLabelText("Recovery code")).toHaveAttribute("aria-invalid", "true");
    expect(await api.vaultState()).toBe("locked");
    await fireEvent.click(screen.getByRole("button", { name: "Back to passphrase" }));
    expect(await screen.findByLabelText("Passphrase")).toHaveFocus();
  });

});

describe("settings", () => {
  it("shows where the data is, and saves the auto-lock time", async () => {
    location.hash = "#/settings";
    render(App);
    expect(await screen.findByText(join((await testHost.folder()).dir, "data", "vault"))).toBeInTheDocument();
    expect(screen.getByText(/Harbour never sends them anywhere/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Copy folder location" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Set up Harbour" })).toHaveAttribute("href", "#/family");
    expect(screen.queryByRole("button", { name: "Save a backup" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Change passphrase" })).toBeNull();
    expect(screen.getByRole("combobox", { name: "Lock Harbour after" })).toHaveValue("5");
    expect(within(screen.getByRole("combobox", { name: "Lock Harbour after" })).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "1 minute",
      "2 minutes",
      "5 minutes",
      "10 minutes",
      "15 minutes",
      "30 minutes",
      "1 hour",
    ]);
    await fireEvent.change(screen.getByRole("combobox", { name: "Lock Harbour after" }), { target: { value: "15" } });
    await waitFor(async () => expect((await api.prefsGet()).auto_lock_minutes).toBe(15));
  });

  it("saves a backup (or not, if cancelled), restores one, and changes the passphrase", async () => {
    await firstRun();
    await api.childAdd({ name: "Restored Rowan", birth_month: null, birth_year: null, age_band: "11-13", devices: "", looked_after: false });
    location.hash = "#/settings";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await screen.findByRole("heading", { name: "Save a backup" });
    await choosePassphrase(STRONG, "Passphrase for the backup", "Type the backup passphrase again");
    await testHost.answerNextDialog(null);
    await fireEvent.click(screen.getByRole("button", { name: "Save a backup" }));
    // The button reads "Saving…" until Rust answers.
    const again = await screen.findByRole("button", { name: "Save a backup" });
    expect(screen.queryByText(/Backup saved as/)).toBeNull();
    await fireEvent.click(again);
    expect(
      await screen.findByText(/Backup saved as “Harbour \d{4}-\d{2}-\d{2}\.harbour-backup”. Keep it somewhere safe, such as a USB stick./),
    ).toBeInTheDocument();
    await api.childAdd({ name: "Added after", birth_month: null, birth_year: null, age_band: "5-7", devices: "", looked_after: false });
    expect(screen.getByLabelText("Passphrase for the backup")).toHaveValue("");

    await fireEvent.click(screen.getByRole("button", { name: "Choose a backup file" }));
    expect(await screen.findByText(/This replaces what is in Harbour now/)).toBeInTheDocument();
    await type("Passphrase of the backup", STRONG);
    await fireEvent.click(screen.getByRole("button", { name: "Restore" }));
    expect(await screen.findByText(/Restored. Harbour now holds what was in the backup/)).toBeInTheDocument();
    expect((await api.childrenList()).map((c) => c.name)).toEqual(["Restored Rowan"]);

    await type("Passphrase now", "wrong passphrase words");
    await choosePassphrase("purple otter biscuit tuesday", "New passphrase", "Type the new passphrase again");
    await fireEvent.click(screen.getByRole("button", { name: "Change passphrase" }));
    expect(await screen.findByText(/does not open Harbour/)).toBeInTheDocument();
    await type("Passphrase now", STRONG);
    await fireEvent.click(screen.getByRole("button", { name: "Change passphrase" }));
    expect(await screen.findByText(/Your passphrase is changed/)).toBeInTheDocument();
  });

  it("restores the backup it saved, and refuses a weak new passphrase beside the field", async () => {
    await firstRun();
    await api.childAdd({ name: "Robin", birth_month: 3, birth_year: 2014, age_band: null, devices: "", looked_after: false });
    location.hash = "#/settings";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await screen.findByRole("heading", { level: 2, name: "Back up and restore" });
    await choosePassphrase(STRONG, "Passphrase for the backup", "Type the backup passphrase again");
    await fireEvent.click(screen.getByRole("button", { name: "Save a backup" }));
    await screen.findByText(/Backup saved as/);
    await api.childAdd({ name: "Later", birth_month: null, birth_year: null, age_band: "5-7", devices: "", looked_after: false });

    await fireEvent.click(screen.getByRole("button", { name: "Choose a backup file" }));
    expect(await screen.findByLabelText("Passphrase of the backup")).toHaveFocus();
    await fireEvent.click(screen.getByRole("button", { name: "Restore" }));
    expect(await screen.findByText("Please type the passphrase the backup was saved with.")).toBeInTheDocument();
    await type("Passphrase of the backup", STRONG);
    await fireEvent.click(screen.getByRole("button", { name: "Restore" }));
    expect(await screen.findByText(/^Restored\./)).toHaveAttribute("role", "status");
    expect((await api.childrenList()).map((c) => c.name)).toEqual(["Robin"]);

    await type("Passphrase now", STRONG);
    await choosePassphrase("password123", "New passphrase", "Type the new passphrase again");
    await fireEvent.click(screen.getByRole("button", { name: "Change passphrase" }));
    expect(await screen.findByText(/too easy to guess/)).toHaveAttribute("id", "changed-passphrase-error");
    await api.vaultLock();
    await expect(api.vaultUnlock(STRONG)).resolves.toBeNull();
  });

  it("makes a new recovery code: shown once, typed back, and then the old one stops working", async () => {
    const old = await firstRun();
    location.hash = "#/settings";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await fireEvent.click(await screen.findByRole("button", { name: "Make a new recovery code" }));
    await screen.findByRole("heading", { name: "Your recovery code" });
    await waitFor(() => expect(screen.getByRole("heading", { name: "Your recovery code" })).toHaveFocus());
    const code = shownCode();
    expect(code).not.toBe(old);
    await type("Type your recovery code", old);
    await fireEvent.click(screen.getByRole("button", { name: "Check and finish" }));
    expect(await screen.findByText(/That does not match your recovery code/)).toBeInTheDocument();
    await type("Type your recovery code", code);
    await fireEvent.click(screen.getByRole("button", { name: "Check and finish" }));
    expect(await screen.findByText(/Your new recovery code is in use. The old one no longer opens Harbour./)).toBeInTheDocument();
    expect(document.querySelector("p.code")).toBeNull();
    await api.vaultLock();
    await expect(api.vaultRecover(old, "purple otter biscuit tuesday")).rejects.toMatchObject({ code: "wrong_secret" });
    await expect(api.vaultRecover(code, "purple otter biscuit tuesday")).resolves.toBeNull();
  });

  it("while locked, offers a way to unlock instead of backups, and hides them when Harbour locks", async () => {
    await firstRun();
    location.hash = "#/settings";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await screen.findByRole("heading", { level: 3, name: "Save a backup" });
    await type("Passphrase for the backup", "half typed");
    await fireEvent.click(screen.getByRole("button", { name: "Lock" }));
    expect(await screen.findByRole("link", { name: "Unlock Harbour" })).toHaveAttribute("href", "#/family");
    expect(screen.queryByLabelText("Passphrase for the backup")).toBeNull();
    expect(screen.queryByDisplayValue("half typed")).toBeNull();
    expect(await screen.findByText(join((await testHost.folder()).dir, "data", "vault"))).toBeInTheDocument();
  });
});
