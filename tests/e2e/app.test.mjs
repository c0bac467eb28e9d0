// End-to-end journeys on the real Harbour binary.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import path from "node:path";
import { axe, launch, noViolations, readOpened, rust, screenColours, screenshots, shot, sleep, startDriver, stopDriver, text } from "./harbour-e2e.mjs";

const screens = [
  // Agreements are in the vault: with none yet, the set-up screen shows (agreement.test.mjs checks the rest).
  { link: "Agreements", h1: "Keep your notes private", file: "agreements-set-up" },
  { link: "App guides", h1: "App guides", file: "app-guides" },
  // The concern log is in the vault too (log.test.mjs checks its screens).
  { link: "Concern log", h1: "Keep your notes private", file: "concern-log-set-up" },
  { link: "Get help", h1: "Get help", file: "get-help" },
  { link: "Settings", h1: "Settings", file: "settings" },
  // No vault yet in this home folder, so Your family shows the set-up screen.
  { link: "Your family", h1: "Keep your notes private", file: "set-up" },
];

async function open(browser, linkText, h1 = linkText) {
  const link = await browser.$(`//a[normalize-space()="${linkText}"]`);
  await link.click();
  await browser.waitUntil(async () => (await (await browser.$("main h1")).getText()) === h1, {
    timeout: 5000,
    timeoutMsg: `screen ${linkText} did not open`,
  });
}

const savedPrefs = async (browser) => (await rust(browser, "prefs_get")).ok;

/** Picks a choice in Settings and waits until Rust has saved it. */
async function choose(browser, label) {
  const input = await browser.$(`//label[normalize-space()="${label}"]/input`);
  const [key, value] = [await input.getAttribute("name"), await input.getAttribute("value")];
  const changes = !(await input.isSelected());
  await input.click();
  await browser.waitUntil(async () => (await savedPrefs(browser))?.[key] === value, {
    timeout: 5000,
    timeoutMsg: `${key} = ${value} was not saved`,
  });
  if (changes) await browser.$("//*[@role='status' and contains(., 'Saved')]").waitForExist({ timeout: 2000 });
}

async function setTheme(browser, label) {
  await open(browser, "Settings");
  await choose(browser, label);
}

const rootAttr = (browser, name) => browser.execute((n) => document.documentElement.getAttribute(n), name);

describe("Harbour, end to end", () => {
  before(startDriver);
  after(stopDriver);

  it("opens a window called Harbour with the four parts in the main navigation", async () => {
    const browser = await launch();
    try {
      assert.equal(await browser.getTitle(), "Harbour");
      const names = await browser.execute(() =>
        [...document.querySelectorAll("nav[aria-label=Main] a")].map((a) => a.textContent.trim()),
      );
      assert.deepEqual(names, ["Agreements", "App guides", "Concern log", "Get help"]);
      assert.equal(await (await browser.$("main h1")).getText(), "Get help", "first launch shows Get help");
    } finally {
      await browser.deleteSession();
    }
  });

  for (const theme of ["Light", "Dark"]) {
    it(`every screen passes axe-core in the ${theme.toLowerCase()} theme`, async () => {
      const browser = await launch();
      try {
        await setTheme(browser, theme);
        assert.equal(await rootAttr(browser, "data-theme"), theme.toLowerCase());
        for (const s of screens) {
          await open(browser, s.link, s.h1);
          const violations = await axe(browser);
          await shot(browser, `${theme.toLowerCase()}-${s.file}`);
          assert.deepEqual(violations, [], `${s.h1} (${theme}): ${JSON.stringify(violations, null, 2)}`);
        }
      } finally {
        await browser.deleteSession();
      }
    });
  }

  it("keeps preferences across a restart", async () => {
    let browser = await launch();
    try {
      await setTheme(browser, "Dark");
      await choose(browser, "Larger");
      assert.equal(await rootAttr(browser, "data-text-size"), "larger");
    } finally {
      await browser.deleteSession();
    }
    browser = await launch();
    try {
      assert.equal(await rootAttr(browser, "data-theme"), "dark");
      assert.equal(await rootAttr(browser, "data-text-size"), "larger");
      await open(browser, "Settings");
      assert.equal(await (await browser.$(`//label[normalize-space()="Larger"]/input`)).isSelected(), true);
      // Put things back for the journeys that follow.
      await choose(browser, "Light");
      await choose(browser, "Standard");
    } finally {
      await browser.deleteSession();
    }
  });

  it("asks once where the family lives, and shows that nation's police and services: Scotland, then Northern Ireland", async () => {
    const article = (browser, name) => browser.$(`//article[@aria-label="${name}"]`);
    const nationSaved = (browser, nation) =>
      browser.waitUntil(async () => (await savedPrefs(browser))?.nation === nation, { timeout: 5000, timeoutMsg: `${nation} was not saved` });
    let browser = await launch();
    try {
      const question = await browser.$(`//section[h2[normalize-space()="Which part of the UK do you live in?"]]`);
      await question.waitForExist({ timeout: 5000 });
      await shot(browser, "nation-question");
      await (await question.$(`.//button[normalize-space()="Scotland"]`)).click();
      await nationSaved(browser, "scotland");
      await (await text(browser, "Help list for Scotland")).waitForExist({ timeout: 5000 });
      assert.equal(await question.isExisting(), false, "asked once");
      // The situations below the fold are drawn a frame after the list's first lines.
      await (await article(browser, "Police Scotland (101)")).waitForExist({ timeout: 5000 });
      assert.equal(await (await article(browser, "Police in England and Wales (101)")).isExisting(), false);
      assert.equal(await (await article(browser, "Social work at your local council (Scotland)")).isExisting(), true);
      await shot(browser, "get-help-scotland");
    } finally {
      await browser.deleteSession();
    }
    browser = await launch();
    try {
      await (await text(browser, "Help list for Scotland")).waitForExist({ timeout: 5000 });
      assert.equal(await (await text(browser, "Which part of the UK do you live in?")).isExisting(), false, "not asked again");
      await open(browser, "Settings");
      await (await browser.$(`//label[normalize-space()="Northern Ireland"]/input`)).click();
      await nationSaved(browser, "northern_ireland");
      await open(browser, "Get help");
      await (await text(browser, "Help list for Northern Ireland")).waitForExist({ timeout: 5000 });
      await (await article(browser, "Police Service of Northern Ireland (PSNI, 101)")).waitForExist({ timeout: 5000 });
      assert.equal(await (await article(browser, "Police Scotland (101)")).isExisting(), false);
      assert.equal(await (await article(browser, "Gateway team at your Health and Social Care Trust")).isExisting(), true);
      await noViolations(browser, "Get help for Northern Ireland");
      await shot(browser, "get-help-northern-ireland");
    } finally {
      await browser.deleteSession();
    }
  });

  it("Quick exit blanks the window, by button and by pressing Escape twice", async () => {
    const browser = await launch();
    try {
      await (await browser.$("//button[normalize-space()='Quick exit']")).click();
      await browser.$("[data-quick-exit=hidden]").waitForExist({ timeout: 2000 });
      assert.equal(await browser.execute(() => document.querySelector("nav, main, header") === null), true);
      // What is on the screen must be blank too, not only the page: the window
      // area away from the small Continue button is a single colour.
      await sleep(500);
      const colours = screenColours(path.join(screenshots, "quick-exit.png"), 900, 700);
      assert.equal(colours, 1, `quick exit left something on screen (${colours} colours)`);
      assert.equal(await (await browser.$("[role=alert]")).isExisting(), false, "hiding the window reported no error");
      await (await browser.$("//button[normalize-space()='Continue']")).click();
      await browser.$("main h1").waitForExist({ timeout: 2000 });
      await sleep(500);
      assert.ok(screenColours(path.join(screenshots, "after-continue.png"), 900, 700) > 50, "Continue brings Harbour back");

      await browser.keys(["Escape"]);
      await browser.keys(["Escape"]);
      await browser.$("[data-quick-exit=hidden]").waitForExist({ timeout: 2000 });
    } finally {
      await browser.deleteSession();
    }
  });

  it("help links open in the system browser, and the webview never leaves the app", async () => {
    const browser = await launch();
    try {
      const start = await browser.getUrl();
      const link = await browser.$("//a[contains(., 'CEOP') and starts-with(@href, 'https://')]");
      const target = await link.getAttribute("href");
      await link.click();
      await browser.waitUntil(async () => readOpened().includes(target), {
        timeout: 5000,
        timeoutMsg: `the system browser was not asked to open ${target}`,
      });
      assert.equal(await browser.getUrl(), start, "clicking a help link did not navigate the webview");
      await browser.$("//*[@role='status' and contains(., 'Opened in your web browser')]").waitForExist({ timeout: 3000 });

      // A site that is not on the allow-list is refused by Rust.
      assert.deepEqual(await rust(browser, "open_help_link", { url: "https://example.com/" }), { err: "link_refused" });
      // Only Harbour's own commands exist: Tauri's are not granted, and Rust refuses names it does not list.
      assert.deepEqual(await rust(browser, "rm_rf"), { err: "invalid_input" });
      const direct = await browser.executeAsync((done) =>
        window.__TAURI_INTERNALS__.invoke("prefs_get").then(() => done("answered"), () => done("refused")),
      );
      assert.equal(direct, "refused");
      assert.ok(!readOpened().includes("https://example.com/"));

      // The webview refuses to navigate or open windows anywhere else.
      await browser.execute(() => {
        window.open("https://example.com/", "_blank");
        location.href = "https://example.com/";
      });
      await sleep(1500);
      assert.equal(await browser.getUrl(), start);
      assert.equal((await browser.getWindowHandles()).length, 1);

      // And it cannot reach the network: the CSP blocks fetch to anywhere but IPC.
      const fetched = await browser.executeAsync((done) => {
        fetch("https://example.com/").then(() => done("reached")).catch(() => done("blocked"));
      });
      assert.equal(fetched, "blocked");
    } finally {
      await browser.deleteSession();
    }
  });
});
