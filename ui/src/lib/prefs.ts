import type { Preferences } from "./api";

/** Applies preferences to the page at once: theme and text size live on <html>. */
export function applyPrefs(p: Preferences, root: HTMLElement = document.documentElement) {
  root.dataset.theme = p.theme;
  root.dataset.textSize = p.text_size;
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

/** "2026-11-24" -> "24 November 2026", the way dates are said in the UK. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  return `${d} ${months[m - 1]} ${y}`;
}
