import type { Child, ChildInput } from "./api";
import { ageBands, months } from "./bindings/labels";

export { ageBands, months };

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
