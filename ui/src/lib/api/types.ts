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
import type { Strength } from "../bindings/Strength";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { RestoreResult } from "../bindings/RestoreResult";

export type {
  BackupInfo,
  Child,
  ChildInput,
  Contact,
  Preferences,
  Region,
  RegionSummary,
  RestoreResult,
  Strength,
  UserError,
  VaultState,
};

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
  /** Rust's judgement of a passphrase, the same one vaultCreate and vaultRecover apply. */
  passphraseStrength(passphrase: string): Promise<Strength>;
  vaultChangePassphrase(current: string, next: string): Promise<void>;
  /**
   * Asks (in a system dialog) where to save the printable recovery sheet, then
   * writes it. Resolves to the saved file's name, or null if the person cancelled.
   */
  recoverySheetSave(code: string): Promise<string | null>;
  /** Tells Rust the person is using Harbour, so auto-lock waits. Cheap; call it on input, at most every few seconds. */
  vaultActivity(): Promise<void>;
  /** Calls back when Rust locks the vault on its own (auto-lock). Resolves to a function that stops listening. */
  onVaultLocked(handler: () => void): Promise<() => void>;
  /** The folder that holds the vault, for "Where is my data?". */
  dataLocation(): Promise<string>;
  /** Asks where to save, then writes an encrypted backup. Resolves to the file name, or null if cancelled. Needs the vault unlocked. */
  backupExport(passphrase: string): Promise<string | null>;
  /** Asks which backup file to restore; reads only its outer label. Null if cancelled. */
  backupChoose(): Promise<BackupInfo | null>;
  /**
   * Restores the chosen backup. With no vault yet, newPassphrase is required and
   * becomes this computer's passphrase, and the result holds a new recovery code
   * to show once. With a vault, it must be unlocked, newPassphrase is null, and
   * the current data is kept aside until the restored copy is proven to open.
   */
  backupRestore(passphrase: string, newPassphrase: string | null): Promise<RestoreResult>;
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
