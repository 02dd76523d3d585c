import { describe, expect, it } from "@effect/vitest";
import { Effect, Result, Schema } from "effect";
import * as Shelter from "../src/Shelter.js";

const place = (fields: Partial<Shelter.NewPlace> = {}) => ({
  label: "Kamer 1",
  targetGroup: "women",
  securityLevel: "standard",
  accessible: false,
  roomForChildren: false,
  ...fields,
});

const shelterInput = (fields: Record<string, unknown> = {}) => ({
  name: "Opvang Noord",
  kind: "womens_shelter",
  region: "amsterdam",
  places: [place(), place({ label: "Kamer 2", securityLevel: "high", roomForChildren: true })],
  ...fields,
});

describe("Shelter.NewShelter", () => {
  const decode = Schema.decodeUnknownSync(Shelter.NewShelter);

  it("decodes a shelter with its places as it comes over the wire", () => {
    const wire = shelterInput();
    expect(decode(wire)).toEqual(wire);
  });

  it("rejects a name or place label with surrounding spaces", () => {
    expect(() => decode(shelterInput({ name: " Opvang Noord" }))).toThrow(/leading or trailing whitespace/);
    expect(() => decode(shelterInput({ places: [place({ label: "Kamer 1 " })] }))).toThrow(
      /leading or trailing whitespace/,
    );
  });

  it("rejects an unknown kind, region, target group or security level", () => {
    expect(() => decode(shelterInput({ kind: "hotel" }))).toThrow();
    expect(() => decode(shelterInput({ region: "utrecht" }))).toThrow();
    expect(() => decode(shelterInput({ places: [place({ targetGroup: "elderly" } as never)] }))).toThrow();
    expect(() => decode(shelterInput({ places: [place({ securityLevel: "medium" } as never)] }))).toThrow();
  });

  it("requires at least one place and a non-empty name", () => {
    expect(() => decode(shelterInput({ places: [] }))).toThrow();
    expect(() => decode(shelterInput({ name: "   " }))).toThrow();
  });

  it.effect("rejects two places with the same label, pointing at the second", () =>
    Effect.gen(function* () {
      const result = yield* Effect.result(
        Schema.decodeUnknownEffect(Shelter.NewShelter)(shelterInput({ places: [place(), place()] })),
      );
      expect(Result.isFailure(result)).toBe(true);
      if (Result.isFailure(result)) {
        expect(result.failure.message).toContain("unique within the shelter");
        expect(result.failure.message).toContain('["places"][1]["label"]');
      }
    }),
  );

  it("rejects a place for minors in a COSM shelter, and accepts one elsewhere", () => {
    expect(() => decode(shelterInput({ kind: "cosm", places: [place({ targetGroup: "minors" })] }))).toThrow(
      /COSM shelter has no places for minors/,
    );
    expect(decode(shelterInput({ kind: "omm", places: [place({ targetGroup: "minors" })] })).kind).toBe("omm");
    expect(decode(shelterInput({ kind: "cosm", places: [place({ targetGroup: "men" })] })).kind).toBe("cosm");
  });
});

describe("Shelter ids and classes", () => {
  const shelterId = "01900000-0000-7000-8000-000000000001";
  const placeId = "01900000-0000-7000-8000-000000000002";

  it("accepts UUIDv7 ids only", () => {
    expect(Schema.decodeUnknownSync(Shelter.ShelterId)(shelterId)).toBe(shelterId);
    expect(() => Schema.decodeUnknownSync(Shelter.PlaceId)("01900000-0000-4000-8000-000000000002")).toThrow();
    expect(() => Schema.decodeUnknownSync(Shelter.PlaceId)("place-1")).toThrow();
  });

  it("decodes a stored shelter into Shelter and Place instances", () => {
    const shelter = Schema.decodeUnknownSync(Shelter.Shelter)({
      id: shelterId,
      status: "active",
      name: "COSM Zuid",
      kind: "cosm",
      region: "limburg",
      places: [{ id: placeId, shelterId, ...place({ targetGroup: "men" }) }],
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    expect(shelter).toBeInstanceOf(Shelter.Shelter);
    expect(shelter.places[0]).toBeInstanceOf(Shelter.Place);
    expect(shelter.places[0]?.targetGroup).toBe("men");
  });

  it("carries the id in the not-found errors", () => {
    expect(new Shelter.ShelterNotFound({ id: shelterId })._tag).toBe("ShelterNotFound");
    expect(new Shelter.PlaceNotFound({ id: placeId })).toMatchObject({ _tag: "PlaceNotFound", id: placeId });
  });
});
