import type { AgeBand, Checklist, Guide } from "./api";

export const kindLabels: Record<string, string> = {
  social: "Social media",
  messaging: "Messaging",
  video: "Video",
  game: "Game",
  console: "Games console",
  device: "Phone or tablet",
  computer: "Computer",
  broadband: "Home broadband",
  "ai-chat": "AI chatbot",
};

export const riskLabels: Record<string, string> = {
  strangers: "Contact from strangers",
  location: "Sharing where they are",
  disappearing: "Disappearing messages",
  live: "Live streaming",
  spending: "Spending money",
  "harmful-content": "Harmful content",
  "ai-chat": "AI chat",
};

export const platformLabels: Record<string, string> = {
  all: "",
  iphone: "On iPhone or iPad",
  android: "On Android",
  web: "On the website",
  console: "On a games console",
  windows: "On Windows",
  mac: "On a Mac",
  xbox: "On Xbox",
  playstation: "On PlayStation",
  switch: "On Nintendo Switch",
};

/** YYYY-MM-DD, `months` later (the day kept where the month has it). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** A guide last checked more than six months ago may be out of date. */
export function mayBeOutOfDate(g: Guide, today: string): boolean {
  return addMonths(g.checked, 6) < today;
}

/** The oldest age in a band, for "suits this age". */
const bandTop: Record<AgeBand, number> = { "under-5": 4, "5-7": 7, "8-10": 10, "11-13": 13, "14-15": 15, "16-17": 17 };

/** False when the app's terms (or a game's PEGI rating) are for people older than anyone in the band. */
export function suitsBand(g: Guide, band: AgeBand): boolean {
  const pegi = /^PEGI (\d+)/.exec(g.age.rating ?? "")?.[1];
  const min = g.age.min_age ?? (pegi ? Number(pegi) : null);
  return min === null || min <= bandTop[band];
}

export function progressText(c: Checklist): string {
  return `${c.done.length} of ${c.applicable} done`;
}
