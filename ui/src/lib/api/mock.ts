// An in-memory stand-in for the Rust side, for a plain browser and unit tests.
// Its region is a small fixture, not the real UK pack (that lives in Rust).
import type { Api, Child, Preferences, Region, VaultState } from "./types";

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

export interface MockApi extends Api {
  opened: string[];
  quickExits: number;
}

export function mockApi(initial: Partial<Preferences> = {}): MockApi {
  let prefs: Preferences = { theme: "system", text_size: "standard", region: "uk", ...initial };
  // A stand-in vault: in memory only, with the same rules the UI relies on.
  let vault: { state: VaultState; passphrase: string; code: string; children: Child[]; nextId: number } = {
    state: "absent",
    passphrase: "",
    code: "",
    children: [],
    nextId: 1,
  };
  const locked = () => ({ code: "vault_locked", message: "Harbour is locked. Unlock it to carry on." });
  const unlocked = () => {
    if (vault.state !== "unlocked") throw locked();
  };
  const allowed = new Set(
    fixtureRegion.contacts.flatMap((c) => [...c.links, ...c.sources].map((l) => new URL(l.url).host)),
  );
  const self: MockApi = {
    opened: [],
    quickExits: 0,
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
      if (passphrase.length < 8) throw { code: "invalid_input", message: "Please use at least 8 characters." };
      vault = { ...vault, state: "unlocked", passphrase, code: "ABCDE-FGHJK-MNPQR-STVWX-YZ012" };
      return vault.code;
    },
    vaultUnlock: async (passphrase) => {
      if (passphrase !== vault.passphrase) throw { code: "wrong_secret", message: "That passphrase does not open Harbour." };
      vault.state = "unlocked";
    },
    vaultRecover: async (code, newPassphrase) => {
      if (code.toUpperCase() !== vault.code) throw { code: "wrong_secret", message: "That recovery code does not open Harbour." };
      vault = { ...vault, state: "unlocked", passphrase: newPassphrase };
    },
    vaultLock: async () => {
      if (vault.state === "unlocked") vault.state = "locked";
    },
    childrenList: async () => (unlocked(), [...vault.children]),
    childAdd: async (input) => {
      unlocked();
      const child = { id: vault.nextId++, ...input };
      vault.children.push(child);
      return child;
    },
    childUpdate: async (id, input) => {
      unlocked();
      const child = { id, ...input };
      vault.children = vault.children.map((c) => (c.id === id ? child : c));
      return child;
    },
    childRemove: async (id) => {
      unlocked();
      vault.children = vault.children.filter((c) => c.id !== id);
    },
  };
  return self;
}
