import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import GetHelp from "./GetHelp.svelte";
import { api } from "../lib/api";
import type { MockApi } from "../lib/api/mock";

const mock = api as MockApi;

describe("Get help", () => {
  it("groups contacts under each situation, in order", async () => {
    render(GetHelp, { regionId: "uk" });
    const headings = await screen.findAllByRole("heading", { level: 2 });
    expect(headings.map((h) => h.textContent)).toEqual([
      "A child is in danger right now",
      "What else is happening?",
      "You want to report a worry to police",
    ]);
    const danger = screen.getByRole("region", { name: "A child is in danger right now" });
    expect(within(danger).getByText("999")).toBeInTheDocument();
    const report = screen.getByRole("region", { name: "You want to report a worry to police" });
    expect(within(report).getAllByRole("article").map((a) => a.getAttribute("aria-label"))).toEqual([
      "Police non-emergency",
      "Emergency services",
    ]);
  });

  it("shows hours honestly, nation differences and sources with dates", async () => {
    render(GetHelp, { regionId: "uk" });
    const card = (await screen.findAllByRole("article", { name: "Police non-emergency" }))[0];
    expect(within(card).getByText("(we could not confirm these hours)")).toBeInTheDocument();
    expect(within(card).getByText("In Scotland:")).toBeInTheDocument();
    expect(within(card).getByText(/checked 24 November 2026/)).toBeInTheDocument();
    expect(within(card).getByRole("button", { name: "Copy Police non-emergency textphone number 18001 101" })).toBeInTheDocument();
  });

  it("opens links through Rust and never follows them itself", async () => {
    render(GetHelp, { regionId: "uk" });
    const link = (await screen.findAllByRole("link", { name: /Report online/ }))[0];
    const before = location.href;
    const event = new MouseEvent("click", { bubbles: true, cancelable: true });
    link.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(location.href).toBe(before);
    expect(await screen.findByText("Opened in your web browser.")).toBeInTheDocument();
    expect(mock.opened).toContain("https://police.example/report");
  });

  it("says plainly when the help list cannot be loaded", async () => {
    render(GetHelp, { regionId: "atlantis" });
    expect(await screen.findByRole("alert")).toHaveTextContent("Harbour has no help list for that region.");
  });

  it("moves focus to a situation from the list at the top", async () => {
    render(GetHelp, { regionId: "uk" });
    await fireEvent.click(await screen.findByRole("button", { name: "You want to report a worry to police" }));
    expect(document.activeElement).toBe(screen.getByRole("heading", { level: 2, name: "You want to report a worry to police" }));
  });
});
