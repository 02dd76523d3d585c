import { describe, expect, it } from "@effect/vitest";
import { Schema } from "effect";
import * as fc from "fast-check";
import * as IsoDate from "../src/IsoDate.js";
import * as Placement from "../src/Placement.js";
import type * as ReflectionPeriod from "../src/ReflectionPeriod.js";

const d = IsoDate.make;
const range = (startsOn: string, endsOn?: string): Placement.DateRange =>
  endsOn === undefined ? { startsOn: d(startsOn) } : { startsOn: d(startsOn), endsOn: d(endsOn) };

describe("Placement.overlaps", () => {
  it.each([
    ["the same days", range("2026-01-10", "2026-01-20"), range("2026-01-10", "2026-01-20"), true],
    ["one inside the other", range("2026-01-10", "2026-01-20"), range("2026-01-12", "2026-01-13"), true],
    ["one day in common", range("2026-01-10", "2026-01-20"), range("2026-01-19", "2026-01-25"), true],
    ["the second starting on the end date of the first", range("2026-01-10", "2026-01-20"), range("2026-01-20"), false],
    [
      "the first starting on the end date of the second",
      range("2026-01-20", "2026-01-30"),
      range("2026-01-01", "2026-01-20"),
      false,
    ],
    ["a gap between them", range("2026-01-10", "2026-01-20"), range("2026-01-21", "2026-01-30"), false],
    ["two open-ended stays", range("2026-01-10"), range("2027-06-01"), true],
    ["an open-ended stay and a later closed one", range("2026-01-10"), range("2026-03-01", "2026-03-02"), true],
    [
      "an open-ended stay and one that ends on its start",
      range("2026-01-10"),
      range("2026-01-01", "2026-01-10"),
      false,
    ],
    ["an empty range inside another", range("2026-01-10", "2026-01-20"), range("2026-01-15", "2026-01-15"), false],
  ])("%s: %o and %o overlap is %s", (_, a, b, expected) => {
    expect(Placement.overlaps(a, b)).toBe(expected);
    expect(Placement.overlaps(b, a)).toBe(expected);
  });

  it("overlaps exactly when some day is occupied by both", () => {
    const base = d("2026-01-01");
    const arbitraryRange = fc
      .tuple(fc.integer({ min: 0, max: 40 }), fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }))
      .map(([start, length]) => ({
        startsOn: IsoDate.addDays(base, start),
        endsOn: length === undefined ? undefined : IsoDate.addDays(base, start + length),
      }));
    fc.assert(
      fc.property(arbitraryRange, arbitraryRange, (a, b) => {
        const days = Array.from({ length: 80 }, (_, i) => IsoDate.addDays(base, i));
        const sharesADay = days.some((day) => Placement.isOccupiedOn(a, day) && Placement.isOccupiedOn(b, day));
        expect(Placement.overlaps(a, b)).toBe(sharesADay);
      }),
    );
  });

  it("frees the place on the end date itself", () => {
    const stay = range("2026-01-10", "2026-01-20");
    expect(Placement.isOccupiedOn(stay, d("2026-01-09"))).toBe(false);
    expect(Placement.isOccupiedOn(stay, d("2026-01-10"))).toBe(true);
    expect(Placement.isOccupiedOn(stay, d("2026-01-19"))).toBe(true);
    expect(Placement.isOccupiedOn(stay, d("2026-01-20"))).toBe(false);
    expect(Placement.isOccupiedOn(range("2026-01-10"), d("2099-01-01"))).toBe(true);
  });
});

describe("Placement.isFreeFor", () => {
  const bookings = [range("2026-01-01", "2026-01-10"), range("2026-12-20")];
  it.each([
    ["an open-ended stay before a later booking", range("2026-12-06"), false],
    ["a stay that ends on the later booking's start", range("2026-12-06", "2026-12-20"), true],
    ["a stay one day into the later booking", range("2026-12-06", "2026-12-21"), false],
    ["a stay starting on an earlier booking's end", range("2026-01-10", "2026-01-11"), true],
    ["a stay inside an earlier booking", range("2026-01-05", "2026-01-06"), false],
  ])("%s: %o is %s", (_, stay, expected) => {
    expect(Placement.isFreeFor(bookings, stay)).toBe(expected);
  });

  it("holds exactly when no day of the stay is taken by a booking", () => {
    const base = d("2026-01-01");
    const arbitraryRange = fc
      .tuple(fc.integer({ min: 0, max: 40 }), fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }))
      .map(([start, length]) => ({
        startsOn: IsoDate.addDays(base, start),
        endsOn: length === undefined ? undefined : IsoDate.addDays(base, start + length),
      }));
    fc.assert(
      fc.property(fc.array(arbitraryRange, { maxLength: 4 }), arbitraryRange, (booked, stay) => {
        const days = Array.from({ length: 80 }, (_, i) => IsoDate.addDays(base, i));
        const taken = days.some(
          (day) => Placement.isOccupiedOn(stay, day) && booked.some((b) => Placement.isOccupiedOn(b, day)),
        );
        expect(Placement.isFreeFor(booked, stay)).toBe(!taken);
      }),
    );
  });
});

describe("Placement.isStayOverNorm", () => {
  it("flags a COSM stay still running on the day 3 months after its start, not the day before", () => {
    const stay = range("2026-01-15");
    expect(Placement.isStayOverNorm(stay, "cosm", d("2026-04-14"))).toBe(false);
    expect(Placement.isStayOverNorm(stay, "cosm", d("2026-04-15"))).toBe(true);
    expect(Placement.isStayOverNorm(stay, "cosm", d("2027-01-01"))).toBe(true);
  });

  it("clamps the norm to the end of a shorter month", () => {
    expect(Placement.isStayOverNorm(range("2025-11-30"), "cosm", d("2026-02-27"))).toBe(false);
    expect(Placement.isStayOverNorm(range("2025-11-30"), "cosm", d("2026-02-28"))).toBe(true);
  });

  it("does not flag a stay that ended on or before the norm date, and flags one that ended after it", () => {
    expect(Placement.isStayOverNorm(range("2026-01-15", "2026-04-15"), "cosm", d("2026-06-01"))).toBe(false);
    expect(Placement.isStayOverNorm(range("2026-01-15", "2026-04-16"), "cosm", d("2026-06-01"))).toBe(true);
  });

  it("has no norm for other kinds of shelter", () => {
    for (const kind of ["omm", "womens_shelter", "emergency"] as const) {
      expect(Placement.isStayOverNorm(range("2020-01-01"), kind, d("2026-01-01"))).toBe(false);
    }
  });
});

describe("Placement.checkOfferRules", () => {
  const period: ReflectionPeriod.ReflectionPeriod = {
    offeredOn: d("2026-01-15"),
    offeredBy: "police",
    startsOn: d("2026-01-15"),
    dublin: false,
  };
  const eligible: Placement.OfferContext = {
    consentToShareWithShelter: true,
    shelterKind: "cosm",
    birth: { dateOfBirth: d("2000-05-01") },
    nationalities: ["NG"],
    reflectionPeriod: period,
    startsOn: d("2026-02-01"),
  };
  const rulesOf = (context: Placement.OfferContext) => Placement.checkOfferRules(context).map((v) => v.rule);

  it("allows an offer of COSM to an adult non-Dutch person in a running reflection period", () => {
    expect(Placement.checkOfferRules(eligible)).toEqual([]);
  });

  it("refuses any offer without consent to share with a shelter, even with an override", () => {
    const withoutConsent = { ...eligible, consentToShareWithShelter: false };
    expect(rulesOf(withoutConsent)).toEqual(["consent_to_share"]);
    expect(rulesOf({ ...withoutConsent, shelterKind: "womens_shelter" })).toEqual(["consent_to_share"]);
    expect(rulesOf({ ...withoutConsent, override: { reason: "Acute danger, no other place" } })).toEqual([
      "consent_to_share",
    ]);
    const [violation] = Placement.checkOfferRules(withoutConsent);
    expect(violation).toBeInstanceOf(Placement.OfferRuleViolation);
    expect(violation?.path).toEqual(["consentToShareWithShelter"]);
  });

  it("takes a person into COSM from their 18th birthday on the start date", () => {
    const birth = { dateOfBirth: d("2008-02-01") };
    expect(rulesOf({ ...eligible, birth, startsOn: d("2026-01-31") })).toEqual(["cosm_adult"]);
    expect(rulesOf({ ...eligible, birth, startsOn: d("2026-02-01") })).toEqual([]);
  });

  it("counts a birthday on 29 February from 1 March in a common year", () => {
    const birth = { dateOfBirth: d("2008-02-29") };
    expect(rulesOf({ ...eligible, birth, startsOn: d("2026-02-28") })).toEqual(["cosm_adult"]);
    expect(rulesOf({ ...eligible, birth, startsOn: d("2026-03-01") })).toEqual([]);
  });

  it("does not take a person of unknown age into COSM, and uses 1 July for a birth year", () => {
    expect(rulesOf({ ...eligible, birth: {} })).toEqual(["cosm_adult"]);
    const summer = {
      ...eligible,
      reflectionPeriod: { ...period, offeredOn: d("2026-06-01"), startsOn: d("2026-06-01") },
    };
    expect(rulesOf({ ...summer, birth: { birthYear: 2008 }, startsOn: d("2026-06-30") })).toEqual(["cosm_adult"]);
    expect(rulesOf({ ...summer, birth: { birthYear: 2008 }, startsOn: d("2026-07-01") })).toEqual([]);
  });

  it("refuses Dutch nationals, dual nationals included, but not stateless or unknown nationality", () => {
    expect(rulesOf({ ...eligible, nationalities: ["NL"] })).toEqual(["cosm_non_dutch"]);
    expect(rulesOf({ ...eligible, nationalities: ["MA", "NL"] })).toEqual(["cosm_non_dutch"]);
    expect(rulesOf({ ...eligible, nationalities: ["stateless"] })).toEqual([]);
    expect(rulesOf({ ...eligible, nationalities: ["unknown"] })).toEqual([]);
  });

  it("requires the reflection period to run on the start date, its last day included", () => {
    expect(rulesOf({ ...eligible, startsOn: d("2026-04-14") })).toEqual([]);
    expect(rulesOf({ ...eligible, startsOn: d("2026-04-15") })).toEqual(["cosm_reflection_period"]);
    expect(rulesOf({ ...eligible, startsOn: d("2026-01-14") })).toEqual(["cosm_reflection_period"]);
    expect(rulesOf({ ...eligible, reflectionPeriod: undefined })).toEqual(["cosm_reflection_period"]);
    const dublin = { ...period, dublin: true };
    expect(rulesOf({ ...eligible, reflectionPeriod: dublin, startsOn: d("2026-02-13") })).toEqual([]);
    expect(rulesOf({ ...eligible, reflectionPeriod: dublin, startsOn: d("2026-02-14") })).toEqual([
      "cosm_reflection_period",
    ]);
  });

  it("reports every failed COSM rule together", () => {
    expect(
      rulesOf({
        ...eligible,
        birth: { dateOfBirth: d("2010-01-01") },
        nationalities: ["NL"],
        reflectionPeriod: undefined,
      }),
    ).toEqual(["cosm_adult", "cosm_non_dutch", "cosm_reflection_period"]);
  });

  it("applies the COSM rules to COSM only", () => {
    const minorDutch = { ...eligible, birth: { dateOfBirth: d("2012-01-01") }, nationalities: ["NL" as const] };
    expect(rulesOf({ ...minorDutch, shelterKind: "omm", reflectionPeriod: undefined })).toEqual([]);
    expect(rulesOf({ ...minorDutch, shelterKind: "cosm" })).toEqual(["cosm_adult", "cosm_non_dutch"]);
  });

  it("lets a coordinator override the COSM rules with a reason of at least 10 characters", () => {
    const ineligible = { ...eligible, nationalities: ["NL" as const], reflectionPeriod: undefined };
    expect(rulesOf({ ...ineligible, override: { reason: "Acute danger" } })).toEqual([]);
    expect(rulesOf({ ...ineligible, override: { reason: "0123456789" } })).toEqual([]);
    expect(rulesOf({ ...ineligible, override: { reason: " 012345678 " } })).toEqual([
      "cosm_non_dutch",
      "cosm_reflection_period",
      "override_reason",
    ]);
    const short = Placement.checkOfferRules({ ...ineligible, override: { reason: "urgent" } });
    expect(short.at(-1)?.path).toEqual(["override", "reason"]);
  });

  it("decodes an override reason only when it is long enough", () => {
    const decode = Schema.decodeUnknownSync(Placement.CosmOverride);
    expect(decode({ reason: "Acute danger" }).reason).toBe("Acute danger");
    expect(() => decode({ reason: "urgent" })).toThrow();
  });
});

describe("Placement schemas", () => {
  const ids = {
    id: "01900000-0000-7000-8000-000000000010",
    requestId: "01900000-0000-7000-8000-000000000011",
    placeId: "01900000-0000-7000-8000-000000000012",
  };
  const decode = Schema.decodeUnknownSync(Placement.Placement);

  it("decodes a running and an ended placement", () => {
    expect(decode({ ...ids, startsOn: "2026-01-10" }).endsOn).toBeUndefined();
    const ended = decode({ ...ids, startsOn: "2026-01-10", endsOn: "2026-01-10", endReason: "moved_on" });
    expect(ended).toBeInstanceOf(Placement.Placement);
    expect(ended.endReason).toBe("moved_on");
  });

  it("requires an end date and an end reason together, and no end before the start", () => {
    expect(() => decode({ ...ids, startsOn: "2026-01-10", endsOn: "2026-01-20" })).toThrow(/together/);
    expect(() => decode({ ...ids, startsOn: "2026-01-10", endReason: "other" })).toThrow(/together/);
    expect(() => decode({ ...ids, startsOn: "2026-01-10", endsOn: "2026-01-09", endReason: "other" })).toThrow(
      /cannot end before it starts/,
    );
    expect(() => decode({ ...ids, startsOn: "2026-01-10", endsOn: "2026-01-20", endReason: "bored" })).toThrow();
  });

  it("lists the end reasons with Dutch and English labels", () => {
    expect(Placement.endReasonCodeList.codes).toEqual([
      "moved_on",
      "returned_home",
      "left_without_notice",
      "transferred",
      "removed",
      "other",
    ]);
    expect(Placement.endReasonCodeList.label("left_without_notice", "nl")).toBe("Met onbekende bestemming vertrokken");
  });

  it("decodes an offer and tells when it has lapsed", () => {
    const offer = Schema.decodeUnknownSync(Placement.Offer)({
      requestId: ids.requestId,
      placeId: ids.placeId,
      startsOn: "2026-01-10",
      expiresAt: "2026-01-09T18:00:00Z",
    });
    expect(Placement.isOfferExpired(offer, "2026-01-09T17:59:59.999Z")).toBe(false);
    expect(Placement.isOfferExpired(offer, "2026-01-09T18:00:00.000Z")).toBe(true);
    expect(Placement.isOfferExpired(offer, "2026-01-10T00:00:00Z")).toBe(true);
  });

  it("refuses to make an offer that has already lapsed, naming expiresAt", () => {
    const offer = { expiresAt: "2026-01-09T18:00:00.000Z" };
    expect(Placement.checkOfferExpiry(offer, "2026-01-09T17:59:59.999Z")).toEqual([]);
    for (const now of ["2026-01-09T18:00:00.000Z", "2026-02-01T00:00:00.000Z"]) {
      const [violation, ...rest] = Placement.checkOfferExpiry(offer, now);
      expect(rest).toEqual([]);
      expect(violation).toMatchObject({ rule: "expires_later", path: ["expiresAt"] });
    }
  });
});
