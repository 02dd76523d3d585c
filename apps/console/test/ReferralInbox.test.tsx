import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import axe from "axe-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/App.js";
import type { ConsoleApi } from "../src/api.js";
import { createConsoleQueryClient } from "../src/queryClient.js";
import { coordinator, fakeApi } from "./support/fakeApi.js";
import { fakeReferralsApi } from "./support/fakeReferrals.js";

const careOrganisationId = "0193c111-0000-7000-8000-0000c1110020";
const careUser = { ...coordinator, role: "care" as const, name: "Zoë Zorg", organisationId: careOrganisationId };

/** The console as a care user sees it, with referrals made to their organisation (one shared, one not). */
const renderAsCare = async (
  overrides: (referrals: ReturnType<typeof fakeReferralsApi>) => Partial<ConsoleApi> = () => ({}),
) => {
  const referrals = fakeReferralsApi();
  const base = { personId: "0193c000-0000-7000-8000-0000000000dd", toOrganisationId: careOrganisationId };
  await referrals.createReferral({ ...base, service: "legal_aid", shareIdentifiers: false }, "k1");
  await referrals.createReferral(
    {
      ...base,
      service: "care_coordination",
      shareIdentifiers: true,
      sharingBasis: "consent",
      consentGivenOn: "2026-12-01",
    },
    "k2",
  );
  const api = fakeApi({ session: async () => careUser, ...referrals, ...overrides(referrals) });
  render(() => <App api={api} queryClient={createConsoleQueryClient()} initialLang="nl" />);
  return api;
};

beforeEach(() => {
  window.history.replaceState(null, "", "/");
  localStorage.clear();
});
afterEach(cleanup);

describe("a care organisation's referrals in the console", () => {
  it("shows a care user only the referrals page, with what waits for them on the dashboard", async () => {
    await renderAsCare();
    expect(await screen.findByText("Wachten op uw antwoord: 2.", { exact: false })).toBeTruthy();
    const menu = screen.getByRole("navigation", { name: "Hoofdmenu" });
    expect(
      within(menu)
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual(["Overzicht", "Doorverwijzingen"]);
    // A page with personal data stays closed, even by its address.
    window.history.pushState(null, "", "/registrations");
    window.dispatchEvent(new PopStateEvent("popstate"));
    expect(await screen.findByText("Uw rol geeft geen toegang tot deze pagina.")).toBeTruthy();
  });

  it("opens a shared referral with the person's identifiers, accepts it and reports how it ended", async () => {
    const answerReferral = vi.fn<ConsoleApi["answerReferral"]>();
    await renderAsCare((referrals) => {
      answerReferral.mockImplementation(referrals.answerReferral);
      return { answerReferral };
    });
    window.history.pushState(null, "", "/referrals");
    window.dispatchEvent(new PopStateEvent("popstate"));
    const list = await screen.findByRole("list", { name: "Doorverwijzingen" });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((item) => item.querySelector("strong")?.textContent?.split(" · ")[0])).toEqual([
      "Zorgcoördinatie",
      "Juridische hulp",
    ]);
    const shared = within(items[0] as HTMLElement);
    fireEvent.click(shared.getByRole("button", { name: "Bekijken" }));
    expect(await shared.findByText("Voorbeeld-Zorg")).toBeTruthy();
    expect(shared.getByText("Ada")).toBeTruthy();
    const results = await axe.run(document.body, { runOnly: ["wcag2a", "wcag2aa"] });
    expect(results.violations.map((violation) => violation.id)).toEqual([]);

    fireEvent.click(shared.getByRole("button", { name: "Accepteren" }));
    expect(
      await shared.findByText("U heeft de doorverwijzing geaccepteerd. Meld later hoe de hulp afliep."),
    ).toBeTruthy();
    expect(answerReferral).toHaveBeenCalledTimes(1);
    expect(answerReferral.mock.calls[0]?.[1]).toEqual({ decision: "accept" });
    // Still open after the refetch: now it asks how the support ended.
    fireEvent.change(await shared.findByLabelText("Hoe liep de hulp af?"), { target: { value: "referred_onwards" } });
    fireEvent.click(shared.getByRole("button", { name: "Afloop melden" }));
    expect(await shared.findByText("De afloop is gemeld; de doorverwijzing is afgerond.")).toBeTruthy();
    expect(await shared.findByText(/Afgerond/)).toBeTruthy();
    expect(shared.getByText(/Verder doorverwezen/)).toBeTruthy();
  });

  it("shows no identifiers of a referral that does not share them, and declines it with a reason", async () => {
    await renderAsCare();
    window.history.pushState(null, "", "/referrals");
    window.dispatchEvent(new PopStateEvent("popstate"));
    const list = await screen.findByRole("list", { name: "Doorverwijzingen" });
    const unshared = within(within(list).getAllByRole("listitem")[1] as HTMLElement);
    fireEvent.click(unshared.getByRole("button", { name: "Bekijken" }));
    expect(await unshared.findByText(/CoMensha deelt geen identificerende gegevens/)).toBeTruthy();
    expect(unshared.queryByText("Voorbeeld-Zorg")).toBeNull();
    fireEvent.change(unshared.getByLabelText("Reden om af te wijzen"), { target: { value: "outside_region" } });
    fireEvent.click(unshared.getByRole("button", { name: "Afwijzen" }));
    expect(await unshared.findByText("U heeft de doorverwijzing afgewezen.")).toBeTruthy();
    expect(await unshared.findByText(/Buiten ons werkgebied/)).toBeTruthy();
  });
});
