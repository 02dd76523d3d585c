import { Schema } from "effect";
import { PersonId } from "./Person.js";
import { RegistrationId } from "./Registration.js";
import { UnreadableFields } from "./Unreadable.js";
import { Uuid } from "./Uuid.js";

/** Identifier of a possible duplicate. */
export const DuplicateId = Uuid.pipe(Schema.brand("DuplicateId"));
export type DuplicateId = typeof DuplicateId.Type;

/**
 * Where a possible duplicate stands: waiting for a coordinator (`open`), merged or dismissed by one, or `stale`:
 * closed without a decision because, after a correction of a registration, the two persons no longer share any blind
 * index (`matchedOn` is then empty).
 */
export const DuplicateStatus = Schema.Literals(["open", "merged", "dismissed", "stale"]);
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
  /**
   * Which blind indexes the two persons share (names only, e.g. `family_dob`): kept current while the duplicate is
   * open (corrections re-match), as it was when decided once merged or dismissed, and empty once `stale`.
   */
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

/** A person who shares blind indexes with the person being matched: the surviving person (after merges), and which. */
export interface Match {
  readonly personId: PersonId;
  readonly names: ReadonlyArray<string>;
}

/** What re-running duplicate matching for one person changes in its possible duplicates. */
export interface Rematch {
  /** New pairs: open possible duplicates to make, with the person matched as `candidatePersonId`. */
  readonly create: ReadonlyArray<{ readonly candidatePersonId: PersonId; readonly matchedOn: ReadonlyArray<string> }>;
  /** Open possible duplicates that still match, but on other indexes now. */
  readonly update: ReadonlyArray<{ readonly id: DuplicateId; readonly matchedOn: ReadonlyArray<string> }>;
  /** Open possible duplicates whose persons no longer share any index: to close as `stale`. */
  readonly close: ReadonlyArray<DuplicateId>;
}

const sameNames = (a: ReadonlyArray<string>, b: ReadonlyArray<string>) =>
  [...a].sort().join("\n") === [...b].sort().join("\n");

/**
 * Brings a person's possible duplicates in line with whom the person matches now (after a new report of them, or a
 * correction of one). `self` is the person and the person it was merged into; `matches` are the other persons that
 * share a blind index with it now; `existing` are its possible duplicates, each with the surviving person on its
 * other side. A pair that matches and has no possible duplicate yet gets one. An open one is updated to what matches
 * now, or closed as `stale` when nothing does any more, but only when `isComplete` (the matches were looked up from
 * every identifier of the person; otherwise nothing is closed). A human decision stands: a merged or dismissed pair is
 * never changed, reopened or asked again. A stale pair that matches again gets a new possible duplicate.
 */
export const planRematch = (input: {
  readonly self: ReadonlyArray<PersonId>;
  readonly matches: ReadonlyArray<Match>;
  readonly existing: ReadonlyArray<{ readonly duplicate: Duplicate; readonly other: PersonId }>;
  readonly isComplete: boolean;
}): Rematch => {
  const self = new Set<string>(input.self);
  const matches = new Map<string, ReadonlyArray<string>>(
    input.matches.filter((match) => !self.has(match.personId)).map((match) => [match.personId, match.names]),
  );
  const update: Array<Rematch["update"][number]> = [];
  const close: Array<DuplicateId> = [];
  const paired = new Set<string>();
  for (const { duplicate, other } of input.existing) {
    if (self.has(other)) continue;
    if (duplicate.status !== "stale") paired.add(other);
    if (duplicate.status !== "open") continue;
    const names = matches.get(other);
    if (names === undefined) {
      if (input.isComplete) close.push(duplicate.id);
    } else if (!sameNames(names, duplicate.matchedOn)) {
      update.push({ id: duplicate.id, matchedOn: [...names].sort() });
    }
  }
  const create = [...matches.entries()]
    .filter(([personId]) => !paired.has(personId))
    .map(([personId, names]) => ({ candidatePersonId: personId as PersonId, matchedOn: [...names].sort() }));
  return { create, update, close };
};
