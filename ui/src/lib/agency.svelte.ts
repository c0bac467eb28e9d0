// The agency pack in use, as the UI knows it. Rust checks every pack; this
// only mirrors the one in use, so the header, Get help, the agreement builder
// and the concern log can follow it.
import { api, errorMessage, type PackInfo } from "./api";
import { first } from "./startup";

export const agency = $state<{ info: PackInfo | null; problem: string }>({ info: null, problem: "" });

export async function refreshAgency(): Promise<void> {
  try {
    agency.info = await first("agency", api.packCurrent);
    agency.problem = "";
  } catch (e) {
    agency.info = null;
    agency.problem = errorMessage(e);
  }
}

export { roleLabels } from "./bindings/labels";

