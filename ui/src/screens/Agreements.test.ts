import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "../App.svelte";
import { api } from "../lib/api";
import type { MockApi } from "../lib/api/mock";

const mock = api as MockApi;

async function withChild(band: "11-13" | "8-10" = "11-13") {
  await mock.vaultCreate("kettle harbour seven lanterns");
  await mock.childAdd({ name: "Sam", birth_month: null, birth_year: null, age_band: band, devices: "", looked_after: false });
}

async function openAgreements() {
  location.hash = "#/agreements";
  render(App);
  await screen.findByRole("heading", { level: 1, name: "Agreements" });
}

async function openSams() {
  await openAgreements();
  await fireEvent.click(await screen.findByRole("button", { name: "Start Sam's agreement" }));
  await screen.findByRole("heading", { level: 1, name: "Sam's agreement" });
}

const type = async (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });

beforeEach(() => {
  mock.resetVault();
  mock.dialogAnswer = "file";
});
afterEach(() => vi.useRealTimers());

describe("agreements", () => {
  it("asks for a child first when there are none", async () => {
    await mock.vaultCreate("kettle harbour seven lanterns");
    await openAgreements();
    const main = screen.getByRole("main");
    expect(await within(main).findByRole("link", { name: "Your family" })).toHaveAttribute("href", "#/family");
  });

  it("starts short, rewords, adds, moves and takes out rules", async () => {
    await withChild();
    await openSams();
    const ruleSection = (await screen.findByRole("heading", { name: "The rules" })).closest("section") as HTMLElement;
    expect(within(ruleSection).getAllByRole("button", { name: "Take out" }).length).toBe(4);

    await fireEvent.click(screen.getAllByRole("button", { name: "Change the words" })[0]);
    await type(screen.getByLabelText("New words for this rule"), "I'll plug my phone in on the landing.");
    await fireEvent.click(screen.getByRole("button", { name: "Save the new words" }));
    expect(await screen.findByText("I'll plug my phone in on the landing.")).toHaveFocus();

    await fireEvent.click(await screen.findByText(/People we talk to online \(1\)/));
    await fireEvent.click(screen.getByRole("button", { name: "Add this rule", description: "I will never meet someone from online on my own." }));
    expect(await screen.findByText('Added: "I will never meet someone from online on my own."')).toBeInTheDocument();
    expect(screen.getByText("I will never meet someone from online on my own.", { selector: "p.text" })).toBeInTheDocument();

    // Your own rule needs a section; Rust's refusal is shown.
    await type(screen.getByLabelText("The rule"), "We will have a screen-free Sunday lunch.");
    await fireEvent.click(screen.getByRole("button", { name: "Add our rule" }));
    expect(await screen.findByText("Please choose a section for the rule.")).toHaveAttribute("role", "alert");
    await fireEvent.change(screen.getByLabelText("Section"), { target: { value: "devices-places" } });
    await fireEvent.click(screen.getByLabelText("Everyone in the family"));
    await fireEvent.click(screen.getByRole("button", { name: "Add our rule" }));
    expect(await screen.findByText("We will have a screen-free Sunday lunch.", { selector: "p.text" })).toBeInTheDocument();
    expect(screen.queryByText("Please choose a section for the rule.")).toBeNull();

    await fireEvent.click(screen.getByRole("button", { name: "Move up", description: "We will have a screen-free Sunday lunch." }));
    const section = (await screen.findByRole("heading", { name: "Devices and places" })).nextElementSibling as HTMLElement;
    await vi.waitFor(() => expect(within(section).getAllByRole("listitem")[0]).toHaveTextContent("screen-free Sunday lunch"));

    await fireEvent.click(screen.getByRole("button", { name: "Take out", description: "I will only chat with people I know offline." }));
    expect(await screen.findByText('Taken out: "I will only chat with people I know offline."')).toBeInTheDocument();
    const a = await mock.agreementForChild(1);
    expect(a?.items.map((i) => i.text)).toContain("I'll plug my phone in on the landing.");
    expect(a?.items.some((i) => i.rule_id === "only-known")).toBe(false);
  });

  it("signs by typing names, keeps the version, and shows what changed on the next signing", async () => {
    await withChild();
    await openSams();
    await type(await screen.findByLabelText("Name, as they will sign", { selector: "#signer-name-1" }), "Alex Doe");
    await fireEvent.click(screen.getByRole("button", { name: "Save who signs" }));
    await screen.findByText("Saved. Signing: Sam, Alex Doe.");

    await type(await screen.findByLabelText("Sam, type your name"), "sam");
    await fireEvent.click(screen.getByRole("button", { name: "Sign the agreement" }));
    expect(await screen.findByText("Alex Doe needs to type their name to sign.")).toHaveAttribute("role", "alert");
    await type(screen.getByLabelText("Alex Doe, type your name"), "alex doe");
    await fireEvent.click(screen.getByRole("button", { name: "Sign the agreement" }));
    expect(await screen.findByText("Signed. Well done, all of you.")).toBeInTheDocument();
    expect(await screen.findByRole("heading", { name: /^Version 1, signed/ })).toBeInTheDocument();
    expect(screen.getByText("Signed by typing names: Sam, Alex Doe.")).toBeInTheDocument();

    await fireEvent.click(screen.getAllByRole("button", { name: "Change the words" })[0]);
    await type(screen.getByLabelText("New words for this rule"), "Phones sleep downstairs.");
    await fireEvent.click(screen.getByRole("button", { name: "Save the new words" }));
    await screen.findByText("Phones sleep downstairs.");
    await fireEvent.click(screen.getByRole("button", { name: "We signed the printed copy" }));
    expect(await screen.findByRole("heading", { name: /^Version 2, signed/ })).toBeInTheDocument();
    expect(screen.getByText("Signed on paper by Sam, Alex Doe.")).toBeInTheDocument();
    expect(screen.getByText(`New words: "I will charge my phone downstairs at night." is now "Phones sleep downstairs."`)).toBeInTheDocument();

    await fireEvent.click(screen.getByRole("button", { name: "Save as PDF to print" }));
    expect(await screen.findByText("Saved Sam's family agreement.pdf. Open it to print.")).toBeInTheDocument();
  });

  it("reminds the family when the review date comes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(2026, 10, 24, 12));
    await withChild();
    const a = await mock.agreementStart(1, "2026-11-24");
    await mock.agreementSetSigners(a.id, [{ name: "Sam", role: "child" }]);
    await mock.agreementSignedOnPaper(a.id, "2026-11-24");
    vi.setSystemTime(new Date(2027, 1, 24, 12));
    await openAgreements();
    expect(await screen.findByText("It is time to look at Sam's agreement again.")).toBeInTheDocument();
    expect(screen.getByText(/Look at it again on 24 February 2027/)).toBeInTheDocument();
  });

  it("links the child's apps to guides and warns kindly about minimum ages", async () => {
    await withChild("8-10");
    await openSams();
    await fireEvent.click(await screen.findByLabelText("TikTok (13+)"));
    await fireEvent.click(screen.getByLabelText("Roblox"));
    await fireEvent.click(screen.getByRole("button", { name: "Save Sam's apps" }));
    expect(await screen.findByText("Saved. Sam uses Roblox, TikTok.")).toBeInTheDocument();
    expect(screen.getByText(/TikTok is meant for people aged 13 and over. Sam is 8 to 10./)).toBeInTheDocument();
    expect(screen.queryByText(/Roblox is meant for/)).toBeNull();
    expect(screen.getByRole("link", { name: "App guide: TikTok" })).toHaveAttribute("href", "#/guides/tiktok");
  });
});

describe("conversation planner", () => {
  it("adds a fitting rule to the chosen child's agreement", async () => {
    await withChild();
    await mock.agreementStart(1, "2026-11-24");
    await openAgreements();
    await fireEvent.click(screen.getByRole("button", { name: "Plan a conversation" }));
    await fireEvent.change(await screen.findByLabelText("What do you want to talk about?"), { target: { value: "sextortion" } });
    await fireEvent.change(screen.getByLabelText("Who with?"), { target: { value: "1" } });
    expect(await screen.findByText("(already in Sam's agreement)")).toBeInTheDocument();
    await fireEvent.click(await screen.findByRole("button", { name: "Add to Sam's agreement" }));
    expect(await screen.findByText(/Added to Sam's agreement: "I will never meet someone from online on my own."/)).toBeInTheDocument();
    expect((await mock.agreementForChild(1))?.items.some((i) => i.rule_id === "never-meet")).toBe(true);
    expect(screen.getAllByText("(already in Sam's agreement)").length).toBe(2);
  });

  it("shows words for the child's age, keeps notes, and saves a prompt card", async () => {
    await withChild();
    await openAgreements();
    await fireEvent.click(screen.getByRole("button", { name: "Plan a conversation" }));
    await screen.findByRole("heading", { level: 1, name: "Plan a conversation" });
    await fireEvent.change(await screen.findByLabelText("What do you want to talk about?"), { target: { value: "sextortion" } });
    await fireEvent.change(screen.getByLabelText("Who with?"), { target: { value: "1" } });
    expect(await screen.findByText("Have you heard of people being tricked online?")).toBeInTheDocument();
    expect(screen.getByText("Do not promise to keep it secret.")).toBeInTheDocument();
    expect(screen.getByText("I will tell an adult if something online worries me.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Add to Sam's agreement/ })).toBeNull();
    expect(screen.getByRole("link", { name: "You want to report a worry to police" })).toHaveAttribute("href", "#/help");
    expect(screen.queryByLabelText("Their age")).toBeNull();

    await type(screen.getByLabelText("What you want to say or ask"), "Ask about the new friend from the game.");
    await fireEvent.click(screen.getByRole("button", { name: "Save my notes" }));
    expect(await screen.findByText("Your notes are saved.")).toBeInTheDocument();
    expect(await mock.conversationNotes("sextortion", 1)).toBe("Ask about the new friend from the game.");

    await fireEvent.click(screen.getByRole("button", { name: "Save a prompt card to print" }));
    expect(await screen.findByText(/Saved Sextortion prompt card.pdf/)).toBeInTheDocument();

    await fireEvent.change(screen.getByLabelText("Who with?"), { target: { value: "" } });
    await vi.waitFor(() => expect(screen.getByLabelText("What you want to say or ask")).toHaveValue(""));
    await fireEvent.change(screen.getByLabelText("Who with?"), { target: { value: "1" } });
    await vi.waitFor(() => expect(screen.getByLabelText("What you want to say or ask")).toHaveValue("Ask about the new friend from the game."));
  });
});
