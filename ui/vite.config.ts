import { defineConfig } from "vitest/config";
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

export default defineConfig(({ command }) => ({
  root,
  plugins: process.env.VITEST ? [svelte(), svelteTesting()] : command === "serve" ? [svelte(), harbourTestHost()] : [svelte()],
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
