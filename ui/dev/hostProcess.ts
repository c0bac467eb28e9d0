// Runs harbour-test-host (crates/harbour-test-host): Harbour's real
// application service over a temporary folder, speaking JSON lines on stdio.
// Used by the UI tests and by `npm run dev`; never part of the app.
import { execFileSync, spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";

/** The repository: the nearest folder up from here whose Cargo.toml is the workspace. */
function repository(): string {
  for (let dir = process.cwd(); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, "Cargo.toml");
    if (existsSync(manifest) && readFileSync(manifest, "utf8").includes("[workspace]")) return dir;
  }
  throw new Error("Run this from inside the Harbour repository.");
}

export const hostBinary = join(repository(), "target", "debug", "harbour-test-host");

/** Builds the test host if it is missing or out of date (a second or two when it is current). */
export function buildHost() {
  execFileSync("cargo", ["build", "--quiet", "--locked", "-p", "harbour-test-host"], { cwd: repository(), stdio: "inherit" });
}

type Reply = { id: number; ok?: unknown; error?: unknown };

export class HostProcess {
  private child: ChildProcessByStdio<Writable, Readable, null>;
  private next = 1;
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private listeners = new Set<(event: string) => void>();

  constructor() {
    if (!existsSync(hostBinary)) {
      throw new Error(`The UI test host is not built. Run: cargo build -p harbour-test-host (looked for ${hostBinary})`);
    }
    this.child = spawn(hostBinary, [], { stdio: ["pipe", "pipe", "inherit"] });
    createInterface({ input: this.child.stdout }).on("line", (line) => this.receive(line));
    this.child.on("exit", (code) => {
      for (const w of this.waiting.values()) w.reject(new Error(`harbour-test-host stopped (${code})`));
      this.waiting.clear();
    });
  }

  private receive(line: string) {
    const msg = JSON.parse(line) as Reply & { event?: string };
    if (msg.event) {
      this.listeners.forEach((l) => l(msg.event!));
      return;
    }
    const w = this.waiting.get(msg.id);
    if (!w) return;
    this.waiting.delete(msg.id);
    if ("error" in msg) w.reject(msg.error);
    else w.resolve(msg.ok ?? null);
  }

  private send(body: object): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }

  /** Runs one of Harbour's commands. */
  command(command: string, args: unknown): Promise<unknown> {
    return this.send({ command, args });
  }

  /** Scripts the pretend desktop: see crates/harbour-test-host/src/main.rs. */
  host(host: string, args: object = {}): Promise<unknown> {
    return this.send({ host, args });
  }

  onEvent(listener: (event: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop() {
    this.child.kill();
  }
}
