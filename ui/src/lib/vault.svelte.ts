// The vault's state as the UI knows it, in one place. Rust is the authority:
// this mirrors it, and every screen that shows personal data renders only
// while `vault.state` is "unlocked", so locking unmounts it all.
import { api, type VaultState } from "./api";
import { first } from "./startup";
import { refreshAgency } from "./agency.svelte";

/** Why the vault last locked, for the unlock screen to explain. */
export type LockReason = "button" | "idle" | "quick-exit" | null;

export const vault = $state<{
  state: VaultState | "unknown";
  reason: LockReason;
  /**
   * A new recovery code not yet confirmed by the person. Set up is open in Rust
   * (so auto-lock and the Lock button apply) but the gate keeps showing the code
   * step, even after a trip to Settings. Any lock forgets it.
   */
  pendingCode: string;
  /** Rust asks for a new recovery code: the last one was used, or never typed back. */
  needsNewCode: boolean;
}>({ state: "unknown", reason: null, pendingCode: "", needsNewCode: false });

/** Asks Rust whether the recovery code should be replaced. */
export async function refreshCodeNeed(): Promise<void> {
  vault.needsNewCode = vault.state === "unlocked" ? await api.recoveryCodeNeeded().catch(() => false) : false;
}

export async function refreshVault(): Promise<void> {
  try {
    vault.state = await first("vault", api.vaultState);
  } catch {
    vault.state = "locked";
  }
  if (vault.state !== "unlocked") vault.pendingCode = "";
}

/** Rust made a vault (or restored one) and gave a recovery code to show once. */
export function markCreated(code: string): void {
  vault.pendingCode = code;
  vault.reason = null;
  vault.state = "unlocked";
}

export function markUnlocked(): void {
  vault.pendingCode = "";
  vault.reason = null;
  vault.state = "unlocked";
  // Rust checks the agency pack against the one pinned in the vault at unlock.
  void refreshAgency();
  void refreshCodeNeed();
}

export function markLocked(reason: LockReason): void {
  vault.pendingCode = "";
  vault.needsNewCode = false;
  if (vault.state === "unlocked") vault.reason = reason;
  if (vault.state !== "absent") vault.state = "locked";
}

export async function lockNow(): Promise<void> {
  markLocked("button");
  try {
    await api.vaultLock();
  } catch {
    // The screen is already locked; ask Rust what is true.
    await refreshVault();
  }
}

/** The code of a UserError from Rust, or "" for anything else. */
export function errorCode(e: unknown): string {
  const code = e && typeof e === "object" ? (e as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : "";
}

/** True when Rust refused because the vault is locked (it locked itself before the UI heard). */
export function isLockedError(e: unknown): boolean {
  return errorCode(e) === "vault_locked";
}

/** Calls `ping` at most once per `everyMs`, on the leading edge. */
export function throttle(ping: () => void, everyMs: number): () => void {
  let last = -Infinity;
  return () => {
    const now = Date.now();
    if (now - last >= everyMs) {
      last = now;
      ping();
    }
  };
}

