import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "../App.svelte";
import { api } from "../lib/api";
import { mockStrength, type MockApi } from "../lib/api/mock";
import { sameRecoveryCode, throttle } from "../lib/vault.svelte";

const mock = api as MockApi;
const STRONG = "kettle harbour seven lanterns";

async function openFamily() {
  location.hash = "#/family";
  render(App);
}

async function type(label: string | RegExp, value: string) {
  await fireEvent.input(await screen.findByLabelText(label), { target: { value } });
}

/** Types a new passphrase twice and waits for the meter to judge it. */
async function choosePassphrase(value: string, label: string | RegExp = "Choose a passphrase", again = "Type it again") {
  await type(label, value);
  await type(again, value);
  await screen.findAllByText(mockStrength(value).acceptable ? /^(Strong|Very strong)$/ : /easy to guess|Could be stronger/);
}

async function firstRun() {
  await openFamily();
  await choosePassphrase(STRONG);
  await fireEvent.click(screen.getByRole("button", { name: "Create passphrase" }));
  await screen.findByRole("heading", { name: "Your recovery code" });
  await type("Type your recovery code", "abcde fghjk mnpqr stvwx yz012");
  await fireEvent.click(screen.getByRole("button", { name: "Check and finish" }));
  await screen.findByRole("heading", { level: 1, name: "Your family" });
}

beforeEach(() => {
  mock.resetVault();
  mock.dialogAnswer = "file";
  mock.activity = 0;
});
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
    expect(await mock.vaultState()).toBe("absent");

    await choosePassphrase(STRONG);
    await type("Type it again", "kettle harbour seven lantern");
    await fireEvent.click(screen.getByRole("button", { name: "Create passphrase" }));
    expect(await screen.findByText(/not the same/)).toBeInTheDocument();

    await type("Type it again", STRONG);
    await fireEvent.click(screen.getByRole("button", { name: "Create passphrase" }));
    expect(await screen.findByRole("heading", { name: "Your recovery code" })).toHaveFocus();
    expect(screen.getByText("ABCDE")).toBeInTheDocument();
    expect(screen.getByText("YZ012")).toBeInTheDocument();

    await fireEvent.click(screen.getByRole("button", { name: "Save recovery sheet (PDF)" }));
    expect(await screen.findByText(/Saved as “Harbour recovery sheet.pdf”. Print it, then delete the file./)).toBeInTheDocument();

    await type("Type your recovery code", "ABCDE-FGHJK-MNPQR-STVWX-YZ013");
    await fireEvent.click(screen.getByRole("button", { name: "Check and finish" }));
    expect(await screen.findByText(/That does not match your recovery code/)).toHaveAttribute("id", "confirm-code-error");
    expect(screen.getByLabelText("Type your recovery code")).toHaveAttribute("aria-invalid", "true");
    await type("Type your recovery code", "abcde fghjk mnpqr stvwx yz012");
    await fireEvent.click(screen.getByRole("button", { name: "Check and finish" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Your family" })).toBeInTheDocument();
    expect(screen.queryByText("ABCDE")).toBeNull();
  });

  it("a cancelled sheet dialog says nothing alarming", async () => {
    await openFamily();
    await choosePassphrase(STRONG);
    await fireEvent.click(screen.getByRole("button", { name: "Create passphrase" }));
    await screen.findByRole("heading", { name: "Your recovery code" });
    mock.dialogAnswer = null;
    await fireEvent.click(screen.getByRole("button", { name: "Save recovery sheet (PDF)" }));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByText(/Saved as/)).toBeNull();
    expect(screen.getByRole("alert").textContent).toBe("");
  });

  it("can restore from a backup instead, with a new passphrase for this computer", async () => {
    await openFamily();
    await fireEvent.click(await screen.findByRole("button", { name: "Restore from a backup instead" }));
    expect(await screen.findByText(/made on 20 November 2026/)).toBeInTheDocument();
    await type("Passphrase of the backup", "wrong words entirely here");
    await choosePassphrase(STRONG, "Choose a passphrase for this computer");
    await fireEvent.click(screen.getByRole("button", { name: "Restore" }));
    expect(await screen.findByText(/does not open this backup/)).toBeInTheDocument();
    await type("Passphrase of the backup", "backup passphrase words");
    await fireEvent.click(screen.getByRole("button", { name: "Restore" }));
    expect(await screen.findByText("ZYXWV")).toBeInTheDocument();
    await type("Type your recovery code", "ZYXWV-TSRQP-NMKJH-GFEDC-BA987");
    await fireEvent.click(screen.getByRole("button", { name: "Check and finish" }));
    expect(await screen.findByRole("heading", { level: 3, name: "Restored Rowan" })).toBeInTheDocument();
  });
});

describe("children", () => {
  it("adds, edits and removes a child, with Rust's validation shown", async () => {
    await firstRun();
    expect(screen.getByText(/No children added yet/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Add a child" }));
    await type("Name or nickname", "Robin");
    await fireEvent.click(screen.getByLabelText("Age band"));
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
    expect(await mock.childrenList()).toEqual([]);
  });

  it("shows the reason when Rust refuses a child", async () => {
    await firstRun();
    const real = mock.childAdd;
    mock.childAdd = async () => {
      throw { code: "invalid_input", message: "Please give the child's name or a nickname." };
    };
    try {
      await fireEvent.click(screen.getByRole("button", { name: "Add a child" }));
      await fireEvent.click(screen.getByRole("button", { name: "Add child" }));
      await waitFor(() => expect(document.getElementById("child-error")).toHaveTextContent("Please give the child's name or a nickname."));
    } finally {
      mock.childAdd = real;
    }
  });
});

describe("locking", () => {
  async function withRobin() {
    await firstRun();
    await mock.childAdd({ name: "Robin", birth_month: 3, birth_year: 2014, age_band: null, devices: "", looked_after: false });
    location.hash = "#/help";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await screen.findByRole("heading", { level: 1, name: "Get help" });
    location.hash = "#/family";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    expect(await screen.findByText("Born March 2014")).toBeInTheDocument();
  }

  it("the Lock button clears the family list and unlocking brings it back", async () => {
    await withRobin();
    await fireEvent.click(screen.getByRole("button", { name: "Lock" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Harbour is locked" })).toBeInTheDocument();
    expect(screen.queryByText("Robin")).toBeNull();
    expect(screen.queryByRole("button", { name: "Lock" })).toBeNull();
    expect(await mock.vaultState()).toBe("locked");

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
    mock.fireAutoLock();
    expect(await screen.findByText("Harbour locked itself because it was not used for a while.")).toBeInTheDocument();
    expect(screen.queryByText("Robin")).toBeNull();
  });

  it("Quick exit leaves Harbour locked", async () => {
    await withRobin();
    await fireEvent.click(screen.getByRole("button", { name: "Quick exit" }));
    await waitFor(() => expect(mock.quickExits).toBeGreaterThan(0));
    await fireEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Harbour is locked" })).toBeInTheDocument();
    expect(screen.getByText("Harbour locked itself when you used Quick exit.")).toBeInTheDocument();
    expect(screen.queryByText("Robin")).toBeNull();
  });

  it("the recovery code opens Harbour and sets a new passphrase", async () => {
    await withRobin();
    await fireEvent.click(screen.getByRole("button", { name: "Lock" }));
    await fireEvent.click(await screen.findByRole("button", { name: "I have forgotten my passphrase" }));
    await type("Recovery code", "ABCDE-FGHJK-MNPQR-STVWX-YZ012");
    await choosePassphrase("purple otter biscuit tuesday", "Choose a new passphrase");
    await fireEvent.click(screen.getByRole("button", { name: "Open with recovery code" }));
    expect(await screen.findByRole("heading", { level: 3, name: "Robin" })).toBeInTheDocument();
    await mock.vaultLock();
    await expect(mock.vaultUnlock("purple otter biscuit tuesday")).resolves.toBeUndefined();
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

  it("activity reaches Rust only while unlocked", async () => {
    await withRobin();
    const before = mock.activity;
    await fireEvent.keyDown(window, { key: "a" });
    expect(mock.activity).toBeGreaterThanOrEqual(before);
  });

  it("reads recovery codes as Rust does", () => {
    expect(sameRecoveryCode("abcde fghjk mnpqr stvwx yz012", "ABCDE-FGHJK-MNPQR-STVWX-YZ012")).toBe(true);
    expect(sameRecoveryCode("0O1IL", "00111")).toBe(true);
    expect(sameRecoveryCode("", "")).toBe(false);
    expect(sameRecoveryCode("ABCDE", "ABCDF")).toBe(false);
  });
});

describe("settings", () => {
  it("shows where the data is, and saves the auto-lock time", async () => {
    location.hash = "#/settings";
    render(App);
    expect(await screen.findByText("/home/you/.local/share/uk.org.harbour.desktop/vault")).toBeInTheDocument();
    expect(screen.getByText(/first/)).toHaveTextContent("To back up, restore or change your passphrase, first set up Harbour.");
    await fireEvent.change(screen.getByRole("combobox", { name: "Lock Harbour after" }), { target: { value: "15" } });
    await waitFor(async () => expect((await mock.prefsGet()).auto_lock_minutes).toBe(15));
    await mock.prefsSet({ ...(await mock.prefsGet()), auto_lock_minutes: 5 });
  });

  it("saves a backup (or not, if cancelled), restores one, and changes the passphrase", async () => {
    await firstRun();
    location.hash = "#/settings";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await screen.findByRole("heading", { name: "Save a backup" });
    await choosePassphrase(STRONG, "Passphrase for the backup", "Type the backup passphrase again");
    mock.dialogAnswer = null;
    await fireEvent.click(screen.getByRole("button", { name: "Save a backup" }));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByText(/Backup saved as/)).toBeNull();
    mock.dialogAnswer = "file";
    await fireEvent.click(screen.getByRole("button", { name: "Save a backup" }));
    expect(await screen.findByText(/Backup saved as “Harbour backup 24 November 2026.harbour-backup”/)).toBeInTheDocument();

    await fireEvent.click(screen.getByRole("button", { name: "Choose a backup file" }));
    expect(await screen.findByText(/This replaces what is in Harbour now/)).toBeInTheDocument();
    await type("Passphrase of the backup", "backup passphrase words");
    await fireEvent.click(screen.getByRole("button", { name: "Restore" }));
    expect(await screen.findByText(/Restored. Harbour now holds what was in the backup/)).toBeInTheDocument();
    expect((await mock.childrenList()).map((c) => c.name)).toEqual(["Restored Rowan"]);

    await type("Passphrase now", "wrong passphrase words");
    await choosePassphrase("purple otter biscuit tuesday", "New passphrase", "Type the new passphrase again");
    await fireEvent.click(screen.getByRole("button", { name: "Change passphrase" }));
    expect(await screen.findByText(/does not open Harbour/)).toBeInTheDocument();
    await type("Passphrase now", STRONG);
    await fireEvent.click(screen.getByRole("button", { name: "Change passphrase" }));
    expect(await screen.findByText(/Your passphrase is changed/)).toBeInTheDocument();
  });
});
