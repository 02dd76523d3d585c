import { Schema } from "effect";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ReportedPerson } from "../src/Person.js";
import { blindIndexInputs, isMatchedAlike, normaliseDocumentNumber, normaliseName } from "../src/PersonMatching.js";

const person = (fields: Record<string, unknown>) =>
  Schema.decodeUnknownSync(ReportedPerson)({ aliases: [], sex: "female", nationalities: ["RO"], ...fields });

describe("normaliseName", () => {
  it("ignores case, diacritics, punctuation, spacing and word order", () => {
    expect(normaliseName("  Ana-Maria  ŞTEFĂNESCU ")).toBe("ana maria stefanescu");
    expect(normaliseName("Ştefănescu, Ana Maria")).toBe(normaliseName("ana maria stefanescu"));
    expect(normaliseName("Weiß")).toBe("weiss");
    expect(normaliseName("YILDIZ Ayşe")).toBe(normaliseName("Yıldız ayse"));
    expect(normaliseName("İLKAY")).toBe("ilkay");
  });

  it("is idempotent and independent of word order", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }), (words) => {
        const once = normaliseName(words.join(" "));
        expect(normaliseName(once)).toBe(once);
        expect(normaliseName([...words].reverse().join(" "))).toBe(once);
      }),
    );
  });
});

describe("blindIndexInputs", () => {
  it("gives the same strong name_dob value for differently written reports of one person", () => {
    const a = blindIndexInputs(
      person({ familyName: "Ştefănescu", givenNames: "Ana Maria", dateOfBirth: "2001-02-03" }),
    );
    const b = blindIndexInputs(
      person({ familyName: "STEFANESCU", givenNames: "maria  ana", dateOfBirth: "2001-02-03" }),
    );
    const strong = (inputs: typeof a) => inputs.filter((i) => i.name === "name_dob").map((i) => i.normalised);
    expect(strong(a)).toEqual(["ana maria stefanescu|2001-02-03"]);
    expect(strong(b)).toEqual(strong(a));
  });

  it("indexes aliases and the document number, and only weak values without a date of birth", () => {
    const inputs = blindIndexInputs(
      person({
        familyName: "Doe",
        givenNames: "Jo",
        aliases: ["Joanna D"],
        birthYear: 1990,
        documentNumber: "nl-12 34",
      }),
    );
    expect(inputs).toEqual([
      { name: "name_year", strength: "weak", normalised: "doe jo|1990" },
      { name: "name_year", strength: "weak", normalised: "d joanna|1990" },
      { name: "document", strength: "strong", normalised: "NL1234" },
    ]);
    expect(normaliseDocumentNumber(" ab-12.c ")).toBe("AB12C");
  });
});

describe("isMatchedAlike", () => {
  const anna = { familyName: "Voorbeeld", givenNames: "Anna Maria", birthYear: 1999 };

  it("holds for reports that differ only in writing or in what matching does not use", () => {
    expect(isMatchedAlike(person(anna), person({ ...anna, familyName: "VOORBEELD", givenNames: "maria anna" }))).toBe(
      true,
    );
    expect(isMatchedAlike(person(anna), person({ ...anna, sex: "x", nationalities: ["NL"] }))).toBe(true);
  });

  it("fails for a corrected name, birth, alias or document number", () => {
    expect(isMatchedAlike(person(anna), person({ ...anna, givenNames: "Anna" }))).toBe(false);
    expect(isMatchedAlike(person(anna), person({ ...anna, birthYear: 1998 }))).toBe(false);
    expect(isMatchedAlike(person(anna), person({ ...anna, dateOfBirth: "1999-04-12" }))).toBe(false);
    expect(isMatchedAlike(person(anna), person({ ...anna, aliases: ["Annie V"] }))).toBe(false);
    expect(isMatchedAlike(person(anna), person({ ...anna, documentNumber: "NX123" }))).toBe(false);
  });
});
