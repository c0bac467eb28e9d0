// The vault's state as the UI knows it, in one place. Rust is the authority:
// this mirrors it, and every screen that shows personal data renders only
// while `vault.state` is "unlocked", so locking unmounts it all.
import { api, type VaultState } from "./api";

/** Why the vault last locked, for the unlock screen to explain. */
export type LockReason = "button" | "idle" | "quick-exit" | null;

export const vault = $state<{ state: VaultState | "unknown"; reason: LockReason }>({ state: "unknown", reason: null });

export async function refreshVault(): Promise<void> {
  try {
    vault.state = await api.vaultState();
  } catch {
    vault.state = "locked";
  }
}

export function markUnlocked(): void {
  vault.state = "unlocked";
  vault.reason = null;
}

export function markLocked(reason: LockReason): void {
  if (vault.state === "unlocked") vault.reason = reason;
  if (vault.state !== "absent") vault.state = "locked";
}

export async function lockNow(): Promise<void> {
  markLocked("button");
  await api.vaultLock();
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

/** Compares a typed recovery code with the shown one as Rust reads codes: any case, spaces and dashes ignored, O as 0, I and L as 1. */
export function sameRecoveryCode(typed: string, shown: string): boolean {
  const canon = (s: string) =>
    s
      .toUpperCase()
      .replace(/[\s-]/g, "")
      .replace(/O/g, "0")
      .replace(/[IL]/g, "1");
  return canon(typed) === canon(shown) && canon(shown).length > 0;
}
