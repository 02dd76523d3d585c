import type { PlacementNeeds } from "./PlacementRequest.js";
import type { PoliceRegion } from "./PoliceRegion.js";
import type { Place, Shelter } from "./Shelter.js";

/** A place that could be offered, with its shelter and whether it is free from the wanted start date. */
export interface Candidate {
  readonly place: Place;
  readonly shelter: Shelter;
  readonly isAvailable: boolean;
}

/**
 * A feature of a place that the request does not need. Ranking prefers places with fewer of them, so that scarce
 * places (high security, room for children, accessible) stay free for the people who need them.
 */
export type SpareFeature = "high_security" | "room_for_children" | "accessible";

/** A place that fits the needs, with why it ranks where it does. */
export interface RankedPlace {
  readonly place: Place;
  readonly shelter: Shelter;
  readonly isInPreferredRegion: boolean;
  readonly spareFeatures: ReadonlyArray<SpareFeature>;
}

/**
 * Whether a place meets the needs: it is available, serves the requested target group, is `high` security when the
 * request needs that, has room for children when children come along, and is accessible when that is needed.
 */
export const isFit = (needs: PlacementNeeds, candidate: Candidate): boolean =>
  candidate.isAvailable &&
  candidate.place.targetGroup === needs.targetGroup &&
  (needs.security !== "high" || candidate.place.securityLevel === "high") &&
  (needs.children === 0 || candidate.place.roomForChildren) &&
  (needs.accessible !== true || candidate.place.accessible);

const spareFeaturesOf = (needs: PlacementNeeds, place: Place): ReadonlyArray<SpareFeature> => {
  const spare: Array<SpareFeature> = [];
  if (place.securityLevel === "high" && needs.security !== "high") spare.push("high_security");
  if (place.roomForChildren && needs.children === 0) spare.push("room_for_children");
  if (place.accessible && needs.accessible !== true) spare.push("accessible");
  return spare;
};

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Suggests places for a request (matching): only places that fit ({@link isFit}), best first. Places in the
 * preferred region come first; then places with fewer spare features; ties break on shelter id and then place id, so
 * the same input always gives the same order. The coordinator still decides; the offer rules apply on offering.
 */
export const rankPlaces = (
  needs: PlacementNeeds,
  candidates: ReadonlyArray<Candidate>,
  preferredRegion?: PoliceRegion,
): ReadonlyArray<RankedPlace> =>
  candidates
    .filter((candidate) => isFit(needs, candidate))
    .map(
      (candidate): RankedPlace => ({
        place: candidate.place,
        shelter: candidate.shelter,
        isInPreferredRegion: preferredRegion !== undefined && candidate.shelter.region === preferredRegion,
        spareFeatures: spareFeaturesOf(needs, candidate.place),
      }),
    )
    .sort(
      (a, b) =>
        Number(b.isInPreferredRegion) - Number(a.isInPreferredRegion) ||
        a.spareFeatures.length - b.spareFeatures.length ||
        compareStrings(a.shelter.id, b.shelter.id) ||
        compareStrings(a.place.id, b.place.id),
    );
