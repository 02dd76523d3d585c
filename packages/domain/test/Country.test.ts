import { describe, expect, it } from "@effect/vitest";
import { Schema } from "effect";
import * as Country from "../src/Country.js";
import * as Nationality from "../src/Nationality.js";

const euMemberStates = [
  "AT",
  "BE",
  "BG",
  "CY",
  "CZ",
  "DE",
  "DK",
  "EE",
  "ES",
  "FI",
  "FR",
  "GR",
  "HR",
  "HU",
  "IE",
  "IT",
  "LT",
  "LU",
  "LV",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SE",
  "SI",
  "SK",
];

describe("Country", () => {
  it("lists all 249 officially assigned ISO 3166-1 alpha-2 codes, sorted", () => {
    const codes = Country.codeList.codes;
    expect(codes).toHaveLength(249);
    expect(new Set(codes).size).toBe(249);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{2}$/);
    expect([...codes].sort()).toEqual([...codes]);
    expect(codes).toEqual(expect.arrayContaining(["NL", "NG", "RO", "SS", "SX", "CW", "BQ", "AQ", "EH", "PS"]));
  });

  it("leaves out codes that are not officially assigned", () => {
    for (const code of ["XK", "UK", "EU", "YU", "AN", "CS", "ZZ"]) {
      expect(Schema.is(Country.CountryCode)(code)).toBe(false);
    }
  });

  it("has exactly the 27 EU member states as EU members", () => {
    const members = Country.codeList.codes.filter(Country.isEuMember);
    expect(members).toEqual(euMemberStates);
  });

  it("counts the Netherlands as an EU member and the United Kingdom, Norway, Switzerland and Türkiye as not", () => {
    expect(Country.isEuMember("NL")).toBe(true);
    for (const code of ["GB", "NO", "CH", "TR", "UA", "NG", "IS", "LI"] as const) {
      expect(Country.isEuMember(code)).toBe(false);
    }
  });

  it("names countries in Dutch and English", () => {
    expect(Country.codeList.labels.NL).toEqual({ nl: "Nederland", en: "Netherlands" });
    expect(Country.codeList.labels.DE).toEqual({ nl: "Duitsland", en: "Germany" });
    expect(Country.codeList.labels.CI).toEqual({ nl: "Ivoorkust", en: "Côte d'Ivoire" });
    expect(Country.codeList.label("GB", "nl")).toBe("Verenigd Koninkrijk");
    expect(Country.codeList.label("CD", "en")).toBe("Democratic Republic of the Congo");
  });

  it("has a distinct Dutch and a distinct English name for every country", () => {
    const dutch = Country.codeList.codes.map((code) => Country.codeList.label(code, "nl"));
    const english = Country.codeList.codes.map((code) => Country.codeList.label(code, "en"));
    expect(new Set(dutch).size).toBe(249);
    expect(new Set(english).size).toBe(249);
  });
});

describe("Nationality", () => {
  it("is every country code, then stateless and unknown", () => {
    expect(Nationality.codeList.codes).toEqual([...Country.codeList.codes, "stateless", "unknown"]);
    expect(Nationality.codeList.label("stateless", "nl")).toBe("Staatloos");
    expect(Nationality.codeList.label("stateless", "en")).toBe("Stateless");
    expect(Nationality.codeList.label("unknown", "nl")).toBe("Onbekend");
    expect(Nationality.codeList.label("NG", "en")).toBe("Nigeria");
  });

  it("decodes country codes, stateless and unknown, and nothing else", () => {
    const decode = Schema.decodeUnknownSync(Nationality.Nationality);
    expect(decode("NG")).toBe("NG");
    expect(decode("stateless")).toBe("stateless");
    expect(decode("unknown")).toBe("unknown");
    expect(() => decode("ng")).toThrow();
    expect(() => decode("XK")).toThrow();
  });

  it("tells a country apart from stateless and unknown", () => {
    expect(Nationality.isCountry("NL")).toBe(true);
    expect(Nationality.isCountry("stateless")).toBe(false);
    expect(Nationality.isCountry("unknown")).toBe(false);
  });
});
