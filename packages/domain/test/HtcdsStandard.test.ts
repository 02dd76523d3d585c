import { describe, expect, it } from "@effect/vitest";
import { Schema } from "effect";
import * as fc from "fast-check";
import * as HtcdsStandard from "../src/HtcdsStandard.js";

const standardDirectory = "../../../docs/standards/htcds-2.0/";

/** The text of a file of `docs/standards/htcds-2.0`, through Vite's `?raw` import (the domain has no `node:fs`). */
const readStandardFile = async (name: string): Promise<string> => {
  const path = new URL(`${standardDirectory}${name}`, import.meta.url).pathname;
  const module: { readonly default: string } = await import(/* @vite-ignore */ `${path}?raw`);
  return module.default;
};

/** RFC 4180 CSV with a header row, as the extraction script writes it; rows become objects keyed by the header. */
const parseCsv = (text: string): ReadonlyArray<Readonly<Record<string, string>>> => {
  const rows: Array<Array<string>> = [];
  let row: Array<string> = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += char;
  }
  const [header = [], ...body] = rows;
  return body.map((values) => Object.fromEntries(header.map((name, i) => [name, values[i] ?? ""])));
};

const fieldsCsv = parseCsv(await readStandardFile("fields.csv"));
const codeListNames = Object.keys(HtcdsStandard.codeLists) as Array<HtcdsStandard.CodeListName>;
const codeListCsvs = new Map(
  await Promise.all(
    codeListNames.map(async (name) => [name, parseCsv(await readStandardFile(`codelists/${name}.csv`))] as const),
  ),
);

describe("HtcdsStandard, against the standard's document", () => {
  it("has every field of fields.csv, in its order, with its section, status, type, selection and code list", () => {
    expect(
      HtcdsStandard.htcdsFields.map((field) => ({
        field: field.name,
        section: field.section,
        status: field.status,
        type: field.type,
        selection: field.selection ?? "",
        code_list: field.codeList ?? "",
      })),
    ).toEqual(
      fieldsCsv.map((row) => ({
        field: row.field,
        section: row.section,
        status: row.status,
        type: row.type,
        selection: row.selection,
        code_list: row.code_list,
      })),
    );
    expect(HtcdsStandard.htcdsFields).toHaveLength(84);
  });

  it("has exactly the code lists that fields.csv names", () => {
    const named = new Set(fieldsCsv.map((row) => row.code_list).filter((name) => name !== ""));
    expect([...named].sort()).toEqual([...codeListNames].sort());
  });

  it.each(codeListNames.filter((name) => name !== "Country"))(
    "has the codes and labels of codelists/%s.csv, in order",
    (name) => {
      const list: HtcdsStandard.Picklist<string> = HtcdsStandard.codeLists[name];
      expect(list.name).toBe(name);
      expect(list.codes.map((code) => ({ code, label: list.labels[code] }))).toEqual(codeListCsvs.get(name));
    },
  );

  it("takes as Country exactly the ISO 3166-1 alpha-2 codes of the standard's toolkit", () => {
    const codes = (codeListCsvs.get("Country") ?? []).map((row) => row.code);
    expect(codes).toHaveLength(249);
    expect(HtcdsStandard.codeLists.Country.codes).toEqual(codes);
  });

  it("spells the lists of the export as the standard does", () => {
    expect(HtcdsStandard.codeLists.prs_Gender.codes).toEqual([
      "Feminine",
      "Masculine",
      "TransgenderFeminine",
      "TransgenderMasculine",
      "NonConforming",
      "NonSpecifiedUnknown",
    ]);
    expect(HtcdsStandard.codeLists.vic_TypeOfExploitation.codes).toEqual([
      "ForcedLabour",
      "SexualExploitation",
      "ChildLabour",
      "ForcedMarriage",
      "Servitude",
      "ForcedMilitaryByNonStateActors",
      "OrganRemoval",
      "ForcedBegging",
      "ForcedAdoption",
      "Surrogacy",
      "Other",
    ]);
    expect(HtcdsStandard.codeLists.vic_TraffickingStatus.codes).toEqual([
      "PossibleVictimOfTrafficking",
      "ActualVictimOfTrafficking",
      "NotAVictimOfTrafficking",
    ]);
    expect(HtcdsStandard.codeLists.cas_Status.codes).toEqual(["Active", "FollowUp", "Closed", "ClosedReferred"]);
    expect(HtcdsStandard.codeLists.hte_Type.codes).toEqual(["Recruitment", "Transit", "Exploitation"]);
    expect(HtcdsStandard.codeLists.Checkbox.codes).toEqual(["TRUE", "FALSE"]);
  });

  it("constrains beyond the standard only fields the standard leaves without a code list", () => {
    for (const [name, list] of Object.entries(HtcdsStandard.htcdsProfileCodeLists)) {
      const row = fieldsCsv.find((candidate) => candidate.field === name);
      expect(row?.code_list).toBe("");
      expect(list).toBe("Country");
    }
  });

  it("decodes the codes of its schemas and nothing else", () => {
    expect(Schema.is(HtcdsStandard.Gender)("Feminine")).toBe(true);
    expect(Schema.is(HtcdsStandard.Gender)("Female")).toBe(false);
    expect(Schema.is(HtcdsStandard.Citizenship)("NL")).toBe(true);
    expect(Schema.is(HtcdsStandard.Citizenship)("NLD")).toBe(false);
    expect(Schema.is(HtcdsStandard.TypeOfExploitation)("ForcedBegging")).toBe(true);
    expect(Schema.is(HtcdsStandard.TypeOfExploitation)("CriminalActivity")).toBe(false);
  });
});

describe("htcdsViolations", () => {
  const extensions: ReadonlyArray<HtcdsStandard.HtcdsExtensionField> = [
    { name: "ext_RegistrationYear" },
    { name: "ext_AgeBand", codes: ["Minor", "Adult", "Unknown"] },
  ];
  const fields = [
    "ext_RegistrationYear",
    "prs_Gender",
    "ext_AgeBand",
    "prs_Citizenship",
    "vic_TraffickingStatus",
    "vic_TypeOfExploitation",
    "hte_Type",
    "hte_Country",
  ];
  const good = [
    ["2025", "Feminine", "Minor", "NL", "PossibleVictimOfTrafficking", "SexualExploitation", "Exploitation", "NL"],
    ["2025", "Masculine", "Adult", "RO;MD", "PossibleVictimOfTrafficking", "ForcedLabour;ForcedBegging", "", ""],
    ["2025", "NonSpecifiedUnknown", "Unknown", "", "PossibleVictimOfTrafficking", "", "", ""],
  ];
  const withValue = (field: string, value: string): ReadonlyArray<string> =>
    fields.map((name, i) => (name === field ? value : (good[0]?.[i] ?? "")));

  it("accepts records that follow the standard, empty values and declared extensions", () => {
    expect(HtcdsStandard.htcdsViolations(fields, good, { extensions })).toEqual([]);
  });

  it("rejects a field that is not in the standard, suggesting the standard's field of the same name", () => {
    expect(HtcdsStandard.htcdsViolations(["gender", "citizenship", "yearOfRegistration"], [])).toEqual([
      'column 1 "gender" is not a field of HTCDS 2.0 nor a declared extension; did you mean "prs_Gender"?',
      'column 2 "citizenship" is not a field of HTCDS 2.0 nor a declared extension; did you mean "prs_Citizenship"?',
      'column 3 "yearOfRegistration" is not a field of HTCDS 2.0 nor a declared extension',
    ]);
  });

  it("rejects the extension fields when they are not declared", () => {
    expect(HtcdsStandard.htcdsViolations(fields, good)).toEqual([
      'column 1 "ext_RegistrationYear" is not a field of HTCDS 2.0 nor a declared extension',
      'column 3 "ext_AgeBand" is not a field of HTCDS 2.0 nor a declared extension',
    ]);
  });

  it("rejects an extension that is not named ext_, so that it cannot pass for or shadow a field", () => {
    expect(HtcdsStandard.htcdsViolations(["gender"], [["Female"]], { extensions: [{ name: "gender" }] })).toEqual([
      'extension "gender" must be named ext_ followed by letters and digits',
      'column 1 "gender" is not a field of HTCDS 2.0 nor a declared extension; did you mean "prs_Gender"?',
    ]);
  });

  it("rejects Female as a prs_Gender, naming the codes the standard has", () => {
    expect(HtcdsStandard.htcdsViolations(fields, [withValue("prs_Gender", "Female")], { extensions })).toEqual([
      'record 1, prs_Gender: "Female" is not a code of prs_Gender (Feminine, Masculine, TransgenderFeminine, ' +
        "TransgenderMasculine, NonConforming, NonSpecifiedUnknown)",
    ]);
  });

  it("rejects a multi-select value with an unknown code", () => {
    expect(
      HtcdsStandard.htcdsViolations(fields, [withValue("vic_TypeOfExploitation", "ForcedLabour;CriminalActivity")], {
        extensions,
      }),
    ).toEqual([
      'record 1, vic_TypeOfExploitation: "ForcedLabour;CriminalActivity" holds "CriminalActivity", which is not a ' +
        "code of vic_TypeOfExploitation (ForcedLabour, SexualExploitation, ChildLabour, ForcedMarriage, Servitude, " +
        "ForcedMilitaryByNonStateActors, OrganRemoval, ForcedBegging, ForcedAdoption, Surrogacy, Other)",
    ]);
  });

  it("rejects multi-select values separated otherwise than by a bare semicolon, with empty or repeated codes", () => {
    const violations = (value: string) =>
      HtcdsStandard.htcdsViolations(["prs_Citizenship"], [[value]]).map((violation) =>
        violation.replace(/ \(249 codes\)$/, ""),
      );
    expect(violations("NL; RO")).toEqual([
      'record 1, prs_Citizenship: "NL; RO" holds " RO", which is not a code of Country',
    ]);
    expect(violations("NL,RO")).toEqual([
      'record 1, prs_Citizenship: "NL,RO" holds "NL,RO", which is not a code of Country',
    ]);
    expect(violations("NL;")).toEqual([
      'record 1, prs_Citizenship: "NL;" has an empty code; separate codes by ";" alone',
    ]);
    expect(violations("NL;NL")).toEqual(['record 1, prs_Citizenship: "NL;NL" names "NL" twice']);
  });

  it("rejects several values in a single-select field", () => {
    expect(HtcdsStandard.htcdsViolations(["prs_Gender"], [["Feminine;Masculine"]])).toEqual([
      'record 1, prs_Gender: "Feminine;Masculine" holds several values; the field takes one',
    ]);
  });

  it("rejects an alpha-3 or a made-up code for statelessness as a citizenship or a country of exploitation", () => {
    expect(
      HtcdsStandard.htcdsViolations(["prs_Citizenship", "hte_Country"], [["NLD", "00"]]).map((violation) =>
        violation.replace(/ \(249 codes\)$/, ""),
      ),
    ).toEqual([
      'record 1, prs_Citizenship: "NLD" holds "NLD", which is not a code of Country',
      'record 1, hte_Country: "00" is not a code of Country',
    ]);
  });

  it("holds a declared extension to its codes", () => {
    expect(HtcdsStandard.htcdsViolations(fields, [withValue("ext_AgeBand", "18--20")], { extensions })).toEqual([
      'record 1, ext_AgeBand: "18--20" is not a code of ext_AgeBand (Minor, Adult, Unknown)',
    ]);
  });

  it("rejects deprecated and repeated fields, and records of the wrong length", () => {
    expect(
      HtcdsStandard.htcdsViolations(
        ["prs_Gender", "vic_Vulnerabilities", "prs_Gender"],
        [["Feminine", "", "Feminine"], ["Masculine"]],
      ),
    ).toEqual([
      'column 2 "vic_Vulnerabilities" is deprecated in HTCDS 2.0',
      'column 3 "prs_Gender" repeats column 1',
      "record 2 has 1 values for 3 fields",
    ]);
  });

  it("accepts every set of exploitation types joined by semicolons, and any one code with a stray one", () => {
    const codes = HtcdsStandard.codeLists.vic_TypeOfExploitation.codes;
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...codes), { minLength: 1 }), (chosen) => {
        const value = chosen.join(HtcdsStandard.htcdsMultiSeparator);
        expect(HtcdsStandard.htcdsViolations(["vic_TypeOfExploitation"], [[value]])).toEqual([]);
        expect(HtcdsStandard.htcdsViolations(["vic_TypeOfExploitation"], [[`${value};Criminal`]])).toHaveLength(1);
      }),
    );
  });
});
