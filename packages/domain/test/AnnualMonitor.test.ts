import { describe, expect, it } from "@effect/vitest";
import { Effect, Schema } from "effect";
import * as fc from "fast-check";
import * as AgeGroup from "../src/AgeGroup.js";
import * as AnnualMonitor from "../src/AnnualMonitor.js";
import * as Counting from "../src/Counting.js";
import type * as Country from "../src/Country.js";
import * as ExploitationForm from "../src/ExploitationForm.js";
import * as IsoDate from "../src/IsoDate.js";
import type { Nationality } from "../src/Nationality.js";
import * as NationalityGroup from "../src/NationalityGroup.js";
import * as OrganisationKind from "../src/OrganisationKind.js";
import * as PoliceRegion from "../src/PoliceRegion.js";
import * as Sex from "../src/Sex.js";
import * as StatTable from "../src/StatTable.js";
import * as Registrations from "./support/registrations.js";

type Registration = Counting.CountableRegistration;
type Form = ExploitationForm.ExploitationForm;
type Kind = OrganisationKind.OrganisationKind;

const year = 2026;
const d = IsoDate.make;
const forms = ExploitationForm.codeList.codes;
const kinds = OrganisationKind.codeList.codes;
const sexes = Sex.codeList.codes;
const regions = PoliceRegion.codeList.codes;

const tableOf = (tables: ReadonlyArray<StatTable.CountTable>, id: string): StatTable.CountTable => {
  const table = tables.find((candidate) => candidate.id === id);
  if (table === undefined) throw new Error(`no table ${id}`);
  return table;
};

const codesOf = (axis: StatTable.Axis): ReadonlyArray<string> => axis.categories.map((category) => category.code);

const column = (table: StatTable.CountTable, index = 0): ReadonlyArray<number | undefined> =>
  table.cells.map((row) => row[index]);

const tally = <K extends string>(codes: ReadonlyArray<K>, keys: ReadonlyArray<K>): ReadonlyArray<number> =>
  codes.map((code) => keys.filter((key) => key === code).length);

/** A nationality set with the nationality group it must be counted in, stated by hand. */
const nationalitySets: ReadonlyArray<{
  readonly nationalities: ReadonlyArray<Nationality>;
  readonly group: NationalityGroup.NationalityGroup;
}> = [
  { nationalities: ["NL"], group: "dutch" },
  { nationalities: ["NG"], group: "non_eu" },
  { nationalities: ["RO"], group: "other_eu" },
  { nationalities: ["UA"], group: "non_eu" },
  { nationalities: ["MA", "NL"], group: "dutch" },
  { nationalities: ["UA", "PL"], group: "other_eu" },
  { nationalities: ["stateless"], group: "non_eu" },
  { nationalities: ["unknown"], group: "unknown" },
  { nationalities: ["BG"], group: "other_eu" },
  { nationalities: ["NG"], group: "non_eu" },
  { nationalities: ["CN"], group: "non_eu" },
  { nationalities: ["VN"], group: "non_eu" },
  { nationalities: ["HU"], group: "other_eu" },
  { nationalities: ["ER"], group: "non_eu" },
  { nationalities: ["SY", "TR"], group: "non_eu" },
  { nationalities: ["IN"], group: "non_eu" },
  { nationalities: ["RO"], group: "other_eu" },
];

/** Ages with their age group; the birth date is set so that the age on any report of the year is exact. */
const ages: ReadonlyArray<{ readonly age: number | undefined; readonly group: AgeGroup.AgeGroup }> = [
  { age: 15, group: "minor" },
  { age: 20, group: "age_18_22" },
  { age: 40, group: "age_23_plus" },
  { age: undefined, group: "unknown" },
  { age: 22, group: "age_18_22" },
  { age: 17, group: "minor" },
  { age: 23, group: "age_23_plus" },
];

const formSets: ReadonlyArray<ReadonlyArray<Form>> = [
  ["sexual"],
  ["labour"],
  ["criminal"],
  ["sexual", "labour"],
  ["forced_begging"],
  ["other"],
  ["unknown"],
  ["organ_removal"],
  ["labour", "criminal"],
  ["forced_marriage"],
];

/** What the test generates for one person, from which every expected count is derived. */
interface PersonSpec {
  readonly personId: string;
  readonly sex: Sex.Sex;
  readonly age: number | undefined;
  readonly ageGroup: AgeGroup.AgeGroup;
  readonly nationalities: ReadonlyArray<Nationality>;
  readonly nationalityGroup: NationalityGroup.NationalityGroup;
  /** Per counted report of the year, earliest first: its organisation kind and forms. */
  readonly reports: ReadonlyArray<{ readonly kind: Kind; readonly forms: ReadonlyArray<Form> }>;
  readonly region: PoliceRegion.PoliceRegion | undefined;
  readonly previousYearForms: ReadonlyArray<Form> | undefined;
  readonly hasWithdrawnReport: boolean;
}

const personCount = 150;

const specs: ReadonlyArray<PersonSpec> = Array.from({ length: personCount }, (_, i) => {
  const ageSpec = ages[i % ages.length] ?? { age: undefined, group: "unknown" };
  const nationalitySpec = nationalitySets[(i * 7) % nationalitySets.length] ?? nationalitySets[0];
  const reportCount = 1 + (i % 3);
  return {
    personId: `person-${String(i).padStart(3, "0")}`,
    sex: sexes[(i >> 1) % sexes.length] ?? "unknown",
    age: ageSpec.age,
    ageGroup: ageSpec.group,
    nationalities: nationalitySpec?.nationalities ?? ["unknown"],
    nationalityGroup: nationalitySpec?.group ?? "unknown",
    reports: Array.from({ length: reportCount }, (_, k) => ({
      kind: kinds[(i + 5 * k) % kinds.length] ?? "other",
      forms: formSets[(i + 2 * k) % formSets.length] ?? ["unknown"],
    })),
    region: regions[i % (regions.length + 1)],
    previousYearForms: i % 4 === 0 ? (formSets[(i >> 2) % formSets.length] ?? ["unknown"]) : undefined,
    hasWithdrawnReport: i % 5 === 0,
  };
});

/** Persons counted only in the previous year, each with these forms. */
const previousOnlyCount = 9;
const previousOnlyForms: ReadonlyArray<Form> = ["criminal", "labour"];

const birthFor = (age: number | undefined): Partial<Registration> =>
  age === undefined ? {} : { dateOfBirth: d(`${year - age}-01-01`) };

const makeRegistration = Registrations.maker({ idPrefix: "reg-", idDigits: 5 });
const registration = (fields: Omit<Registration, "registrationId" | "status"> & Partial<Registration>): Registration =>
  makeRegistration(fields.personId, fields);

const registrationsOf = (spec: PersonSpec, index: number): ReadonlyArray<Registration> => {
  const person = {
    personId: spec.personId,
    sex: spec.sex,
    nationalities: spec.nationalities,
    ...birthFor(spec.age),
  };
  const day = String(1 + (index % 28)).padStart(2, "0");
  const counted = spec.reports.map((report, k) =>
    registration({
      ...person,
      organisationId: `org-${report.kind}-${k}`,
      organisationKind: report.kind,
      reportedOn: d(`${year}-${String(3 + 2 * k).padStart(2, "0")}-${day}`),
      status: k % 2 === 0 ? "registered" : "received",
      forms: report.forms,
      ...(k === 0
        ? spec.region === undefined
          ? { country: "BE" as Country.CountryCode }
          : { policeRegion: spec.region, country: "NL" as Country.CountryCode }
        : { policeRegion: "amsterdam" as const, country: "NL" as Country.CountryCode }),
    }),
  );
  const withdrawn = spec.hasWithdrawnReport
    ? [
        registration({
          ...person,
          organisationId: "org-withdrawn",
          organisationKind: "lawyer",
          reportedOn: d(`${year}-01-${day}`),
          status: index % 2 === 0 ? "withdrawn" : "rejected",
          forms: ["organ_removal", "other"],
          policeRegion: "limburg",
        }),
      ]
    : [];
  const previous =
    spec.previousYearForms === undefined
      ? []
      : [
          registration({
            ...person,
            organisationId: "org-previous",
            organisationKind: "police",
            reportedOn: d(`${year - 1}-12-${day}`),
            forms: spec.previousYearForms,
          }),
        ];
  return [...withdrawn, ...counted, ...previous];
};

const previousOnly: ReadonlyArray<Registration> = Array.from({ length: previousOnlyCount }, (_, j) =>
  registration({
    personId: `previous-only-${j}`,
    organisationId: "org-kmar",
    organisationKind: "kmar",
    reportedOn: d(`${year - 1}-06-01`),
    forms: previousOnlyForms,
    sex: "male",
    nationalities: ["PL"],
  }),
);

const neverCounted: ReadonlyArray<Registration> = Array.from({ length: 6 }, (_, j) =>
  registration({
    personId: `never-counted-${j}`,
    organisationId: "org-ngo",
    organisationKind: "ngo",
    reportedOn: d(`${year}-04-01`),
    status: j % 2 === 0 ? "withdrawn" : "rejected",
    forms: ["sexual"],
    sex: "female",
    nationalities: ["NG"],
  }),
);

const nextYear: ReadonlyArray<Registration> = [
  registration({
    personId: "person-001",
    organisationId: "org-next",
    organisationKind: "ngo",
    reportedOn: d(`${year + 1}-01-02`),
    forms: ["organ_removal"],
    sex: "female",
    nationalities: ["NG"],
  }),
];

const registrations: ReadonlyArray<Registration> = [
  ...specs.flatMap(registrationsOf),
  ...previousOnly,
  ...neverCounted,
  ...nextYear,
].reverse();

const tables = AnnualMonitor.annualMonitorTables({ year, registrations });

const unionOf = (spec: PersonSpec): ReadonlyArray<Form> => [...new Set(spec.reports.flatMap((report) => report.forms))];

const personsPerForm = (formLists: ReadonlyArray<ReadonlyArray<Form>>): ReadonlyArray<number> =>
  forms.map((form) => formLists.filter((list) => list.includes(form)).length);

describe("AnnualMonitor.annualMonitorTables: synthetic registrations with known marginals", () => {
  it("returns the tables of the monitor in a stable order", () => {
    expect(tables.map((table) => table.id)).toEqual([
      "persons_by_exploitation_form",
      "persons_by_sex",
      "persons_by_age_group_and_nationality_group",
      "persons_by_first_organisation_kind",
      "persons_by_police_region",
      "persons_top_nationalities",
      "reports_by_organisation_kind",
      "persons_by_exploitation_form_year_on_year",
      "persons_year_on_year",
      "reports_year_on_year",
      "persons_by_nrm_form",
      "persons_by_sector",
      "reports_by_reporting_unit",
    ]);
  });

  it("counts the reports by reporting unit: the police by unit, KMar and the Labour Inspectorate nationally", () => {
    const at = (personId: string, fields: Partial<Registration>) =>
      registration({
        personId,
        reportedOn: d(`${year}-05-01`),
        organisationId: `org-${personId}`,
        organisationKind: "police",
        forms: ["labour"],
        sex: "male",
        nationalities: ["RO"],
        ...fields,
      });
    const reports = [
      at("a", { organisationRegion: "rotterdam" }),
      at("b", { organisationRegion: "rotterdam" }),
      at("c", {}),
      at("d", { organisationKind: "kmar" }),
      at("e", { organisationKind: "labour_inspectorate" }),
      at("f", { organisationKind: "ngo", organisationRegion: "amsterdam" }),
      at("g", { organisationRegion: "limburg", reportedOn: d(`${year - 1}-05-01`) }),
    ];
    const table = tableOf(
      AnnualMonitor.annualMonitorTables({ year, registrations: reports }),
      "reports_by_reporting_unit",
    );
    const count = (code: string) => column(table)[codesOf(table.rows).indexOf(code)];
    expect(codesOf(table.rows)).toHaveLength(PoliceRegion.codeList.codes.length + 4);
    expect([
      count("police_rotterdam"),
      count("police_without_unit"),
      count("kmar"),
      count("labour_inspectorate"),
    ]).toEqual([2, 1, 1, 1]);
    expect([count("other"), count("police_amsterdam"), count("police_limburg")]).toEqual([1, 0, 0]);
    expect(table.grandTotal).toBe(6);
  });

  it("groups the forms as the National Rapporteur does: labour including criminal exploitation, a person once per group", () => {
    const table = tableOf(tables, "persons_by_nrm_form");
    expect(codesOf(table.rows)).toEqual(["sexual", "labour_incl_criminal", "other", "unknown"]);
    const unions = specs.map(unionOf);
    const inGroup = (members: ReadonlyArray<Form>) =>
      unions.filter((union) => union.some((form) => members.includes(form))).length;
    expect(column(table)).toEqual([
      inGroup(["sexual"]),
      inGroup(["labour", "criminal"]),
      inGroup(["forced_begging", "forced_marriage", "organ_removal", "other"]),
      unions.filter((union) => union.every((form) => form === "unknown")).length,
    ]);
    expect(table.grandTotal).toBe(personCount);
    expect(table.rowsAdd).toBe(false);
    // A person reported for labour and for criminal exploitation is one person in the group, not two.
    expect(unions.some((union) => union.includes("labour") && union.includes("criminal"))).toBe(true);
    expect(column(table)[1]).toBeLessThan(
      unions.filter((union) => union.includes("labour")).length +
        unions.filter((union) => union.includes("criminal")).length,
    );
  });

  it("counts each person once per form reported in the year, with the persons as the grand total", () => {
    const table = tableOf(tables, "persons_by_exploitation_form");
    expect(codesOf(table.rows)).toEqual([...forms]);
    expect(codesOf(table.columns)).toEqual(["persons"]);
    expect(table.cells).toEqual(personsPerForm(specs.map(unionOf)).map((count) => [count]));
    expect(table.grandTotal).toBe(personCount);
    expect(table.columnTotals).toEqual([personCount]);
    expect(table.rowsAdd).toBe(false);
    expect(table.cells.flat().reduce((a, b) => a + b, 0)).toBeGreaterThan(personCount);
  });

  it("counts the persons by sex, adding up to the persons counted", () => {
    const table = tableOf(tables, "persons_by_sex");
    expect(codesOf(table.rows)).toEqual([...sexes]);
    expect(column(table)).toEqual(
      tally(
        sexes,
        specs.map((spec) => spec.sex),
      ),
    );
    expect(table).toMatchObject({ columnTotals: [personCount], grandTotal: personCount, rowsAdd: true });
  });

  it("cross-tabulates age groups by nationality groups, with row, column and grand totals", () => {
    const table = tableOf(tables, "persons_by_age_group_and_nationality_group");
    const ageGroups = AgeGroup.codeList.codes;
    const groups = NationalityGroup.codeList.codes;
    const expected = ageGroups.map((ageGroup) =>
      groups.map(
        (group) => specs.filter((spec) => spec.ageGroup === ageGroup && spec.nationalityGroup === group).length,
      ),
    );
    expect(codesOf(table.rows)).toEqual([...ageGroups]);
    expect(codesOf(table.columns)).toEqual([...groups]);
    expect(table.cells).toEqual(expected);
    expect(table.rowTotals).toEqual(
      tally(
        ageGroups,
        specs.map((spec) => spec.ageGroup),
      ),
    );
    expect(table.columnTotals).toEqual(
      tally(
        groups,
        specs.map((spec) => spec.nationalityGroup),
      ),
    );
    expect(table).toMatchObject({ grandTotal: personCount, rowsAdd: true, columnsAdd: true });
  });

  it("counts the persons by the kind of their first counted report of the year, ignoring withdrawn ones", () => {
    const table = tableOf(tables, "persons_by_first_organisation_kind");
    expect(codesOf(table.rows)).toEqual([...kinds]);
    expect(column(table)).toEqual(
      tally(
        kinds,
        specs.map((spec) => spec.reports[0]?.kind ?? "other"),
      ),
    );
    expect(table.cells[kinds.indexOf("lawyer")]).toEqual([specs.filter((s) => s.reports[0]?.kind === "lawyer").length]);
    expect(table.grandTotal).toBe(personCount);
  });

  it("counts the persons by the police region of their first report, with none for those without one", () => {
    const table = tableOf(tables, "persons_by_police_region");
    expect(codesOf(table.rows)).toEqual([...regions, "none"]);
    expect(table.rows.categories.at(-1)?.label).toEqual({ nl: "Geen / buitenland", en: "None / abroad" });
    expect(column(table)).toEqual(
      tally(
        [...regions, "none"],
        specs.map((spec) => spec.region ?? "none"),
      ),
    );
    expect(table.grandTotal).toBe(personCount);
  });

  it("ranks the ten most frequent nationalities, then other and unknown, a person counting in each nationality", () => {
    const perNationality = new Map<string, number>();
    for (const spec of specs) {
      for (const nationality of spec.nationalities) {
        if (nationality !== "unknown") perNationality.set(nationality, (perNationality.get(nationality) ?? 0) + 1);
      }
    }
    const ranked = [...perNationality.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, 10);
    const top = new Set(ranked.map(([code]) => code));
    const table = tableOf(tables, "persons_top_nationalities");
    expect(codesOf(table.rows)).toEqual([...ranked.map(([code]) => code), "other", "unknown"]);
    expect(column(table)).toEqual([
      ...ranked.map(([, count]) => count),
      specs.filter((spec) => spec.nationalities.some((n) => n !== "unknown" && !top.has(n))).length,
      specs.filter((spec) => spec.nationalities.every((n) => n === "unknown")).length,
    ]);
    expect(table.rows.categories[0]?.label).toEqual({ nl: "Nigeria", en: "Nigeria" });
    expect(table).toMatchObject({ grandTotal: personCount, rowsAdd: false });
  });

  it("counts every counted registration of the year per organisation kind, so reports outnumber persons", () => {
    const table = tableOf(tables, "reports_by_organisation_kind");
    const expected = tally(
      kinds,
      specs.flatMap((spec) => spec.reports.map((report) => report.kind)),
    );
    const reportTotal = specs.reduce((total, spec) => total + spec.reports.length, 0);
    expect(table.unit).toBe("reports");
    expect(column(table)).toEqual(expected);
    expect(table.grandTotal).toBe(reportTotal);
    expect(reportTotal).toBe(2 * personCount);
    expect(table.cells[kinds.indexOf("lawyer")]?.[0]).toBe(
      specs.flatMap((spec) => spec.reports).filter((report) => report.kind === "lawyer").length,
    );
  });

  it("compares the persons per form with the previous year, without summing across years", () => {
    const previousForms = [
      ...specs.flatMap((spec) => (spec.previousYearForms === undefined ? [] : [spec.previousYearForms])),
      ...Array.from({ length: previousOnlyCount }, () => previousOnlyForms),
    ];
    const table = tableOf(tables, "persons_by_exploitation_form_year_on_year");
    const previous = personsPerForm(previousForms);
    const current = personsPerForm(specs.map(unionOf));
    expect(codesOf(table.columns)).toEqual([String(year - 1), String(year)]);
    expect(table.cells).toEqual(previous.map((count, row) => [count, current[row]]));
    expect(table.columnTotals).toEqual([previousForms.length, personCount]);
    expect(table).not.toHaveProperty("rowTotals");
    expect(table).not.toHaveProperty("grandTotal");
    expect(table).toMatchObject({ rowsAdd: false, columnsAdd: false });
  });

  it("compares persons and reports per organisation kind with the previous year", () => {
    const previousPersons = specs.filter((spec) => spec.previousYearForms !== undefined).length + previousOnlyCount;
    expect(tableOf(tables, "persons_year_on_year").cells).toEqual([[previousPersons, personCount]]);
    const reports = tableOf(tables, "reports_year_on_year");
    const previousKinds = [
      ...specs.filter((spec) => spec.previousYearForms !== undefined).map((): Kind => "police"),
      ...Array.from({ length: previousOnlyCount }, (): Kind => "kmar"),
    ];
    const currentKinds = specs.flatMap((spec) => spec.reports.map((report) => report.kind));
    const previous = tally(kinds, previousKinds);
    const current = tally(kinds, currentKinds);
    expect(reports.cells).toEqual(previous.map((count, row) => [count, current[row]]));
    expect(reports.columnTotals).toEqual([previousKinds.length, currentKinds.length]);
    expect(reports).toMatchObject({ unit: "reports", rowsAdd: true, columnsAdd: false });
  });

  it.effect("produces tables that decode as CountTable, every axis labelled in Dutch and English", () =>
    Effect.gen(function* () {
      const decoded = yield* Schema.decodeUnknownEffect(Schema.Array(StatTable.CountTable))(tables);
      expect(decoded).toEqual(tables);
      for (const table of tables) {
        expect(table.id).toMatch(/^[a-z]+(_[a-z]+)*$/);
        expect(table.title.nl).not.toBe(table.title.en);
        for (const category of [...table.rows.categories, ...table.columns.categories]) {
          expect(category.label.nl.length).toBeGreaterThan(0);
          expect(category.label.en.length).toBeGreaterThan(0);
        }
      }
    }),
  );
});

describe("AnnualMonitor.annualMonitorTables: one person, three organisations", () => {
  const reports: ReadonlyArray<Registration> = (["police", "fairwork", "kmar"] as const).map((kind, k) =>
    registration({
      personId: "anna",
      organisationId: `org-${kind}`,
      organisationKind: kind,
      reportedOn: d(`${year}-0${k + 2}-01`),
      forms: k === 2 ? ["criminal"] : ["sexual"],
      sex: "female",
      dateOfBirth: d("2009-05-05"),
      nationalities: ["RO"],
      ...(k === 0 ? { policeRegion: "rotterdam" as const } : {}),
    }),
  );
  const annaTables = AnnualMonitor.annualMonitorTables({ year, registrations: reports });

  it("counts her once in every persons table and three times in the reports table", () => {
    // Every table of all persons of the year (the table by sector counts those exploited for their labour).
    for (const table of annaTables.filter(
      (t) => t.unit === "persons" && t.columns.id !== "year" && t.id !== "persons_by_sector",
    )) {
      expect(table.grandTotal).toBe(1);
    }
    expect(column(tableOf(annaTables, "persons_by_sex"))).toEqual([1, 0, 0, 0]);
    expect(tableOf(annaTables, "persons_by_age_group_and_nationality_group").cells[0]).toEqual([0, 1, 0, 0]);
    expect(column(tableOf(annaTables, "persons_by_first_organisation_kind"))[kinds.indexOf("police")]).toBe(1);
    expect(column(tableOf(annaTables, "persons_by_police_region"))[regions.indexOf("rotterdam")]).toBe(1);
    expect(column(tableOf(annaTables, "persons_by_exploitation_form")).slice(0, 3)).toEqual([1, 0, 1]);
    const reportsTable = tableOf(annaTables, "reports_by_organisation_kind");
    expect(reportsTable.grandTotal).toBe(3);
    expect(column(reportsTable).filter((count) => count === 1)).toHaveLength(3);
  });

  it("gives an empty year zero counts in every cell", () => {
    const empty = AnnualMonitor.annualMonitorTables({ year: year + 5, registrations: reports });
    for (const table of empty) expect(table.cells.flat().every((count) => count === 0)).toBe(true);
    expect(codesOf(tableOf(empty, "persons_top_nationalities").rows)).toEqual(["other", "unknown"]);
  });
});

describe("AnnualMonitor: title and notes", () => {
  it("names the year in both languages and states the counting rule in one sentence per language", () => {
    expect(AnnualMonitor.annualMonitorTitle(2026).nl).toContain("2026");
    expect(AnnualMonitor.annualMonitorTitle(2026).en).toContain("2026");
    const [rule] = AnnualMonitor.annualMonitorNotes;
    expect(rule?.nl).toMatch(/één keer/);
    expect(rule?.en).toMatch(/counts once/);
  });
});

const arbitraryRegistration = Registrations.arbitrary({
  personId: fc.constantFrom("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"),
  organisationId: fc.constantFrom("o1", "o2", "o3", "o4"),
  reportedOn: Registrations.arbitraryDate(`${year - 1}-01-01`, 2 * 365),
  dateOfBirth: Registrations.arbitraryDate("1940-01-01", 30_000),
  birthYear: fc.integer({ min: 1940, max: year }),
  nationalities: fc.array(
    fc.constantFrom<Nationality>(
      "NL",
      "RO",
      "PL",
      "NG",
      "UA",
      "BG",
      "CN",
      "VN",
      "ER",
      "SY",
      "IN",
      "MA",
      "stateless",
      "unknown",
    ),
    { maxLength: 3 },
  ),
  policeRegion: fc.constantFrom(...regions),
  country: fc.constantFrom<Country.CountryCode>("NL", "BE", "DE", "NG"),
});

const arbitraryRegistrations = Registrations.arbitraryUnique(arbitraryRegistration, 60);

const sumOf = (values: ReadonlyArray<number>): number => values.reduce((total, value) => total + value, 0);

describe("AnnualMonitor.annualMonitorTables: invariants", () => {
  it("states totals that are the sums of the cells wherever a table is additive", () => {
    fc.assert(
      fc.property(arbitraryRegistrations, (random) => {
        for (const table of AnnualMonitor.annualMonitorTables({ year, registrations: random })) {
          expect(table.cells).toHaveLength(table.rows.categories.length);
          for (const row of table.cells) expect(row).toHaveLength(table.columns.categories.length);
          if (table.rowsAdd && table.columnTotals !== undefined) {
            expect(table.columnTotals).toEqual(
              table.columns.categories.map((_, c) => sumOf(column(table, c).map(Number))),
            );
            if (table.grandTotal !== undefined) expect(table.grandTotal).toBe(sumOf(table.columnTotals));
          }
          if (table.columnsAdd && table.rowTotals !== undefined) {
            expect(table.rowTotals).toEqual(table.cells.map(sumOf));
            if (table.grandTotal !== undefined) expect(table.grandTotal).toBe(sumOf(table.rowTotals));
          }
          if (table.columnsAdd && table.columnTotals?.length === 1) {
            expect(table.grandTotal).toBe(table.columnTotals[0]);
          }
        }
      }),
    );
  });

  it("gives each persons table of the year the number of persons counted as its grand total", () => {
    fc.assert(
      fc.property(arbitraryRegistrations, (random) => {
        const persons = Counting.countPersons(random, year).length;
        const reports = sumOf(Object.values(Counting.countReports(random, year)));
        const monitor = AnnualMonitor.annualMonitorTables({ year, registrations: random });
        const ofYear = monitor.filter((table) => table.columns.id !== "year");
        for (const table of ofYear.filter((t) => t.unit === "persons" && t.id !== "persons_by_sector")) {
          expect(table.grandTotal).toBe(persons);
          for (const count of table.cells.flat()) expect(count).toBeLessThanOrEqual(persons);
        }
        const labour = Counting.countPersons(random, year).filter((person) => person.forms.includes("labour"));
        expect(tableOf(monitor, "persons_by_sector").grandTotal).toBe(labour.length);
        // Each person exploited for their labour is under at least one sector, `unknown` when none was named.
        expect(labour.every((person) => person.sectors.length > 0)).toBe(true);
        expect(tableOf(monitor, "reports_by_organisation_kind").grandTotal).toBe(reports);
        expect(tableOf(monitor, "persons_year_on_year").cells).toEqual([
          [Counting.countPersons(random, year - 1).length, persons],
        ]);
      }),
    );
  });
});
