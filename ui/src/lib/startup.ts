// What the first screen needs, asked of Rust before the screen is built, so
// the answers are on their way while it is: each is one question, none waits
// for another.
// Each early answer is used once; later asks go to Rust as usual.
import { api, type PackInfo, type Preferences, type Region, type VaultState } from "./api";

interface Early {
  prefs: Promise<Preferences>;
  vault: Promise<VaultState>;
  agency: Promise<PackInfo | null>;
  /** The help list for the saved region, with that region's id. */
  region: Promise<[string, Region]>;
}

const early: Partial<Early> = {};

/** Called once by main.ts, before the app is mounted. */
export function askEarly() {
  early.prefs = api.prefsGet();
  early.vault = api.vaultState();
  early.agency = api.packCurrent();
  early.region = api.helpRegion().then((r) => [r.id, r]);
  // An early question nobody takes is not an error worth a warning.
  Object.values(early).forEach((p) => p.catch(() => {}));
}

/** The early answer to `key` if it is still waiting to be taken, else a fresh ask. */
export function first<K extends Exclude<keyof Early, "region">>(key: K, ask: () => Early[K]): Early[K] {
  const answer = early[key];
  delete early[key];
  return (answer ?? ask()) as Early[K];
}

/** The help list for `id`: the early one if it is for the same region. */
export async function firstRegion(id: string): Promise<Region> {
  const answer = early.region;
  delete early.region;
  const got = await answer?.catch(() => null);
  return got && got[0] === id ? got[1] : api.regionGet(id);
}
