import { describe, expect, it, vi } from "vitest";
import { applyPrefs, resolveScheme } from "./prefs";
import { dateWords } from "./dates";
import { doubleEscape, DOUBLE_PRESS_MS } from "./quickExit";
import { defaultRoute, href, parseRoute } from "./router";

const esc = (repeat = false) => new KeyboardEvent("keydown", { key: "Escape", repeat });

describe("double Escape", () => {
  it("fires on two presses close together, once", () => {
    let t = 0;
    const onExit = vi.fn();
    const handle = doubleEscape(onExit, () => t);
    handle(esc());
    t += DOUBLE_PRESS_MS - 1;
    handle(esc());
    expect(onExit).toHaveBeenCalledTimes(1);
    t += 10;
    handle(esc());
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it("ignores slow presses, held keys and other keys", () => {
    let t = 0;
    const onExit = vi.fn();
    const handle = doubleEscape(onExit, () => t);
    handle(esc());
    t += DOUBLE_PRESS_MS + 1;
    handle(esc());
    expect(onExit).not.toHaveBeenCalled();
    handle(esc(true));
    handle(new KeyboardEvent("keydown", { key: "Enter" }));
    expect(onExit).not.toHaveBeenCalled();
  });
});

describe("routes", () => {
  it("reads known routes and falls back for anything else", () => {
    expect(parseRoute("#/guides")).toBe("guides");
    expect(parseRoute("#/settings")).toBe("settings");
    expect(parseRoute("")).toBe(defaultRoute);
    expect(parseRoute("#/nowhere")).toBe(defaultRoute);
    expect(parseRoute(href("log"))).toBe("log");
  });
});

describe("preferences on the page", () => {
  it("puts theme and text size on the root element", () => {
    const root = document.createElement("html");
    applyPrefs({ theme: "dark", text_size: "largest", region: "uk", nation: null, nation_asked: true, auto_lock_minutes: 5 }, root);
    expect(root.dataset.theme).toBe("dark");
    expect(root.dataset.scheme).toBe("dark");
    expect(root.dataset.textSize).toBe("largest");
  });

  it("resolves Match my computer from the computer's setting", () => {
    expect(resolveScheme("system", true)).toBe("dark");
    expect(resolveScheme("system", false)).toBe("light");
    expect(resolveScheme("light", true)).toBe("light");
    expect(resolveScheme("dark", false)).toBe("dark");
  });
});

describe("dates", () => {
  it("writes dates the UK way", () => {
    expect(dateWords("2026-11-24")).toBe("24 November 2026");
    expect(dateWords("2026-01-05")).toBe("5 January 2026");
    expect(dateWords("garbage")).toBe("garbage");
  });
});
