import { months } from "./children";

/** Today's date on this computer, YYYY-MM-DD. Rust is given it rather than guessing the time zone. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** "24 February 2027" for "2027-02-24", the way dates are said in the UK; anything else as it is. */
export function dateWords(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d || m > 12) return iso;
  return `${d} ${months[m - 1]} ${y}`;
}

/** "24 November 2026" for a time in unix seconds, in this computer's time zone. */
export function unixDateWords(secs: number): string {
  return dateWords(todayIso(new Date(secs * 1000)));
}
