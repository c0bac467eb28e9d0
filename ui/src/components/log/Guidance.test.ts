import { render, screen, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Guidance from "./Guidance.svelte";
import { api } from "../../lib/api";

describe("What to do next", () => {
  it("states the law on images for the family's nation, with its sources", async () => {
    await api.nationSet("scotland");
    render(Guidance, { guidance: await api.logGuidance(), category: "sextortion", region: null, open: () => {} });
    const law = await screen.findByText("The law in Scotland");
    const details = law.closest("details")!;
    expect(within(details).getAllByRole("link").some((a) => a.textContent?.includes("Civic Government (Scotland) Act 1982"))).toBe(true);
    expect(within(details).queryByText(/Protection of Children Act 1978/)).toBeNull();
  });

  it("says which nation each law is for when the family is not sure", async () => {
    await api.nationSet(null);
    render(Guidance, { guidance: await api.logGuidance(), category: "nude-images", region: null, open: () => {} });
    const details = (await screen.findByText("The law across the UK")).closest("details")!;
    expect(within(details).getAllByText(/, Northern Ireland/).length).toBeGreaterThan(0);
    expect(within(details).getAllByText(/, Scotland/).length).toBeGreaterThan(0);
  });

  it("does not bring the law into advice that is not about images", async () => {
    render(Guidance, { guidance: await api.logGuidance(), category: "bullying", region: null, open: () => {} });
    await screen.findByText("What to do next");
    expect(screen.queryByText(/The law (in|across)/)).toBeNull();
  });
});
