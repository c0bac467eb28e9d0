// The agency pack part of the in-memory stand-in: one sample pack (and a
// newer one from the same agency), with Rust's trust rule.
import type { Api, PackInfo, PackOffer } from "./types";

export function fixturePack(version = 1): PackInfo {
  return {
    fingerprint: "JFXG-PVK7-N8GE-F78K",
    logo: null,
    content: {
      format: 1,
      pack_version: version,
      issued: "2026-11-30",
      agency: { name: "Brightwater Fostering", logo: null },
      contacts: [
        { role: "duty-line", name: "Duty team", phone: "01632 960000", email: null, url: "https://brightwater.example.org/contact", hours: "9am to 5pm, Monday to Friday" },
        { role: "out-of-hours", name: "Out-of-hours team", phone: "01632 960001", email: null, url: null, hours: "5pm to 9am, and weekends" },
      ],
      guidance: [
        {
          id: "policy",
          title: "Our online-safety policy",
          markdown: "",
          document: [
            { type: "heading", level: 1, content: [{ type: "text", text: "Our online-safety policy" }] },
            {
              type: "paragraph",
              content: [
                { type: "text", text: "We are " },
                { type: "strong", content: [{ type: "text", text: "here to help" }] },
                { type: "text", text: ". Read " },
                { type: "link", url: "https://brightwater.example.org/policy", content: [{ type: "text", text: "the full policy" }] },
                { type: "text", text: "." },
              ],
            },
            { type: "list", ordered: false, start: null, items: [[{ type: "paragraph", content: [{ type: "text", text: "Write it down." }] }], [{ type: "paragraph", content: [{ type: "text", text: "<script>alert(1)</script>" }] }]] },
          ],
        },
      ],
      rules: [
        {
          id: "birth-family",
          section: "people-online",
          voice: "child",
          text: "I will only have online contact with my birth family in the ways my care plan allows.",
          why: "Your care plan keeps everyone safe.",
          bands: ["11-13", "14-15"],
          required: true,
        },
      ],
      records: { writer_name_required: true, ask_police_reference: true, note: "Write facts first, then tell your supervising social worker." },
    },
  };
}

type PackApi = Pick<Api, "packCurrent" | "packChoose" | "packManaged" | "packAccept" | "packRemove">;

export function packMock(
  dialogAnswer: () => string | null,
): PackApi & { reset(): void; current(): PackInfo | null; managed: PackInfo | null; nextFile: PackInfo | "tampered" | "other-key" } {
  let current: PackInfo | null = null;
  let pending: PackInfo | null = null;
  const refused = (message: string) => ({ code: "pack_refused", message });
  const offer = (p: PackInfo): PackOffer => {
    pending = p;
    const decision = !current ? "new" : p.fingerprint !== current.fingerprint ? "different_key" : p.content.pack_version > current.content.pack_version ? "update" : "same_or_older";
    return { info: p, decision, current_version: current?.content.pack_version ?? null, current_agency: current?.content.agency.name ?? null };
  };
  const self = {
    managed: null as PackInfo | null,
    nextFile: fixturePack() as PackInfo | "tampered" | "other-key",
    current: () => current,
    reset: () => {
      current = null;
      pending = null;
      self.managed = null;
      self.nextFile = fixturePack();
    },
    packCurrent: async () => structuredClone(current),
    packChoose: async () => {
      if (dialogAnswer() === null) return null;
      if (self.nextFile === "tampered") throw refused("This pack has been changed since the agency signed it, so Harbour will not use it. Ask your agency for a new copy.");
      const p = self.nextFile === "other-key" ? { ...fixturePack(5), fingerprint: "ZZZZ-ZZZZ-ZZZZ-ZZZZ" } : self.nextFile;
      return offer(p);
    },
    packManaged: async () => (current || !self.managed ? null : offer(self.managed)),
    packAccept: async () => {
      if (!pending) throw { code: "invalid_input", message: "Please choose the pack file first." };
      const o = offer(pending);
      if (o.decision === "different_key") throw refused("This pack was signed by a different key from the one your agency pack uses, so Harbour did not use it.");
      if (o.decision === "same_or_older") throw refused("You already have this version of the pack, or a newer one. Nothing was changed.");
      current = pending;
      pending = null;
      return structuredClone(current);
    },
    packRemove: async () => {
      current = null;
    },
  };
  return self;
}
