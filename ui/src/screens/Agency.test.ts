import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { copyFileSync, mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import App from "../App.svelte";
import { api } from "../lib/api";
import { testHost } from "../lib/api/backend/testHost";
import { agency } from "../lib/agency.svelte";
import { refreshVault } from "../lib/vault.svelte";

// Packs are built from examples/agency and signed with a fixed test key, by harbour-pack's own builder.
const MARKUP = "\\<script\\>alert(1)\\</script\\>";

/** The next file dialog chooses a freshly signed pack. */
async function nextFileIs(opts: Parameters<typeof testHost.makePack>[0] = {}) {
  await testHost.answerNextDialog(await testHost.makePack({ extra_markdown: MARKUP, ...opts }));
}

async function fingerprintOf(path: string): Promise<string> {
  await testHost.answerNextDialog(path);
  const offer = await api.packChoose();
  return offer!.info.fingerprint;
}

/** Types the fingerprint as the agency gave it, then asks to use the pack. */
async function typeFingerprint(fingerprint: string) {
  await fireEvent.input(await screen.findByLabelText("Fingerprint from your agency"), { target: { value: fingerprint } });
  await fireEvent.click(screen.getByRole("button", { name: "Check it and use this pack" }));
}

async function importPack() {
  const fingerprint = await fingerprintOf(await testHost.makePack());
  await nextFileIs();
  location.hash = "#/settings";
  render(App);
  await fireEvent.click(await screen.findByRole("button", { name: "Import a pack from a file" }));
  expect(await screen.findByRole("heading", { name: "Check this pack comes from your agency" })).toBeInTheDocument();
  await typeFingerprint(fingerprint.toLowerCase());
  await screen.findByText("Harbour now uses Brightwater Fostering's pack.");
}

function go(hash: string) {
  location.hash = hash;
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}

beforeEach(() => {
  agency.info = null;
  agency.problem = "";
});

describe("agency packs", () => {
  it("uses a pack only after the fingerprint is confirmed, then shows the agency everywhere", async () => {
    const fingerprint = await fingerprintOf(await testHost.makePack());
    await nextFileIs();
    location.hash = "#/settings";
    render(App);
    await fireEvent.click(await screen.findByRole("button", { name: "Import a pack from a file" }));
    // The pack's own fingerprint is not shown: the carer types the one their agency gave them.
    await screen.findByLabelText("Fingerprint from your agency");
    expect(screen.queryByText(fingerprint)).toBeNull();
    await typeFingerprint("AAAA-BBBB-CCCC-DDDD");
    expect(await screen.findByText(/That is not this pack's fingerprint/)).toBeInTheDocument();
    await fireEvent.click(await screen.findByRole("button", { name: "Do not use this pack" }));
    expect(await screen.findByText("The pack was not used. Nothing was changed.")).toBeInTheDocument();
    expect(screen.queryByText("with Brightwater Fostering")).toBeNull();
    expect(await api.packCurrent()).toBeNull();

    await nextFileIs();
    await fireEvent.click(screen.getByRole("button", { name: "Import a pack from a file" }));
    await typeFingerprint(fingerprint);
    expect(await screen.findByText("with Brightwater Fostering")).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Main" });
    await fireEvent.click(within(nav).getByRole("link", { name: "Brightwater Fostering" }));
    go("#/agency");
    expect(await screen.findByRole("heading", { level: 1, name: "From Brightwater Fostering" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Our online-safety policy" })).toBeInTheDocument();
    expect(screen.getByText("Make an online-safety agreement with each child.").tagName).toBe("STRONG");
    // Markup in a pack is shown as text, never run.
    expect(screen.getByText("<script>alert(1)</script>")).toBeInTheDocument();
    expect(document.querySelector("main script")).toBeNull();
    await fireEvent.click(screen.getByRole("link", { name: "Brightwater carers' site" }));
    expect((await testHost.record()).opened).toContain("https://brightwater.example.org/carers/online-safety");

    go("#/help");
    expect(await screen.findByRole("heading", { name: "Your agency: Brightwater Fostering" })).toBeInTheDocument();
    expect(screen.getByText("01632 960100")).toBeInTheDocument();
    expect(screen.getByText("Brightwater out-of-hours line")).toBeInTheDocument();
  });

  it("updates quietly from the same agency, refuses another key and a tampered file, and can be removed", async () => {
    await importPack();
    await nextFileIs({ version: 2 });
    await fireEvent.click(screen.getByRole("button", { name: "Import a newer pack" }));
    expect(await screen.findByText("Updated Brightwater Fostering's pack to version 2.")).toBeInTheDocument();
    await nextFileIs({ version: 3, key: "other" });
    await fireEvent.click(screen.getByRole("button", { name: "Import a newer pack" }));
    expect(await screen.findByText(/signed by a different key/)).toBeInTheDocument();
    await nextFileIs({ version: 3, tampered: true });
    await fireEvent.click(screen.getByRole("button", { name: "Import a newer pack" }));
    expect(await screen.findByText(/changed since the agency signed it/)).toBeInTheDocument();
    expect(screen.getByText(/version 2, issued/)).toBeInTheDocument();
    expect((await api.packCurrent())?.content.pack_version).toBe(2);
    await fireEvent.click(screen.getByRole("button", { name: "Remove this pack…" }));
    await fireEvent.click(screen.getByRole("button", { name: "Yes, remove the pack" }));
    expect(await screen.findByText("The agency pack was removed. Everything you wrote is still here.")).toBeInTheDocument();
    expect(screen.queryByText("with Brightwater Fostering")).toBeNull();
  });

  it("offers a pack left in the managed folder at first run", async () => {
    const { managed } = await testHost.folder();
    mkdirSync(managed, { recursive: true });
    const pack = await testHost.makePack();
    copyFileSync(pack, join(managed, basename(pack)));
    location.hash = "#/help";
    render(App);
    expect(await screen.findByText(/Brightwater Fostering has set up a pack for Harbour on this computer/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("link", { name: "Check it and start using it" }));
    go("#/settings");
    expect(await screen.findByText("This pack was put on this computer for everyone who uses it.")).toBeInTheDocument();
  });

  it("asks for the agency's required rule in a looked-after child's agreement, and its record settings in the log", async () => {
    await importPack();
    await api.vaultCreate("kettle harbour seven lanterns");
    await api.childAdd({ name: "Kai", birth_month: null, birth_year: null, age_band: "11-13", devices: "", looked_after: true });
    await refreshVault();
    go("#/log");
    expect(await screen.findByText(/Put the facts first and what you think after\./)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Write down a worry" }));
    expect(await screen.findByLabelText("Who is writing this (needed)")).toBeInTheDocument();
    expect(screen.getByText(/Your agency asks you to write down any police reference number here/)).toBeInTheDocument();
    await fireEvent.input(screen.getByLabelText("Date"), { target: { value: "2026-11-20" } });
    await fireEvent.input(screen.getByLabelText("What I saw or heard"), { target: { value: "Something" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save this entry" }));
    expect(await screen.findByText(/Brightwater Fostering asks for it on every entry/)).toBeInTheDocument();

    go("#/agreements");
    await fireEvent.click(await screen.findByRole("button", { name: /Kai/ }));
    // A looked-after child's agreement starts with the agency's required rules; taking one out brings a reminder.
    await fireEvent.click(await screen.findByRole("button", { name: "Take out", description: /birth family/ }));
    expect(await screen.findByRole("heading", { name: "Brightwater Fostering asks for this rule" })).toBeInTheDocument();
    const asks = screen.getByRole("region", { name: "Brightwater Fostering asks for this rule" });
    await fireEvent.click(within(asks).getByRole("button", { name: "Add this rule" }));
    expect(await screen.findByText(/Added: "I only have online contact with my birth family/)).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Brightwater Fostering asks for this rule" })).toBeNull();
  });
});
