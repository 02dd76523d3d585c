import { describe, expect, it } from "@effect/vitest";
import * as fc from "fast-check";
import * as AgeGroup from "../src/AgeGroup.js";
import * as AnnualMonitor from "../src/AnnualMonitor.js";
import * as CountedYear from "../src/CountedYear.js";
import * as Counting from "../src/Counting.js";
import type * as Country from "../src/Country.js";
import * as EurostatCrimThb from "../src/EurostatCrimThb.js";
import * as HtcdsExport from "../src/HtcdsExport.js";
import type { Nationality } from "../src/Nationality.js";
import * as PoliceRegion from "../src/PoliceRegion.js";
import * as Release from "../src/Release.js";
import type { CountTable } from "../src/StatTable.js";
import * as Registrations from "./support/registrations.js";

describe("CountedYear.ageClassOf", () => {
  it("puts together only ages that every report counts alike", () => {
    for (let age = 0; age <= 120; age++) {
      const representative = CountedYear.ageClassOf(age);
      expect(representative).toBeLessThanOrEqual(age);
      expect(CountedYear.ageClassOf(representative)).toBe(representative);
      expect([
        AgeGroup.ageGroupOf(representative),
        EurostatCrimThb.eurostatAgeOf(representative),
        HtcdsExport.htcdsAgeBroadOf(representative),
      ]).toEqual([AgeGroup.ageGroupOf(age), EurostatCrimThb.eurostatAgeOf(age), HtcdsExport.htcdsAgeBroadOf(age)]);
    }
  });

  it("keeps apart the ages some report tells apart", () => {
    expect(CountedYear.ageClassBounds.map((bound) => CountedYear.ageClassOf(bound))).toEqual([
      ...CountedYear.ageClassBounds,
    ]);
    expect([17, 18, 20, 21, 22, 23, 24].map(CountedYear.ageClassOf)).toEqual([9, 18, 18, 21, 21, 23, 24]);
  });
});

const arbitraryRegistration = Registrations.arbitrary({
  personId: fc.constantFrom("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"),
  organisationId: fc.constantFrom("o1", "o2", "o3"),
  reportedOn: Registrations.arbitraryDate("2025-01-01", 2 * 365),
  birthYear: fc.integer({ min: 1960, max: 2026 }),
  nationalities: fc.array(fc.constantFrom<Nationality>("NL", "RO", "PL", "NG", "UA", "stateless", "unknown"), {
    maxLength: 3,
  }),
  policeRegion: fc.constantFrom(...PoliceRegion.codeList.codes),
  country: fc.constantFrom<Country.CountryCode>("NL", "BE", "NG"),
}).chain((registration) =>
  fc
    .option(fc.constantFrom(...PoliceRegion.codeList.codes), { nil: undefined })
    .map((organisationRegion) =>
      organisationRegion === undefined ? registration : { ...registration, organisationRegion },
    ),
);

const arbitraryRegistrations = Registrations.arbitraryUnique(arbitraryRegistration, 40);

/** Shares (as text) with how many units have each: what the check of releases together sees of a release. */
const sharesOf = (units: Release.ReleaseUnits): ReadonlyMap<string, number> => {
  const counts = new Map<string, number>();
  for (const [key, share] of units.units) {
    const text = JSON.stringify(share);
    counts.set(text, (counts.get(text) ?? 0) + (units.multiplicities?.get(key) ?? 1));
  }
  return counts;
};

describe("CountedYear: invariants", () => {
  it("groups every person counted, and every report, once in each list", () => {
    fc.assert(
      fc.property(arbitraryRegistrations, fc.constantFrom(2025, 2026), (registrations, year) => {
        const counted = CountedYear.countedYearOf(registrations, year, { records: true });
        const persons = Counting.countPersons(registrations, year);
        const sum = (groups: ReadonlyArray<{ readonly count: number }>) =>
          groups.reduce((total, group) => total + group.count, 0);
        for (const list of [
          counted.byFormsAndSex,
          counted.byAgeNationalitiesAndSex,
          counted.byFirstOrganisationKind,
          counted.byPoliceRegion,
          counted.records ?? [],
        ]) {
          expect(sum(list)).toBe(persons.length);
        }
        expect(sum(counted.labourBySectors)).toBe(persons.filter((person) => person.forms.includes("labour")).length);
        expect(sum(counted.reports)).toBe(
          registrations.filter((registration) => Counting.isCountedIn(registration, year)).length,
        );
        for (const kind of ["police", "kmar"] as const) {
          expect(CountedYear.reportsPerOrganisationKind(counted)[kind]).toBe(
            Counting.countReports(registrations, year)[kind],
          );
        }
      }),
    );
  });

  it("takes a release apart into classes that a check of releases together sees as it sees the persons", () => {
    fc.assert(
      fc.property(arbitraryRegistrations, (registrations) => {
        const year = 2026;
        const tables = AnnualMonitor.annualMonitorTables({ year, registrations });
        const topNationalities = AnnualMonitor.annualMonitorTopNationalities(tables);
        const byPerson = new Map<string, Array<Counting.CountableRegistration>>();
        for (const registration of registrations) {
          const key = Release.personYearUnit(Number(registration.reportedOn.slice(0, 4)), registration.personId);
          byPerson.set(key, [...(byPerson.get(key) ?? []), registration]);
        }
        const perPerson = Release.unitsOf(tables, byPerson, (group) =>
          AnnualMonitor.annualMonitorTables({ year, registrations: group, topNationalities }),
        );
        const classes = [year - 1, year].flatMap((of) => CountedYear.personYearClassesOf(registrations, of));
        const one = (personYear: CountedYear.PersonYearClass, of: number) =>
          CountedYear.countedYearOfClasses(of, [{ ...personYear, count: 1 }]);
        const perClass = Release.unitsOf(
          tables,
          new Map(classes.map((personYear) => [CountedYear.classUnit(personYear), personYear])),
          (personYear): ReadonlyArray<CountTable> =>
            AnnualMonitor.annualMonitorTablesOf({
              year,
              counts: [one(personYear, year - 1), one(personYear, year)],
              topNationalities,
            }),
          (personYear) => personYear.count,
        );
        expect(perClass.constants).toEqual(perPerson.constants);
        expect(sharesOf(perClass)).toEqual(sharesOf(perPerson));
      }),
      { numRuns: 60 },
    );
  });
});
