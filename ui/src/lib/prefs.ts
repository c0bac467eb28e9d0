import type { Preferences } from "./api";

const systemDark = typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : null;

/** The colour scheme to show: the chosen one, or the computer's for "system". */
export function resolveScheme(theme: Preferences["theme"], prefersDark: boolean): "light" | "dark" {
  return theme === "system" ? (prefersDark ? "dark" : "light") : theme;
}

/** Applies preferences to the page at once: theme, scheme and text size live on <html>. */
export function applyPrefs(p: Preferences, root: HTMLElement = document.documentElement) {
  root.dataset.theme = p.theme;
  root.dataset.scheme = resolveScheme(p.theme, systemDark?.matches ?? false);
  root.dataset.textSize = p.text_size;
}

/** Keeps "Match my computer" in step when the computer switches between light and dark. */
export function followSystemScheme(root: HTMLElement = document.documentElement): () => void {
  const onChange = () => {
    if (root.dataset.theme === "system") root.dataset.scheme = resolveScheme("system", systemDark?.matches ?? false);
  };
  systemDark?.addEventListener("change", onChange);
  return () => systemDark?.removeEventListener("change", onChange);
}

export const themeChoices = [
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
  { value: "system", label: "Match my computer" },
] as const;

export const textSizeChoices = [
  { value: "standard", label: "Standard" },
  { value: "large", label: "Large" },
  { value: "larger", label: "Larger" },
  { value: "largest", label: "Largest" },
] as const;
