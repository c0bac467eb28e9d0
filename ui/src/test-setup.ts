import "@testing-library/jest-dom/vitest";
import { configure } from "@testing-library/svelte";
import { beforeEach } from "vitest";
import { testHost } from "./lib/api/backend/testHost";

// Screens other than Get help load on first use; the first load in a test file
// also compiles them, which can take jsdom more than the default second.
configure({ asyncUtilTimeout: 5000 });

// Every test starts on a new computer: no vault, no agency pack, no preferences.
beforeEach(() => testHost.reset());
