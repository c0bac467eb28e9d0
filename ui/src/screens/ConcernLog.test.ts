import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import App from "../App.svelte";
import { api } from "../lib/api";
import { testHost } from "../lib/api/backend/testHost";

async function openLog() {
  await api.vaultCreate("kettle harbour seven lanterns");
  location.hash = "#/log";
  render(App);
  await screen.findByRole("heading", { level: 1, name: "Concern log" });
}

async function write(fields: Record<string, string>) {
  await fireEvent.click(screen.getByRole("button", { name: "Write down a worry" }));
  await screen.findByRole("heading", { level: 1, name: "Write down a worry" });
  for (const [label, value] of Object.entries(fields)) {
    const el = screen.getByLabelText(label);
    await (el.tagName === "SELECT" ? fireEvent.change(el, { target: { value } }) : fireEvent.input(el, { target: { value } }));
  }
  await fireEvent.click(screen.getByRole("button", { name: "Save this entry" }));
}

describe("concern log", () => {
  it("asks about danger first, shows 999 for yes, and never blocks the note", async () => {
    await openLog();
    expect(await screen.findByText("Nothing written yet.")).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Write down a worry" }));
    const headings = screen.getAllByRole("heading").map((h) => h.textContent);
    expect(headings.slice(0, 2)).toEqual(["Write down a worry", "Is a child in danger right now?"]);
    expect(screen.getByLabelText("Date")).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Yes" }));
    expect(screen.getByText("Call 999 now.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Yes" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByLabelText("What I saw or heard")).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "No" }));
    expect(screen.queryByText("Call 999 now.")).toBeNull();
  });

  it("saves an entry, shows markup as text, and gives advice for its kind of worry", async () => {
    await openLog();
    await write({ "What kind of worry": "sextortion" });
    expect(await screen.findByRole("heading", { name: "What to do next" })).toBeInTheDocument();
    // The sextortion steps and the law on images, from content/log/guidance.toml.
    expect(screen.getByText("Do not pay. If money was paid already, do not pay any more.")).toBeInTheDocument();
    expect(screen.getByText("Do not delete messages, phone numbers or bank details. They are evidence.")).toBeInTheDocument();
    expect(screen.getByText(/The law on images/).closest("p")).toHaveTextContent(
      "It is against the law to make or keep a nude or sexual picture of anyone under 18. Do not take a screenshot of it, even to show the police.",
    );
    expect(await screen.findByRole("link", { name: "Someone is grooming or blackmailing a child online" })).toHaveAttribute("href", "#/help/grooming-or-blackmail");
    expect(screen.getByRole("link", { name: "You want to report a worry to police" })).toHaveAttribute("href", "#/help/tell-police");
    expect(await screen.findByRole("alert")).toHaveTextContent("Please write down something about what happened");
    await fireEvent.input(screen.getByLabelText("The other person's username"), { target: { value: "skater_boy_07" } });
    await fireEvent.input(screen.getByLabelText("What I saw or heard"), { target: { value: 'He wrote "<script>alert(1)</script> <img src=x onerror=alert(2)>"' } });
    await fireEvent.click(screen.getByRole("button", { name: "Save this entry" }));
    await screen.findByText("Saved. You can add screenshots or corrections below.");
    expect(screen.getByText('He wrote "<script>alert(1)</script> <img src=x onerror=alert(2)>"')).toBeInTheDocument();
    expect(document.querySelector("main img")).toBeNull();
    expect(screen.getByText("skater_boy_07")).toBeInTheDocument();
  });

  it("adds corrections beside the original and keeps files only after the confirmation", async () => {
    await openLog();
    await write({ "What I saw or heard": "Asked for photos" });
    await screen.findByText("Asked for photos");
    await fireEvent.input(screen.getByLabelText("Add a correction or something new"), { target: { value: "It was Tuesday, not Monday." } });
    await fireEvent.click(screen.getByRole("button", { name: "Add correction" }));
    expect(await screen.findByText("It was Tuesday, not Monday.")).toBeInTheDocument();
    expect(screen.getByText("Asked for photos")).toBeInTheDocument();

    // A small screenshot on the desktop, for the file dialog to choose.
    const png = Buffer.from("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "latin1");
    const path = join((await testHost.folder()).dir, "chat.png");
    writeFileSync(path, png);

    await fireEvent.click(screen.getByRole("button", { name: "Add a screenshot or file" }));
    expect(screen.getByRole("heading", { name: "Before you add a file" })).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Choose the file" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Please tick the box");
    // Without the tick, no file dialog opens.
    expect((await testHost.record()).dialogs_opened).toBe(0);
    await fireEvent.click(screen.getByLabelText("The file I am adding shows no nude or sexual image of anyone under 18."));
    await testHost.answerNextDialog(null);
    await fireEvent.click(screen.getByRole("button", { name: "Choose the file" }));
    expect(await screen.findByText("No file was chosen, so nothing was kept.")).toBeInTheDocument();
    await testHost.answerNextDialog(path);
    await fireEvent.click(screen.getByRole("button", { name: "Choose the file" }));
    expect(await screen.findByText("Kept chat.png.")).toBeInTheDocument();
    expect((await testHost.record()).dialogs_opened).toBe(2);
    expect(screen.getByText(createHash("sha256").update(png).digest("hex"))).toBeInTheDocument();
    expect(screen.getByText(/^chat\.png$/, { selector: "strong" }).closest("p")).toHaveTextContent("image/png");
  });

  it("finds entries by words and filters, and deletes only on purpose, leaving a note", async () => {
    await openLog();
    await write({ "What I saw or heard": "A stranger asked where she lives", "App, game or website": "Roblox" });
    await screen.findByText("Saved. You can add screenshots or corrections below.");
    await fireEvent.click(screen.getByRole("button", { name: "Back to the log" }));
    await write({ "What I saw or heard": "Mean messages in the group", "What kind of worry": "bullying" });
    await screen.findByText("Saved. You can add screenshots or corrections below.");
    await fireEvent.click(screen.getByRole("button", { name: "Back to the log" }));
    expect(await screen.findByText("2 entries.")).toBeInTheDocument();
    await fireEvent.input(screen.getByLabelText("Words"), { target: { value: "strang" } });
    expect(await screen.findByText("1 entry.")).toBeInTheDocument();
    expect(screen.getByText("A stranger asked where she lives")).toBeInTheDocument();
    await fireEvent.input(screen.getByLabelText("Words"), { target: { value: "" } });
    await fireEvent.change(screen.getByLabelText("Kind of worry"), { target: { value: "bullying" } });
    expect(await screen.findByText("1 entry.")).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: /^Open the entry/ }));
    await fireEvent.click(await screen.findByRole("button", { name: "Delete this entry…" }));
    await fireEvent.input(screen.getByLabelText(/Why are you deleting it/), { target: { value: "Wrong child" } });
    await fireEvent.click(screen.getByRole("button", { name: "Yes, delete this entry" }));
    expect(await screen.findByRole("heading", { name: "Deleted entries" })).toBeInTheDocument();
    expect(screen.getByText(/Reason given: Wrong child/)).toBeInTheDocument();
  });

  it("gets ready for 101 from chosen entries and adds the reference afterwards", async () => {
    await openLog();
    await write({ "What I saw or heard": "Threatened to share a picture", "What kind of worry": "sextortion", "App, game or website": "Snapchat" });
    await screen.findByText("Saved. You can add screenshots or corrections below.");
    await fireEvent.click(screen.getByRole("button", { name: "Back to the log" }));
    await fireEvent.click(await screen.findByLabelText(/Choose the entry from/));
    const chosen = screen.getByRole("region", { name: "Chosen entries" });
    expect(within(chosen).getByText("1 entry chosen.")).toBeInTheDocument();
    await fireEvent.click(within(chosen).getByRole("button", { name: "Get ready to call 101" }));
    expect(await screen.findByRole("heading", { name: "4. Where online" })).toBeInTheDocument();
    expect(screen.getByText("Snapchat")).toBeInTheDocument();
    // Rust writes the facts in the order police ask for them.
    expect(screen.getByText("Sextortion or blackmail: Threatened to share a picture")).toBeInTheDocument();
    expect(screen.getByText("One or more entries are about money or blackmail. Say how much, how it was paid, and when.")).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Save the sheet as a PDF to print" }));
    expect(await screen.findByText(/Saved Harbour \d{4}-\d{2}-\d{2}\.pdf/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Add to the entry" }));
    expect(await screen.findByText("Please write the reference number or the officer's name.")).toBeInTheDocument();
    await fireEvent.input(screen.getByLabelText("Reference number"), { target: { value: "CAD 1234" } });
    await fireEvent.click(screen.getByRole("button", { name: "Add to the entry" }));
    expect(await screen.findByText("Added the reference number to the entry as a correction.")).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: /^Open the entry/ }));
    expect(await screen.findByText(/Reference number: CAD 1234\./)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Make a chronology" }));
    await fireEvent.click(await screen.findByRole("button", { name: "Save as plain text" }));
    await waitFor(() => expect(screen.getByText(/^Saved Harbour \d{4}-\d{2}-\d{2}\.txt\.$/)).toBeInTheDocument());
  });
  it("hands chosen entries over, locked for one person, and says so on each entry", async () => {
    await openLog();
    await write({ "What I saw or heard": "Asked for photos and said to keep it secret" });
    await screen.findByText("Saved. You can add screenshots or corrections below.");
    await fireEvent.click(screen.getByRole("button", { name: "Back to the log" }));
    await fireEvent.click(await screen.findByLabelText(/Choose the entry from/));
    const chosen = screen.getByRole("region", { name: "Chosen entries" });
    await fireEvent.click(within(chosen).getByRole("button", { name: "Make a chronology" }));
    await screen.findByRole("heading", { name: "Hand over, locked for one reader" });
    // No agency pack: the carer names the person and pastes their key.
    expect(screen.queryByRole("group", { name: "Who is it for?" })).toBeNull();
    await fireEvent.input(screen.getByLabelText("Who it is for"), { target: { value: "Sam Jones" } });
    await fireEvent.input(screen.getByLabelText("Their public key"), { target: { value: "AGE-SECRET-KEY-1 pasted by mistake" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save the hand-over" }));
    expect(await screen.findByText(/It should start with age1/)).toBeInTheDocument();
    await fireEvent.input(screen.getByLabelText("Their public key"), {
      target: { value: " age1kxp3qwhlqqc9yqvzv2ht56aaztqmgtdtptexsspt7wmwm7pw5ylskg5qpv\n" },
    });
    await fireEvent.click(screen.getByRole("button", { name: "Save the hand-over" }));
    expect(await screen.findByText(/^Saved Harbour \d{4}-\d{2}-\d{2}\.harbour-handover\. Only Sam Jones can open it\./)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Back" }));
    await fireEvent.click(await screen.findByRole("button", { name: /^Open the entry/ }));
    expect(await screen.findByText(/^Handed over to Sam Jones on /)).toBeInTheDocument();
  });

  it("adds a child's own words beside an entry about them, never changing it", async () => {
    await api.vaultCreate("kettle harbour seven lanterns");
    const kai = await api.childAdd({ name: "Kai", birth_month: null, birth_year: null, age_band: "11-13", devices: "", looked_after: true });
    location.hash = "#/log";
    render(App);
    await screen.findByRole("heading", { level: 1, name: "Concern log" });
    await fireEvent.click(screen.getByRole("button", { name: "Write down a worry" }));
    await screen.findByRole("option", { name: "Kai" });
    await fireEvent.change(screen.getByLabelText("Which child"), { target: { value: String(kai.id) } });
    await fireEvent.input(screen.getByLabelText("What I saw or heard"), { target: { value: "Someone asked where Kai goes to school." } });
    await fireEvent.click(screen.getByRole("button", { name: "Save this entry" }));
    await screen.findByText("Saved. You can add screenshots or corrections below.");
    await screen.findByRole("heading", { name: "In Kai's own words" });
    await fireEvent.click(screen.getByRole("button", { name: "Add Kai's words" }));
    expect(await screen.findByText("Please write down what the child wants to say.")).toHaveAttribute("role", "alert");
    await fireEvent.input(screen.getByLabelText("What Kai wants to say"), { target: { value: "Я не відповідав. I only said hi." } });
    await fireEvent.input(screen.getByLabelText("If you wrote it down for them, your name"), { target: { value: "Jo" } });
    await fireEvent.click(screen.getByRole("button", { name: "Add Kai's words" }));
    expect(await screen.findByText("Я не відповідав. I only said hi.")).toBeInTheDocument();
    expect(screen.getByText(/, written down for Kai by Jo$/)).toBeInTheDocument();
    expect(screen.getByText("Someone asked where Kai goes to school.")).toBeInTheDocument();
  });

  it("chooses every entry for one child, not only the page on screen", async () => {
    await api.vaultCreate("kettle harbour seven lanterns");
    const [kai, robin] = [
      await api.childAdd({ name: "Kai", birth_month: null, birth_year: null, age_band: "11-13", devices: "", looked_after: true }),
      await api.childAdd({ name: "Robin", birth_month: null, birth_year: null, age_band: "8-10", devices: "", looked_after: false }),
    ];
    const blank = { happened_rough: "", category: "", platform: "", account: "", display_name: "", profile_link: "", told: "", view: "", evidence: "", reported: "", actions: "", writer: "" };
    for (let n = 0; n < 55; n++) await api.logAdd({ ...blank, child_id: kai.id, happened_at: "2026-11-01", facts: `Message ${n}` });
    for (let n = 0; n < 3; n++) await api.logAdd({ ...blank, child_id: robin.id, happened_at: "2026-11-02", facts: `Other ${n}` });
    location.hash = "#/log";
    render(App);
    await screen.findByText("Showing 50 of 58 entries.");
    await fireEvent.change(screen.getByLabelText("Child"), { target: { value: String(kai.id) } });
    await screen.findByText("Showing 50 of 55 entries.");
    await fireEvent.click(screen.getByRole("button", { name: "Choose all 55 matching entries" }));
    expect(await screen.findByText("55 entries chosen.")).toBeInTheDocument();
  });
});
