import "@testing-library/jest-dom/vitest";
import { beforeEach } from "vitest";
import { testHost } from "./lib/api/backend/testHost";

// Every test starts on a new computer: no vault, no agency pack, no preferences.
beforeEach(() => testHost.reset());
