import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "../App.svelte";
import { api } from "../lib/api";
import type { MockApi } from "../lib/api/mock";

const mock = api as MockApi;

async function openGuides() {
  location.hash = "#/guides";
  render(App);
  await screen.findByRole("heading", { level: 1, name: "App guides" });
  await screen.findByRole("button", { name: "Snapchat" });
}

beforeEach(() => {
  mock.resetVault();
  mock.dialogAnswer = "file";
});
afterEach(() => vi.useRealTimers());

describe("app guides", () => {
  it("can be browsed without unlocking, and found by name, type and risk", async () => {
    await openGuides();
    expect(screen.getByText("3 guides")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "unlock Harbour in Your family" })).toHaveAttribute("href", "#/family");
    await fireEvent.input(screen.getByLabelText("Find an app"), { target: { value: "snap" } });
    expect(await screen.findByText("1 guide")).toBeInTheDocument();
    await fireEvent.input(screen.getByLabelText("Find an app"), { target: { value: "" } });
    await fireEvent.change(screen.getByLabelText("Risk"), { target: { value: "spending" } });
    expect(await screen.findByText("2 guides")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Snapchat" })).toBeNull();
    await fireEvent.change(screen.getByLabelText("Risk"), { target: { value: "" } });
    await fireEvent.change(screen.getByLabelText("Type"), { target: { value: "device" } });
    expect(await screen.findByRole("button", { name: "iPhone and iPad" })).toBeInTheDocument();
    expect(screen.getByText("1 guide")).toBeInTheDocument();
    await fireEvent.change(screen.getByLabelText("Type"), { target: { value: "" } });
    await fireEvent.change(screen.getByLabelText("Suits age"), { target: { value: "8-10" } });
    expect(await screen.findByText("2 guides")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Snapchat" })).toBeNull();
  });

  it("shows a guide with its checklist first, marks unconfirmed steps, and warns when it is old", async () => {
    await openGuides();
    await fireEvent.click(screen.getByRole("button", { name: "Snapchat" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Snapchat" })).toHaveFocus();
    const headings = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(headings[0]).toBe("Settings to check");
    expect(screen.getByRole("heading", { level: 4, name: "On Android" })).toBeInTheDocument();
    expect(screen.getAllByText("Not confirmed:").length).toBe(2);
    expect(screen.queryByText("This guide may be out of date.")).toBeNull();
    mock.opened.length = 0;
    await fireEvent.click(screen.getAllByRole("button", { name: "Help page help" })[0]);
    expect(mock.opened).toEqual(["https://help.snapchat.com/privacy"]);
    await fireEvent.click(screen.getByRole("button", { name: "Back to all guides" }));
    await fireEvent.click(await screen.findByRole("button", { name: "Roblox" }));
    expect(await screen.findByText("This guide may be out of date.")).toBeInTheDocument();
  });

  it("keeps a child's checklist: done, does not apply, progress, their apps first and a recheck", async () => {
    await mock.vaultCreate("kettle harbour seven lanterns");
    const sam = await mock.childAdd({ name: "Sam", birth_month: null, birth_year: null, age_band: "11-13", devices: "", looked_after: false });
    await mock.childAppsSet(sam.id, ["youtube"], "2026-11-24");
    await openGuides();
    await fireEvent.change(await screen.findByLabelText("Checklist for"), { target: { value: String(sam.id) } });
    await fireEvent.click(screen.getByRole("button", { name: "Snapchat" }));
    await screen.findByRole("heading", { level: 1, name: "Snapchat" });
    const group = (title: string) => within(screen.getByRole("heading", { name: title }).closest("li") as HTMLElement);
    await fireEvent.click(group("Only friends can contact them").getByLabelText("Done"));
    expect(await screen.findByText("1 of 3 done for Sam.")).toBeInTheDocument();
    await fireEvent.click(group("Turn off Quick Add").getByLabelText("Does not apply"));
    expect(await screen.findByText("1 of 2 done for Sam.")).toBeInTheDocument();
    expect(screen.getByText(/Sam: 1 of 2 done. Check again by/)).toBeInTheDocument();
    await fireEvent.change(screen.getByLabelText("Remind me every"), { target: { value: "6" } });
    expect(await screen.findByText(/Harbour will remind you to check again on/)).toBeInTheDocument();
    const kept = (await mock.checklists(sam.id, "2026-11-24")).find((c) => c.guide_id === "snapchat");
    expect([kept?.done, kept?.not_applicable, kept?.recheck_months]).toEqual([["contact-me"], ["quick-add"], 6]);

    await fireEvent.click(screen.getByRole("button", { name: "Back to all guides" }));
    expect(await screen.findByText("1 of 2 done.")).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Save Sam's checklist as PDF" }));
    expect(await screen.findByText("Saved App checklist.pdf.")).toBeInTheDocument();
  });
});
