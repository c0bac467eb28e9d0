// The backend module ui/vite.config.ts picks when the UI is built.
declare module "harbour-backend" {
  import type { Call } from "./lib/api/commands";
  export const call: Call;
  /** Calls back when Rust locks the vault by itself (auto-lock). Resolves to a function that stops listening. */
  export function onVaultLocked(handler: () => void): Promise<() => void>;
}
