// Concern log in the real app with 10,000 entries: how long the timeline takes
// to open and a search to answer, measured in the page from the action to the
// frame that shows the result. Each comes with a baseline measured the same
// way in the same run: opening Get help (a screen with no vault data) and
// typing into the App guides search (filtered in the page, no Rust).
// Usage: node bench/log_ui.mjs [runs]   (needs target/release/harbour)
import { writeFileSync } from "node:fs";
import path from "node:path";
import { launch, repo, setUpVault, startDriver, stopDriver } from "../tests/e2e/harbour-e2e.mjs";

const RUNS = Number(process.argv[2] ?? 15);
const ENTRIES = 10_000;

// Entries shaped like the Rust bench's (about 700 characters over eight fields):
// everyday words, plus made-up ones so a search has a few hundred matches.
const common = "the she he they said asked told me her him my phone chat message online game night school friend again and then after before about upset".split(" ");
const syll = ["ka", "lo", "ser", "vi", "dra", "mun", "tes", "po", "rin", "gal", "fe", "zor", "ba", "qui", "len", "tam"];
const made = Array.from({ length: 4096 }, (_, n) => syll[n & 15] + syll[(n >> 4) & 15] + syll[(n >> 8) & 15]);
made[1234] = "kaloser";
function words(seed, n) {
  let x = seed * 2654435761 >>> 0;
  const out = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out.push(i % 2 ? common[x % common.length] : made[(x >>> 8) % (x % 7 === 0 ? 40 : 4096)]);
  }
  return out.join(" ");
}
function entry(n) {
  const d = new Date(Date.UTC(2020, 0, 1) + n * 3_600_000 * 5);
  const iso = d.toISOString().slice(0, 16);
  return {
    child_id: null, happened_at: iso, happened_rough: "", category: ["sextortion", "bullying", "grooming", "other"][n % 4],
    platform: ["Snapchat", "Roblox", "WhatsApp", "TikTok"][n % 4], account: `user_${n}`, display_name: "", profile_link: "",
    facts: words(n, 40), told: words(n + 1, 20), view: words(n + 2, 12), evidence: words(n + 3, 10),
    reported: words(n + 4, 8), actions: words(n + 5, 10), writer: "Bench",
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * In the page: does one action (a hash change, or words typed into the box
 * with that id), then checks every frame until `until` holds; returns the
 * milliseconds to the frame that shows it. Functions, not strings, because the
 * window's CSP rightly refuses eval.
 */
async function timed(browser, action, value, until) {
  return browser.executeAsync(
    (action, value, until, finish) => {
      const q = (sel) => document.querySelector(sel);
      const holds = () => {
        if (until.h1) return q("main h1")?.textContent === until.h1;
        if (until.exists) return !!q(until.exists);
        if (until.count) return q("[data-count]")?.dataset.count === until.count && document.querySelectorAll(".timeline > li").length === until.items;
        if (until.countNot) return !!q("[data-count]") && q("[data-count]").dataset.count !== until.countNot;
        if (until.guides) return q(".count")?.textContent === until.guides;
        if (until.guidesNot) return !!q(".count") && q(".count").textContent !== until.guidesNot;
        return false;
      };
      const t0 = performance.now();
      if (action === "hash") location.hash = value;
      else {
        const el = document.getElementById(action);
        el.value = value;
        el.dispatchEvent(new Event("input", { bubbles: true }));
      }
      const check = () => (holds() ? requestAnimationFrame(() => finish(performance.now() - t0)) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    },
    action,
    value,
    until,
  );
}

await startDriver();
const browser = await launch();
try {
  await browser.setTimeout({ script: 600_000 });
  await setUpVault(browser, "kettle harbour seven lanterns", { name: "Bench Child", month: "3", year: "2014" });
  console.log(`Adding ${ENTRIES} entries through the app's own command…`);
  const t = Date.now();
  for (let start = 0; start < ENTRIES; start += 500) {
    const batch = Array.from({ length: Math.min(500, ENTRIES - start) }, (_, i) => entry(start + i));
    await browser.executeAsync((b, done) => {
      const invoke = window.__TAURI_INTERNALS__.invoke;
      b.reduce((p, input) => p.then(() => invoke("log_add", { input })), Promise.resolve()).then(() => done(), (e) => done(String(e)));
    }, batch);
  }
  console.log(`  added in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  const open = { log: [], help: [] };
  const search = { log: [], guides: [] };
  for (let r = 0; r < RUNS + 1; r++) {
    // Opening a screen: from the hash change to the frame that shows it.
    await timed(browser, "hash", "#/agreements", { h1: "Agreements" });
    const logMs = await timed(browser, "hash", "#/log", { count: String(ENTRIES), items: 50 });
    await timed(browser, "hash", "#/agreements", { h1: "Agreements" });
    const helpMs = await timed(browser, "hash", "#/help", { exists: "#situation-danger-now" });
    // A search: from the input event to the frame with the answer.
    await timed(browser, "hash", "#/log", { count: String(ENTRIES), items: 50 });
    const searchMs = await timed(browser, "log-search", "upset kaloser", { countNot: String(ENTRIES) });
    await timed(browser, "log-search", "", { count: String(ENTRIES), items: 50 });
    await timed(browser, "hash", "#/guides", { exists: ".count" });
    const guideMs = await timed(browser, "guide-search", "snap", { guides: "1 guide" });
    await timed(browser, "guide-search", "", { guidesNot: "1 guide" });
    if (r === 0) continue; // warm-up
    open.log.push(logMs);
    open.help.push(helpMs);
    search.log.push(searchMs);
    search.guides.push(guideMs);
  }
  const row = (what, base, mine, baseName) =>
    `| ${what} | ${median(base).toFixed(1)} ms (${baseName}) | **${median(mine).toFixed(1)} ms** | ${(median(mine) / median(base)).toFixed(2)}x | under 100 ms |`;
  const out = [
    `Concern log UI with ${ENTRIES.toLocaleString("en-GB")} entries, ${RUNS} runs after one warm-up, medians (${new Date().toISOString().slice(0, 10)}):`,
    "",
    "| measure | baseline in the same run | Harbour | ratio | target |",
    "|---|---|---|---|---|",
    row("open the timeline (first 50 of 10,000, newest first)", open.help, open.log, "open Get help"),
    row("search \"upset kaloser\" over 10,000 entries", search.guides, search.log, "filter App guides by name, in the page"),
    "",
    `All runs (ms): timeline ${open.log.map((x) => x.toFixed(1)).join(", ")}; Get help ${open.help.map((x) => x.toFixed(1)).join(", ")};`,
    `search ${search.log.map((x) => x.toFixed(1)).join(", ")}; guides filter ${search.guides.map((x) => x.toFixed(1)).join(", ")}.`,
  ].join("\n");
  console.log(out);
  writeFileSync(path.join(repo, "bench/results/log-ui.md"), out + "\n");
} finally {
  await browser.deleteSession();
  await stopDriver();
}
