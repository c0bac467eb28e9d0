import { describe, expect, it } from "vitest";
import { commandNames } from "./commands";
import { api } from ".";

// Every UI source file, as text.
const sources = import.meta.glob(["/src/**/*.ts", "/src/**/*.svelte", "!/src/**/*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

describe("the UI's one door to Rust", () => {
  it("imports @tauri-apps only in the desktop backend", () => {
    const files = Object.keys(sources);
    expect(files.length).toBeGreaterThan(10);
    const importers = files.filter((f) => /from\s+["']@tauri-apps\//.test(sources[f]));
    expect(importers).toEqual(["/src/lib/api/backend/tauri.ts"]);
  });

  it("reaches the test host only from the test backend", () => {
    const importers = Object.keys(sources).filter((f) => /dev\/hostProcess/.test(sources[f]));
    expect(importers).toEqual(["/src/lib/api/backend/testHost.ts"]);
  });

  it("has one function for each command Rust lists, and they reach the real Rust", async () => {
    expect(Object.keys(api).length).toBe(commandNames.length + 1);
    expect(await api.vaultState()).toBe("absent");
    await expect(api.childrenList()).rejects.toMatchObject({ code: "vault_locked" });
  });
});
