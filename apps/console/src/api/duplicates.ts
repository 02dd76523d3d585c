import type { Duplicate as DomainDuplicate } from "@comensha/domain";
import type Comensha from "@comensha/sdk";
import { ApiError, type Person, type PersonRegistration, ProblemTypes } from "@comensha/sdk";
import { foundOrNull } from "./found.js";

/**
 * Where a possible duplicate stands: waiting for a coordinator, merged, dismissed, or stale (closed without a decision
 * because a correction made the two persons no longer match).
 */
export type DuplicateStatus = DomainDuplicate.DuplicateStatus;

/** The statuses of a possible duplicate, in the order the filter lists them (open first: the review queue). */
export const duplicateStatuses: ReadonlyArray<DuplicateStatus> = ["open", "merged", "dismissed", "stale"];

/**
 * A possible duplicate as `GET /v1/duplicates` returns it (the wire form of the domain's `Duplicate`): the person of
 * a new registration (`personId`) shares weak blind indexes (`matchedOn`) with an existing person
 * (`candidatePersonId`). A merge makes `personId` point to `candidatePersonId`. `matchedOn` is current while open
 * (corrections re-match), as at the decision once merged or dismissed, and empty once stale.
 */
export interface Duplicate {
  readonly id: string;
  readonly personId: string;
  readonly candidatePersonId: string;
  readonly registrationId: string;
  readonly matchedOn: ReadonlyArray<string>;
  readonly status: DuplicateStatus;
  readonly decisionReason: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly createdAt: string;
  /** `["decisionReason"]` when the stored reason does not decrypt with the server's keys. */
  readonly unreadable?: ReadonlyArray<string>;
}

export interface DuplicatePage {
  readonly data: ReadonlyArray<Duplicate>;
  readonly nextCursor: string | null;
}

/** The filter and page of `GET /v1/duplicates`; without a status, every status. */
export interface DuplicateListParams {
  readonly status?: DuplicateStatus | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/** The direct identifiers and statistical attributes of a person, decrypted for a coordinator. */
export type PersonDetails = Person["person"];

/** One registration of a person, as `GET /v1/persons/{id}` lists it. */
export type { PersonRegistration };

/** A person as `GET /v1/persons/{id}` returns it (coordinators): who, where they were merged to, and their reports. */
export type PersonRecord = Person;

/** A coordinator's decision on a possible duplicate. */
export type DuplicateDecisionKind = "merge" | "dismiss";

export interface DuplicateDecisionInput {
  readonly id: string;
  readonly decision: DuplicateDecisionKind;
  /** Why: 3 to 1000 characters once trimmed. */
  readonly reason: string;
}

/** What the console asks of the API for the review of possible duplicates: side by side, merge or dismiss with a reason. */
export interface DuplicatesApi {
  /** One page of possible duplicates, newest first. */
  listDuplicates(params: DuplicateListParams): Promise<DuplicatePage>;
  /** One possible duplicate by id (`GET /v1/duplicates/{id}`), or `null` when there is none. */
  findDuplicate(id: string): Promise<Duplicate | null>;
  /** A person with their identifiers and registrations (coordinators). */
  getPerson(id: string): Promise<PersonRecord>;
  /** Merges or dismisses a possible duplicate; rejects with a `409` when it was decided already. */
  decideDuplicate(input: DuplicateDecisionInput): Promise<Duplicate>;
}

/**
 * Whether a decision failed because the duplicate was decided already (by someone else, or in another tab): a `409`
 * other than an `Idempotency-Key` still in flight (which the SDK retries, and which says nothing about the decision).
 */
export const isAlreadyDecided = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 409 && error.type !== ProblemTypes.idempotencyInFlight;

/** The SDK behind {@link DuplicatesApi}. */
export const duplicatesApi = (client: Comensha): DuplicatesApi => {
  const listDuplicates = async ({ status, limit, cursor }: DuplicateListParams): Promise<DuplicatePage> => {
    const page = await client.duplicates.list(defined({ status, limit, cursor }));
    return { data: page.data, nextCursor: page.hasNextPage() ? page.nextCursor : null };
  };
  return {
    listDuplicates,
    findDuplicate: (id) => foundOrNull(client.duplicates.get(id)),
    getPerson: (id) => client.persons.get(id),
    // A fresh Idempotency-Key per decision (the SDK's default), reused on its retries.
    decideDuplicate: ({ id, decision, reason }) =>
      decision === "merge"
        ? client.duplicates.merge(id, { reason: reason.trim() })
        : client.duplicates.dismiss(id, { reason: reason.trim() }),
  };
};

/** Drops the keys whose value is `undefined` (the SDK's types are exact about optional keys). */
const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
