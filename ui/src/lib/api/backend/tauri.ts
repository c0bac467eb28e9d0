// The desktop app's way to Rust: Tauri's IPC. The only file in the UI that
// imports @tauri-apps/*.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { Call } from "../commands";

export const call: Call = (command, args) => invoke("call", { command, args });

/** Calls back when Rust locks the vault by itself (auto-lock). Resolves to a function that stops listening. */
export const onVaultLocked = (handler: () => void): Promise<() => void> => listen("vault-locked", () => handler());
