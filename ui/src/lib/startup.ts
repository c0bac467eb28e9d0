// What the first screen needs comes from Rust in one answer. In the app the
// desktop puts that answer in the page before any script runs
// (`window.__HARBOUR_FIRST__`, see src-tauri/src/window.rs), so the first frame
// is drawn without waiting for Rust; elsewhere (tests, `npm run dev`) it is asked for.
// Each part of it is used once; later asks go to Rust as usual.
import { api, type FirstScreen, type NationChoice, type PackInfo, type Preferences, type Region, type VaultState } from "./api";

declare global {
  interface Window {
    __HARBOUR_FIRST__?: FirstScreen;
  }
}

interface Parts {
  prefs: Preferences;
  vault: VaultState;
  agency: PackInfo | null;
}

let early: Promise<FirstScreen> | null = null;
let given: FirstScreen | null = null;
/** The parts of the first answer, each taken once. */
type Part = keyof Parts | "help" | "nations";
const taken = new Set<Part>();

/** Called once by main.ts, before the app is mounted. Returns the answer if the desktop already gave it. */
export function askEarly(): FirstScreen | null {
  given = window.__HARBOUR_FIRST__ ?? null;
  delete window.__HARBOUR_FIRST__;
  early = given ? Promise.resolve(given) : api.firstScreen();
  // An early question nobody takes is not an error worth a warning.
  early.catch(() => {});
  taken.clear();
  return given;
}

/** Marks `key` as taken; true if the first answer still holds it. */
function untaken(key: Part): boolean {
  if (!early || taken.has(key)) return false;
  taken.add(key);
  return true;
}

/** A part of the answer the desktop gave before any script ran, if it has one; the part is then taken. */
function takeGiven<T>(part: Part, pick: (f: FirstScreen) => T | null): T | null {
  return given && untaken(part) ? pick(given) : null;
}

export const givenPrefs = (): Preferences | null => takeGiven("prefs", (f) => f.prefs);
/** The help list, if the one given is for region `id`. */
export const givenRegion = (id: string): Region | null => takeGiven("help", (f) => (f.prefs.region === id ? f.help : null));
export const givenNationChoices = (): NationChoice[] | null => takeGiven("nations", (f) => f.nation_choices);

/** The first answer's `key` if it is still waiting to be taken, else a fresh ask. */
export function first<K extends keyof Parts>(key: K, ask: () => Promise<Parts[K]>): Promise<Parts[K]> {
  if (!untaken(key)) return ask();
  return early!.then(
    (f) => (key === "agency" && f.agency_problem ? Promise.reject(f.agency_problem) : (f[key] as Parts[K])),
    // If the one answer failed, each part is asked for on its own.
    () => ask(),
  );
}

/** The help list for `id`: the first answer's if it is for the same region. */
export async function firstRegion(id: string): Promise<Region> {
  const f = untaken("help") ? await early!.catch(() => null) : null;
  return f && f.prefs.region === id ? f.help : api.regionGet(id);
}
