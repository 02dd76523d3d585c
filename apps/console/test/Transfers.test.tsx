import { cleanup, fireEvent } from "@solidjs/testing-library";
import axe from "axe-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ReportingOrganisation } from "../src/api/registrationForms.js";
import type { ConsoleApi } from "../src/api.js";
import { sampleRegistration } from "./support/fakeApi.js";
import { comenshaOrganisation, policeOrganisation, suspendedOrganisation } from "./support/fakeRegistrationForms.js";
import { cardTitled, renderRegistrationDetail, withPerson as withPersonOf } from "./support/registrationDetail.js";

const personId = "0193c000-0000-7000-8000-0000000000ee";

/** A care coordination organisation that can take a registration over (synthetic). */
const careNorth: ReportingOrganisation = {
  ...policeOrganisation,
  id: "0193c111-0000-7000-8000-0000c1110030",
  name: "Zorgcoördinatie Noord",
  kind: "care_coordination",
  region: null,
};

const withPerson = (overrides: Partial<ConsoleApi> = {}) =>
  withPersonOf(personId, {
    listReportingOrganisations: async () => ({
      data: [comenshaOrganisation, policeOrganisation, suspendedOrganisation, careNorth],
      nextCursor: null,
    }),
    ...overrides,
  });

const card = () => cardTitled(/^(Overdracht|Transfer)$/);

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe("a registration's transfers on its page", () => {
  it("offers only other active partner organisations, transfers with a reason, and lists the history", async () => {
    const api = withPerson();
    const transferRegistration = vi.fn(api.transferRegistration);
    renderRegistrationDetail({ ...api, transferRegistration });
    const section = await card();
    expect(await section.findByText("De melding is nog niet overgedragen.")).toBeTruthy();
    const to = section.getByLabelText("Overdragen aan") as HTMLSelectElement;
    await section.findByRole("option", { name: "Zorgcoördinatie Noord" });
    // Not the owner (the police unit), not CoMensha itself, not a suspended organisation.
    expect([...to.options].map((option) => option.textContent)).toEqual([
      "Kies een organisatie",
      "Zorgcoördinatie Noord",
    ]);

    fireEvent.click(section.getByRole("button", { name: "Overdragen" }));
    expect(await section.findByText("Kies de organisatie waaraan u de melding overdraagt.")).toBeTruthy();
    expect(transferRegistration).not.toHaveBeenCalled();

    fireEvent.change(to, { target: { value: careNorth.id } });
    fireEvent.change(section.getByLabelText("Reden"), { target: { value: "other_region" } });
    fireEvent.click(section.getByRole("button", { name: "Overdragen" }));
    expect(await section.findByText("De melding is overgedragen.")).toBeTruthy();
    expect(transferRegistration).toHaveBeenCalledWith(
      sampleRegistration.id,
      { toOrganisationId: careNorth.id, reason: "other_region" },
      expect.any(String),
    );
    const item = await section.findByText("Van Politie Voorbeeldstad naar Zorgcoördinatie Noord");
    expect(item.closest("li")?.textContent).toContain(": Andere regio is verantwoordelijk");
    expect(item.closest("li")?.textContent).toContain("versie 2");
  });

  it("transfers in English too, with the reason's English label", async () => {
    renderRegistrationDetail(withPerson(), "en");
    const section = await card();
    await section.findByRole("option", { name: "Zorgcoördinatie Noord" });
    fireEvent.change(section.getByLabelText("Transfer to"), { target: { value: careNorth.id } });
    fireEvent.click(section.getByRole("button", { name: "Transfer" }));
    const item = await section.findByText("From Politie Voorbeeldstad to Zorgcoördinatie Noord");
    expect(item.closest("li")?.textContent).toContain(": Care takes over");
  });

  it("shows what the API refuses", async () => {
    const api = withPerson({
      transferRegistration: async () => {
        throw new Error("refused");
      },
    });
    renderRegistrationDetail(api);
    const section = await card();
    await section.findByRole("option", { name: "Zorgcoördinatie Noord" });
    fireEvent.change(section.getByLabelText("Overdragen aan"), { target: { value: careNorth.id } });
    fireEvent.click(section.getByRole("button", { name: "Overdragen" }));
    expect(await section.findByText("Er ging iets mis. Probeer het opnieuw.")).toBeTruthy();
    expect(section.queryByText("De melding is overgedragen.")).toBeNull();
  });

  it("has no accessibility violations", async () => {
    const { container } = renderRegistrationDetail(withPerson());
    const section = await card();
    await section.findByText("De melding is nog niet overgedragen.");
    const results = await axe.run(container.querySelector("#transfers-title")?.closest("section") as Element);
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });
});
