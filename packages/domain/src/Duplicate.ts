import { Schema } from "effect";
import { PersonId } from "./Person.js";
import { RegistrationId } from "./Registration.js";
import { UnreadableFields } from "./Unreadable.js";
import { Uuid } from "./Uuid.js";

/** Identifier of a possible duplicate. */
export const DuplicateId = Uuid.pipe(Schema.brand("DuplicateId"));
export type DuplicateId = typeof DuplicateId.Type;

/** Where a possible duplicate stands: waiting for a coordinator, merged, or dismissed. */
export const DuplicateStatus = Schema.Literals(["open", "merged", "dismissed"]);
export type DuplicateStatus = typeof DuplicateStatus.Type;

/**
 * A possible duplicate: a new registration's person shares weak blind indexes with an existing person. A human
 * decides every merge (DESIGN.md: Person); nothing is deleted by a merge.
 */
export class Duplicate extends Schema.Class<Duplicate>("Duplicate")({
  id: DuplicateId,
  personId: PersonId,
  candidatePersonId: PersonId,
  registrationId: RegistrationId,
  /** Which blind indexes matched (names only, e.g. `family_dob`). */
  matchedOn: Schema.Array(Schema.String),
  status: DuplicateStatus,
  decisionReason: Schema.NullOr(Schema.String),
  decidedBy: Schema.NullOr(Schema.String),
  decidedAt: Schema.NullOr(Schema.String),
  createdAt: Schema.String,
  /** `["decisionReason"]` when the stored reason does not decrypt with the server's keys (it reads `null`). */
  unreadable: Schema.optionalKey(UnreadableFields),
}) {}

/** No possible duplicate has this id. */
export class DuplicateNotFound extends Schema.TaggedError<DuplicateNotFound>()("DuplicateNotFound", {
  id: Schema.String,
}) {}

/** The duplicate was already decided. */
export class DuplicateAlreadyDecided extends Schema.TaggedError<DuplicateAlreadyDecided>()("DuplicateAlreadyDecided", {
  id: Schema.String,
  status: DuplicateStatus,
}) {}

/** Why a coordinator merges or dismisses: required, so the decision can be understood later. */
export const DuplicateDecision = Schema.Struct({
  reason: Schema.Trimmed.pipe(Schema.check(Schema.isBetweenLength(3, 1000))),
});
export type DuplicateDecision = typeof DuplicateDecision.Type;
