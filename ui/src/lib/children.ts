import type { Child, ChildInput } from "./api";
import type { AgeBand } from "./bindings/AgeBand";

export const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export const ageBands: { value: AgeBand; label: string }[] = [
  { value: "under-5", label: "Under 5" },
  { value: "5-7", label: "5 to 7" },
  { value: "8-10", label: "8 to 10" },
  { value: "11-13", label: "11 to 13" },
  { value: "14-15", label: "14 to 15" },
  { value: "16-17", label: "16 to 17" },
];

/** "Born March 2014" or "Aged 8 to 10". */
export function describeAge(c: ChildInput): string {
  if (c.birth_month && c.birth_year) return `Born ${months[c.birth_month - 1]} ${c.birth_year}`;
  const band = ageBands.find((b) => b.value === c.age_band);
  return band ? `Aged ${band.label.toLowerCase()}` : "";
}

export function blankChild(): ChildInput {
  return { name: "", birth_month: null, birth_year: null, age_band: null, devices: "", looked_after: false };
}

export function inputOf(c: Child): ChildInput {
  const { id: _, ...input } = c;
  return input;
}
