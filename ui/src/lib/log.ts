// Words for the concern log, shared by its screens. The kinds of worry come
// from Rust (vault::log::CATEGORIES), generated into lib/bindings/categories.ts.
import type { LogEntry, LogEntryInput } from "./api";
import { categories } from "./bindings/categories";

export { categories };
import { dateWords } from "./dates";

export function categoryLabel(value: string): string {
  return categories.find((c) => c.value === value)?.label ?? "";
}

export function blankEntry(): LogEntryInput {
  return {
    child_id: null,
    happened_at: "",
    happened_rough: "",
    category: "",
    platform: "",
    account: "",
    display_name: "",
    profile_link: "",
    facts: "",
    told: "",
    view: "",
    evidence: "",
    reported: "",
    actions: "",
    writer: "",
  };
}

/** "24 November 2026 at 10:15", in this computer's time zone, for unix seconds. */
export function momentWords(secs: number): string {
  const d = new Date(secs * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${dateWords(`${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`)} at ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The first words of what was seen, for the timeline. */
export function snippet(e: LogEntry, max = 160): string {
  const text = (e.facts || e.told || e.actions || e.evidence || "").replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** Joins a date and an optional time into what Rust keeps: "2026-11-20" or "2026-11-20T19:40". */
export function joinWhen(date: string, time: string): string {
  return date && time ? `${date}T${time}` : date;
}

export function sizeWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
