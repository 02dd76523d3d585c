import { describe, expect, it } from "@effect/vitest";
import { Effect, Schema } from "effect";
import * as fc from "fast-check";
import * as Counting from "../src/Counting.js";
import * as EurostatCodes from "../src/EurostatCodes.js";
import * as EurostatCrimThb from "../src/EurostatCrimThb.js";
import * as IsoDate from "../src/IsoDate.js";
import type { Nationality } from "../src/Nationality.js";
import * as Sex from "../src/Sex.js";
import * as StatTable from "../src/StatTable.js";
import * as Registrations from "./support/registrations.js";

type Registration = Counting.CountableRegistration;

const year = 2025;
const d = IsoDate.make;

const registration = Registrations.maker({ idPrefix: "reg-", idDigits: 4, reportedOn: `${year}-05-01` });

const registrations: ReadonlyArray<Registration> = [
  registration("a", { sex: "female", birthYear: 2010, nationalities: ["NL"], forms: ["sexual"] }),
  registration("a", { organisationKind: "ngo", reportedOn: `${year}-06-01`, forms: ["criminal"] }),
  registration("b", { sex: "male", birthYear: 1990, nationalities: ["RO"], forms: ["labour"] }),
  registration("c", {
    sex: "x",
    birthYear: 1995,
    nationalities: ["stateless"],
    forms: ["forced_begging", "organ_removal"],
  }),
  registration("d", { sex: "unknown", nationalities: ["unknown"], forms: ["unknown"] }),
  registration("e", {
    sex: "female",
    dateOfBirth: d("2008-01-01"),
    nationalities: ["MA", "NL"],
    forms: ["sexual", "unknown"],
  }),
  registration("f", { sex: "male", birthYear: 1980, nationalities: ["UA"], forms: ["labour", "sexual"] }),
  registration("g-withdrawn", { status: "withdrawn", sex: "male", forms: ["labour"] }),
  registration("h-other-year", { reportedOn: `${year - 1}-12-31`, sex: "male", forms: ["labour"] }),
];

const tables = EurostatCrimThb.eurostatCrimThbTables({ year, registrations });

const tableOf = (id: string): StatTable.CountTable => {
  const table = tables.find((candidate) => candidate.id === id);
  if (table === undefined) throw new Error(`no table ${id}`);
  return table;
};

const codesOf = (axis: StatTable.Axis): ReadonlyArray<string> => axis.categories.map((category) => category.code);

describe("EurostatCrimThb.eurostatCrimThbTables: hand-built registrations", () => {
  it("breaks the victims of the year down by sex and age in Eurostat's codes, x counting as UNK", () => {
    const table = tableOf("victims_by_sex_and_age");
    expect(codesOf(table.rows)).toEqual(["F", "M", "UNK"]);
    expect(codesOf(table.columns)).toEqual(["Y_LT18", "Y_GE18", "UNK"]);
    expect(table.cells).toEqual([
      [2, 0, 0],
      [0, 2, 0],
      [0, 1, 1],
    ]);
    expect(table).toMatchObject({
      rowTotals: [2, 2, 2],
      columnTotals: [2, 3, 1],
      grandTotal: 6,
      rowsAdd: true,
      columnsAdd: true,
    });
  });

  it("breaks them down by citizenship, a Dutch dual national as NAT and a stateless person as STLS, apart from non-EU", () => {
    const table = tableOf("victims_by_citizenship_and_sex");
    expect(codesOf(table.rows)).toEqual(["NAT", "EU27_2020_FOR", "NEU27_2020_FOR", "STLS", "UNK"]);
    expect(table.cells).toEqual([
      [2, 0, 0],
      [0, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 1],
    ]);
    expect(table).toMatchObject({ rowTotals: [2, 1, 1, 1, 1], columnTotals: [2, 2, 2], grandTotal: 6 });
  });

  it("counts a person under each Eurostat form once, and as UNK only without a known form", () => {
    const table = tableOf("victims_by_exploitation_form_and_sex");
    expect(codesOf(table.rows)).toEqual(["SEX", "LAB", "OTH", "UNK"]);
    expect(table.cells).toEqual([
      [2, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
      [0, 0, 1],
    ]);
    expect(table).toMatchObject({ columnTotals: [2, 2, 2], grandTotal: 6, rowsAdd: false, columnsAdd: true });
    expect(table.rowTotals).toEqual([3, 2, 2, 1]);
  });

  it("maps the codes one by one", () => {
    expect(Sex.codeList.codes.map(EurostatCrimThb.eurostatSexOf)).toEqual(["F", "M", "UNK", "UNK"]);
    expect([undefined, 0, 17, 18, 90].map(EurostatCrimThb.eurostatAgeOf)).toEqual([
      "UNK",
      "Y_LT18",
      "Y_LT18",
      "Y_GE18",
      "Y_GE18",
    ]);
    expect(EurostatCrimThb.eurostatCitizenOf("non_eu", ["UA"])).toBe("NEU27_2020_FOR");
    expect(EurostatCrimThb.eurostatCitizenOf("non_eu", ["stateless"])).toBe("STLS");
    expect(EurostatCrimThb.eurostatCitizenOf("non_eu", ["stateless", "NG"])).toBe("NEU27_2020_FOR");
    expect(EurostatCrimThb.eurostatCitizenOf("dutch", ["NL", "stateless"])).toBe("NAT");
    expect(EurostatCrimThb.eurostatCitizenOf("unknown", ["unknown"])).toBe("UNK");
    expect(EurostatCrimThb.eurostatExploitationOf(["criminal", "forced_begging", "other"])).toEqual(["OTH"]);
    expect(EurostatCrimThb.eurostatExploitationOf(["unknown"])).toEqual(["UNK"]);
    expect(EurostatCrimThb.eurostatExploitationOf([])).toEqual(["UNK"]);
    expect(EurostatCrimThb.eurostatExploitationOf(["labour", "unknown", "sexual"])).toEqual(["SEX", "LAB"]);
  });

  it("labels every category in both languages and documents the mapping of x and the check against Eurostat", () => {
    for (const table of tables) {
      for (const category of [...table.rows.categories, ...table.columns.categories]) {
        expect(category.label.nl.length).toBeGreaterThan(0);
        expect(category.label.en.length).toBeGreaterThan(0);
      }
    }
    const notes = EurostatCrimThb.eurostatCrimThbNotes.map((note) => note.en).join(" ");
    expect(notes).toMatch(/X .*UNK/);
    expect(notes).toMatch(/Eurostat's current metadata/);
    expect(EurostatCrimThb.eurostatCrimThbTitle(year).nl).toContain(String(year));
  });

  it("uses Eurostat's dimension ids as axis ids and only codes of their Eurostat code lists, never a total code", () => {
    const listOf = {
      sex: EurostatCodes.sexCodes,
      age: EurostatCodes.ageCodes,
      citizen: EurostatCodes.citizenCodes,
      exploitation_form: EurostatCodes.exploitationCodes,
    } as const;
    for (const table of tables) {
      for (const axis of [table.rows, table.columns]) {
        expect(Object.keys(listOf)).toContain(axis.id);
        const id = axis.id as keyof typeof listOf;
        const known: ReadonlyArray<string> = listOf[id].map(({ code }) => code);
        for (const code of codesOf(axis)) {
          expect(known).toContain(code);
          expect(code).not.toBe(EurostatCodes.totalCodes[id]);
        }
      }
    }
  });

  it.effect("produces tables that decode as CountTable", () =>
    Effect.gen(function* () {
      const decoded = yield* Schema.decodeUnknownEffect(Schema.Array(StatTable.CountTable))(tables);
      expect(decoded).toEqual(tables);
    }),
  );
});

const arbitraryRegistration = Registrations.arbitrary({
  personId: fc.constantFrom("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"),
  organisationId: fc.constantFrom("o1", "o2", "o3"),
  reportedOn: Registrations.arbitraryDate(`${year - 1}-01-01`, 2 * 365),
  birthYear: fc.integer({ min: 1940, max: year }),
  nationalities: fc.array(fc.constantFrom<Nationality>("NL", "RO", "NG", "UA", "stateless", "unknown"), {
    maxLength: 3,
  }),
});

const sumOf = (values: ReadonlyArray<number>): number => values.reduce((total, value) => total + value, 0);

describe("EurostatCrimThb: invariants", () => {
  it("gives every table the persons counted as grand total, with additive totals that are sums", () => {
    fc.assert(
      fc.property(Registrations.arbitraryUnique(arbitraryRegistration, 50), (random) => {
        const persons = Counting.countPersons(random, year).length;
        for (const table of EurostatCrimThb.eurostatCrimThbTables({ year, registrations: random })) {
          expect(table.grandTotal).toBe(persons);
          expect(table.rowTotals).toEqual(table.cells.map(sumOf));
          expect(sumOf(table.columnTotals ?? [])).toBe(persons);
          if (table.rowsAdd) {
            expect(table.columnTotals).toEqual(
              table.columns.categories.map((_, c) => sumOf(table.cells.map((row) => row[c] ?? 0))),
            );
          } else {
            expect(sumOf(table.rowTotals ?? [])).toBeGreaterThanOrEqual(persons);
          }
        }
      }),
    );
  });
});
