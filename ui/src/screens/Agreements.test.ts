import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import App from "../App.svelte";
import { api, type AgeBand } from "../lib/api";
import { testHost } from "../lib/api/backend/testHost";

async function withChild(band: AgeBand = "11-13") {
  await api.vaultCreate("kettle harbour seven lanterns");
  return api.childAdd({ name: "Sam", birth_month: null, birth_year: null, age_band: band, devices: "", looked_after: false });
}

async function openAgreements() {
  location.hash = "#/agreements";
  render(App);
  await screen.findByRole("heading", { level: 1, name: "Agreements" });
}

async function openSams() {
  await openAgreements();
  await fireEvent.click(await screen.findByRole("button", { name: "Start Sam's agreement" }));
  await screen.findByRole("heading", { level: 1, name: "Sam's online safety agreement" });
}

/** Rust answers in order, so once this resolves, everything the page asked before it is answered. */
const answered = () => api.vaultState();

const type = async (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });

// Rules from content/agreement/rules.toml.
const chargeOutside = "I will charge my phone outside my bedroom at night.";
const onlyKnown = "I will only chat and play online with people I know in real life.";
const neverMeet = "I won't meet anyone I know only from online unless a trusted adult comes with me.";
const neverPay = "I won't pay or send anything if someone threatens me online, and I will tell a trusted adult.";

// The builder is a long page over the real rule library and app list; finding
// buttons by name and description in it takes jsdom a few seconds.
vi.setConfig({ testTimeout: 30_000 });
afterEach(() => vi.useRealTimers());

describe("agreements", () => {
  it("asks for a child first when there are none", async () => {
    await api.vaultCreate("kettle harbour seven lanterns");
    await openAgreements();
    const main = screen.getByRole("main");
    expect(await within(main).findByRole("link", { name: "Your family" })).toHaveAttribute("href", "#/family");
  });

  it("starts short, rewords, adds, moves and takes out rules", async () => {
    const sam = await withChild();
    await openSams();
    const ruleSection = (await screen.findByRole("heading", { name: "The rules" })).closest("section") as HTMLElement;
    // Harbour's starting set for 11 to 13 holds 10 rules.
    expect(within(ruleSection).getAllByRole("button", { name: "Take out" }).length).toBe(10);

    // The first rule on the page is the first in "Devices and places".
    expect(within(ruleSection).getAllByRole("button", { name: "Change the words" })[0]).toHaveAccessibleDescription(chargeOutside);
    await fireEvent.click(screen.getAllByRole("button", { name: "Change the words" })[0]);
    await type(screen.getByLabelText("New words for this rule"), "I'll plug my phone in on the landing.");
    await fireEvent.click(screen.getByRole("button", { name: "Save the new words" }));
    expect(await screen.findByText("I'll plug my phone in on the landing.")).toHaveFocus();

    // Six more people-online rules suit 11 to 13 and are not in yet (the birth-family rule is only for a looked-after child).
    await fireEvent.click(await screen.findByText(/People we talk to online \(6\)/));
    await fireEvent.click(screen.getByRole("button", { name: "Add this rule", description: onlyKnown }));
    expect(await screen.findByText(`Added: "${onlyKnown}"`)).toBeInTheDocument();
    // Rust's offer, asked again after the change, no longer holds it: it is in the rules now, once.
    expect(await screen.findByText(/People we talk to online \(5\)/)).toBeInTheDocument();
    expect(screen.getByText(onlyKnown, { selector: "p.text" })).toBeInTheDocument();
    // A rule whose reason is the law shows the law for where the family lives, with its sources.
    const adults = (await screen.findByText(/The adults' promises \(\d+\)/)).closest("details") as HTMLElement;
    const keepNoPictures = within(adults).getByText("We won't ask to see, save or send on a nude picture, even to help you.").closest("li") as HTMLElement;
    expect(await within(keepNoPictures).findByText("The law across the UK")).toBeInTheDocument();
    expect(within(keepNoPictures).getAllByRole("link").some((a) => a.textContent?.startsWith("Protection of Children Act 1978"))).toBe(true);

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

    await fireEvent.click(screen.getByRole("button", { name: "Take out", description: neverMeet }));
    expect(await screen.findByText(`Taken out: "${neverMeet}"`)).toBeInTheDocument();
    const a = await api.agreementForChild(sam.id);
    expect(a?.items.map((i) => i.text)).toContain("I'll plug my phone in on the landing.");
    expect(a?.items.some((i) => i.rule_id === "only-people-known-offline")).toBe(true);
    expect(a?.items.some((i) => i.rule_id === "never-meet-without-trusted-adult")).toBe(false);
    expect(a?.items.find((i) => i.rule_id === null)).toMatchObject({ section: "devices-places", voice: "family", text: "We will have a screen-free Sunday lunch." });
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
    expect(screen.getByText(`New words: "${chargeOutside}" is now "Phones sleep downstairs."`)).toBeInTheDocument();

    await fireEvent.click(screen.getByRole("button", { name: "Save as PDF to print" }));
    // Named for the day, never for the child.
    const note = await screen.findByText(/^Saved Harbour \d{4}-\d{2}-\d{2}\.pdf\. Open it to print\.$/);
    // The file is really there, and it is a PDF.
    const saved = readFileSync(join((await testHost.folder()).dir, note.textContent!.slice("Saved ".length, note.textContent!.indexOf(".pdf") + 4)));
    expect(saved.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("reminds the family when the review date comes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(2026, 10, 24, 12));
    const sam = await withChild();
    const a = await api.agreementStart(sam.id, "2026-11-24");
    await api.agreementSetSigners(a.id, [{ name: "Sam", role: "child" }]);
    await api.agreementSignedOnPaper(a.id, "2026-11-24");
    vi.setSystemTime(new Date(2027, 1, 24, 12));
    await openAgreements();
    expect(await screen.findByText("It is time to look at Sam's agreement again.")).toBeInTheDocument();
    expect(screen.getByText(/Look at it again on 24 February 2027/)).toBeInTheDocument();
    // Opened, the agreement says so too, until it is signed again.
    await fireEvent.click(screen.getByRole("button", { name: /Sam/ }));
    expect(await screen.findByText("It is time to look at this agreement again.")).toBeInTheDocument();
    expect(screen.getByText(/It was due on 24 February 2027/)).toBeInTheDocument();
  });

  it("links the child's apps to guides and warns kindly about minimum ages", async () => {
    await withChild("8-10");
    await openSams();
    await fireEvent.click(await screen.findByLabelText("TikTok (13+)"));
    await fireEvent.click(screen.getByLabelText("Roblox"));
    await fireEvent.click(screen.getByRole("button", { name: "Save Sam's apps" }));
    expect(await screen.findByText("Saved. Sam uses Roblox, TikTok.")).toBeInTheDocument();
    expect(
      screen.getByText(
        "TikTok is meant for people aged 13 and over. Sam is 8 to 10. You could agree to wait, or set it up together with care. " +
          "TikTok says its full app is for people aged 13 and over. Its separate under-13 version is only offered in the US, so UK children under 13 should not have an account.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Roblox is meant for/)).toBeNull();
    expect(screen.getByRole("link", { name: "App guide: TikTok" })).toHaveAttribute("href", "#/guides/tiktok");
    expect(screen.getByRole("link", { name: "App guide: Roblox" })).toHaveAttribute("href", "#/guides/roblox");
  });
});

describe("conversation planner", () => {
  it("adds a fitting rule to the chosen child's agreement", async () => {
    const sam = await withChild();
    await api.agreementStart(sam.id, "2026-11-24");
    await openAgreements();
    await fireEvent.click(await screen.findByRole("button", { name: "Plan a conversation" }));
    await fireEvent.change(await screen.findByLabelText("What do you want to talk about?"), { target: { value: "sextortion" } });
    await fireEvent.change(screen.getByLabelText("Who with?"), { target: { value: String(sam.id) } });
    // Two of the topic's five rules are in the starting set for 11 to 13.
    await vi.waitFor(() => expect(screen.getAllByText("(already in Sam's agreement)").length).toBe(2));
    expect(screen.getAllByRole("button", { name: "Add to Sam's agreement" }).length).toBe(3);
    await fireEvent.click(screen.getByRole("button", { name: "Add to Sam's agreement", description: neverPay }));
    expect(await screen.findByText(`Added to Sam's agreement: "${neverPay}". Sign it again when you have talked it over.`)).toBeInTheDocument();
    expect((await api.agreementForChild(sam.id))?.items.some((i) => i.rule_id === "never-pay-threats")).toBe(true);
    expect(screen.getAllByText("(already in Sam's agreement)").length).toBe(3);
    expect(screen.queryByRole("button", { name: "Add to Sam's agreement", description: neverPay })).toBeNull();
  });

  it("shows words for the child's age, keeps notes, and saves a prompt card", async () => {
    const sam = await withChild();
    await openAgreements();
    await fireEvent.click(await screen.findByRole("button", { name: "Plan a conversation" }));
    await screen.findByRole("heading", { level: 1, name: "Plan a conversation" });
    await fireEvent.change(await screen.findByLabelText("What do you want to talk about?"), { target: { value: "sextortion" } });
    await fireEvent.change(screen.getByLabelText("Who with?"), { target: { value: String(sam.id) } });
    // The 11 to 13 opener, not the one for older teenagers.
    expect(
      await screen.findByText("I read that some people online pretend to be kids to trick others into sending photos. Have you heard about that?"),
    ).toBeInTheDocument();
    expect(screen.queryByText(/There was something on the news about sextortion/)).toBeNull();
    expect(screen.getByText("Do not promise to keep it secret. Say you will only tell people who can help.")).toBeInTheDocument();
    expect(screen.getByText(neverPay)).toBeInTheDocument();
    // Sam has no agreement yet, so there is nothing to add to.
    expect(screen.queryByRole("button", { name: /Add to Sam's agreement/ })).toBeNull();
    expect(screen.getByRole("link", { name: "Someone is grooming or blackmailing a child online" })).toHaveAttribute("href", "#/help");
    expect(screen.queryByLabelText("Their age")).toBeNull();
    // The law for where the family lives; nobody has said, so every nation's, each named.
    const law = (await screen.findByText("The law across the UK")).closest("details")!;
    expect(within(law).getAllByText(/^(Sharing, or threatening to share|Nude or sexual images of anyone under 18)/, { selector: "strong" }).length).toBe(2);
    expect(within(law).getAllByRole("link").length).toBeGreaterThan(4);

    // Let the saved notes (none yet) load before typing, as a person would.
    await answered();
    expect(screen.getByLabelText("What you want to say or ask")).toHaveValue("");
    await type(screen.getByLabelText("What you want to say or ask"), "Ask about the new friend from the game.");
    await fireEvent.click(screen.getByRole("button", { name: "Save my notes" }));
    expect(await screen.findByText("Your notes are saved.")).toBeInTheDocument();
    expect(await api.conversationNotes("sextortion", sam.id)).toBe("Ask about the new friend from the game.");

    await fireEvent.click(screen.getByRole("button", { name: "Save a prompt card to print" }));
    expect(
      await screen.findByText(/^Saved Harbour \d{4}-\d{2}-\d{2}\.pdf\. Print it and keep it with you for the talk\.$/),
    ).toBeInTheDocument();
    expect((await testHost.record()).dialogs_opened).toBe(1);

    await fireEvent.change(screen.getByLabelText("Who with?"), { target: { value: "" } });
    await vi.waitFor(() => expect(screen.getByLabelText("What you want to say or ask")).toHaveValue(""));
    await fireEvent.change(screen.getByLabelText("Who with?"), { target: { value: String(sam.id) } });
    await vi.waitFor(() => expect(screen.getByLabelText("What you want to say or ask")).toHaveValue("Ask about the new friend from the game."));
  });

  it("gives a younger child a topic's youngest words, and says it is written for older children", async () => {
    await withChild();
    await openAgreements();
    await fireEvent.click(await screen.findByRole("button", { name: "Plan a conversation" }));
    await fireEvent.change(await screen.findByLabelText("What do you want to talk about?"), { target: { value: "sextortion" } });
    // With no child chosen, the age shown is the family's band that Rust chose.
    await vi.waitFor(() => expect(screen.getByLabelText("Their age")).toHaveValue("11-13"));
    await fireEvent.change(screen.getByLabelText("Their age"), { target: { value: "8-10" } });
    // Sextortion is written for 11 and over: the 11 to 13 words, not an empty list.
    expect(await screen.findByText("This topic is written mostly for older children. Use the words that feel right for your child.")).toBeInTheDocument();
    expect(
      screen.getByText("I read that some people online pretend to be kids to trick others into sending photos. Have you heard about that?"),
    ).toBeInTheDocument();
    await fireEvent.change(screen.getByLabelText("Their age"), { target: { value: "11-13" } });
    await vi.waitFor(() => expect(screen.queryByText(/written mostly for older children/)).toBeNull());
  });

  it("records who decides for a looked-after child and cautions beside the rules it touches", async () => {
    await api.vaultCreate("kettle harbour seven lanterns");
    await api.childAdd({ name: "Kai", birth_month: null, birth_year: null, age_band: "11-13", devices: "", looked_after: true });
    await openAgreements();
    await fireEvent.click(await screen.findByRole("button", { name: "Start Kai's agreement" }));
    await screen.findByRole("heading", { name: "Who decides" });
    const photosRule = (await screen.findByText("We will ask you before we post photos or videos of you online.")).closest("li") as HTMLElement;
    expect(within(photosRule).getByText("The placement plan should say who decides about photos for Kai. Check it before you agree this rule.")).toBeInTheDocument();

    const photos = screen.getByRole("group", { name: "Taking and sharing photos of them" });
    await fireEvent.change(within(photos).getByLabelText("Who decides"), { target: { value: "social-worker" } });
    await type(within(photos).getByLabelText("Note (you can leave this empty)"), "School photos are fine.");
    await fireEvent.click(screen.getByRole("button", { name: "Save who decides" }));
    await screen.findByText("Saved. It prints with the agreement.");
    expect(within(photosRule).getByText("Kai's social worker decides about photos. Ask them before you agree this rule.")).toBeInTheDocument();

    await fireEvent.change(within(photos).getByLabelText("Who decides"), { target: { value: "foster-carer" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save who decides" }));
    await answered();
    await vi.waitFor(() => expect(within(photosRule).queryByText(/decides about photos/)).toBeNull());
    expect((await api.delegatedAuthority((await api.childrenList())[0].id)).rows.find((r) => r.decision === "photos")?.note).toBe("School photos are fine.");
  });
});
