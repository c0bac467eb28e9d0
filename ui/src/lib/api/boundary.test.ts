import { describe, expect, it } from "vitest";

// Every UI source file, as text.
const sources = import.meta.glob(["/src/**/*.ts", "/src/**/*.svelte", "!/src/**/*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

describe("the UI's one door to Rust", () => {
  it("imports @tauri-apps only in lib/api/tauri.ts", () => {
    const files = Object.keys(sources);
    expect(files.length).toBeGreaterThan(10);
    const importers = files.filter((f) => /from\s+["']@tauri-apps\//.test(sources[f]));
    expect(importers).toEqual(["/src/lib/api/tauri.ts"]);
  });
});
