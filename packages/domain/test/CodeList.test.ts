import { describe, expect, it } from "@effect/vitest";
import { Effect, Result, Schema } from "effect";
import * as AgeGroup from "../src/AgeGroup.js";
import * as CodeList from "../src/CodeList.js";
import * as Country from "../src/Country.js";
import * as DossierType from "../src/DossierType.js";
import * as ExploitationForm from "../src/ExploitationForm.js";
import * as LegalBasis from "../src/LegalBasis.js";
import * as Nationality from "../src/Nationality.js";
import * as NationalityGroup from "../src/NationalityGroup.js";
import * as OrganisationKind from "../src/OrganisationKind.js";
import * as PoliceRegion from "../src/PoliceRegion.js";
import * as Sex from "../src/Sex.js";
import * as ShelterKind from "../src/ShelterKind.js";
import * as TargetGroup from "../src/TargetGroup.js";

const allCodeLists: ReadonlyArray<CodeList.CodeList<string>> = [
  AgeGroup.codeList,
  Country.codeList,
  DossierType.codeList,
  ExploitationForm.codeList,
  LegalBasis.codeList,
  Nationality.codeList,
  NationalityGroup.codeList,
  OrganisationKind.codeList,
  PoliceRegion.codeList,
  Sex.codeList,
  ShelterKind.codeList,
  TargetGroup.codeList,
];

describe("CodeList.make", () => {
  const colours = CodeList.make("colour", {
    red: { nl: "Rood", en: "Red" },
    light_blue: { nl: "Lichtblauw", en: "Light blue" },
    green: { nl: "Groen", en: "Green" },
  });

  it("takes the codes from the keys of the labels, in the order they are written", () => {
    expect(colours.id).toBe("colour");
    expect(colours.codes).toEqual(["red", "light_blue", "green"]);
  });

  it("labels a code in Dutch and in English", () => {
    expect(colours.label("light_blue", "nl")).toBe("Lichtblauw");
    expect(colours.label("light_blue", "en")).toBe("Light blue");
  });

  it("keeps only the Dutch and English label of each code", () => {
    const withExtra = CodeList.make("with_extra", { a: { nl: "A-nl", en: "A-en", extra: 1 } });
    expect(withExtra.labels).toEqual({ a: { nl: "A-nl", en: "A-en" } });
  });

  it("decodes its own codes and rejects any other value", () => {
    const decode = Schema.decodeUnknownSync(colours.schema);
    expect(decode("green")).toBe("green");
    expect(() => decode("blue")).toThrow();
    expect(() => decode("Green")).toThrow();
    expect(() => decode(undefined)).toThrow();
  });

  it.effect("reports an unknown code as a failure when decoding in an Effect", () =>
    Effect.gen(function* () {
      const result = yield* Effect.result(Schema.decodeUnknownEffect(colours.schema)("purple"));
      expect(Result.isFailure(result)).toBe(true);
    }),
  );

  it("refuses a list without codes", () => {
    expect(() => CodeList.make("empty", {})).toThrow(/no codes/);
  });

  it("cannot be changed after it is made", () => {
    expect(Object.isFrozen(colours.codes)).toBe(true);
    expect(Object.isFrozen(colours.labels)).toBe(true);
  });
});

describe("Language", () => {
  it("is Dutch or English", () => {
    expect(Schema.decodeUnknownSync(CodeList.Language)("nl")).toBe("nl");
    expect(Schema.decodeUnknownSync(CodeList.Language)("en")).toBe("en");
    expect(() => Schema.decodeUnknownSync(CodeList.Language)("de")).toThrow();
  });
});

describe("every code list", () => {
  it.each(allCodeLists)("$id has a lower snake_case id, unique codes and non-empty labels", (list) => {
    expect(list.id).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(new Set(list.codes).size).toBe(list.codes.length);
    expect(Object.keys(list.labels)).toEqual([...list.codes]);
    for (const code of list.codes) {
      expect(list.label(code, "nl").trim()).not.toBe("");
      expect(list.label(code, "en").trim()).not.toBe("");
    }
  });

  it.each(allCodeLists)("$id decodes exactly its codes", (list) => {
    const decode = Schema.decodeUnknownSync(list.schema);
    for (const code of list.codes) expect(decode(code)).toBe(code);
    expect(() => decode("not_a_code")).toThrow();
  });

  it("uses unique ids", () => {
    const ids = allCodeLists.map((list) => list.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(allCodeLists.filter((list) => list.id !== "country" && list.id !== "nationality"))(
    "$id uses lower snake_case codes",
    (list) => {
      for (const code of list.codes) expect(code).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
    },
  );
});

describe("the code lists of the contract", () => {
  it("list the organisation kinds of the design, in order", () => {
    expect(OrganisationKind.codeList.codes).toEqual([
      "police",
      "kmar",
      "labour_inspectorate",
      "care_coordination",
      "fairwork",
      "ngo",
      "shelter",
      "youth_care",
      "lawyer",
      "municipality",
      "immigration_service",
      "other",
    ]);
    expect(OrganisationKind.codeList.label("kmar", "nl")).toBe("Koninklijke Marechaussee");
    expect(OrganisationKind.codeList.label("labour_inspectorate", "nl")).toBe("Nederlandse Arbeidsinspectie");
  });

  it("list the exploitation forms of the design, in order", () => {
    expect(ExploitationForm.codeList.codes).toEqual([
      "sexual",
      "labour",
      "criminal",
      "forced_begging",
      "forced_marriage",
      "organ_removal",
      "other",
      "unknown",
    ]);
    expect(ExploitationForm.codeList.label("labour", "nl")).toBe("Arbeidsuitbuiting");
  });

  it("list the eleven police regions of the wire contract", () => {
    expect(PoliceRegion.codeList.codes).toEqual([
      "noord_nederland",
      "oost_nederland",
      "midden_nederland",
      "noord_holland",
      "amsterdam",
      "den_haag",
      "rotterdam",
      "zeeland_west_brabant",
      "oost_brabant",
      "limburg",
      "landelijke_eenheid",
    ]);
    expect(PoliceRegion.codeList.label("den_haag", "en")).toBe("The Hague");
  });

  it("list the shelter kinds, target groups, sexes, dossier types and legal bases of the design", () => {
    expect(ShelterKind.codeList.codes).toEqual([
      "cosm",
      "omm",
      "womens_shelter",
      "mens_shelter",
      "social_shelter",
      "youth_care",
      "protected_minors",
      "emergency",
    ]);
    expect(ShelterKind.codeList.label("cosm", "nl")).toBe("Categorale Opvang Slachtoffers Mensenhandel (COSM)");
    expect(TargetGroup.codeList.codes).toEqual(["women", "men", "minors", "families"]);
    expect(Sex.codeList.codes).toEqual(["female", "male", "x", "unknown"]);
    expect(DossierType.codeList.codes).toEqual([
      "registration",
      "registration_and_shelter",
      "registration_information_advice",
    ]);
    expect(LegalBasis.codeList.codes).toEqual(["statutory", "consent", "legitimate_interest"]);
  });

  it("list the age groups and nationality groups of the counting rule", () => {
    expect(AgeGroup.codeList.codes).toEqual(["minor", "age_18_22", "age_23_plus", "unknown"]);
    expect(AgeGroup.codeList.label("minor", "nl")).toBe("Minderjarig (<18)");
    expect(AgeGroup.codeList.label("age_23_plus", "nl")).toBe("23 jaar en ouder");
    expect(NationalityGroup.codeList.codes).toEqual(["dutch", "other_eu", "non_eu", "unknown"]);
  });
});
