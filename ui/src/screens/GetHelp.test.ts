import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import GetHelp from "./GetHelp.svelte";
import { api } from "../lib/api";
import { testHost } from "../lib/api/backend/testHost";
import { askEarly } from "../lib/startup";

describe("Get help", () => {
  it("groups contacts under each situation, in Rust's order, with 999 first", async () => {
    render(GetHelp, { regionId: "uk" });
    const uk = await api.regionGet("uk");
    // The situations below the first screen are drawn a frame later.
    await screen.findByRole("heading", { level: 2, name: uk.situations.at(-1)!.title });
    const headings = screen.getAllByRole("heading", { level: 2 });
    expect(headings.map((h) => h.textContent)).toEqual([uk.situations[0].title, "What else is happening?", ...uk.situations.slice(1).map((s) => s.title)]);
    expect(headings[0].textContent).toBe("A child is in danger right now");
    const danger = screen.getByRole("region", { name: "A child is in danger right now" });
    expect(within(danger).getByText("999")).toBeInTheDocument();
    const grooming = screen.getByRole("region", { name: "Someone is grooming or blackmailing a child online" });
    // Not yet told where the family lives: every nation's police, each saying where it serves.
    expect(within(grooming).getAllByRole("article").map((a) => a.getAttribute("aria-label"))).toEqual([
      "CEOP Safety Centre (National Crime Agency)",
      "Police in England and Wales (101)",
      "Police Scotland (101)",
      "Police Service of Northern Ireland (PSNI, 101)",
    ]);
  });

  it("shows hours honestly, where a service works, nation differences and sources with dates", async () => {
    render(GetHelp, { regionId: "uk" });
    const police = (await screen.findAllByRole("article", { name: "Police in England and Wales (101)" }))[0];
    expect(within(police).getByText("For families in England and Wales")).toBeInTheDocument();
    expect(within(police).getByText("In Wales:")).toBeInTheDocument();
    expect(within(police).getAllByText(/checked 2 December 2026/).length).toBeGreaterThan(0);
    expect(within(police).getByRole("button", { name: "Copy Police in England and Wales (101) textphone number 18001 101" })).toBeInTheDocument();
    const unconfirmed = (await screen.findAllByRole("article", { name: "Crimestoppers" }))[0];
    expect(within(unconfirmed).getByText("(we could not confirm these hours)")).toBeInTheDocument();
  });

  it("asks once where the family lives, then shows that nation's help and says so", async () => {
    let prefs = await api.prefsGet();
    const view = render(GetHelp, { regionId: "uk", nation: prefs.nation, askNation: !prefs.nation_asked, answered: (p) => (prefs = p) });
    const question = await screen.findByRole("region", { name: "Which part of the UK do you live in?" });
    await fireEvent.click(await within(question).findByRole("button", { name: "Scotland" }));
    await waitFor(() => expect(prefs.nation).toBe("scotland"));
    expect(prefs.nation_asked).toBe(true);
    await view.rerender({ regionId: "uk", nation: prefs.nation, askNation: !prefs.nation_asked, answered: (p) => (prefs = p) });
    await waitFor(() => expect(document.activeElement?.textContent).toMatch(/^Help list for Scotland, checked /));
    expect(screen.queryByRole("region", { name: "Which part of the UK do you live in?" })).not.toBeInTheDocument();
    const grooming = screen.getByRole("region", { name: "Someone is grooming or blackmailing a child online" });
    expect(within(grooming).getAllByRole("article").map((a) => a.getAttribute("aria-label"))).toEqual(["CEOP Safety Centre (National Crime Agency)", "Police Scotland (101)"]);
    expect(screen.queryByText(/^For families in/)).not.toBeInTheDocument();
    expect(await screen.findByRole("region", { name: "You think a child is being harmed or neglected" })).toHaveTextContent("Social work at your local council (Scotland)");
  });

  it("opens links through Rust and never follows them itself", async () => {
    render(GetHelp, { regionId: "uk" });
    const link = (await screen.findAllByRole("link", { name: /Report to CEOP/ }))[0];
    const before = location.href;
    const event = new MouseEvent("click", { bubbles: true, cancelable: true });
    link.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(location.href).toBe(before);
    expect(await screen.findByText("Opened in your web browser.")).toBeInTheDocument();
    expect((await testHost.record()).opened).toContain("https://www.ceop.police.uk/Safety-Centre/");
  });

  it("says plainly when the help list cannot be loaded", async () => {
    render(GetHelp, { regionId: "atlantis" });
    expect(await screen.findByRole("alert")).toHaveTextContent("Harbour has no help list for that region.");
  });

  it("moves focus to a situation from the list at the top", async () => {
    render(GetHelp, { regionId: "uk" });
    await fireEvent.click(await screen.findByRole("button", { name: "You want to report a worry to police" }));
    await waitFor(() => expect(document.activeElement?.tagName).toBe("H2"));
    expect(document.activeElement).toBe(screen.getByRole("heading", { level: 2, name: "You want to report a worry to police" }));
  });

  it("draws the help list in the first frame when the desktop gave it before any script ran", async () => {
    window.__HARBOUR_FIRST__ = await api.firstScreen();
    askEarly();
    render(GetHelp, { regionId: "uk", askNation: true });
    // No waiting: 999 and the whole nation question are there as the screen is first drawn.
    const danger = screen.getByRole("region", { name: "A child is in danger right now" });
    expect(within(danger).getByText("999")).toBeInTheDocument();
    expect(screen.queryByText("Loading the help list…")).toBeNull();
    const question = screen.getByRole("region", { name: "Which part of the UK do you live in?" });
    expect(within(question).getAllByRole("button").map((b) => b.textContent)).toEqual(
      (await api.nationChoices()).map((c) => c.label),
    );
  });

  it("shows where each contact comes from behind a button that says whether it is open", async () => {
    render(GetHelp, { regionId: "uk" });
    const police = (await screen.findAllByRole("article", { name: "Police in England and Wales (101)" }))[0];
    const button = within(police).getByRole("button", { name: "Where this comes from" });
    expect(button).toHaveAttribute("aria-expanded", "false");
    const sources = document.getElementById(button.getAttribute("aria-controls")!)!;
    expect(sources).not.toBeVisible();
    await fireEvent.click(button);
    expect(button).toHaveAttribute("aria-expanded", "true");
    expect(sources).toBeVisible();
    expect(within(sources).getByText(/This contact was last checked on/)).toBeInTheDocument();
    await fireEvent.click(button);
    expect(sources).not.toBeVisible();
  });
});
