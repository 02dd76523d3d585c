import { describe, expect, it } from "@effect/vitest";
import { Schema } from "effect";
import * as Registration from "../src/Registration.js";

const decode = Schema.decodeUnknownResult(Registration.Exploitation);
const issuesOf = (input: unknown): ReadonlyArray<string> => {
  const result = decode(input);
  return result._tag === "Success" ? [] : [String(result.failure)];
};

describe("Registration.Exploitation", () => {
  it("takes a sector with labour exploitation", () => {
    expect(issuesOf({ forms: ["labour", "sexual"], country: "NL", sector: "agriculture" })).toEqual([]);
  });

  it("refuses a sector without labour exploitation, and a sector outside the list", () => {
    expect(issuesOf({ forms: ["sexual"], country: "NL", sector: "hospitality" }).join()).toContain(
      "sector applies to labour exploitation only",
    );
    expect(issuesOf({ forms: ["labour"], country: "NL", sector: "mining" })).toHaveLength(1);
  });

  it("takes every form once, forced marriage included, and refuses a repeated one", () => {
    const all = [
      "sexual",
      "labour",
      "criminal",
      "forced_begging",
      "forced_marriage",
      "organ_removal",
      "other",
      "unknown",
    ];
    expect(issuesOf({ forms: all, country: "NL" })).toEqual([]);
    expect(issuesOf({ forms: ["labour", "labour"], country: "NL" }).join()).toContain("must not repeat");
  });

  it("keeps municipality and police region to exploitation in the Netherlands", () => {
    expect(issuesOf({ forms: ["labour"], country: "BE", policeRegion: "limburg" }).join()).toContain(
      "policeRegion applies to exploitation in NL only",
    );
  });
});

describe("Registration.RegistrationReference", () => {
  const id = "0193b000-0000-7000-8000-0000a0b1c2d3";

  it("is the last 8 characters of an id, as the console shows it, or the whole id", () => {
    expect(Registration.referenceOf(id)).toBe("a0b1c2d3");
    expect(Registration.isReference(Registration.referenceOf(id))).toBe(true);
    expect(Registration.isReference(id)).toBe(true);
  });

  it("refuses anything else: another length, upper case, other characters, a pattern", () => {
    for (const value of ["a0b1c2d", "a0b1c2d3e", "A0B1C2D3", "g0b1c2d3", "%_%_%_%_", "", id.toUpperCase(), `${id} `]) {
      expect(Registration.isReference(value), value).toBe(false);
    }
  });
});
