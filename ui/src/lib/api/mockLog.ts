// The concern log part of the in-memory stand-in. It follows Rust's rules
// (vault/log.rs) closely enough for the screens: validation, amendments only,
// the image confirmation, deletion notes, filters and word search.
import type { Api, CallSummary, Child, Deletion, LogEntry, LogEntryInput, LogGuidance } from "./types";

type LogApi = Pick<
  Api,
  | "logGuidance"
  | "logAdd"
  | "logEntry"
  | "logTimeline"
  | "logAmend"
  | "logAttach"
  | "logDelete"
  | "logDeletions"
  | "callSummary"
  | "callRecord"
  | "callSheetSave"
  | "chronologySave"
>;

const categoryIds = ["grooming", "sextortion", "nude-images", "intimate-image-abuse", "deepfake", "bullying", "harmful-content", "money-scams", "other"];

export const fixtureLogGuidance: LogGuidance = {
  schema: 1,
  checked: "2026-11-24",
  image_law: "It is against the law to make or keep a nude or sexual picture of anyone under 18, even a screenshot to show the police.",
  sources: [{ id: "nca", title: "National Crime Agency: sextortion advice", url: "https://nca.example/sextortion", checked: "2026-11-24" }],
  categories: categoryIds.map((id) => ({
    id,
    steps: id === "sextortion" ? ["Do not pay.", "Stop contact and block.", "Do not delete anything."] : ["Write down what happened.", "Keep messages.", "Ask for help."],
    image_law: ["grooming", "sextortion", "nude-images", "intimate-image-abuse", "deepfake"].includes(id),
    situations: ["report"],
    sources: ["nca"],
  })),
};

/** What a deliberate mock attach stores, like a small screenshot. */
export const fixtureAttachment = { file_name: "chat.png", media_type: "image/png", size: 2048, sha256: "9f".repeat(32) };

export function logMock(children: () => Child[], unlocked: () => void, dialogAnswer: () => string | null): LogApi & { reset(): void } {
  let entries: LogEntry[] = [];
  let deletions: Deletion[] = [];
  let nextId = 1;
  let clock = 1_795_478_400;
  const now = () => clock++;
  const bad = (message: string) => ({ code: "invalid_input", message });
  const find = (id: number) => {
    const e = entries.find((x) => x.id === id);
    if (!e) throw bad("That entry is no longer in the log.");
    return e;
  };
  const validate = (i: LogEntryInput) => {
    if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(i.happened_at)) throw bad("Please give the date it happened. A best guess is fine.");
    if (i.category && !categoryIds.includes(i.category)) throw bad("Please choose what kind of worry this is from the list.");
    if ([i.facts, i.told, i.view, i.evidence, i.actions, i.account].every((f) => !f.trim())) {
      throw bad("Please write down something about what happened, even a few words.");
    }
  };
  const words = (e: LogEntry) =>
    [e.platform, e.account, e.display_name, e.profile_link, e.facts, e.told, e.view, e.evidence, e.reported, e.actions, e.writer, e.happened_rough]
      .join(" ")
      .toLowerCase();
  const chosen = (ids: number[]) => {
    if (!ids.length) throw bad("Please choose at least one entry.");
    return [...new Set(ids)].map(find).sort((a, b) => a.happened_at.localeCompare(b.happened_at) || a.id - b.id);
  };
  return {
    reset: () => {
      entries = [];
      deletions = [];
      nextId = 1;
    },
    logGuidance: async () => structuredClone(fixtureLogGuidance),
    logAdd: async (input) => {
      unlocked();
      validate(input);
      const e: LogEntry = { ...structuredClone(input), id: nextId++, written_at: now(), amendments: [], attachments: [] };
      entries.push(e);
      return structuredClone(e);
    },
    logEntry: async (id) => {
      unlocked();
      return structuredClone(find(id));
    },
    logTimeline: async (f, limit) => {
      unlocked();
      const typed = f.text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      const all = entries
        .filter(
          (e) =>
            (f.child_id === null || e.child_id === f.child_id) &&
            (!f.category || e.category === f.category) &&
            (!f.platform.trim() || e.platform.toLowerCase() === f.platform.trim().toLowerCase()) &&
            (!f.from || e.happened_at >= f.from) &&
            (!f.to || e.happened_at.slice(0, 10) <= f.to) &&
            typed.every((w) => words(e).split(/[^\p{L}\p{N}]+/u).some((x) => x.startsWith(w))),
        )
        .sort((a, b) => b.happened_at.localeCompare(a.happened_at) || b.id - a.id)
        .map((e) => ({ ...structuredClone(e), amendments: [], attachments: [] }));
      return { entries: limit ? all.slice(0, limit) : all, total: all.length };
    },
    logAmend: async (id, text, writer) => {
      unlocked();
      if (!text.trim()) throw bad("Please write the correction or what you want to add.");
      const e = find(id);
      e.amendments.push({ id: nextId++, written_at: now(), text: text.trim(), writer: writer.trim() });
      return structuredClone(e);
    },
    logAttach: async (id, noChildImage) => {
      unlocked();
      if (!noChildImage) throw bad("Please confirm the file shows no nude or sexual image of anyone under 18.");
      const e = find(id);
      if (dialogAnswer() === null) return null;
      e.attachments.push({ id: nextId++, added_at: now(), ...fixtureAttachment });
      return structuredClone(e);
    },
    logDelete: async (id, reason) => {
      unlocked();
      const e = find(id);
      const d: Deletion = { entry_id: id, deleted_at: now(), written_at: e.written_at, happened_at: e.happened_at, category: e.category, reason: reason.trim() };
      entries = entries.filter((x) => x.id !== id);
      deletions.unshift(d);
      return d;
    },
    logDeletions: async () => {
      unlocked();
      return structuredClone(deletions);
    },
    callSummary: async (ids) => {
      unlocked();
      const list = chosen(ids);
      const names = [...new Set(list.map((e) => children().find((c) => c.id === e.child_id)?.name).filter(Boolean))] as string[];
      const part = (title: string, lines: string[], hint: string, write_space = false) => ({ title, lines: lines.filter((l) => l.trim()), hint, write_space });
      const s: CallSummary = {
        entry_ids: list.map((e) => e.id),
        parts: [
          part("1. Who it happened to", names, "Say the child's name and age."),
          part("2. What happened", list.map((e) => e.facts), "Say what you saw or were told."),
          part("3. When", list.map((e) => e.happened_at.replace("T", " at ")), "Say when it happened."),
          part("4. Where online", list.map((e) => e.platform), "Not written down yet."),
          part("5. The other person's usernames and links", list.flatMap((e) => [e.account, e.display_name, e.profile_link]), "Not written down yet."),
          part("6. What has been kept", list.map((e) => e.evidence), "Nothing written down yet."),
          part("7. Was money asked for, or paid?", list.some((e) => e.category === "sextortion") ? ["One or more entries are about money or blackmail."] : [], "Say if anyone asked for money.", true),
          part("8. Who else knows", list.map((e) => e.reported), "Say who else you have told.", true),
        ],
      };
      return s;
    },
    callRecord: async (ids, reference, officer, called, writer) => {
      unlocked();
      if (!reference.trim() && !officer.trim()) throw bad("Please write the reference number or the officer's name.");
      for (const e of chosen(ids)) {
        const parts = [`Called police on 101${called.trim() ? ` on ${called.trim()}` : ""}.`];
        if (reference.trim()) parts.push(`Reference number: ${reference.trim()}.`);
        if (officer.trim()) parts.push(`Officer: ${officer.trim()}.`);
        e.amendments.push({ id: nextId++, written_at: now(), text: parts.join(" "), writer: writer.trim() });
      }
    },
    callSheetSave: async (ids) => {
      unlocked();
      chosen(ids);
      return dialogAnswer() === null ? null : "Getting ready to call 101.pdf";
    },
    chronologySave: async (ids, _madeBy, text) => {
      unlocked();
      chosen(ids);
      return dialogAnswer() === null ? null : `Concern log chronology.${text ? "txt" : "pdf"}`;
    },
  };
}
