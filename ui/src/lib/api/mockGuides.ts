// The App guides part of the in-memory stand-in: three small fixture guides
// (the real ones and their checks live in Rust) and checklists that follow
// Rust's rules.
import type { Api, Checklist, Child, Guide } from "./types";

const src = (id: string, url: string) => ({ id, title: `Help page ${id}`, url, read: "2026-11-24" });
const steps = (confirmed: boolean, platform = "all") => ({
  platform,
  steps: ["Open the app and go to Settings.", "Choose Privacy."],
  confirmed,
  unconfirmed: confirmed ? "" : "Menu names not confirmed on the app's own help pages.",
  sources: confirmed ? ["help"] : [],
});

export const fixtureGuides: Guide[] = [
  {
    schema: 1,
    id: "snapchat",
    name: "Snapchat",
    kind: "social",
    checked: "2026-11-24",
    hosts: ["snapchat.com"],
    about: "A photo and chat app. Messages disappear after they are seen.",
    age: { min_age: 13, rating: null, note: "Snapchat's terms say 13 and over.", confirmed: true, unconfirmed: "", sources: ["help"] },
    risks: ["strangers", "location", "disappearing"],
    family_tools: ["Family Centre shows who your child talks to, not what they say."],
    settings: [
      { id: "contact-me", title: "Only friends can contact them", why: "Strangers cannot send messages.", steps: [steps(true)] },
      { id: "ghost-mode", title: "Turn on Ghost Mode", why: "Nobody sees where they are on the map.", steps: [steps(true, "iphone"), steps(false, "android")] },
      { id: "quick-add", title: "Turn off Quick Add", why: "Fewer strangers see their profile.", steps: [steps(false)] },
    ],
    block_and_report: ["Press and hold the person's name, then choose Block."],
    talk_about: ["Who they chat with.", "What to do if someone asks for pictures."],
    sources: [src("help", "https://help.snapchat.com/privacy")],
  },
  {
    schema: 1,
    id: "roblox",
    name: "Roblox",
    kind: "game",
    checked: "2025-01-10",
    hosts: ["roblox.com"],
    about: "A world of games made by players. Children chat while they play.",
    age: { min_age: null, rating: "PEGI 7", note: "Roblox sets no minimum age.", confirmed: true, unconfirmed: "", sources: ["help"] },
    risks: ["strangers", "spending"],
    family_tools: ["Parent controls can limit chat and spending."],
    settings: [
      { id: "chat", title: "Limit who can chat", why: "Strangers cannot message them.", steps: [steps(true)] },
      { id: "pin", title: "Set a parent PIN", why: "Settings cannot be changed without you.", steps: [steps(true)] },
    ],
    block_and_report: ["Open the player's profile and choose Block."],
    talk_about: ["Never move chats to another app.", "Ask before buying Robux."],
    sources: [src("help", "https://en.help.roblox.com/controls")],
  },
  {
    schema: 1,
    id: "iphone-ipad",
    name: "iPhone and iPad",
    kind: "device",
    checked: "2026-11-01",
    hosts: ["apple.com"],
    about: "Apple's phones and tablets. Screen Time sets limits for a child.",
    age: { min_age: null, rating: null, note: "No age rule. A child under 13 needs an account made by a parent.", confirmed: true, unconfirmed: "", sources: ["help"] },
    risks: ["harmful-content", "spending"],
    family_tools: ["Family Sharing and Screen Time."],
    settings: [
      { id: "ask-to-buy", title: "Turn on Ask to Buy", why: "You approve each purchase.", steps: [steps(true)] },
      { id: "content", title: "Set content limits", why: "Blocks adult websites and apps.", steps: [steps(true)] },
      { id: "downtime", title: "Set downtime", why: "Rest at night.", steps: [steps(true)] },
    ],
    block_and_report: ["Block a caller in Phone, then Recents."],
    talk_about: ["Why limits help sleep.", "Asking before downloading."],
    sources: [src("help", "https://support.apple.com/screen-time")],
  },
];

function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

type GuideApi = Pick<Api, "guidesList" | "checklists" | "checkSet" | "checklistRecheck" | "guidePdfSave" | "checklistPdfSave">;

export function guideMock(children: () => Child[], unlocked: () => void, dialogAnswer: () => string | null): GuideApi & { reset(): void } {
  // key: child/guide -> setting -> state; reviews: child/guide -> [checked_on, months]
  let checks = new Map<string, Map<string, "done" | "not-applicable">>();
  let reviews = new Map<string, [string, number]>();
  const bad = (message: string) => ({ code: "invalid_input", message });
  const guide = (id: string) => {
    const g = fixtureGuides.find((x) => x.id === id);
    if (!g) throw bad("That guide is not in Harbour.");
    return g;
  };
  const child = (id: number) => {
    if (!children().some((c) => c.id === id)) throw bad("That child is no longer in the list.");
  };
  const list = (childId: number, g: Guide, today: string): Checklist => {
    const m = checks.get(`${childId}/${g.id}`) ?? new Map();
    const pick = (s: string) => g.settings.filter((x) => m.get(x.id) === s).map((x) => x.id);
    const review = reviews.get(`${childId}/${g.id}`);
    const recheckOn = review ? addMonths(review[0], review[1]) : null;
    const notApplicable = pick("not-applicable");
    return {
      child_id: childId,
      guide_id: g.id,
      done: pick("done"),
      not_applicable: notApplicable,
      applicable: g.settings.length - notApplicable.length,
      checked_on: review?.[0] ?? null,
      recheck_months: review?.[1] ?? 3,
      recheck_on: recheckOn,
      recheck_due: !!recheckOn && recheckOn <= today,
    };
  };
  return {
    reset: () => {
      checks = new Map();
      reviews = new Map();
    },
    guidesList: async () => structuredClone(fixtureGuides),
    checklists: async (childId, today) => {
      unlocked();
      child(childId);
      return fixtureGuides.map((g) => list(childId, g, today));
    },
    checkSet: async (childId, guideId, settingId, state, today) => {
      unlocked();
      child(childId);
      const g = guide(guideId);
      if (!g.settings.some((s) => s.id === settingId)) throw bad("That setting is not in this guide.");
      const key = `${childId}/${guideId}`;
      const m = checks.get(key) ?? new Map();
      if (state) m.set(settingId, state);
      else m.delete(settingId);
      checks.set(key, m);
      reviews.set(key, [today, reviews.get(key)?.[1] ?? 3]);
      return list(childId, g, today);
    },
    checklistRecheck: async (childId, guideId, months, today) => {
      unlocked();
      child(childId);
      if (months !== null && (months < 1 || months > 12)) throw bad("Please choose between 1 and 12 months.");
      const key = `${childId}/${guideId}`;
      reviews.set(key, [today, months ?? reviews.get(key)?.[1] ?? 3]);
      return list(childId, guide(guideId), today);
    },
    guidePdfSave: async (guideId) => (dialogAnswer() === null ? null : `${guide(guideId).name} guide.pdf`),
    checklistPdfSave: async (childId) => {
      unlocked();
      child(childId);
      return dialogAnswer() === null ? null : "App checklist.pdf";
    },
  };
}
