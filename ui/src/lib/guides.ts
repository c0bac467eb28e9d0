import type { Checklist } from "./api";

// The words for guide kinds, risks and platforms are Rust's (guides.rs).
export { kindLabels, platformLabels, riskLabels } from "./bindings/labels";

export function progressText(c: Checklist): string {
  return `${c.done.length} of ${c.applicable} done`;
}
