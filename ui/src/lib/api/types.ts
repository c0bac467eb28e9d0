// The one interface the UI uses to reach Rust. Two implementations: tauri.ts
// (the real app) and mock.ts (a browser or a unit test).
import type { Child } from "../bindings/Child";
import type { ChildInput } from "../bindings/ChildInput";
import type { Contact } from "../bindings/Contact";
import type { VaultState } from "../bindings/VaultState";
import type { Preferences } from "../bindings/Preferences";
import type { Region } from "../bindings/Region";
import type { RegionSummary } from "../bindings/RegionSummary";
import type { UserError } from "../bindings/UserError";

export type { Child, ChildInput, Contact, Preferences, Region, RegionSummary, UserError, VaultState };

export interface Api {
  regionList(): Promise<RegionSummary[]>;
  regionGet(id: string): Promise<Region>;
  prefsGet(): Promise<Preferences>;
  prefsSet(prefs: Preferences): Promise<Preferences>;
  /** Opens an allow-listed help site in the system browser. */
  openHelpLink(url: string): Promise<void>;
  /** Hides the window after the UI has blanked itself. */
  quickExit(): Promise<void>;
  /** Tells the shell the first screen is drawn. */
  uiReady(): Promise<void>;

  vaultState(): Promise<VaultState>;
  /** Makes the vault; resolves to the recovery code, to show once. */
  vaultCreate(passphrase: string): Promise<string>;
  vaultUnlock(passphrase: string): Promise<void>;
  vaultRecover(code: string, newPassphrase: string): Promise<void>;
  vaultLock(): Promise<void>;
  childrenList(): Promise<Child[]>;
  childAdd(input: ChildInput): Promise<Child>;
  childUpdate(id: number, input: ChildInput): Promise<Child>;
  childRemove(id: number): Promise<void>;
}

/** Turns anything a command threw into a sentence a person can read. */
export function errorMessage(e: unknown): string {
  if (e && typeof e === "object" && "message" in e && typeof (e as UserError).message === "string") {
    return (e as UserError).message;
  }
  if (typeof e === "string") return e;
  return "Something went wrong. Please try again.";
}
