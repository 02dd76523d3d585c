import { cleanup, fireEvent } from "@solidjs/testing-library";
import axe from "axe-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ReportingOrganisation } from "../src/api/registrationForms.js";
import type { ConsoleApi } from "../src/api.js";
import { comenshaOrganisation, policeOrganisation, suspendedOrganisation } from "./support/fakeRegistrationForms.js";
import { cardTitled, renderRegistrationDetail, withPerson as withPersonOf } from "./support/registrationDetail.js";

const personId = "0193c000-0000-7000-8000-0000000000dd";

/** A care coordination organisation that receives referrals (synthetic). */
const careNorth: ReportingOrganisation = {
  ...policeOrganisation,
  id: "0193c111-0000-7000-8000-0000c1110020",
  name: "Zorgcoördinatie Noord",
  kind: "care_coordination",
  isComensha: false,
};

const withPerson = (overrides: Partial<ConsoleApi> = {}) =>
  withPersonOf(personId, {
    listReportingOrganisations: async () => ({
      data: [comenshaOrganisation, policeOrganisation, suspendedOrganisation, careNorth],
      nextCursor: null,
    }),
    ...overrides,
  });

const card = () => cardTitled(/Doorverwijzingen|Referrals/);

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe("a person's referrals on a registration's page", () => {
  it("offers only organisations that receive referrals, refers with consent, and withdraws", async () => {
    const api = withPerson();
    const createReferral = vi.fn(api.createReferral);
    renderRegistrationDetail({ ...api, createReferral });
    const section = await card();
    expect(await section.findByText("De persoon is nog niet doorverwezen.")).toBeTruthy();
    const to = section.getByLabelText("Doorverwijzen naar") as HTMLSelectElement;
    await section.findByRole("option", { name: "Zorgcoördinatie Noord" });
    // Not the police, not CoMensha itself, not a suspended organisation.
    expect([...to.options].map((option) => option.textContent)).toEqual([
      "Kies een organisatie",
      "Zorgcoördinatie Noord",
    ]);

    fireEvent.click(section.getByRole("button", { name: "Doorverwijzen" }));
    expect(await section.findByText("Kies de organisatie waarnaar u doorverwijst.")).toBeTruthy();
    expect(createReferral).not.toHaveBeenCalled();

    fireEvent.change(to, { target: { value: careNorth.id } });
    fireEvent.click(section.getByLabelText(/Identificerende gegevens/));
    fireEvent.input(section.getByLabelText("Toestemming gegeven op"), { target: { value: "2026-12-01" } });
    fireEvent.click(section.getByRole("button", { name: "Doorverwijzen" }));
    expect(await section.findByText("De doorverwijzing is verstuurd.")).toBeTruthy();
    expect(createReferral).toHaveBeenCalledWith(
      {
        personId,
        toOrganisationId: careNorth.id,
        service: "care_coordination",
        shareIdentifiers: true,
        sharingBasis: "consent",
        consentGivenOn: "2026-12-01",
      },
      expect.any(String),
    );
    expect(await section.findByText("Wacht op antwoord")).toBeTruthy();
    expect(section.getByText(/Gegevens gedeeld \(Toestemming van de persoon\)/)).toBeTruthy();

    fireEvent.click(section.getByRole("button", { name: "Intrekken" }));
    expect(await section.findByText("Ingetrokken")).toBeTruthy();
    expect(section.queryByRole("button", { name: "Intrekken" })).toBeNull();
  });

  it("refers without identifiers unless asked, in English too", async () => {
    const api = withPerson();
    const createReferral = vi.fn(api.createReferral);
    renderRegistrationDetail({ ...api, createReferral }, "en");
    const section = await card();
    await section.findByRole("option", { name: "Zorgcoördinatie Noord" });
    fireEvent.change(section.getByLabelText("Refer to"), { target: { value: careNorth.id } });
    fireEvent.change(section.getByLabelText("Service"), { target: { value: "legal_aid" } });
    fireEvent.click(section.getByRole("button", { name: "Refer" }));
    expect(await section.findByText("Without identifying data", { exact: false })).toBeTruthy();
    expect(createReferral.mock.calls[0]?.[0]).toEqual({
      personId,
      toOrganisationId: careNorth.id,
      service: "legal_aid",
      shareIdentifiers: false,
    });
  });

  it("has no accessibility violations", async () => {
    const { container } = renderRegistrationDetail(withPerson());
    const section = await card();
    await section.findByText("De persoon is nog niet doorverwezen.");
    fireEvent.click(section.getByLabelText(/Identificerende gegevens/));
    const results = await axe.run(container.querySelector("#referrals-title")?.closest("section") as Element);
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });
});
