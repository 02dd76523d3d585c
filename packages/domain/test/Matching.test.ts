import { describe, expect, it } from "@effect/vitest";
import { Schema } from "effect";
import * as fc from "fast-check";
import * as Matching from "../src/Matching.js";
import type { PlacementNeeds } from "../src/PlacementRequest.js";
import type { PoliceRegion } from "../src/PoliceRegion.js";
import * as Shelter from "../src/Shelter.js";

const shelterIdOf = (n: number) =>
  Schema.decodeUnknownSync(Shelter.ShelterId)(`01900000-0000-7000-8000-${String(n).padStart(12, "0")}`);
const placeIdOf = (n: number) =>
  Schema.decodeUnknownSync(Shelter.PlaceId)(`01900000-0000-7000-9000-${String(n).padStart(12, "0")}`);

const candidate = (
  n: number,
  fields: Partial<Shelter.NewPlace> & {
    readonly region?: PoliceRegion;
    readonly shelter?: number;
    readonly isAvailable?: boolean;
  } = {},
): Matching.Candidate => {
  const { region = "amsterdam", shelter = n, isAvailable = true, ...placeFields } = fields;
  const place = new Shelter.Place({
    id: placeIdOf(n),
    shelterId: shelterIdOf(shelter),
    label: `Place ${n}`,
    targetGroup: "women",
    securityLevel: "standard",
    accessible: false,
    roomForChildren: false,
    ...placeFields,
  });
  return {
    place,
    shelter: new Shelter.Shelter({
      id: shelterIdOf(shelter),
      status: "active",
      name: `Shelter ${shelter}`,
      kind: "womens_shelter",
      region,
      places: [place],
      createdAt: "2026-01-01T00:00:00Z",
    }),
    isAvailable,
  };
};

const needs = (fields: Partial<PlacementNeeds> = {}): PlacementNeeds => ({
  targetGroup: "women",
  children: 0,
  urgency: "tonight",
  security: "standard",
  languages: [],
  ...fields,
});

const placeNumbers = (ranked: ReadonlyArray<Matching.RankedPlace>) => ranked.map((r) => Number(r.place.id.slice(-12)));

describe("Matching.rankPlaces", () => {
  it("suggests only available places of the requested target group", () => {
    const ranked = Matching.rankPlaces(needs(), [
      candidate(1, { targetGroup: "men" }),
      candidate(2, { isAvailable: false }),
      candidate(3),
      candidate(4, { targetGroup: "families" }),
    ]);
    expect(placeNumbers(ranked)).toEqual([3]);
  });

  it("suggests only high-security places when high security is needed", () => {
    const candidates = [candidate(1), candidate(2, { securityLevel: "high" })];
    expect(placeNumbers(Matching.rankPlaces(needs({ security: "high" }), candidates))).toEqual([2]);
    expect(placeNumbers(Matching.rankPlaces(needs(), candidates))).toEqual([1, 2]);
  });

  it("suggests only places with room for children when children come along", () => {
    const candidates = [candidate(1), candidate(2, { roomForChildren: true })];
    expect(placeNumbers(Matching.rankPlaces(needs({ children: 1 }), candidates))).toEqual([2]);
    expect(Matching.rankPlaces(needs({ children: 1 }), candidates)[0]?.spareFeatures).toEqual([]);
  });

  it("suggests only accessible places when accessibility is needed", () => {
    const candidates = [candidate(1), candidate(2, { accessible: true })];
    expect(placeNumbers(Matching.rankPlaces(needs({ accessible: true }), candidates))).toEqual([2]);
  });

  it("puts places in the preferred region first, even with spare features", () => {
    const ranked = Matching.rankPlaces(
      needs(),
      [candidate(1), candidate(2, { region: "rotterdam", securityLevel: "high", roomForChildren: true }), candidate(3)],
      "rotterdam",
    );
    expect(placeNumbers(ranked)).toEqual([2, 1, 3]);
    expect(ranked[0]?.isInPreferredRegion).toBe(true);
    expect(ranked[0]?.spareFeatures).toEqual(["high_security", "room_for_children"]);
    expect(ranked[1]?.isInPreferredRegion).toBe(false);
  });

  it("keeps scarce places for those who need them: fewer spare features rank higher", () => {
    const ranked = Matching.rankPlaces(needs(), [
      candidate(1, { securityLevel: "high", roomForChildren: true, accessible: true }),
      candidate(2, { roomForChildren: true }),
      candidate(3),
      candidate(4, { securityLevel: "high", accessible: true }),
    ]);
    expect(placeNumbers(ranked)).toEqual([3, 2, 4, 1]);
  });

  it("breaks ties on shelter id, then place id", () => {
    const ranked = Matching.rankPlaces(needs(), [
      candidate(4, { shelter: 2 }),
      candidate(3, { shelter: 1 }),
      candidate(2, { shelter: 2 }),
      candidate(1, { shelter: 3 }),
    ]);
    expect(placeNumbers(ranked)).toEqual([3, 2, 4, 1]);
  });

  it("gives the same order whatever the order of the candidates, and only fitting places", () => {
    const arbitraryCandidate = fc.record({
      targetGroup: fc.constantFrom("women", "men"),
      securityLevel: fc.constantFrom("standard", "high"),
      roomForChildren: fc.boolean(),
      accessible: fc.boolean(),
      region: fc.constantFrom<PoliceRegion>("amsterdam", "rotterdam"),
      isAvailable: fc.boolean(),
      shelter: fc.integer({ min: 1, max: 3 }),
    } as const);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 50 }), arbitraryCandidate), {
          selector: ([n]) => n,
          maxLength: 12,
        }),
        fc.record({ security: fc.constantFrom("standard", "high"), children: fc.integer({ min: 0, max: 2 }) } as const),
        (specs, need) => {
          const candidates = specs.map(([n, spec]) => candidate(n, spec));
          const wanted = needs(need);
          const ranked = Matching.rankPlaces(wanted, candidates, "rotterdam");
          expect(Matching.rankPlaces(wanted, candidates.toReversed(), "rotterdam")).toEqual(ranked);
          expect(ranked.length).toBe(candidates.filter((c) => Matching.isFit(wanted, c)).length);
          for (const r of ranked) {
            expect(r.place.targetGroup).toBe("women");
            if (need.security === "high") expect(r.place.securityLevel).toBe("high");
            if (need.children > 0) expect(r.place.roomForChildren).toBe(true);
          }
          const regionFlags = ranked.map((r) => r.isInPreferredRegion);
          expect(regionFlags).toEqual(regionFlags.toSorted((a, b) => Number(b) - Number(a)));
        },
      ),
    );
  });
});
