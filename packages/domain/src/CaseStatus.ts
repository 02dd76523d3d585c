import { Option, Schema } from "effect";
import * as CodeList from "./CodeList.js";
import * as Labels from "./labels/CaseStatus.js";
import { PersonId } from "./Person.js";
import { Uuid } from "./Uuid.js";

/** The list of `labels/CaseStatus.ts` (written without Effect, for the console) with its codes' schema. */
export const codeList = CodeList.withSchema(Labels.codeList);

/**
 * Case status: where a person's trajectory stands after the first report (HTCDS 2.0 `cas_Status`). Every person is
 * `active` until a coordinator changes it; the status belongs to the person, not to one report, so reports of the
 * same person share it.
 */
export const CaseStatus = codeList.schema;
export type CaseStatus = typeof CaseStatus.Type;

/** The list of reasons with its codes' schema. */
export const reasonCodeList = CodeList.withSchema(Labels.reasonCodeList);

/** Why a status changed, as a code (see `labels/CaseStatus.ts`). */
export const CaseStatusReason = reasonCodeList.schema;
export type CaseStatusReason = typeof CaseStatusReason.Type;

/** The status of a person nobody has changed yet. */
export const initialStatus: CaseStatus = "active";

/** HTCDS 2.0's `cas_Status` code of each status. */
export const htcdsCode: Readonly<Record<CaseStatus, "Active" | "FollowUp" | "Closed" | "ClosedReferred">> = {
  active: "Active",
  follow_up: "FollowUp",
  closed: "Closed",
  closed_referred: "ClosedReferred",
};

/** Identifier of one change of a case's status. */
export const CaseStatusChangeId = Uuid.pipe(Schema.brand("CaseStatusChangeId"));
export type CaseStatusChangeId = typeof CaseStatusChangeId.Type;

/** What a coordinator sends to change a case's status: the new status and why. */
export const NewCaseStatus = Schema.Struct({ status: CaseStatus, reason: CaseStatusReason });
export type NewCaseStatus = typeof NewCaseStatus.Type;

/** Who changed a status: a console user or an API key, by kind and id (never by name). */
export const CaseStatusActor = Schema.Struct({ kind: Schema.Literals(["user", "api_key"]), id: Schema.String });
export type CaseStatusActor = typeof CaseStatusActor.Type;

/** One change of a case's status, as its history shows it. */
export class CaseStatusChange extends Schema.Class<CaseStatusChange>("CaseStatusChange")({
  id: CaseStatusChangeId,
  personId: PersonId,
  from: CaseStatus,
  to: CaseStatus,
  reason: CaseStatusReason,
  changedBy: CaseStatusActor,
  changedAt: Schema.String,
}) {}

/**
 * Why a case cannot go from `from` to `to` for `reason`, or none: the status must change, and `referred` is the
 * reason of `closed_referred` and of no other status (a referral closes the case here because care goes on
 * elsewhere). Reopening a closed case is allowed: a person may come back.
 */
export const changeProblem = (from: CaseStatus, to: CaseStatus, reason: CaseStatusReason): Option.Option<string> => {
  if (from === to) return Option.some(`the case is ${to} already`);
  if (to === "closed_referred" && reason !== "referred")
    return Option.some("closed_referred takes the reason referred");
  if (to !== "closed_referred" && reason === "referred")
    return Option.some("the reason referred closes as closed_referred");
  return Option.none();
};

/** The change breaks {@link changeProblem}. */
export class CaseStatusChangeRefused extends Schema.TaggedError<CaseStatusChangeRefused>()("CaseStatusChangeRefused", {
  problem: Schema.String,
}) {}

/** The person was merged into another: their case is the surviving person's. */
export class PersonMergedAway extends Schema.TaggedError<PersonMergedAway>()("PersonMergedAway", {
  id: Schema.String,
  mergedInto: Schema.String,
}) {}
