import { describe, expect, it } from "@effect/vitest";
import { Effect, Schema } from "effect";
import * as fc from "fast-check";
import * as Counting from "../src/Counting.js";
import type * as Country from "../src/Country.js";
import * as ExploitationForm from "../src/ExploitationForm.js";
import * as HtcdsExport from "../src/HtcdsExport.js";
import * as HtcdsStandard from "../src/HtcdsStandard.js";
import * as IsoDate from "../src/IsoDate.js";
import { checkKAnonymity } from "../src/KAnonymityCheck.js";
import type { Nationality } from "../src/Nationality.js";
import * as Report from "../src/Report.js";
import * as Registrations from "./support/registrations.js";

type Registration = Counting.CountableRegistration;

const year = 2025;
const d = IsoDate.make;
const quasi = HtcdsExport.htcdsQuasiIdentifiers;
const fieldNames = HtcdsExport.htcdsFields.map((field) => field.name);

const registration = Registrations.maker({ idPrefix: "0193-reg-", idDigits: 4, reportedOn: `${year}-03-15` });

const recordsOf = (registrations: ReadonlyArray<Registration>, threshold: number) =>
  HtcdsExport.htcdsRecords(Counting.countPersons(registrations, year), year, threshold);

const asObjects = (set: Report.RecordSet): ReadonlyArray<Record<string, string>> =>
  set.records.map((record) => Object.fromEntries(set.fields.map((field, index) => [field.name, record[index] ?? ""])));

describe("HtcdsExport.htcdsRecords: the field encoding", () => {
  it("encodes a counted person in the HTCDS fields, one record per person however often reported", () => {
    const set = recordsOf(
      [
        registration("anna", { dateOfBirth: d("2006-01-10"), forms: ["sexual"], country: "NL" }),
        registration("anna", { organisationKind: "ngo", reportedOn: `${year}-05-01`, forms: ["criminal"] }),
      ],
      1,
    );
    expect(set.fields.map((field) => field.name)).toEqual([
      "ext_RegistrationYear",
      "prs_Gender",
      "ext_AgeBroad",
      "ext_MajorityStatus",
      "prs_Citizenship",
      "ext_CitizenshipGroup",
      "hte_Type",
      "hte_Country",
      "vic_TypeOfExploitation",
      "vic_TraffickingStatus",
    ]);
    expect(set.records).toEqual([
      [
        "2025",
        "Feminine",
        "18--20",
        "Adult",
        "NG",
        "NonEU",
        "Exploitation",
        "NL",
        "SexualExploitation;Other",
        "PossibleVictimOfTrafficking",
      ],
    ]);
    expect(HtcdsStandard.htcdsViolations(fieldNames, set.records, { extensions: HtcdsExport.htcdsExtensions })).toEqual(
      [],
    );
  });

  it("encodes x and unknown sex as NonSpecifiedUnknown, a stateless person as the group Stateless, and leaves unknown values empty", () => {
    const set = recordsOf(
      [
        registration("x", { sex: "x", nationalities: ["stateless"], forms: ["organ_removal"], birthYear: 2015 }),
        registration("unknown", { sex: "unknown", nationalities: ["unknown"], forms: ["unknown"] }),
      ],
      1,
    );
    expect(asObjects(set)).toEqual([
      expect.objectContaining({
        prs_Gender: "NonSpecifiedUnknown",
        ext_AgeBroad: "",
        ext_MajorityStatus: "Unknown",
        prs_Citizenship: "",
        ext_CitizenshipGroup: "Unknown",
        hte_Type: "",
        hte_Country: "",
        vic_TypeOfExploitation: "",
      }),
      expect.objectContaining({
        prs_Gender: "NonSpecifiedUnknown",
        ext_AgeBroad: "9--17",
        ext_MajorityStatus: "Minor",
        prs_Citizenship: "",
        ext_CitizenshipGroup: "Stateless",
        vic_TypeOfExploitation: "OrganRemoval",
      }),
    ]);
    expect(HtcdsStandard.htcdsViolations(fieldNames, set.records, { extensions: HtcdsExport.htcdsExtensions })).toEqual(
      [],
    );
  });

  it("bands ages as CTDC does", () => {
    const ages = [undefined, 0, 8, 9, 17, 18, 20, 21, 23, 24, 26, 27, 29, 30, 38, 39, 47, 48, 90];
    expect(ages.map(HtcdsExport.htcdsAgeBroadOf)).toEqual([
      "",
      "0--8",
      "0--8",
      "9--17",
      "9--17",
      "18--20",
      "18--20",
      "21--23",
      "21--23",
      "24--26",
      "24--26",
      "27--29",
      "27--29",
      "30--38",
      "30--38",
      "39--47",
      "39--47",
      "48+",
      "48+",
    ]);
  });

  it("chooses Dutch, then an EU nationality, then the first other country as the one citizenship", () => {
    expect(HtcdsExport.htcdsCitizenshipOf(["MA", "NL"])).toBe("NL");
    expect(HtcdsExport.htcdsCitizenshipOf(["UA", "RO"])).toBe("RO");
    expect(HtcdsExport.htcdsCitizenshipOf(["UA", "MD"])).toBe("UA");
    expect(HtcdsExport.htcdsCitizenshipOf(["stateless"])).toBe("");
    expect(HtcdsExport.htcdsCitizenshipOf(["unknown"])).toBe("");
  });

  it("leaves out persons counted in another year", () => {
    const persons = Counting.countPersons([registration("p", { reportedOn: `${year - 1}-06-01` })], year - 1);
    expect(HtcdsExport.htcdsRecords(persons, year, 1).records).toEqual([]);
  });
});

describe("HtcdsExport.htcdsRecords: k-anonymity", () => {
  const common = Array.from({ length: 5 }, (_, i) =>
    registration(`common-${i}`, { birthYear: 1990, nationalities: ["RO"], forms: ["labour"], country: "NL" }),
  );

  it("keeps combinations that occur k times exact, and withholds a rare one that is still rarer than k once blank", () => {
    const rare = [
      registration("rare-bg", { birthYear: 1990, nationalities: ["BG"], forms: ["labour"], country: "NL" }),
    ];
    const set = recordsOf([...common, ...rare], 5);
    const records = asObjects(set);
    expect(
      records.filter((record) => record.prs_Citizenship === "RO" && record.ext_AgeBroad === "30--38"),
    ).toHaveLength(5);
    expect(records.filter((record) => record.prs_Citizenship !== "RO")).toEqual([]);
    expect(checkKAnonymity(set, 5, quasi)).toEqual([]);
  });

  it("stops generalising once a rare combination has merged into one that occurs k times", () => {
    const others = Array.from({ length: 4 }, (_, i) =>
      registration(`other-eu-${i}`, { birthYear: 1990, nationalities: ["BG"], forms: ["labour"], country: "NL" }),
    );
    const fifth = registration("other-eu-4", {
      birthYear: 1990,
      nationalities: ["PL"],
      forms: ["labour"],
      country: "NL",
    });
    const records = asObjects(recordsOf([...common, ...others, fifth], 5));
    expect(records.filter((record) => record.ext_CitizenshipGroup === "OtherEU")).toHaveLength(10);
    expect(
      records.filter(
        (record) =>
          record.prs_Citizenship === "" &&
          record.ext_CitizenshipGroup === "OtherEU" &&
          record.ext_AgeBroad === "30--38",
      ),
    ).toHaveLength(5);
  });

  it("gives the same records in the same order whatever the order of the persons", () => {
    const persons = Counting.countPersons(common, year);
    const set = HtcdsExport.htcdsRecords(persons, year, 2);
    expect(HtcdsExport.htcdsRecords([...persons].reverse(), year, 2)).toEqual(set);
  });
});

const arbitraryRegistration = Registrations.arbitrary({
  personId: fc.integer({ min: 1, max: 40 }).map((n) => `person-${n}`),
  organisationId: fc.constantFrom("o1", "o2", "o3"),
  reportedOn: Registrations.arbitraryDate(`${year}-01-01`, 364),
  status: fc.constantFrom("received", "registered", "registered", "withdrawn"),
  forms: fc.subarray([...ExploitationForm.codeList.codes], { minLength: 1, maxLength: 2 }),
  dateOfBirth: Registrations.arbitraryDate("1950-01-01", 25_000),
  birthYear: fc.integer({ min: 1950, max: year }),
  nationalities: fc.array(fc.constantFrom<Nationality>("NL", "RO", "BG", "NG", "UA", "stateless", "unknown"), {
    maxLength: 2,
  }),
  country: fc.constantFrom<Country.CountryCode>("NL", "NL", "BE", "DE"),
});

const arbitraryRegistrations = Registrations.arbitraryUnique(arbitraryRegistration, 120);

describe("HtcdsExport.htcdsRecords: invariants", () => {
  it("makes every combination of quasi-identifiers occur at least k times, as the independent checker sees it", () => {
    fc.assert(
      fc.property(arbitraryRegistrations, fc.integer({ min: 1, max: 8 }), (random, k) => {
        const persons = Counting.countPersons(random, year);
        const set = HtcdsExport.htcdsRecords(persons, year, k);
        // Only the persons whose every quasi-identifier had to be blanked can be withheld, and only fewer than k.
        const withheld = persons.length - set.records.length;
        expect(withheld).toBeGreaterThanOrEqual(0);
        expect(withheld).toBeLessThan(k);
        if (withheld > 0)
          expect(set.records.some((record) => quasi.every((field) => record[fieldNames.indexOf(field)] === ""))).toBe(
            false,
          );
        expect(checkKAnonymity(set, k, quasi)).toEqual([]);
      }),
    );
  });

  it("holds no identifier and no date finer than the year in any field", () => {
    fc.assert(
      fc.property(arbitraryRegistrations, fc.integer({ min: 1, max: 5 }), (random, k) => {
        const persons = Counting.countPersons(random, year);
        const set = HtcdsExport.htcdsRecords(persons, year, k);
        const identifiers = new Set([
          ...random.map((r) => r.personId),
          ...random.map((r) => r.registrationId),
          ...random.map((r) => r.organisationId),
        ]);
        for (const record of set.records) {
          expect(record).toHaveLength(fieldNames.length);
          for (const value of record) {
            expect(identifiers.has(value)).toBe(false);
            expect(value).not.toMatch(/\d{4}-\d{2}/);
            expect(value).not.toMatch(/person-|reg-|[0-9a-f]{8}-[0-9a-f]{4}/);
          }
          expect(record[0]).toBe(String(year));
        }
        expect(
          HtcdsStandard.htcdsViolations(fieldNames, set.records, { extensions: HtcdsExport.htcdsExtensions }),
        ).toEqual([]);
        expect(set.records).toEqual([...set.records].sort((a, b) => (a.join("\u0000") < b.join("\u0000") ? -1 : 1)));
      }),
    );
  });

  it.effect("produces a record set that decodes as RecordSet", () =>
    Effect.gen(function* () {
      const set = recordsOf(
        Array.from({ length: 12 }, (_, i) => registration(`p${i}`, { birthYear: 1980 + i })),
        3,
      );
      const decoded = yield* Schema.decodeUnknownEffect(Report.RecordSet)(set);
      expect(decoded).toEqual(set);
    }),
  );
});

const field = (name: string): Report.RecordField => ({ name, label: { nl: name, en: name } });
const fields = (first: string, ...rest: ReadonlyArray<string>): Report.RecordSet["fields"] => [
  field(first),
  ...rest.map(field),
];

describe("KAnonymityCheck.checkKAnonymity", () => {
  const set: Report.RecordSet = {
    fields: fields("year", "gender", "age"),
    records: [
      ["2025", "Female", "18--20"],
      ["2025", "Female", "18--20"],
      ["2025", "Female", "18--20"],
      ["2025", "Male", "48+"],
      ["2025", "", ""],
    ],
  };

  it("rejects a set in which a combination of quasi-identifiers is unique", () => {
    const violations = checkKAnonymity(set, 3, ["gender", "age"]);
    expect(violations).toEqual(['the combination gender="Male", age="48+" occurs 1 time, fewer than k = 3']);
  });

  it("accepts combinations that occur k times, and records whose quasi-identifiers are all blank", () => {
    expect(
      checkKAnonymity({ ...set, records: set.records.filter((r) => r[1] !== "Male") }, 3, ["gender", "age"]),
    ).toEqual([]);
  });

  it("looks only at the quasi-identifiers it is given", () => {
    expect(checkKAnonymity(set, 5, ["year"])).toEqual([]);
    expect(checkKAnonymity(set, 6, ["year"])).toHaveLength(1);
  });

  it("reports an unknown or repeated quasi-identifier, a malformed record and a k below 1", () => {
    const malformed: Report.RecordSet = { fields: set.fields, records: [["2025", "Female"]] };
    expect(checkKAnonymity(malformed, 0, ["gender", "gender", "citizenship"])).toEqual([
      "k must be a whole number of at least 1, not 0",
      'quasi-identifier "gender" is named twice',
      'quasi-identifier "citizenship" is not a field of the record set',
      "record 0 has 2 values for 3 fields",
    ]);
  });
});
