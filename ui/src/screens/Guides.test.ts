import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "../App.svelte";
import { api } from "../lib/api";
import { testHost } from "../lib/api/backend/testHost";

// The real guides in content/guides: 31 of them, all checked on 24 November 2026.
async function openGuides() {
  location.hash = "#/guides";
  render(App);
  await screen.findByRole("heading", { level: 1, name: "App guides" });
  await screen.findByRole("button", { name: "Snapchat" });
}

// A guide older than six months may be out of date, so the day matters.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(2026, 10, 24, 12));
});
afterEach(() => vi.useRealTimers());
// Pages of real guides: finding buttons among them takes jsdom a few seconds.
vi.setConfig({ testTimeout: 30_000 });

describe("app guides", () => {
  it("can be browsed without unlocking, and found by name, type and risk", async () => {
    await openGuides();
    expect(screen.getByText("31 guides")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "unlock Harbour in Your family" })).toHaveAttribute("href", "#/family");
    await fireEvent.input(screen.getByLabelText("Find an app"), { target: { value: "snap" } });
    expect(await screen.findByText("1 guide")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Snapchat" })).toBeInTheDocument();
    await fireEvent.input(screen.getByLabelText("Find an app"), { target: { value: "" } });
    // Sixteen guides list spending money as a risk; Snapchat does not.
    await fireEvent.change(screen.getByLabelText("Risk"), { target: { value: "spending" } });
    expect(await screen.findByText("16 guides")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Roblox" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Snapchat" })).toBeNull();
    await fireEvent.change(screen.getByLabelText("Risk"), { target: { value: "" } });
    // Phones and tablets: iPhone and iPad, and Android with Family Link.
    await fireEvent.change(screen.getByLabelText("Type"), { target: { value: "device" } });
    expect(await screen.findByRole("button", { name: "iPhone and iPad" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Android phones and tablets (Google Family Link)" })).toBeInTheDocument();
    expect(screen.getByText("2 guides")).toBeInTheDocument();
    await fireEvent.change(screen.getByLabelText("Type"), { target: { value: "" } });
    // For 8 to 10: no apps whose terms say 13 or 16, and no games rated PEGI 12 or 18.
    await fireEvent.change(screen.getByLabelText("Suits age"), { target: { value: "8-10" } });
    expect(await screen.findByText("11 guides")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Snapchat" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Fortnite" })).toBeNull();
    expect(screen.getByRole("button", { name: "Minecraft" })).toBeInTheDocument();
  });

  it("shows a guide with its checklist first, marks unconfirmed steps, and opens its sources", async () => {
    await openGuides();
    await fireEvent.click(screen.getByRole("button", { name: "TikTok" }));
    expect(await screen.findByRole("heading", { level: 1, name: "TikTok" })).toHaveFocus();
    const headings = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(headings[0]).toBe("Settings to check");
    expect(screen.getAllByRole("heading", { level: 4, name: "On Android" }).length).toBeGreaterThan(0);
    // Two of TikTok's steps are not confirmed on TikTok's own pages.
    expect(screen.getAllByText("Not confirmed:").length).toBe(2);
    expect(screen.queryByText("This guide may be out of date.")).toBeNull();
    // The first setting's steps come from TikTok's User safety page.
    await fireEvent.click(screen.getAllByRole("button", { name: "TikTok Help Center: User safety (Restricted Mode and Family Pairing)" })[0]);
    await vi.waitFor(async () =>
      expect((await testHost.record()).opened).toEqual(["https://support.tiktok.com/en/safety-hc/account-and-user-safety/user-safety"]),
    );
    await fireEvent.click(screen.getByRole("button", { name: "Save this guide as PDF" }));
    expect(await screen.findByText(/^Saved Harbour \d{4}-\d{2}-\d{2}\.pdf\.$/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Back to all guides" }));
    expect(await screen.findByRole("button", { name: "TikTok" })).toHaveFocus();
  });

  it("says why a source is another country's or language's page", async () => {
    await openGuides();
    await fireEvent.click(screen.getByRole("button", { name: "YouTube" }));
    await screen.findByRole("heading", { level: 1, name: "YouTube" });
    const sources = within(screen.getByRole("region", { name: "Where this comes from" }));
    expect(sources.getByText(/Indonesian version/)).toBeInTheDocument();
    expect(sources.getAllByText(/No UK or English copy of this page could be found/).length).toBeGreaterThan(0);
  });

  it("warns when a guide was checked more than six months ago", async () => {
    vi.setSystemTime(new Date(2027, 5, 1, 12));
    await openGuides();
    await fireEvent.click(screen.getByRole("button", { name: "Roblox" }));
    await screen.findByRole("heading", { level: 1, name: "Roblox" });
    expect(screen.getByText("This guide may be out of date.")).toBeInTheDocument();
    expect(screen.getByText(/We last checked it on 24 November 2026/)).toBeInTheDocument();
  });

  it("keeps a child's checklist: done, does not apply, progress, their apps first and a recheck", async () => {
    await api.vaultCreate("kettle harbour seven lanterns");
    const sam = await api.childAdd({ name: "Sam", birth_month: null, birth_year: null, age_band: "11-13", devices: "", looked_after: false });
    await api.childAppsSet(sam.id, ["youtube"], "2026-11-24");
    await openGuides();
    await fireEvent.change(await screen.findByLabelText("Checklist for"), { target: { value: String(sam.id) } });
    // Sam's own app comes first.
    expect(await screen.findByText("Sam uses this")).toBeInTheDocument();
    expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent)[0]).toBe("YouTube");
    expect(screen.getByText("Sam uses this").closest("li")).toHaveTextContent(/^YouTube/);
    // Sam is 11 to 13: Call of Duty (PEGI 18) is meant for older children; Snapchat (13 and over) may suit.
    const item = (name: string) => screen.getByRole("button", { name }).closest("li");
    expect(item("Call of Duty")).toHaveTextContent("Meant for older children than Sam.");
    expect(item("Snapchat")).not.toHaveTextContent("Meant for older children");

    await fireEvent.click(screen.getByRole("button", { name: "Snapchat" }));
    await screen.findByRole("heading", { level: 1, name: "Snapchat" });
    const group = (title: string) => within(screen.getByRole("heading", { name: title }).closest("li") as HTMLElement);
    // Snapchat has six settings to check.
    await fireEvent.click(group("Only friends can contact them").getByLabelText("Done"));
    expect(await screen.findByText("1 of 6 done for Sam.")).toBeInTheDocument();
    await fireEvent.click(group("Stop Snapchat suggesting them to people they don't know").getByLabelText("Does not apply"));
    expect(await screen.findByText("1 of 5 done for Sam.")).toBeInTheDocument();
    expect(screen.getByText("Sam: 1 of 5 done. Check again by 24 February 2027.")).toBeInTheDocument();
    await fireEvent.change(screen.getByLabelText("Remind me every"), { target: { value: "6" } });
    expect(await screen.findByText("Harbour will remind you to check again on 24 May 2027.")).toBeInTheDocument();
    const kept = (await api.checklists(sam.id, "2026-11-24")).find((c) => c.guide_id === "snapchat");
    expect([kept?.done, kept?.not_applicable, kept?.recheck_months]).toEqual([["contact-me"], ["find-friends"], 6]);

    await fireEvent.click(screen.getByRole("button", { name: "Back to all guides" }));
    expect(await screen.findByText("1 of 5 done.")).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Save Sam's checklist as PDF" }));
    // Named for the day, never for the child.
    expect(await screen.findByText(/^Saved Harbour \d{4}-\d{2}-\d{2}\.pdf\.$/)).toBeInTheDocument();
  });

  it("shows no child's name once Harbour locks", async () => {
    await api.vaultCreate("kettle harbour seven lanterns");
    const sam = await api.childAdd({ name: "Sam", birth_month: null, birth_year: null, age_band: "11-13", devices: "", looked_after: false });
    await openGuides();
    await fireEvent.change(await screen.findByLabelText("Checklist for"), { target: { value: String(sam.id) } });
    await fireEvent.click(await screen.findByRole("button", { name: "Save Sam's checklist as PDF" }));
    await screen.findByText(/^Saved Harbour/);
    await fireEvent.click(screen.getByRole("button", { name: "Snapchat" }));
    const group = within(screen.getByRole("heading", { name: "Only friends can contact them" }).closest("li") as HTMLElement);
    await fireEvent.click(group.getByLabelText("Done"));
    await screen.findByText("1 of 6 done for Sam.");
    await fireEvent.click(screen.getByRole("button", { name: "Lock" }));
    await waitFor(() => expect(screen.queryByRole("button", { name: "Lock" })).toBeNull());
    expect(document.body.textContent).not.toContain("Sam");
    await fireEvent.click(screen.getByRole("button", { name: "Back to all guides" }));
    expect(await screen.findByRole("link", { name: "unlock Harbour in Your family" })).toBeInTheDocument();
    expect(document.body.textContent).not.toContain("Sam");
  });
});
