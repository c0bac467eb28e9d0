import { mockApi } from "./mock";
import { tauriApi } from "./tauri";
import type { Api } from "./types";

export * from "./types";

const inTauri = typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;

/** Rust when running inside Harbour; an in-memory stand-in in a plain browser or a test. */
export const api: Api = inTauri ? tauriApi : mockApi();
