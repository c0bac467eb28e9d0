import { defineConfig } from "vitest/config";
import type { Plugin } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { fileURLToPath } from "node:url";
import { harbourTestHost } from "./dev/hostPlugin.ts";

const root = fileURLToPath(new URL(".", import.meta.url));

// Where the UI's calls go, chosen when it is built: Tauri's IPC in the app
// (`vite build`), the test host in Vitest, and either in `npm run dev`. So a
// release bundle holds no test code.
function backend(command: "build" | "serve"): string {
  if (process.env.VITEST) return "src/lib/api/backend/testHost.ts";
  return command === "build" ? "src/lib/api/backend/tauri.ts" : "src/lib/api/backend/dev.ts";
}

// WebKit may draw a frame of the empty page while the script loads; drawing that first
// frame with software GL can then hold back the first screen's frame by 130 ms or more
// (BENCHMARKS.md). Blocking rendering on the script makes the first frame the first screen.
const renderBlockingEntry: Plugin = {
  name: "harbour-render-blocking-entry",
  transformIndexHtml: {
    order: "post",
    handler: (html) => {
      const entry = /<script type="module" crossorigin src=/;
      if (!entry.test(html)) throw new Error("harbour-render-blocking-entry: the entry script tag was not found in index.html");
      return html.replace(entry, '<script type="module" blocking="render" crossorigin src=');
    },
  },
};

export default defineConfig(({ command }) => ({
  root,
  plugins: process.env.VITEST ? [svelte(), svelteTesting()] : command === "serve" ? [svelte(), harbourTestHost()] : [svelte(), renderBlockingEntry],
  resolve: { alias: { "harbour-backend": `${root}${backend(command)}` } },
  clearScreen: false,
  server: { port: 5173, strictPort: true, host: "localhost", fs: { allow: [fileURLToPath(new URL("..", import.meta.url))] } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    // Fonts are bundled as files, never inlined or fetched.
    assetsInlineLimit: 0,
  },
  test: {
    root,
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test-setup.ts"],
    globalSetup: ["dev/vitestGlobalSetup.ts"],
    // Each test drives real screens over the real Rust; on a busy 2-core machine some take seconds.
    testTimeout: 30_000,
  },
}));
