// An in-memory stand-in for the Rust side, for a plain browser and unit tests.
// Its region is a small fixture, not the real UK pack (that lives in Rust).
import type { Api, Preferences, Region } from "./types";

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
    },
    uiReady: async () => {},
  };
  return self;
}
