import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it } from "vitest";
import App from "./App.svelte";
import { api } from "./lib/api";
import { testHost } from "./lib/api/backend/testHost";

const hidden = async () => (await testHost.record()).hidden;

beforeEach(() => {
  location.hash = "";
});

describe("the main window", () => {
  it("has a navigation landmark with exactly the four parts", async () => {
    render(App);
    const nav = screen.getByRole("navigation", { name: "Main" });
    const names = within(nav)
      .getAllByRole("link")
      .map((a) => a.textContent?.trim());
    expect(names).toEqual(["Agreements", "App guides", "Concern log", "Get help"]);
    expect(await screen.findByRole("heading", { level: 1, name: "Get help" })).toBeInTheDocument();
  });

  it("keeps the concern log behind the passphrase", async () => {
    render(App);
    await fireEvent.click(screen.getByRole("link", { name: "Concern log" }));
    location.hash = "#/log";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    expect(await screen.findByRole("heading", { level: 1, name: "Keep your notes private" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Concern log" })).toHaveAttribute("aria-current", "page");
  });

  it("quick exit by button blanks the window and asks Rust to hide it", async () => {
    render(App);
    await fireEvent.click(screen.getByRole("button", { name: "Quick exit" }));
    expect(screen.queryByRole("navigation")).toBeNull();
    expect(document.querySelector("[data-quick-exit=hidden]")).not.toBeNull();
    await waitFor(async () => expect(await hidden()).toBe(1));
    await fireEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
  });

  it("quick exit by pressing Escape twice", async () => {
    render(App);
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.queryByRole("navigation")).toBeNull();
    await waitFor(async () => expect(await hidden()).toBe(1));
  });

  it("asks where the family lives until it is answered, but not while Harbour is locked", async () => {
    const question = { name: "Which part of the UK do you live in?" };
    const first = render(App);
    await fireEvent.click(await screen.findByRole("button", { name: "Not sure, or more than one" }));
    await waitFor(() => expect(screen.queryByRole("region", question)).not.toBeInTheDocument());
    expect((await api.prefsGet()).nation_asked).toBe(true);
    first.unmount();

    await testHost.reset();
    await api.vaultCreate("kettle harbour seven lanterns");
    await api.vaultLock();
    const locked = render(App);
    expect(await screen.findByRole("heading", { level: 1, name: "Get help" })).toBeInTheDocument();
    await screen.findByRole("navigation", { name: "What is happening?" });
    expect(screen.queryByRole("region", question)).not.toBeInTheDocument();
    locked.unmount();

    await testHost.reset();
    location.hash = "#/settings";
    render(App);
    await fireEvent.click(await screen.findByRole("radio", { name: "Northern Ireland" }));
    await waitFor(async () => expect(await api.prefsGet()).toMatchObject({ nation: "northern_ireland", nation_asked: true }));
    expect(await screen.findByText("Saved. Harbour will remember this.")).toBeInTheDocument();
  });

  it("applies and saves a new theme and text size at once", async () => {
    location.hash = "#/settings";
    render(App);
    await fireEvent.click(await screen.findByRole("radio", { name: "Dark" }));
    expect(document.documentElement.dataset.theme).toBe("dark");
    await fireEvent.click(screen.getByRole("radio", { name: "Largest" }));
    expect(document.documentElement.dataset.textSize).toBe("largest");
    await waitFor(async () => expect(await api.prefsGet()).toEqual({ theme: "dark", text_size: "largest", region: "uk", nation: null, nation_asked: false, auto_lock_minutes: 5 }));
    expect(await screen.findByText("Saved. Harbour will remember this.")).toBeInTheDocument();
  });
});
