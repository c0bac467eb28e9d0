// An in-memory stand-in for the Rust side, for a plain browser and unit tests.
// Its region is a small fixture, not the real UK pack (that lives in Rust).
import { agreementMock } from "./mockAgreements";
import { fixtureGuides, guideMock } from "./mockGuides";
import { fixtureLogGuidance, logMock } from "./mockLog";
import { packMock } from "./mockPack";
import type { Api, BackupInfo, Child, ChildInput, Preferences, Region, Strength, VaultState } from "./types";

export const fixtureRegion: Region = {
  schema: 1,
  id: "uk",
  name: "United Kingdom (sample)",
  checked: "2026-11-24",
  intro: "Sample help list for testing the screen.",
  situations: [
    { id: "danger-now", title: "A child is in danger right now", advice: "Call 999 now.", contacts: ["emergency"] },
    { id: "report", title: "You want to report a worry to police", advice: "Call 101.", contacts: ["police-101", "emergency"] },
  ],
  contacts: [
    {
      id: "emergency",
      name: "Emergency services",
      for_what: "A child is in danger now.",
      not_for: null,
      hours: "24 hours a day",
      hours_confirmed: true,
      checked: "2026-11-24",
      unconfirmed: null,
      phones: [{ label: "Call", number: "999" }],
      links: [],
      emails: [],
      nations: [],
      sources: [{ title: "Police: contact us", url: "https://police.example/contact", checked: "2026-11-24" }],
    },
    {
      id: "police-101",
      name: "Police non-emergency",
      for_what: "Report something that is not an emergency.",
      not_for: "Danger right now: call 999.",
      hours: "Check opening hours on their website",
      hours_confirmed: false,
      checked: "2026-11-24",
      unconfirmed: "Hours not confirmed.",
      phones: [{ label: "Call", number: "101" }, { label: "Textphone", number: "18001 101" }],
      links: [{ label: "Report online", url: "https://police.example/report" }],
      emails: [{ address: "help@police.example" }],
      nations: [{ nation: "Scotland", note: "Police Scotland also uses 101." }],
      sources: [{ title: "Police: 101", url: "https://police.example/101", checked: "2026-11-24" }],
    },
  ],
};

/** Opens the sample backup that backupChoose offers (it holds one child, "Restored Rowan"). */
export const fixtureBackupPassphrase = "backup passphrase words";

export interface MockApi extends Api {
  opened: string[];
  quickExits: number;
  activity: number;
  /** What the next save or open dialog answers: a file name, or null as if cancelled. */
  dialogAnswer: string | null;
  /** Locks as Rust's idle timer would, and tells the listeners. */
  fireAutoLock(): void;
  /** Back to a first run: no vault, no agency pack. */
  resetVault(): void;
  /** The agency pack stand-in: what the managed folder holds and what the next chosen file is. */
  pack: ReturnType<typeof packMock>;
}

const common = new Set(["password", "password1", "password123", "qwertyuiop", "iloveyou", "12345678", "letmein123"]);

/** A stand-in for zxcvbn, close enough for the screens: length and word count. */
export function mockStrength(p: string): Strength {
  if (p.length < 8) {
    return { score: 0, acceptable: false, warning: "Use at least 8 characters.", suggestions: ["A few words you will remember work well."] };
  }
  if (common.has(p.toLowerCase())) {
    return { score: 0, acceptable: false, warning: "This is a very common password.", suggestions: ["Add another word or two. Uncommon words are better."] };
  }
  const words = p.trim().split(/\s+/).length;
  const score = Math.min(4, Math.floor(p.length / 8) + (words >= 3 ? 1 : 0));
  return {
    score,
    acceptable: score >= 3,
    warning: null,
    suggestions: score >= 3 ? [] : ["Add another word or two. Uncommon words are better."],
  };
}

/** Refuses a passphrase as Rust does: the same judge as the meter, and its reason. */
function refuseWeak(p: string) {
  const s = mockStrength(p);
  if (s.acceptable) return;
  const why = s.warning ?? s.suggestions[0] ?? "";
  throw { code: "invalid_input", message: `That passphrase would be too easy to guess. ${why}`.trim() };
}

// Recovery codes as Rust reads them: Crockford base32, any case, spaces and dashes ignored, O as 0, I and L as 1.
const codeAlphabet = /^[0-9A-HJKMNP-TV-Z]{25}$/;
const canonCode = (s: string) => s.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");

const wrongSecret = () => ({
  code: "wrong_secret",
  message: "That passphrase does not open Harbour. Check it and try again, or use your recovery code.",
});

/** The checks Rust's ChildInput::validate makes, with its words. */
function checkChild(c: ChildInput) {
  const bad = (message: string) => {
    throw { code: "invalid_input", message };
  };
  const name = c.name.trim();
  if (!name) bad("Please give the child's name or a nickname.");
  if ([...name].length > 80) bad("That name is too long. A nickname is fine.");
  if ([...c.devices].length > 2000) bad("The note about devices and apps is too long.");
  const { birth_month: m, birth_year: y, age_band: band } = c;
  if (m !== null && y !== null && band === null) {
    if (m < 1 || m > 12 || y < 1990 || y > 2100) bad("Please check the month and year of birth.");
  } else if (m === null && y === null && band === null) {
    bad("Please give a month and year of birth, or choose an age band.");
  } else if (band === null && (m === null) !== (y === null)) {
    bad("Please give both the month and the year of birth.");
  } else if (!(m === null && y === null && band !== null)) {
    bad("Give either a month and year of birth or an age band, not both.");
  }
}

export function mockApi(initial: Partial<Preferences> = {}): MockApi {
  let prefs: Preferences = { theme: "system", text_size: "standard", region: "uk", auto_lock_minutes: 5, ...initial };
  // A stand-in vault: in memory only, with the same rules the UI relies on.
  const fresh = () => ({ state: "absent" as VaultState, passphrase: "", code: "", children: [] as Child[], nextId: 1 });
  let vault = fresh();
  const locked = () => ({ code: "vault_locked", message: "Harbour is locked. Unlock it to carry on." });
  const unlocked = () => {
    if (vault.state !== "unlocked") throw locked();
  };
  const lockListeners = new Set<() => void>();
  let chosen: BackupInfo | null = null;
  let exported: { passphrase: string; children: Child[] } | null = null;
  // As in Rust: the region's help sites and the pages the guides cite.
  const allowed = new Set([
    ...fixtureRegion.contacts.flatMap((c) => [...c.links, ...c.sources].map((l) => new URL(l.url).host)),
    ...fixtureGuides.flatMap((g) => g.sources.map((s) => new URL(s.url).host)),
    ...fixtureLogGuidance.sources.map((s) => new URL(s.url).host),
    "brightwater.example.org",
  ]);
  const pack = packMock(() => self.dialogAnswer);
  const agreements = agreementMock(
    () => vault.children,
    unlocked,
    () => self.dialogAnswer,
    () =>
      (pack.current()?.content.rules ?? []).map((r) => ({
        id: `agency-${r.id}`,
        section: r.section,
        voice: r.voice,
        text: r.text,
        bands: r.bands,
        starter: [],
        why: r.why,
        sources: [],
        required: r.required,
      })),
  );
  const guides = guideMock(
    () => vault.children,
    unlocked,
    () => self.dialogAnswer,
  );
  const log = logMock(
    () => vault.children,
    unlocked,
    () => self.dialogAnswer,
  );
  const self: MockApi = {
    ...agreements,
    packCurrent: pack.packCurrent,
    packChoose: pack.packChoose,
    packManaged: pack.packManaged,
    packAccept: pack.packAccept,
    packRemove: pack.packRemove,
    pack,
    ...guides,
    ...log,
    opened: [],
    quickExits: 0,
    activity: 0,
    dialogAnswer: "file",
    fireAutoLock: () => {
      if (vault.state !== "unlocked") return;
      vault.state = "locked";
      lockListeners.forEach((h) => h());
    },
    resetVault: () => {
      vault = fresh();
      chosen = null;
      exported = null;
      agreements.reset();
      guides.reset();
      log.reset();
      pack.reset();
    },
    regionList: async () => [{ id: fixtureRegion.id, name: fixtureRegion.name }],
    regionGet: async (id) => {
      if (id !== fixtureRegion.id) throw { code: "unknown_region", message: "Harbour has no help list for that region." };
      return fixtureRegion;
    },
    prefsGet: async () => ({ ...prefs }),
    prefsSet: async (p) => {
      prefs = { ...p };
      return { ...prefs };
    },
    openHelpLink: async (url) => {
      if (!allowed.has(new URL(url).host)) throw { code: "link_refused", message: "Harbour did not open that link." };
      self.opened.push(url);
    },
    quickExit: async () => {
      self.quickExits += 1;
      if (vault.state === "unlocked") vault.state = "locked";
    },
    uiReady: async () => {},
    vaultState: async () => vault.state,
    vaultCreate: async (passphrase) => {
      if (vault.state !== "absent") throw { code: "invalid_input", message: "A vault already exists here." };
      refuseWeak(passphrase);
      vault = { ...vault, state: "unlocked", passphrase, code: "ABCDE-FGHJK-MNPQR-STVWX-YZ012" };
      return vault.code;
    },
    vaultUnlock: async (passphrase) => {
      if (vault.state === "absent") throw { code: "invalid_input", message: "Harbour is not set up yet." };
      if (passphrase !== vault.passphrase) throw wrongSecret();
      vault.state = "unlocked";
    },
    vaultRecover: async (code, newPassphrase) => {
      const typed = canonCode(code);
      if (!codeAlphabet.test(typed)) {
        throw { code: "recovery_code_typo", message: "That recovery code has a typing mistake. Check each group of five and try again." };
      }
      if (vault.state === "absent") throw { code: "invalid_input", message: "Harbour is not set up yet." };
      if (typed !== canonCode(vault.code)) throw wrongSecret();
      refuseWeak(newPassphrase);
      vault = { ...vault, state: "unlocked", passphrase: newPassphrase };
    },
    vaultLock: async () => {
      if (vault.state === "unlocked") vault.state = "locked";
    },
    passphraseStrength: async (p) => mockStrength(p),
    vaultChangePassphrase: async (current, next) => {
      unlocked();
      if (current !== vault.passphrase) throw wrongSecret();
      refuseWeak(next);
      vault.passphrase = next;
    },
    recoverySheetSave: async () => (self.dialogAnswer === null ? null : "Harbour recovery sheet.pdf"),
    vaultActivity: async () => {
      self.activity += 1;
    },
    onVaultLocked: async (handler) => {
      lockListeners.add(handler);
      return () => lockListeners.delete(handler);
    },
    dataLocation: async () => "/home/you/.local/share/uk.org.harbour.desktop/vault",
    backupExport: async (passphrase) => {
      unlocked();
      refuseWeak(passphrase);
      if (self.dialogAnswer === null) return null;
      exported = { passphrase, children: vault.children.map((c) => ({ ...c })) };
      return "Harbour backup 2026-11-24.harbour-backup";
    },
    backupChoose: async () => {
      if (self.dialogAnswer === null) return null;
      chosen = { file_name: "Harbour backup 20 November 2026.harbour-backup", created_at: 1_795_132_800 };
      return chosen;
    },
    backupRestore: async (passphrase, newPassphrase) => {
      if (!chosen) throw { code: "invalid_input", message: "Please choose the backup file first." };
      // The chosen file is either the fixture backup or the last one this mock saved.
      const restored: Child[] | undefined =
        passphrase === fixtureBackupPassphrase
          ? [{ id: 99, name: "Restored Rowan", birth_month: null, birth_year: null, age_band: "11-13", devices: "", looked_after: false }]
          : exported && passphrase === exported.passphrase
            ? exported.children.map((c) => ({ ...c }))
            : undefined;
      if (!restored) {
        throw { code: "wrong_secret", message: "That passphrase does not open this backup. Check it and try again. Nothing in Harbour has changed." };
      }
      if (vault.state === "absent") {
        if (!newPassphrase) throw { code: "invalid_input", message: "Please choose a passphrase for Harbour on this computer." };
        refuseWeak(newPassphrase);
        vault = { state: "unlocked", passphrase: newPassphrase, code: "ZYXWV-TSRQP-NMKJH-GFEDC-BA987", children: restored, nextId: 1 };
        vault.nextId = Math.max(1, ...restored.map((c) => c.id + 1));
        chosen = null;
        return { recovery_code: vault.code };
      }
      unlocked();
      vault.children = restored;
      vault.nextId = Math.max(vault.nextId, ...restored.map((c) => c.id + 1));
      chosen = null;
      return { recovery_code: null };
    },
    childrenList: async () => (unlocked(), [...vault.children]),
    childAdd: async (input) => {
      unlocked();
      checkChild(input);
      const child = { id: vault.nextId++, ...input, name: input.name.trim() };
      vault.children.push(child);
      return child;
    },
    childUpdate: async (id, input) => {
      unlocked();
      if (!vault.children.some((c) => c.id === id)) throw { code: "invalid_input", message: "That child is no longer in the list." };
      checkChild(input);
      const child = { id, ...input, name: input.name.trim() };
      vault.children = vault.children.map((c) => (c.id === id ? child : c));
      return child;
    },
    childRemove: async (id) => {
      unlocked();
      if (!vault.children.some((c) => c.id === id)) throw { code: "invalid_input", message: "That child is no longer in the list." };
      vault.children = vault.children.filter((c) => c.id !== id);
    },
  };
  return self;
}
