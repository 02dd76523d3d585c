import { describe, expect, it } from "vitest";
import { DisclosurePolicy } from "../src/index.js";

describe("the minimum disclosure policy", () => {
  it("accepts the default and anything stricter", () => {
    expect(DisclosurePolicy.policyViolations(DisclosurePolicy.defaultPolicy)).toEqual([]);
    expect(DisclosurePolicy.policyViolations({ threshold: 10, roundingBase: 5 })).toEqual([]);
    expect(DisclosurePolicy.policyViolations({ threshold: 5, roundingBase: 1 })).toEqual([]);
  });

  it("refuses a threshold below 5 and a rounding base below 1, at their fields", () => {
    for (const threshold of [-1, 0, 1, 4, 4.5, Number.NaN]) {
      expect(DisclosurePolicy.policyViolations({ threshold }).map((violation) => violation.path)).toEqual([
        ["threshold"],
      ]);
    }
    expect(DisclosurePolicy.policyViolations({ threshold: 3, roundingBase: 0 })).toEqual([
      {
        path: ["threshold"],
        message: "must be at least 5: a report may be stricter than the default, never weaker",
      },
      { path: ["roundingBase"], message: "must be a whole number of at least 1" },
    ]);
  });
});
