// `npm run dev` (never a release build): inside `tauri dev` the real IPC;
// in a plain browser, the real Rust rules through the dev server's test host.
import type { Call } from "../commands";
import * as tauri from "./tauri";

const inTauri = "__TAURI_INTERNALS__" in window;

const overHttp: Call = async (command, args) => {
  const res = await fetch("/__harbour/call", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ command, args }) });
  const body = await res.json();
  if ("error" in body) throw body.error;
  return body.ok;
};

export const call: Call = inTauri ? tauri.call : overHttp;

export function onVaultLocked(handler: () => void): Promise<() => void> {
  if (inTauri) return tauri.onVaultLocked(handler);
  const events = new EventSource("/__harbour/events");
  events.addEventListener("vault-locked", () => handler());
  return Promise.resolve(() => events.close());
}
