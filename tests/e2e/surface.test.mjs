// What the page can reach. The window is granted one command, `call`, which
// harbour_core::app::dispatch checks against its own list of commands; and the
// release UI bundle (ui/dist, made by the release build) holds no test code,
// because the desktop backend is chosen when it is built.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { repo } from "./harbour-e2e.mjs";

const dist = path.join(repo, "ui", "dist");

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe("the window's permissions", () => {
  it("grant the one command that carries every call, and listening for the lock event", () => {
    const capability = JSON.parse(readFileSync(path.join(repo, "src-tauri/capabilities/main.json"), "utf8"));
    assert.deepEqual(capability.windows, ["main"]);
    assert.deepEqual(capability.permissions.sort(), ["allow-call", "core:event:allow-listen", "core:event:allow-unlisten"]);
    const build = readFileSync(path.join(repo, "src-tauri/build.rs"), "utf8");
    assert.match(build, /\.commands\(&\["call"\]\)/);
    const shell = readFileSync(path.join(repo, "src-tauri/src/lib.rs"), "utf8");
    assert.match(shell, /generate_handler!\[call\]/);
  });
});

describe("the release UI bundle", () => {
  it("holds no test host, dev bridge or test fixture", () => {
    assert.ok(existsSync(path.join(dist, "index.html")), "run the release build first");
    const code = files(dist).filter((f) => /\.(js|html|css)$/.test(f));
    assert.ok(code.some((f) => f.endsWith(".js")));
    const forbidden = ["harbour-test-host", "__harbour", "answer_next_dialog", "make_pack", "idle_minutes", "testHost", "EventSource", "Restored Rowan"];
    for (const f of code) {
      const text = readFileSync(f, "utf8");
      for (const word of forbidden) assert.ok(!text.includes(word), `${path.relative(repo, f)} holds ${word}`);
    }
    // It reaches Rust through Tauri's IPC and its one command.
    assert.ok(code.some((f) => readFileSync(f, "utf8").includes("__TAURI_INTERNALS__")));
  });
});
