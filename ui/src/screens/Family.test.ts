import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import App from "../App.svelte";
import { api } from "../lib/api";

const KEY = "age1kxp3qwhlqqc9yqvzv2ht56aaztqmgtdtptexsspt7wmwm7pw5ylskg5qpv";

async function familyWith(lookedAfter: boolean) {
  await api.vaultCreate("kettle harbour seven lanterns");
  const kai = await api.childAdd({ name: "Kai Nowak", birth_month: null, birth_year: null, age_band: "11-13", devices: "", looked_after: lookedAfter });
  const entry = await api.logAdd({
    ...{ happened_at: "2026-11-20", happened_rough: "", category: "", platform: "", account: "", display_name: "", profile_link: "" },
    ...{ facts: "A message from an unknown adult.", told: "", view: "", evidence: "", reported: "", actions: "", writer: "Jo", child_id: kai.id },
  });
  location.hash = "#/family";
  render(App);
  await screen.findByRole("heading", { level: 3, name: "Kai Nowak" });
  return { kai, entry };
}

describe("the end of a placement", () => {
  it("is offered only for a looked-after child", async () => {
    await familyWith(false);
    expect(screen.queryByRole("button", { name: "Kai Nowak's placement is ending" })).toBeNull();
  });

  it("hands over what is left, then removes the child's records only when their name is typed, leaving a dated note", async () => {
    const { entry } = await familyWith(true);
    await fireEvent.click(screen.getByRole("button", { name: "Kai Nowak's placement is ending" }));
    const panel = await screen.findByRole("region", { name: "Kai Nowak's placement is ending" });
    await within(panel).findByText(/Harbour holds for Kai Nowak: 1 concern log entry with 0 kept files/);
    within(panel).getByText("1 entry has not been handed over yet.");
    // No pack: the carer chooses, and removing waits until everything is handed over.
    within(panel).getByText("Once Kai Nowak's records are all handed over, you can choose to remove them from this computer, or keep them.");
    expect(within(panel).queryByLabelText("To confirm, type Kai Nowak")).toBeNull();

    await fireEvent.input(within(panel).getByLabelText("Who it is for"), { target: { value: "Sam Jones" } });
    await fireEvent.input(within(panel).getByLabelText("Their public key"), { target: { value: KEY } });
    await fireEvent.click(within(panel).getByRole("button", { name: "Save the hand-over" }));
    await within(panel).findByText("Every entry about Kai Nowak has been handed over.");
    // Where the file went stays on screen: the carer still has to send it.
    within(panel).getByText(/^Saved Harbour \d{4}-\d{2}-\d{2}\.harbour-handover\. Only Sam Jones can open it\./);

    await fireEvent.input(within(panel).getByLabelText("To confirm, type Kai Nowak"), { target: { value: "Kai" } });
    await fireEvent.click(within(panel).getByRole("button", { name: "Remove Kai Nowak's records" }));
    expect(await within(panel).findByText("The name typed does not match “Kai Nowak”. Nothing was removed.")).toBeInTheDocument();
    expect((await api.logEntry(entry.id)).id).toBe(entry.id);

    await fireEvent.input(within(panel).getByLabelText("To confirm, type Kai Nowak"), { target: { value: "Kai Nowak" } });
    await fireEvent.click(within(panel).getByRole("button", { name: "Remove Kai Nowak's records" }));
    const note = await screen.findByRole("heading", { name: "Placements that have ended" });
    expect(note.nextElementSibling).toHaveTextContent(/^The placement ended on .*\. 1 concern log entry and 0 kept files were handed over to Sam Jones\. Then Kai Nowak's records were removed from this computer\.$/);
    expect(screen.queryByRole("heading", { level: 3, name: "Kai Nowak" })).toBeNull();
    await expect(api.logEntry(entry.id)).rejects.toBeTruthy();
    expect((await api.logTimeline({ child_id: null, category: "", platform: "", from: "", to: "", text: "" }, 0)).total).toBe(0);
  });
});
