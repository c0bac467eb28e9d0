// The one door from the UI to Rust. The backend is chosen when the UI is
// built (ui/vite.config.ts): Tauri's IPC in the app, the test host in tests
// and in a plain browser under `npm run dev`.
import { call, onVaultLocked } from "harbour-backend";
import { commandsOver } from "./commands";

export * from "./types";

export const api = { ...commandsOver(call), onVaultLocked };
