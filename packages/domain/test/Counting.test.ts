import { describe, expect, it } from "@effect/vitest";
import { Effect, Schema } from "effect";
import * as fc from "fast-check";
import * as Counting from "../src/Counting.js";
import type * as Country from "../src/Country.js";
import * as ExploitationForm from "../src/ExploitationForm.js";
import * as IsoDate from "../src/IsoDate.js";
import type { Nationality } from "../src/Nationality.js";
import * as OrganisationKind from "../src/OrganisationKind.js";
import * as PoliceRegion from "../src/PoliceRegion.js";
import * as Registrations from "./support/registrations.js";

type Registration = Counting.CountableRegistration;

const d = IsoDate.make;

const makeRegistration = Registrations.maker({ idPrefix: "0190", idDigits: 4, organisationId: "org-police-amsterdam" });
const registration = (
  fields: Registrations.Fields & Pick<Registration, "personId"> & { readonly reportedOn: string },
): Registration => makeRegistration(fields.personId, fields);

const totalOf = (counts: Counting.ReportsPerOrganisationKind): number =>
  Object.values(counts).reduce((sum, count) => sum + count, 0);

describe("Counting.countPersons: one person, several reports", () => {
  const anna = [
    registration({
      registrationId: "r-police",
      personId: "anna",
      organisationId: "org-police",
      organisationKind: "police",
      reportedOn: "2026-03-10",
      forms: ["labour"],
      dateOfBirth: d("2008-02-20"),
      policeRegion: "rotterdam",
      country: "NL",
    }),
    registration({
      registrationId: "r-ngo",
      personId: "anna",
      organisationId: "org-fairwork",
      organisationKind: "fairwork",
      reportedOn: "2026-02-01",
      forms: ["sexual"],
      dateOfBirth: d("2008-02-20"),
      policeRegion: "amsterdam",
      country: "NL",
    }),
    registration({
      registrationId: "r-kmar",
      personId: "anna",
      organisationId: "org-kmar",
      organisationKind: "kmar",
      reportedOn: "2026-05-01",
      forms: ["criminal", "sexual"],
      dateOfBirth: d("2008-02-20"),
    }),
  ];

  it("counts a person reported by three organisations in one year once", () => {
    expect(Counting.countPersons(anna, 2026)).toHaveLength(1);
  });

  it("gives that person the union of the forms reported in the year, in code-list order", () => {
    expect(Counting.countPersons(anna, 2026)[0]?.forms).toEqual(["sexual", "labour", "criminal"]);
  });

  it("gives the sectors of the reports of labour exploitation, unknown for one without, none without labour", () => {
    const reports = [
      registration({ personId: "p", reportedOn: "2026-01-01", forms: ["labour"], sector: "hospitality" }),
      registration({ personId: "p", reportedOn: "2026-02-01", forms: ["labour", "sexual"], sector: "agriculture" }),
      registration({ personId: "p", reportedOn: "2026-03-01", forms: ["labour"] }),
      registration({ personId: "q", reportedOn: "2026-03-01", forms: ["sexual"] }),
    ];
    expect(Counting.countPersons(reports, 2026).map((person) => person.sectors)).toEqual([
      ["agriculture", "hospitality", "unknown"],
      [],
    ]);
  });

  it("lists the forms in code-list order, not in the order they were reported", () => {
    const reports = [
      registration({ personId: "p", reportedOn: "2026-01-01", forms: ["unknown", "criminal"] }),
      registration({ personId: "p", reportedOn: "2026-02-01", forms: ["labour", "sexual", "criminal"] }),
    ];
    expect(Counting.countPersons(reports, 2026)[0]?.forms).toEqual(["sexual", "labour", "criminal", "unknown"]);
  });

  it("takes the first organisation, the age, the police region and the country from the first report", () => {
    expect(Counting.countPersons(anna, 2026)).toEqual([
      {
        personId: "anna",
        year: 2026,
        firstRegistrationId: "r-ngo",
        firstReportedOn: "2026-02-01",
        firstOrganisationId: "org-fairwork",
        firstOrganisationKind: "fairwork",
        age: 17,
        ageGroup: "minor",
        sex: "female",
        nationalities: ["NG"],
        nationalityGroup: "non_eu",
        forms: ["sexual", "labour", "criminal"],
        sectors: ["unknown"],
        policeRegion: "amsterdam",
        country: "NL",
        reportCount: 3,
      },
    ]);
  });

  it("counts the reports per organisation kind, so reports outnumber persons", () => {
    const reports = Counting.countReports(anna, 2026);
    expect(reports.police).toBe(1);
    expect(reports.fairwork).toBe(1);
    expect(reports.kmar).toBe(1);
    expect(totalOf(reports)).toBe(3);
    expect(totalOf(reports)).toBeGreaterThan(Counting.countPersons(anna, 2026).length);
  });

  it("reports every organisation kind, with zero where nothing was reported, in code-list order", () => {
    const reports = Counting.countReports(anna, 2026);
    expect(Object.keys(reports)).toEqual([...OrganisationKind.codeList.codes]);
    expect(reports.ngo).toBe(0);
    expect(reports.other).toBe(0);
    expect(Counting.countReports([], 2026)).toEqual(
      Object.fromEntries(OrganisationKind.codeList.codes.map((kind) => [kind, 0])),
    );
  });

  it("breaks a tie on the report date by the lowest registration id", () => {
    const sameDay = [
      registration({ registrationId: "0195b", personId: "p", reportedOn: "2026-06-01", organisationId: "second" }),
      registration({ registrationId: "0195a", personId: "p", reportedOn: "2026-06-01", organisationId: "first" }),
      registration({ registrationId: "0194z", personId: "p", reportedOn: "2026-06-02", organisationId: "later" }),
    ];
    const [person] = Counting.countPersons(sameDay, 2026);
    expect(person?.firstRegistrationId).toBe("0195a");
    expect(person?.firstOrganisationId).toBe("first");
  });

  it("takes the police region of the first report even when a later report has one", () => {
    const reports = [
      registration({ personId: "p", reportedOn: "2026-01-05" }),
      registration({ personId: "p", reportedOn: "2026-02-05", policeRegion: "limburg", country: "BE" }),
    ];
    const [person] = Counting.countPersons(reports, 2026);
    expect(person).toBeDefined();
    expect(person).not.toHaveProperty("policeRegion");
    expect(person).not.toHaveProperty("country");
  });

  it("computes the age on the first report of the year, even when the person came of age later that year", () => {
    const reports = [
      registration({ personId: "p", reportedOn: "2026-09-01", dateOfBirth: d("2008-06-15") }),
      registration({ personId: "p", reportedOn: "2026-03-01", dateOfBirth: d("2008-06-15") }),
    ];
    const [person] = Counting.countPersons(reports, 2026);
    expect(person?.age).toBe(17);
    expect(person?.ageGroup).toBe("minor");
  });
});

describe("Counting.countPersons: years and statuses", () => {
  it("counts a person reported in two years in both, with each year's own attributes", () => {
    const reports = [
      registration({
        personId: "p",
        reportedOn: "2025-12-31",
        forms: ["labour"],
        organisationId: "a",
        organisationKind: "labour_inspectorate",
        birthYear: 2003,
      }),
      registration({
        personId: "p",
        reportedOn: "2026-01-01",
        forms: ["criminal"],
        organisationId: "b",
        organisationKind: "municipality",
        birthYear: 2003,
      }),
    ];
    const [in2025] = Counting.countPersons(reports, 2025);
    const [in2026] = Counting.countPersons(reports, 2026);
    expect(in2025).toMatchObject({ year: 2025, forms: ["labour"], firstOrganisationId: "a", reportCount: 1, age: 22 });
    expect(in2026).toMatchObject({
      year: 2026,
      forms: ["criminal"],
      firstOrganisationId: "b",
      reportCount: 1,
      age: 22,
    });
    expect(in2025?.ageGroup).toBe("age_18_22");
    expect(Counting.countPersons(reports, 2024)).toEqual([]);
    expect(Counting.countPersons(reports, 2027)).toEqual([]);
  });

  it("does not count withdrawn or rejected registrations, for persons or for reports", () => {
    const reports = [
      registration({ personId: "withdrawn-only", reportedOn: "2026-04-01", status: "withdrawn" }),
      registration({ personId: "rejected-only", reportedOn: "2026-04-01", status: "rejected" }),
      registration({
        personId: "mixed",
        reportedOn: "2026-01-01",
        status: "rejected",
        forms: ["organ_removal"],
        organisationKind: "ngo",
      }),
      registration({ personId: "mixed", reportedOn: "2026-02-01", status: "received", forms: ["labour"] }),
      registration({ personId: "mixed", reportedOn: "2026-03-01", status: "withdrawn", forms: ["criminal"] }),
    ];
    const persons = Counting.countPersons(reports, 2026);
    expect(persons.map((person) => person.personId)).toEqual(["mixed"]);
    expect(persons[0]).toMatchObject({ forms: ["labour"], reportCount: 1, firstReportedOn: "2026-02-01" });
    expect(Counting.countReports(reports, 2026).ngo).toBe(0);
    expect(totalOf(Counting.countReports(reports, 2026))).toBe(1);
  });

  it("counts received and registered registrations alike", () => {
    const reports = [
      registration({ personId: "a", reportedOn: "2026-04-01", status: "received" }),
      registration({ personId: "b", reportedOn: "2026-04-01", status: "registered" }),
    ];
    expect(Counting.countPersons(reports, 2026).map((person) => person.personId)).toEqual(["a", "b"]);
  });

  it("sorts the counted persons by person id", () => {
    const reports = ["p3", "p1", "p2"].map((personId) => registration({ personId, reportedOn: "2026-01-01" }));
    expect(Counting.countPersons(reports, 2026).map((person) => person.personId)).toEqual(["p1", "p2", "p3"]);
  });

  it("is empty for an empty input", () => {
    expect(Counting.countPersons([], 2026)).toEqual([]);
  });
});

describe("Counting.countPersons: attributes reporters disagree on", () => {
  it("takes sex, birth and nationalities from the first report of the year that knows them", () => {
    const reports = [
      registration({ personId: "p", reportedOn: "2026-01-10", sex: "unknown", nationalities: ["unknown"] }),
      registration({
        personId: "p",
        reportedOn: "2026-02-10",
        sex: "male",
        nationalities: [],
        birthYear: 1990,
      }),
      registration({
        personId: "p",
        reportedOn: "2026-03-10",
        sex: "female",
        nationalities: ["RO", "unknown", "RO", "MD"],
        dateOfBirth: d("2010-01-01"),
      }),
      registration({ personId: "p", reportedOn: "2026-04-10", sex: "x", nationalities: ["NL"] }),
    ];
    const [person] = Counting.countPersons(reports, 2026);
    expect(person).toMatchObject({
      sex: "male",
      age: 35,
      ageGroup: "age_23_plus",
      nationalities: ["RO", "MD"],
      nationalityGroup: "other_eu",
      firstReportedOn: "2026-01-10",
    });
  });

  it("falls back to unknown when no report of the year knows sex, birth or nationality", () => {
    const reports = [
      registration({ personId: "p", reportedOn: "2025-06-01", sex: "female", nationalities: ["NL"], birthYear: 2000 }),
      registration({ personId: "p", reportedOn: "2026-06-01", sex: "unknown", nationalities: ["unknown"] }),
      registration({ personId: "p", reportedOn: "2026-07-01", sex: "unknown", nationalities: [] }),
    ];
    const [person] = Counting.countPersons(reports, 2026);
    expect(person).toMatchObject({
      sex: "unknown",
      ageGroup: "unknown",
      nationalities: ["unknown"],
      nationalityGroup: "unknown",
    });
    expect(person).not.toHaveProperty("age");
  });

  it("counts a Dutch person with a second nationality as Dutch and a stateless person as non-EU", () => {
    const reports = [
      registration({ personId: "dual", reportedOn: "2026-01-01", nationalities: ["MA", "NL"] }),
      registration({ personId: "stateless", reportedOn: "2026-01-01", nationalities: ["stateless"] }),
    ];
    expect(Counting.countPersons(reports, 2026).map((person) => person.nationalityGroup)).toEqual(["dutch", "non_eu"]);
  });

  it.effect("produces persons that decode as CountedPerson", () =>
    Effect.gen(function* () {
      const reports = [
        registration({ personId: "a", reportedOn: "2026-01-01", birthYear: 2001, policeRegion: "den_haag" }),
        registration({ personId: "b", reportedOn: "2026-01-01", sex: "unknown" }),
      ];
      const persons = Counting.countPersons(reports, 2026);
      const decoded = yield* Schema.decodeUnknownEffect(Schema.Array(Counting.CountedPerson))(persons);
      expect(decoded).toEqual(persons);
    }),
  );
});

const years = [2024, 2025, 2026] as const;

const arbitraryRegistration = Registrations.arbitrary({
  personId: fc.constantFrom("p1", "p2", "p3", "p4", "p5", "p6"),
  organisationId: fc.constantFrom("o1", "o2", "o3", "o4"),
  reportedOn: Registrations.arbitraryDate("2024-01-01", 3 * 366),
  dateOfBirth: Registrations.arbitraryDate("1940-01-01", 30_000),
  birthYear: fc.integer({ min: 1940, max: 2026 }),
  nationalities: fc.array(fc.constantFrom<Nationality>("NL", "RO", "PL", "NG", "UA", "stateless", "unknown"), {
    maxLength: 3,
  }),
  policeRegion: fc.constantFrom(...PoliceRegion.codeList.codes),
  country: fc.constantFrom<Country.CountryCode>("NL", "BE", "DE", "NG"),
});

const arbitraryRegistrations = Registrations.arbitraryUnique(arbitraryRegistration, 40);

const arbitraryYear = fc.constantFrom(...years);

describe("Counting: invariants", () => {
  it("counts as many persons as there are distinct persons with a counted registration in the year", () => {
    fc.assert(
      fc.property(arbitraryRegistrations, arbitraryYear, (registrations, year) => {
        const expected = new Set(
          registrations
            .filter(
              (r) => IsoDate.yearOf(r.reportedOn) === year && (r.status === "received" || r.status === "registered"),
            )
            .map((r) => r.personId),
        );
        const persons = Counting.countPersons(registrations, year);
        expect(persons.map((person) => person.personId)).toEqual([...expected].sort());
      }),
    );
  });

  it("adds up the persons' report counts to the total of the reports per organisation kind", () => {
    fc.assert(
      fc.property(arbitraryRegistrations, arbitraryYear, (registrations, year) => {
        const persons = Counting.countPersons(registrations, year);
        const reportCounts = persons.reduce((sum, person) => sum + person.reportCount, 0);
        expect(reportCounts).toBe(totalOf(Counting.countReports(registrations, year)));
        expect(reportCounts).toBeGreaterThanOrEqual(persons.length);
        for (const person of persons) expect(person.reportCount).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it("gives the same result whatever the order of the registrations", () => {
    fc.assert(
      fc.property(
        arbitraryRegistrations.chain((registrations) =>
          fc.tuple(
            fc.constant(registrations),
            fc.shuffledSubarray(registrations, { minLength: registrations.length, maxLength: registrations.length }),
          ),
        ),
        arbitraryYear,
        ([registrations, shuffled], year) => {
          expect(Counting.countPersons(shuffled, year)).toEqual(Counting.countPersons(registrations, year));
          expect(Counting.countReports(shuffled, year)).toEqual(Counting.countReports(registrations, year));
        },
      ),
    );
  });

  it("gives each person only forms reported for them in the year, all of them, in code-list order", () => {
    fc.assert(
      fc.property(arbitraryRegistrations, arbitraryYear, (registrations, year) => {
        for (const person of Counting.countPersons(registrations, year)) {
          const reported = new Set(
            registrations
              .filter((r) => r.personId === person.personId && Counting.isCountedIn(r, year))
              .flatMap((r) => r.forms),
          );
          for (const form of person.forms) expect(reported.has(form)).toBe(true);
          expect(person.forms).toHaveLength(reported.size);
          expect(person.forms).toEqual(ExploitationForm.codeList.codes.filter((form) => reported.has(form)));
        }
      }),
    );
  });

  it("names as first organisation the one with the earliest counted report of the year", () => {
    fc.assert(
      fc.property(arbitraryRegistrations, arbitraryYear, (registrations, year) => {
        for (const person of Counting.countPersons(registrations, year)) {
          const own = registrations.filter((r) => r.personId === person.personId && Counting.isCountedIn(r, year));
          const earliest = own.reduce((a, b) => (b.reportedOn < a.reportedOn ? b : a));
          expect(person.firstReportedOn).toBe(earliest.reportedOn);
          expect(IsoDate.yearOf(person.firstReportedOn)).toBe(year);
          const first = own.find((r) => r.registrationId === person.firstRegistrationId);
          expect(first?.organisationId).toBe(person.firstOrganisationId);
          expect(first?.organisationKind).toBe(person.firstOrganisationKind);
        }
      }),
    );
  });

  it("ignores registrations of other years", () => {
    fc.assert(
      fc.property(arbitraryRegistrations, arbitraryYear, (registrations, year) => {
        const inYear = registrations.filter((r) => IsoDate.yearOf(r.reportedOn) === year);
        expect(Counting.countPersons(inYear, year)).toEqual(Counting.countPersons(registrations, year));
      }),
    );
  });
});
