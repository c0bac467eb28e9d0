// Vitest's way to Rust: the real application service in harbour-test-host,
// one process per test file. Tests script the pretend desktop through
// `testHost`; there are no rules or messages here.
import { HostProcess } from "../../../../dev/hostProcess.ts";
import type { Call, CommandName } from "../commands";

const host = new HostProcess();

/** Every command the screens sent, in order. */
const sent: CommandName[] = [];

export const call: Call = (command, args) => {
  sent.push(command);
  return host.command(command, args) as never;
};

export function onVaultLocked(handler: () => void): Promise<() => void> {
  const stop = host.onEvent((e) => e === "vault-locked" && handler());
  return Promise.resolve(() => void stop());
}

export interface DesktopRecord {
  opened: string[];
  hidden: number;
  locks_told: number;
  dialogs_opened: number;
  ready: number;
}

export const testHost = {
  /** A new computer: no vault, no pack, no preferences. */
  reset: async () => {
    sent.length = 0;
    await host.host("reset");
  },
  /** The next file dialog answers this path, or is cancelled (null). Otherwise saves go to the suggested name and opens pick the newest saved file. */
  answerNextDialog: (path: string | null) => host.host("answer_next_dialog", { path }),
  /** What the desktop was asked to do: links opened, window hidden, dialogs. */
  record: () => host.host("record") as Promise<DesktopRecord>,
  /** The host's temporary folder and its managed pack folder. */
  folder: () => host.host("folder") as Promise<{ dir: string; managed: string }>,
  /** Time passes with no use, then the auto-lock timer fires. Resolves to whether it locked. */
  idleMinutes: (minutes: number) => host.host("idle_minutes", { minutes }) as Promise<boolean>,
  /** The computer sleeps for `minutes`, wakes, and the auto-lock timer fires once. */
  sleepMinutes: (minutes: number) => host.host("sleep_minutes", { minutes }) as Promise<boolean>,
  /** The desktop says its screen was locked. */
  screenLocked: () => host.host("screen_locked", {}) as Promise<boolean>,
  /** A signed pack from examples/agency; resolves to its path. */
  makePack: (opts: { version?: number; key?: "agency" | "other"; tampered?: boolean; extra_markdown?: string } = {}) => host.host("make_pack", opts) as Promise<string>,
  /** How many times the screens sent this command. */
  count: (command: CommandName) => sent.filter((c) => c === command).length,
};
