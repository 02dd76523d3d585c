import { Organisation, OrganisationKind, Registration } from "@comensha/domain";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { generateDemoData } from "../src/DemoData.js";

const options = { seed: 42, years: 5, lastYear: 2025 };
const data = generateDemoData(options);
const share = (predicate: (r: (typeof data.registrations)[number]) => boolean) =>
  data.registrations.filter(predicate).length / data.registrations.length;

describe("generateDemoData", () => {
  it("is deterministic for a seed and differs for another seed", () => {
    expect(JSON.stringify(generateDemoData(options))).toBe(JSON.stringify(data));
    expect(JSON.stringify(generateDemoData({ ...options, seed: 43 }))).not.toBe(JSON.stringify(data));
  });

  it("makes about 1,000 new persons a year and organisations of every kind", () => {
    expect(data.persons).toHaveLength(5000);
    for (const year of [2021, 2022, 2023, 2024, 2025]) {
      const reported = new Set(
        data.registrations.filter((r) => r.registration.reportedOn.startsWith(`${year}`)).map((r) => r.personKey),
      );
      expect(reported.size).toBeGreaterThanOrEqual(1000);
      expect(reported.size).toBeLessThan(1100);
    }
    const kinds = new Set(data.organisations.map((o) => o.kind));
    expect([...kinds].sort()).toEqual([...OrganisationKind.codeList.codes].sort());
  });

  it("stays within realistic shares of forms, sexes, nationalities and reporters", () => {
    expect(share((r) => r.registration.exploitation.forms.includes("sexual"))).toBeGreaterThan(0.35);
    expect(share((r) => r.registration.exploitation.forms.includes("sexual"))).toBeLessThan(0.55);
    expect(share((r) => r.registration.exploitation.forms.includes("labour"))).toBeGreaterThan(0.28);
    expect(share((r) => r.registration.person.sex === "female")).toBeGreaterThan(0.5);
    expect(share((r) => r.registration.person.nationalities.includes("NL"))).toBeGreaterThan(0.2);
    expect(share((r) => r.organisationKey.startsWith("org-police"))).toBeGreaterThan(0.28);
  });

  it("reports some persons by several organisations in one year, never in the future", () => {
    const organisationsPerPersonYear = new Map<string, Set<string>>();
    for (const r of data.registrations) {
      const key = `${r.personKey}|${r.registration.reportedOn.slice(0, 4)}`;
      organisationsPerPersonYear.set(key, (organisationsPerPersonYear.get(key) ?? new Set()).add(r.organisationKey));
      expect(r.registration.reportedOn <= "2025-12-31").toBe(true);
    }
    const several = [...organisationsPerPersonYear.values()].filter((orgs) => orgs.size > 1).length;
    expect(several).toBeGreaterThan(200);
  });

  it("produces only valid organisations and registrations with the legal basis rule respected", () => {
    const decodeOrganisation = Schema.decodeUnknownSync(Organisation.NewOrganisation);
    const decodeRegistration = Schema.decodeUnknownSync(Registration.RegistrationInput);
    const kindOf = new Map(data.organisations.map((o) => [o.key, decodeOrganisation(o).kind]));
    for (const r of data.registrations) {
      const report = decodeRegistration(r.registration);
      const kind = kindOf.get(r.organisationKey);
      expect(kind).toBeDefined();
      const violations = Registration.checkRegistrationRules(report, {
        reporterKind: kind as NonNullable<typeof kind>,
        today: "2026-01-01" as Registration.RegistrationInput["reportedOn"],
      });
      expect(violations).toEqual([]);
    }
    expect(new Set(data.registrations.map((r) => r.key)).size).toBe(data.registrations.length);
  });
});
