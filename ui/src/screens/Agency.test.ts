import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it } from "vitest";
import App from "../App.svelte";
import { api } from "../lib/api";
import type { MockApi } from "../lib/api/mock";
import { agency } from "../lib/agency.svelte";
import { refreshVault } from "../lib/vault.svelte";
import { fixturePack } from "../lib/api/mockPack";

const mock = api as MockApi;

async function importPack() {
  location.hash = "#/settings";
  render(App);
  await fireEvent.click(await screen.findByRole("button", { name: "Import a pack from a file" }));
  expect(await screen.findByRole("heading", { name: "Check this pack comes from your agency" })).toBeInTheDocument();
  expect(screen.getByText("JFXG-PVK7-N8GE-F78K")).toBeInTheDocument();
  await fireEvent.click(screen.getByRole("button", { name: "It matches: use this pack" }));
  await screen.findByText("Harbour now uses Brightwater Fostering's pack.");
}

beforeEach(() => {
  mock.resetVault();
  mock.dialogAnswer = "file";
  agency.info = null;
  agency.problem = "";
});

describe("agency packs", () => {
  it("uses a pack only after the fingerprint is confirmed, then shows the agency everywhere", async () => {
    location.hash = "#/settings";
    render(App);
    await fireEvent.click(await screen.findByRole("button", { name: "Import a pack from a file" }));
    await fireEvent.click(await screen.findByRole("button", { name: "It does not match" }));
    expect(await screen.findByText("The pack was not used. Nothing was changed.")).toBeInTheDocument();
    expect(screen.queryByText("with Brightwater Fostering")).toBeNull();

    await fireEvent.click(screen.getByRole("button", { name: "Import a pack from a file" }));
    await fireEvent.click(await screen.findByRole("button", { name: "It matches: use this pack" }));
    expect(await screen.findByText("with Brightwater Fostering")).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Main" });
    await fireEvent.click(within(nav).getByRole("link", { name: "Brightwater Fostering" }));
    location.hash = "#/agency";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    expect(await screen.findByRole("heading", { level: 1, name: "From Brightwater Fostering" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Our online-safety policy" })).toBeInTheDocument();
    expect(screen.getByText("here to help").tagName).toBe("STRONG");
    expect(screen.getByText("<script>alert(1)</script>")).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("link", { name: "the full policy" }));
    expect(mock.opened).toContain("https://brightwater.example.org/policy");

    location.hash = "#/help";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    expect(await screen.findByRole("heading", { name: "Your agency: Brightwater Fostering" })).toBeInTheDocument();
    expect(screen.getByText("01632 960000")).toBeInTheDocument();
    expect(screen.getByText("Out of hours and emergencies")).toBeInTheDocument();
  });

  it("updates quietly from the same agency, refuses another key and a tampered file, and can be removed", async () => {
    await importPack();
    mock.pack.nextFile = fixturePack(2);
    await fireEvent.click(screen.getByRole("button", { name: "Import a newer pack" }));
    expect(await screen.findByText("Updated Brightwater Fostering's pack to version 2.")).toBeInTheDocument();
    mock.pack.nextFile = "other-key";
    await fireEvent.click(screen.getByRole("button", { name: "Import a newer pack" }));
    expect(await screen.findByText(/signed by a different key/)).toBeInTheDocument();
    mock.pack.nextFile = "tampered";
    await fireEvent.click(screen.getByRole("button", { name: "Import a newer pack" }));
    expect(await screen.findByText(/changed since the agency signed it/)).toBeInTheDocument();
    expect(screen.getByText(/version 2, issued/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Remove this pack…" }));
    await fireEvent.click(screen.getByRole("button", { name: "Yes, remove the pack" }));
    expect(await screen.findByText("The agency pack was removed. Everything you wrote is still here.")).toBeInTheDocument();
    expect(screen.queryByText("with Brightwater Fostering")).toBeNull();
  });

  it("offers a pack left in the managed folder at first run", async () => {
    mock.pack.managed = fixturePack(1);
    location.hash = "#/help";
    render(App);
    expect(await screen.findByText(/Brightwater Fostering has set up a pack for Harbour on this computer/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("link", { name: "Check it and start using it" }));
    location.hash = "#/settings";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    expect(await screen.findByText("This pack was put on this computer for everyone who uses it.")).toBeInTheDocument();
  });

  it("asks for the agency's required rule in a looked-after child's agreement, and its record settings in the log", async () => {
    await importPack();
    await mock.vaultCreate("kettle harbour seven lanterns");
    await mock.childAdd({ name: "Kai", birth_month: null, birth_year: null, age_band: "11-13", devices: "", looked_after: true });
    await refreshVault();
    location.hash = "#/log";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    expect(await screen.findByText(/Write facts first, then tell your supervising social worker\./)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Write down a worry" }));
    expect(await screen.findByLabelText("Who is writing this (needed)")).toBeInTheDocument();
    expect(screen.getByText(/Your agency asks you to write down any police reference number here/)).toBeInTheDocument();
    await fireEvent.input(screen.getByLabelText("What I saw or heard"), { target: { value: "Something" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save this entry" }));
    expect(await screen.findByText(/Your agency asks for it on every entry/)).toBeInTheDocument();

    location.hash = "#/agreements";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await fireEvent.click(await screen.findByRole("button", { name: /Kai/ }));
    // A looked-after child's agreement starts with the agency's required rule; taking it out brings a reminder.
    await fireEvent.click(await screen.findByRole("button", { name: "Take out", description: /birth family/ }));
    expect(await screen.findByRole("heading", { name: "Brightwater Fostering asks for this rule" })).toBeInTheDocument();
    const asks = screen.getByRole("region", { name: "Brightwater Fostering asks for this rule" });
    await fireEvent.click(within(asks).getByRole("button", { name: "Add this rule" }));
    expect(await screen.findByText(/Added: "I will only have online contact with my birth family/)).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Brightwater Fostering asks for this rule" })).toBeNull();
  });
});
