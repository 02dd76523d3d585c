import { describe, expect, it } from "@effect/vitest";
import * as fc from "fast-check";
import * as Country from "../src/Country.js";
import type { Nationality } from "../src/Nationality.js";
import * as NationalityGroup from "../src/NationalityGroup.js";

describe("NationalityGroup.nationalityGroupOf", () => {
  it.each([
    [["NL"], "dutch"],
    [["NL", "MA"], "dutch"],
    [["TR", "NL"], "dutch"],
    [["RO"], "other_eu"],
    [["BG", "NG"], "other_eu"],
    [["NG", "PL"], "other_eu"],
    [["NG"], "non_eu"],
    [["GB"], "non_eu"],
    [["UA", "unknown"], "non_eu"],
    [["stateless"], "non_eu"],
    [["unknown", "stateless"], "non_eu"],
    [[], "unknown"],
    [["unknown"], "unknown"],
    [["unknown", "unknown"], "unknown"],
  ] as const)("puts %j in %s", (nationalities, group) => {
    expect(NationalityGroup.nationalityGroupOf(nationalities)).toBe(group);
  });

  it("puts every nationality alone in the group of its country", () => {
    for (const code of Country.codeList.codes) {
      const expected = code === "NL" ? "dutch" : Country.isEuMember(code) ? "other_eu" : "non_eu";
      expect(NationalityGroup.nationalityGroupOf([code])).toBe(expected);
    }
  });

  it("does not depend on the order of the nationalities", () => {
    const nationality = fc.constantFrom<Nationality>("NL", "DE", "RO", "NG", "MA", "stateless", "unknown");
    fc.assert(
      fc.property(fc.array(nationality, { maxLength: 5 }), (nationalities) => {
        expect(NationalityGroup.nationalityGroupOf(nationalities.toReversed())).toBe(
          NationalityGroup.nationalityGroupOf(nationalities),
        );
      }),
    );
  });
});
