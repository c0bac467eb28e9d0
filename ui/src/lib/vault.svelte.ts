// The vault's state as the UI knows it, in one place. Rust is the authority:
// this mirrors it, and every screen that shows personal data renders only
// while `vault.state` is "unlocked", so locking unmounts it all.
import { api, type VaultState } from "./api";
import { first } from "./startup";
import { refreshAgency } from "./agency.svelte";

export const vault = $state<{
  state: VaultState | "unknown";
  /** Rust's sentence for why Harbour last locked, for the unlock screen. */
  notice: string;
  /**
   * A new recovery code not yet confirmed by the person. Set up is open in Rust
   * (so auto-lock and the Lock button apply) but the gate keeps showing the code
   * step, even after a trip to Settings. Any lock forgets it.
   */
  pendingCode: string;
  /** Rust asks for a new recovery code: the last one was used, or never typed back. */
  needsNewCode: boolean;
}>({ state: "unknown", notice: "", pendingCode: "", needsNewCode: false });

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
  vault.notice = "";
  vault.state = "unlocked";
}

export function markUnlocked(): void {
  vault.pendingCode = "";
  vault.notice = "";
  vault.state = "unlocked";
  // Rust checks the agency pack against the one pinned in the vault at unlock.
  void refreshAgency();
  void refreshCodeNeed();
}

/** Shows the locked screen at once, before Rust has finished locking. */
export function markLocked(): void {
  vault.pendingCode = "";
  vault.needsNewCode = false;
  if (vault.state !== "absent") vault.state = "locked";
}

/** Asks Rust why it last locked, once the lock is done. */
export async function refreshLockNotice(): Promise<void> {
  vault.notice = (await api.lockNotice().catch(() => null)) ?? "";
}

export async function lockNow(): Promise<void> {
  markLocked();
  try {
    await api.vaultLock();
  } catch {
    // The screen is already locked; ask Rust what is true.
    await refreshVault();
  }
  await refreshLockNotice();
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

