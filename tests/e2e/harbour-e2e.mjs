// Starts the real Harbour binary under Xvfb through tauri-driver and
// WebKitWebDriver, in a throwaway home folder, with a stand-in system browser.
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

const require = createRequire(import.meta.url);
export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const app = process.env.HARBOUR_BIN ?? path.join(repo, "target/release/harbour");
/** The test build that also reads HARBOUR_PACK_DIR (scripts/build-test-pack-dir); never packaged. */
export const appReadingPackDir = path.join(repo, "target/e2e/harbour-test-pack-dir");
export const screenshots = path.join(repo, "tests/screenshots");
// A fresh folder per run: the desktop portal may mount inside the home folder,
// so an old one is not always removable straight away.
const tmp = mkdtempSync(path.join(os.tmpdir(), "harbour-e2e-"));
export const openedLog = path.join(tmp, "opened-urls.txt");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitForPort(port, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await new Promise((r) => {
      const s = net.connect(port, "127.0.0.1", () => (s.end(), r(true)));
      s.on("error", () => r(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`nothing listened on port ${port} within ${ms} ms`);
}

const children = [];
function track(child) {
  children.push(child);
  return child;
}

/** Xvfb on a free display unless a display was given and this is not CI. */
async function startDisplay() {
  if (process.env.DISPLAY && !process.env.CI) return process.env.DISPLAY;
  for (let n = 99; n < 140; n++) {
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue;
    const xvfb = track(spawn("Xvfb", [`:${n}`, "-screen", "0", "1280x900x24", "-nolisten", "tcp"], { stdio: "ignore", detached: true }));
    const end = Date.now() + 10_000;
    while (Date.now() < end && !existsSync(`/tmp/.X11-unix/X${n}`)) {
      if (xvfb.exitCode !== null) break;
      await sleep(50);
    }
    if (existsSync(`/tmp/.X11-unix/X${n}`)) return `:${n}`;
  }
  throw new Error("could not start Xvfb");
}

let driver;
let driver_app;
let driver_display;
let driver_home;

/** Every file under the app's home folder, for checks on what reached the disk. */
export function homeFiles(dir = driver_home) {
  const out = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    // WebKit may remove a folder of its own while it is being listed.
    if (e.code === "ENOENT") return out;
    throw e;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== "doc") out.push(...homeFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/**
 * Every file under the app's home folder with what it holds, for checks on what
 * reached the disk. WebKit may remove a file of its own between the listing and
 * the reading; such a file holds nothing any more and is passed over.
 */
export function homeFileContents(dir = driver_home) {
  const out = [];
  for (const f of homeFiles(dir)) {
    try {
      out.push([f, readFileSync(f)]);
    } catch (e) {
      if (e.code !== "ENOENT") throw e;
    }
  }
  return out;
}

/**
 * A screenshot of the X display itself, as a person would see it. WebKitWebDriver's
 * own screenshot can return an old frame once the window has been minimised.
 * Returns how many colours the region (width x height from the top left) holds.
 */
export function screenColours(file, width, height) {
  saveFromDisplay("root", file);
  const out = spawnSync("convert", [file, "-crop", `${width}x${height}+0+0`, "+repage", "-format", "%k", "info:"], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`could not read the screen: ${out.stderr}`);
  return Number(out.stdout.trim());
}

/** Starts Xvfb and tauri-driver once for the whole test file, for the shipped app. */
export const startDriver = () => startDriverFor(app);

/** The same, launching `binary` instead. */
export async function startDriverFor(binary) {
  const how = binary === app ? "npx tauri build" : "scripts/build-test-pack-dir";
  if (!existsSync(binary)) throw new Error(`${binary} is missing: build it first (${how})`);
  driver_app = binary;
  const home = path.join(tmp, "home");
  const bin = path.join(tmp, "bin");
  mkdirSync(home, { recursive: true });
  driver_home = home;
  mkdirSync(bin, { recursive: true });
  mkdirSync(screenshots, { recursive: true });
  // A stand-in system browser: it records what Harbour asked it to open.
  for (const name of ["xdg-open", "gio"]) {
    const script = path.join(bin, name);
    writeFileSync(script, `#!/bin/sh\n[ "$1" = open ] && shift\nprintf '%s\\n' "$1" >> '${openedLog}'\n`);
    chmodSync(script, 0o755);
  }
  const display = await startDisplay();
  driver_display = display;
  const port = await freePort();
  const nativePort = await freePort();
  const env = {
    ...process.env,
    DISPLAY: display,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, ".config"),
    XDG_DATA_HOME: path.join(home, ".local/share"),
    XDG_CACHE_HOME: path.join(home, ".cache"),
    PATH: `${bin}:${path.join(process.env.HOME ?? "/root", ".cargo/bin")}:${process.env.PATH}`,
    NO_AT_BRIDGE: "1",
    GTK_A11Y: "none",
  };
  const args = ["--port", String(port), "--native-port", String(nativePort)];
  const useDbus = spawnSync("sh", ["-c", "command -v dbus-run-session"]).status === 0;
  // The driver, WebKit and D-Bus talk a lot; keep it out of the test report.
  mkdirSync(path.join(repo, "tests/.tmp"), { recursive: true });
  const log = openSync(path.join(repo, "tests/.tmp/driver.log"), "w");
  driver = track(
    useDbus
      ? spawn("dbus-run-session", ["--", "tauri-driver", ...args], { env, stdio: ["ignore", log, log], detached: true })
      : spawn("tauri-driver", args, { env, stdio: ["ignore", log, log], detached: true }),
  );
  await waitForPort(port, 20_000);
  driver.port = port;
  return { home };
}

export async function stopDriver() {
  // Each child leads its own process group: end the group, so WebKitWebDriver,
  // D-Bus and any app still open go with it.
  for (const c of children.reverse()) {
    try {
      process.kill(-c.pid, "SIGTERM");
    } catch {}
  }
  children.length = 0;
  await sleep(300);
  spawnSync("fusermount", ["-uz", path.join(tmp, "home/.cache/doc")], { stdio: "ignore" });
  try {
    rmSync(tmp, { recursive: true, force: true });
  } catch {
    // a portal mount still busy: the folder is in the system temp folder and holds no personal data
  }
}

/** Starts Harbour and waits until its first screen is drawn. */
export async function launch() {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: driver.port,
    logLevel: "error",
    connectionRetryTimeout: 60_000,
    capabilities: { "tauri:options": { application: driver_app } },
  });
  await browser.$("main h1").waitForExist({ timeout: 20_000 });
  return browser;
}

const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core for WCAG 2.0-2.2 A and AA on the page; returns its violations. */
export async function axe(browser) {
  await browser.execute(axeSource + "\n;window.__axeLoaded = true;");
  const result = await browser.executeAsync((done) => {
    window.axe
      .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } })
      .then((r) => done(JSON.stringify(r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) })))))
      .catch((e) => done(JSON.stringify([{ id: "axe-error", help: String(e), nodes: [] }])));
  });
  return JSON.parse(result);
}

export function readOpened() {
  return existsSync(openedLog) ? readFileSync(openedLog, "utf8").split("\n").filter(Boolean) : [];
}

const xdo = (...args) => spawnSync("xdotool", args, { env: { ...process.env, DISPLAY: driver_display }, encoding: "utf8" });

/** Waits for the native file dialog called `title` and gives it the keyboard. */
async function focusDialog(title) {
  let id = "";
  const end = Date.now() + 15_000;
  while (!id && Date.now() < end) {
    id = xdo("search", "--onlyvisible", "--name", `^${title}$`).stdout.trim().split("\n")[0] ?? "";
    if (!id) await sleep(200);
  }
  if (!id) throw new Error(`no dialog called "${title}" appeared`);
  await sleep(500);
  xdo("windowfocus", "--sync", id);
}

/** Answers a native GTK file dialog by typing a full path and pressing Enter, as a person could. */
export async function answerFileDialog(title, file) {
  await focusDialog(title);
  // A save dialog has its name box focused; an open dialog needs its location box.
  xdo("key", "--clearmodifiers", "ctrl+l");
  await sleep(200);
  xdo("key", "--clearmodifiers", "ctrl+a");
  xdo("type", "--delay", "20", file);
  await sleep(300);
  xdo("key", "Return");
}

/** Closes a native file dialog without choosing anything. */
export async function cancelFileDialog(title) {
  await focusDialog(title);
  xdo("key", "Escape");
}

/** A folder for files the tests save through dialogs, outside the app's home. */
export const outbox = path.join(tmp, "outbox");
mkdirSync(outbox, { recursive: true });

/**
 * Saves Harbour's window as it is on the X display, once the page has drawn its
 * latest frame. Not WebKitWebDriver's screenshot: without GPU compositing, as
 * Harbour draws on a computer with no GPU (crates/harbour-core/src/painting.rs), that call
 * can hang until the driver times out.
 */
export async function shot(browser, name) {
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  const window = xdo("search", "--onlyvisible", "--name", "^Harbour$").stdout.trim().split("\n")[0] || "root";
  saveFromDisplay(window, path.join(screenshots, `${name}.png`));
}

/** Saves X window `window` ("root" for the whole screen) as an image file. */
function saveFromDisplay(window, file) {
  const out = spawnSync("import", ["-display", driver_display, "-window", window, file], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`could not save ${file} from the screen: ${out.stderr}`);
}

export { sleep };

/**
 * Sends one of Harbour's commands through the app's real IPC, as the page does
 * (the one `call` command; the list is harbour_core::app::commands). Resolves
 * to { ok } or { err: code }.
 */
export const rust = (browser, command, args = {}) =>
  browser.executeAsync(
    (command, args, done) =>
      window.__TAURI_INTERNALS__.invoke("call", { command, args }).then((v) => done({ ok: v ?? null }), (e) => done({ err: e.code })),
    command,
    args,
  );

/**
 * The words of a PDF as a reader extracts them (pdftotext), one space between
 * each, without the marks pdftotext puts around right-to-left text.
 */
export const pdfText = (file) =>
  execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/[\u202a-\u202e]/g, "").replace(/\s+/g, " ");

/** Sets a date or time box the way its picker would, then tells the page. */
export async function setInput(browser, id, value) {
  await browser.execute(
    (i, v) => {
      const el = document.getElementById(i);
      el.value = v;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    },
    id,
    value,
  );
}

// Finding things the way a person does: by the words on screen.
export const button = (browser, text) => browser.$(`//button[normalize-space()="${text}"]`);
/** The harbour-agency tool, as an agency would run it; built if the Rust tests have not built it yet. */
export function agencyCli() {
  const cli = path.join(repo, "target/debug/harbour-agency");
  if (!existsSync(cli)) {
    const built = spawnSync("cargo", ["build", "-q", "-p", "harbour-agency"], { cwd: repo, stdio: "inherit" });
    assert.equal(built.status, 0, "harbour-agency builds");
  }
  return cli;
}

export const text = (browser, words) => browser.$(`//*[contains(normalize-space(), "${words}")]`);
export const h1 = async (browser) => (await browser.$("main h1")).getText();

export async function field(browser, label) {
  const l = await browser.$(`//label[normalize-space()="${label}"]`);
  await l.waitForExist({ timeout: 5000, timeoutMsg: `no field labelled "${label}"` });
  return browser.$(`#${await l.getAttribute("for")}`);
}

export async function fill(browser, label, value) {
  const f = await field(browser, label);
  await f.clearValue();
  await f.setValue(value);
}

export async function go(browser, link, heading) {
  await (await browser.$(`//a[normalize-space()="${link}"]`)).click();
  await browser.waitUntil(async () => (await h1(browser)) === heading, { timeout: 10_000, timeoutMsg: `${heading} did not open` });
}

export async function until(browser, words, timeout = 10_000) {
  await (await text(browser, words)).waitForExist({ timeout, timeoutMsg: `"${words}" never appeared` });
}

/** Opens a screen of a locked Harbour by its link and unlocks it with the passphrase. */
export async function unlockAt(browser, link, pass) {
  await go(browser, link, "Harbour is locked");
  await fill(browser, "Passphrase", pass);
  await (await button(browser, "Unlock")).click();
}

/** Fails with axe-core's findings, if any. */
export async function noViolations(browser, what) {
  const v = await axe(browser);
  assert.deepEqual(v, [], `${what}: ${JSON.stringify(v, null, 2)}`);
}

/** First run through the screens: a passphrase, the recovery code typed back, and one child. */
export async function setUpVault(browser, pass, child) {
  await go(browser, "Your family", "Keep your notes private");
  await fill(browser, "Choose a passphrase", pass);
  await fill(browser, "Type it again", pass);
  await browser.waitUntil(async () => /^(Strong|Very strong)$/.test(await (await browser.$(".verdict strong")).getText()), { timeout: 5000 });
  await (await button(browser, "Create passphrase")).click();
  await until(browser, "You will only see it this once");
  const code = (await (await browser.$(".code")).getText()).replace(/\s+/g, "");
  await fill(browser, "Type your recovery code", code);
  await (await button(browser, "Check and finish")).click();
  await browser.waitUntil(async () => (await h1(browser)) === "Your family", { timeout: 5000 });
  await (await button(browser, "Add a child")).click();
  await fill(browser, "Name or nickname", child.name);
  await (await field(browser, "Month of birth")).selectByAttribute("value", child.month);
  await fill(browser, "Year of birth", child.year);
  if (child.lookedAfter) await (await browser.$(`//label[contains(normalize-space(), "Looked-after child")]`)).click();
  await (await button(browser, "Add child")).click();
  await until(browser, `Saved ${child.name}.`);
}
