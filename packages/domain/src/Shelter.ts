import { Schema } from "effect";
import { PoliceRegion } from "./PoliceRegion.js";
import { ShelterKind } from "./ShelterKind.js";
import { TargetGroup } from "./TargetGroup.js";
import { Uuid } from "./Uuid.js";

/** Identifier of a shelter location. */
export const ShelterId = Uuid.pipe(Schema.brand("ShelterId"));
export type ShelterId = typeof ShelterId.Type;

/** Identifier of one place in a shelter. */
export const PlaceId = Uuid.pipe(Schema.brand("PlaceId"));
export type PlaceId = typeof PlaceId.Type;

/**
 * How well a place is secured: `high` for people at acute risk of being found by their exploiters (secret address,
 * controlled access). A request that needs `high` fits only a `high` place.
 */
export const SecurityLevel = Schema.Literals(["standard", "high"]);
export type SecurityLevel = typeof SecurityLevel.Type;

/** The name of a shelter or the label of a place as coordinators write it: trimmed, 1 to 200 characters. */
const Name = Schema.Trimmed.pipe(Schema.check(Schema.isBetweenLength(1, 200)));

/**
 * What a new place is made of: whom it serves and what it offers. `roomForChildren` means a parent can bring their
 * children; `accessible` means it can be reached and used without stairs.
 */
export const NewPlace = Schema.Struct({
  label: Name,
  targetGroup: TargetGroup,
  securityLevel: SecurityLevel,
  accessible: Schema.Boolean,
  roomForChildren: Schema.Boolean,
});
export type NewPlace = typeof NewPlace.Type;

/** One place (bed, room or unit) in a shelter, serving one target group. */
export class Place extends Schema.Class<Place>("Place")({
  id: PlaceId,
  shelterId: ShelterId,
  ...NewPlace.fields,
}) {}

/**
 * What a new shelter is made of: name, kind, police region and its places (1 to 500). Place labels are unique within
 * the shelter, and a COSM shelter has no places for minors, since COSM takes adults only.
 */
export const NewShelter = Schema.Struct({
  name: Name,
  kind: ShelterKind,
  region: PoliceRegion,
  places: Schema.Array(NewPlace).pipe(Schema.check(Schema.isBetweenLength(1, 500))),
}).pipe(
  Schema.check(
    Schema.makeFilter((shelter) => {
      const issues: Array<{ path: ReadonlyArray<PropertyKey>; issue: string }> = [];
      const seen = new Set<string>();
      shelter.places.forEach((place, index) => {
        if (seen.has(place.label)) {
          issues.push({ path: ["places", index, "label"], issue: "label must be unique within the shelter" });
        }
        seen.add(place.label);
        if (shelter.kind === "cosm" && place.targetGroup === "minors") {
          issues.push({ path: ["places", index, "targetGroup"], issue: "a COSM shelter has no places for minors" });
        }
      });
      return issues.length === 0 ? undefined : issues;
    }),
  ),
);
export type NewShelter = typeof NewShelter.Type;

/**
 * Shelter (opvanglocatie): a location that takes in possible victims, of one kind (COSM, OMM, women's shelter, ...),
 * in one police region, with its places.
 */
/** Whether a shelter takes people: a closed one keeps its history but offers no places. */
export const ShelterStatus = Schema.Literals(["active", "closed"]);
export type ShelterStatus = typeof ShelterStatus.Type;

export class Shelter extends Schema.Class<Shelter>("Shelter")({
  id: ShelterId,
  status: ShelterStatus,
  name: Name,
  kind: ShelterKind,
  region: PoliceRegion,
  places: Schema.Array(Place),
  createdAt: Schema.String,
}) {}

/** No shelter has this id. */
export class ShelterNotFound extends Schema.TaggedError<ShelterNotFound>()("ShelterNotFound", {
  id: Schema.String,
}) {}

/** No place has this id. */
export class PlaceNotFound extends Schema.TaggedError<PlaceNotFound>()("PlaceNotFound", {
  id: Schema.String,
}) {}
