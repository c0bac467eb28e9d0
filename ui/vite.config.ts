import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: process.env.VITEST ? [svelte(), svelteTesting()] : [svelte()],
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
  },
});
