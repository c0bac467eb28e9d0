// The agreement part of the in-memory stand-in. Its rules, topics and apps are
// small fixtures; the real content and its checks live in Rust.
import type { Agreement, Api, Catalogue, Child, HistoryEntry, Planner, RuleLibrary, Summary } from "./types";
import type { AgeBand } from "../bindings/AgeBand";
import type { Snapshot } from "../bindings/Snapshot";
import type { Changes } from "../bindings/Changes";

const src = [{ id: "fixture", title: "Fixture source", url: "https://example.org/source", checked: "2026-11-24" }];
const all: AgeBand[] = ["5-7", "8-10", "11-13", "14-15", "16-17"];

export const fixtureLibrary: RuleLibrary = {
  schema: 1,
  checked: "2026-11-24",
  section: [
    { id: "devices-places", title: "Devices and places", about: "Where and when devices are used." },
    { id: "people-online", title: "People we talk to online", about: "Who we talk to." },
    { id: "something-wrong", title: "When something goes wrong", about: "Telling someone." },
    { id: "adults", title: "The adults' promises", about: "What the grown-ups will do." },
  ],
  rule: [
    { id: "charge-downstairs", section: "devices-places", voice: "child", text: "I will charge my phone downstairs at night.", bands: all, starter: all, why: "Sleep matters.", sources: [] },
    { id: "shared-spaces", section: "devices-places", voice: "family", text: "We use screens in shared rooms.", bands: all, starter: [], why: "Help is close by.", sources: [] },
    { id: "only-known", section: "people-online", voice: "child", text: "I will only chat with people I know offline.", bands: all, starter: all, why: "People online may not be who they say.", sources: [] },
    { id: "never-meet", section: "people-online", voice: "child", text: "I will never meet someone from online on my own.", bands: all, starter: [], why: "It can be dangerous.", sources: [] },
    { id: "tell-an-adult", section: "something-wrong", voice: "child", text: "I will tell an adult if something online worries me.", bands: all, starter: all, why: "Nobody should cope alone.", sources: [] },
    { id: "not-in-trouble", section: "something-wrong", voice: "adults", text: "We will not get cross when you tell us.", bands: all, starter: all, why: "Children tell when it is safe to.", sources: [] },
    { id: "stay-calm", section: "adults", voice: "adults", text: "We will stay calm and listen.", bands: all, starter: [], why: "Calm helps.", sources: [] },
  ],
  source: src,
};

const line = (text: string) => ({ bands: all, text });
export const fixturePlanner: Planner = {
  schema: 1,
  checked: "2026-11-24",
  if_they_tell_you: {
    do: ["Stay calm.", "Thank them for telling you.", "Tell them it is not their fault.", "Write down what happened.", "Get help."],
    dont: ["Do not blame them.", "Do not promise to keep it secret.", "Do not delete the messages.", "Do not contact the other person."],
  },
  topic: [
    {
      id: "sextortion",
      title: "Sextortion",
      summary: "When someone threatens to share images unless a child pays or sends more.",
      bands: ["11-13", "14-15", "16-17"],
      listen_for: ["A new online friend.", "Worry about messages.", "Asking for money."],
      next_steps: ["Report to CEOP.", "Keep the messages."],
      rules: ["tell-an-adult", "never-meet"],
      help: ["report"],
      sources: [],
      opener: [line("Have you heard of people being tricked online?")],
      message: [line("It is never your fault."), line("You will not be in trouble.")],
    },
    {
      id: "bullying",
      title: "Bullying",
      summary: "Unkind messages or being left out.",
      bands: all,
      listen_for: ["Not wanting to go online.", "Upset after using the phone.", "Changes in friendships."],
      next_steps: ["Save the messages.", "Talk to the school."],
      rules: ["tell-an-adult"],
      help: ["report"],
      sources: [],
      opener: [line("How are things in your group chats?")],
      message: [line("It is not your fault.")],
    },
  ],
  source: src,
};

export const fixtureCatalogue: Catalogue = {
  schema: 1,
  checked: "2026-11-24",
  apps: [
    { id: "roblox", name: "Roblox", kind: "game", min_age: null, rating: null, age_note: "No minimum age.", confirmed: true, unconfirmed: "", sources: [src[0]] },
    { id: "tiktok", name: "TikTok", kind: "social", min_age: 13, rating: null, age_note: "TikTok's terms say 13 and over.", confirmed: true, unconfirmed: "", sources: [src[0]] },
    { id: "youtube", name: "YouTube", kind: "video", min_age: 13, rating: null, age_note: "Under 13s can use YouTube Kids.", confirmed: true, unconfirmed: "", sources: [src[0]] },
  ],
};

const bad = (message: string) => ({ code: "invalid_input", message });

function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

function youngest(c: Child, today: string): { lo: number; hi: number } | null {
  if (c.age_band) {
    const [lo, hi] = c.age_band === "under-5" ? [0, 4] : c.age_band.split("-").map(Number);
    return { lo, hi };
  }
  if (!c.birth_month || !c.birth_year) return null;
  const [ty, tm] = today.split("-").map(Number);
  const years = ty - c.birth_year - (tm < c.birth_month ? 1 : 0);
  return { lo: years, hi: years };
}

function changes(before: Snapshot, after: Snapshot): Changes {
  const key = (i: { rule_id: string | null; text: string }) => i.rule_id ?? `own:${i.text}`;
  const c: Changes = { added: [], removed: [], reworded: [] };
  for (const a of after.items) {
    const b = before.items.find((x) => key(x) === key(a));
    if (!b) c.added.push(a.text);
    else if (b.text !== a.text) c.reworded.push([b.text, a.text]);
  }
  for (const b of before.items) if (!after.items.some((a) => key(a) === key(b))) c.removed.push(b.text);
  return c;
}

type AgreementApi = Pick<
  Api,
  | "ruleLibrary" | "conversationPlanner" | "appCatalogue" | "agreementsOverview" | "agreementForChild" | "agreementStart"
  | "agreementAddRule" | "agreementAddOwn" | "agreementReword" | "agreementRemove" | "agreementMove" | "agreementSetSigners"
  | "agreementSetReviewMonths" | "agreementSign" | "agreementSignedOnPaper" | "agreementHistory" | "agreementPdfSave"
  | "childApps" | "childAppsSet" | "conversationNotes" | "conversationNotesSave" | "promptCardSave"
>;

/** `children` and `unlocked` come from the main mock, so locking refuses these too. */
/** `agencyRules` are the pack's rules as Rust adds them to the library (ids "agency-…"). */
export function agreementMock(
  children: () => Child[],
  unlocked: () => void,
  dialogAnswer: () => string | null,
  agencyRules: () => (RuleLibrary["rule"][number] & { required?: boolean })[] = () => [],
): AgreementApi & {
  reset(): void;
} {
  let agreements: Agreement[] = [];
  let apps = new Map<number, string[]>();
  let notes = new Map<string, string>();
  let nextId = 1;
  const find = (id: number) => {
    unlocked();
    const a = agreements.find((x) => x.id === id);
    if (!a) throw bad("That agreement is no longer here.");
    return a;
  };
  const copy = (a: Agreement): Agreement => structuredClone(a);
  const child = (id: number) => {
    const c = children().find((x) => x.id === id);
    if (!c) throw bad("That child is no longer in the list.");
    return c;
  };
  const checkText = (t: string) => {
    if (!t.trim()) throw bad("Please write the rule.");
    if ([...t.trim()].length > 300) throw bad("That rule is long. Short rules are easier to keep: could it be two?");
    return t.trim();
  };
  const itemOf = (a: Agreement, itemId: number) => {
    const i = a.items.find((x) => x.id === itemId);
    if (!i) throw bad("That rule is no longer in the agreement.");
    return i;
  };
  const keep = (a: Agreement, today: string, signatures: Snapshot["signatures"], onPaper: Snapshot["on_paper"]) => {
    if (!a.items.length) throw bad("The agreement has no rules yet.");
    a.versions.unshift({
      id: nextId++,
      signed_at: Math.floor(Date.now() / 1000),
      review_on: addMonths(today, a.review_months),
      snapshot: { items: a.items.map((i) => ({ rule_id: i.rule_id, section: i.section, text: i.text })), signatures, on_paper: onPaper },
    });
    return copy(a);
  };
  const appsNow = (childId: number, today: string) => {
    const list = apps.get(childId) ?? [];
    const c = child(childId);
    const age = youngest(c, today);
    const warnings = list.flatMap((id) => {
      const app = fixtureCatalogue.apps.find((x) => x.id === id);
      if (!app?.min_age || !age) return [];
      const min = app.min_age;
      const said = age.hi < min ? (age.lo === age.hi ? `${c.name} is ${age.hi}.` : `${c.name} is ${age.lo} to ${age.hi}.`) : age.lo < min ? `${c.name} may be under ${min}.` : "";
      return said ? [{ app_id: id, text: `${app.name} is meant for people aged ${min} and over. ${said} You could agree to wait, or set it up together with care. ${app.age_note}` }] : [];
    });
    return { apps: [...list], warnings };
  };
  const unsigned = (a: Agreement) => {
    const v = a.versions[0];
    return !v || v.snapshot.items.length !== a.items.length || v.snapshot.items.some((s, i) => s.text !== a.items[i].text || s.section !== a.items[i].section);
  };
  return {
    reset: () => {
      agreements = [];
      apps = new Map();
      notes = new Map();
    },
    ruleLibrary: async () => ({ ...fixtureLibrary, rule: [...fixtureLibrary.rule, ...agencyRules()] }),
    conversationPlanner: async () => fixturePlanner,
    appCatalogue: async () => fixtureCatalogue,
    agreementsOverview: async (today) => {
      unlocked();
      return [...children()]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((c): Summary => {
          const a = agreements.find((x) => x.child_id === c.id);
          const v = a?.versions[0];
          return {
            child_id: c.id,
            child_name: c.name,
            agreement_id: a?.id ?? null,
            rules: a?.items.length ?? 0,
            review_on: v?.review_on ?? null,
            review_due: !!v && v.review_on <= today,
            unsigned_changes: !!a && unsigned(a),
          };
        });
    },
    agreementForChild: async (childId) => {
      unlocked();
      const a = agreements.find((x) => x.child_id === childId);
      return a ? copy(a) : null;
    },
    agreementStart: async (childId) => {
      unlocked();
      child(childId);
      if (agreements.some((a) => a.child_id === childId)) throw bad("This child already has an agreement, or is no longer in the list.");
      const a: Agreement = {
        id: nextId++,
        child_id: childId,
        review_months: 3,
        // As in Rust: a looked-after child's agreement starts with the agency's required rules too.
        items: [
          ...fixtureLibrary.rule.filter((r) => r.starter.length),
          ...(children().find((c) => c.id === childId)?.looked_after ? agencyRules().filter((r) => r.required) : []),
        ].map((r) => ({ id: nextId++, rule_id: r.id, section: r.section, voice: r.voice, text: r.text })),
        signers: [],
        versions: [],
      };
      agreements.push(a);
      return copy(a);
    },
    agreementAddRule: async (id, ruleId) => {
      const a = find(id);
      const r = [...fixtureLibrary.rule, ...agencyRules()].find((x) => x.id === ruleId);
      if (!r) throw bad("That rule is not in Harbour's list.");
      if (a.items.some((i) => i.rule_id === ruleId)) throw bad("That rule is already in the agreement.");
      a.items.push({ id: nextId++, rule_id: r.id, section: r.section, voice: r.voice, text: r.text });
      return copy(a);
    },
    agreementAddOwn: async (id, section, voice, text) => {
      const a = find(id);
      if (!fixtureLibrary.section.some((s) => s.id === section)) throw bad("Please choose a section for the rule.");
      a.items.push({ id: nextId++, rule_id: null, section, voice, text: checkText(text) });
      return copy(a);
    },
    agreementReword: async (id, itemId, text) => {
      const a = find(id);
      itemOf(a, itemId).text = checkText(text);
      return copy(a);
    },
    agreementRemove: async (id, itemId) => {
      const a = find(id);
      itemOf(a, itemId);
      a.items = a.items.filter((i) => i.id !== itemId);
      return copy(a);
    },
    agreementMove: async (id, itemId, to) => {
      const a = find(id);
      const item = itemOf(a, itemId);
      const rest = a.items.filter((i) => i.id !== itemId);
      rest.splice(Math.min(to, rest.length), 0, item);
      a.items = rest;
      return copy(a);
    },
    agreementSetSigners: async (id, signers) => {
      const a = find(id);
      if (signers.some((s) => !s.name.trim() || [...s.name.trim()].length > 80)) throw bad("Please give each person's name, as they would sign it.");
      a.signers = signers.map((s) => ({ id: nextId++, name: s.name.trim(), role: s.role }));
      return copy(a);
    },
    agreementSetReviewMonths: async (id, months) => {
      const a = find(id);
      if (months < 1 || months > 12) throw bad("Please choose between 1 and 12 months.");
      a.review_months = months;
      return copy(a);
    },
    agreementSign: async (id, typed, today) => {
      const a = find(id);
      if (!a.items.length) throw bad("The agreement has no rules yet.");
      if (!a.signers.length) throw bad("Please add the people who will sign.");
      const norm = (s: string) => s.trim().split(/\s+/).join(" ").toLowerCase();
      const signatures = a.signers.map((s) => {
        const t = (typed.find(([sid]) => sid === s.id)?.[1] ?? "").trim();
        if (norm(t) !== norm(s.name)) throw bad(`${s.name} needs to type their name to sign.`);
        return { name: s.name, role: s.role, typed: t };
      });
      return keep(a, today, signatures, []);
    },
    agreementSignedOnPaper: async (id, today) => {
      const a = find(id);
      return keep(a, today, [], a.signers.map((s) => ({ name: s.name, role: s.role })));
    },
    agreementHistory: async (id): Promise<HistoryEntry[]> => {
      const a = find(id);
      return a.versions.map((v, i) => ({ version: structuredClone(v), changes: a.versions[i + 1] ? changes(a.versions[i + 1].snapshot, v.snapshot) : null }));
    },
    agreementPdfSave: async (id) => {
      find(id);
      return dialogAnswer() === null ? null : "Sam's family agreement.pdf";
    },
    childApps: async (childId, today) => (unlocked(), appsNow(childId, today)),
    childAppsSet: async (childId, list, today) => {
      unlocked();
      child(childId);
      const unknown = list.find((id) => !fixtureCatalogue.apps.some((a) => a.id === id));
      if (unknown) throw bad(`"${unknown}" is not in Harbour's list of apps.`);
      apps.set(childId, [...new Set(list)].sort());
      return appsNow(childId, today);
    },
    conversationNotes: async (topic, childId) => (unlocked(), notes.get(`${topic}/${childId}`) ?? ""),
    conversationNotesSave: async (topic, childId, text) => {
      unlocked();
      if ([...text].length > 5000) throw bad("Your notes are very long. A few short points are easier to use in the talk.");
      if (text.trim()) notes.set(`${topic}/${childId}`, text);
      else notes.delete(`${topic}/${childId}`);
    },
    promptCardSave: async () => (unlocked(), dialogAnswer() === null ? null : "Sextortion prompt card.pdf"),
  };
}
