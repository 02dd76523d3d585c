import { Schema } from "effect";
import { ActorKind } from "./AuditEvent.js";
import * as CodeList from "./CodeList.js";
import * as IsoDate from "./IsoDate.js";
import * as Labels from "./labels/FollowUp.js";
import { PersonId } from "./Person.js";
import { cosmStayNormMonths, isOccupiedOn } from "./Placement.js";
import * as ReflectionPeriod from "./ReflectionPeriod.js";
import type { ShelterKind } from "./ShelterKind.js";
import { UserId } from "./User.js";
import { Uuid } from "./Uuid.js";

/** Identifier of a follow-up task. */
export const FollowUpId = Uuid.pipe(Schema.brand("FollowUpId"));
export type FollowUpId = typeof FollowUpId.Type;

/** The list of kinds of `labels/FollowUp.ts` with its codes' schema. */
export const kindCodeList = CodeList.withSchema(Labels.kindCodeList);

/** What a task is for (see `labels/FollowUp.ts`). */
export const FollowUpKind = kindCodeList.schema;
export type FollowUpKind = typeof FollowUpKind.Type;

/** The list of states with its codes' schema. */
export const stateCodeList = CodeList.withSchema(Labels.stateCodeList);

/** Where a task stands: `open`, `done` or `cancelled`. */
export const FollowUpState = stateCodeList.schema;
export type FollowUpState = typeof FollowUpState.Type;

/** The longest title, in characters: a reminder, not a note (notes are case notes). */
export const maxTitleLength = 200;

/**
 * A task's short title. No personal data is expected in it, but it is free text a coordinator types, so it is treated
 * as personal data all the same: redacted in the domain, stored encrypted, never logged, emptied on erasure.
 */
export const FollowUpTitle = Schema.RedactedFromValue(
  Schema.Trim.pipe(Schema.check(Schema.isBetweenLength(1, maxTitleLength))),
).annotate({ description: `A short title (1-${maxTitleLength} characters after trimming); stored encrypted.` });
export type FollowUpTitle = typeof FollowUpTitle.Type;

/**
 * What a coordinator sends to add a task about a person: its kind, the day it is due, optionally its owner (a console
 * user; the caller when that is a user) and a title.
 */
export const NewFollowUp = Schema.Struct({
  kind: FollowUpKind,
  dueOn: IsoDate.IsoDate,
  owner: Schema.optionalKey(UserId),
  title: Schema.optionalKey(FollowUpTitle),
});
export type NewFollowUp = typeof NewFollowUp.Type;

/** Who created or closed a task: a console user or an API key, by kind and id (never by name). */
export const FollowUpActor = Schema.Struct({ kind: ActorKind, id: Schema.String });
export type FollowUpActor = typeof FollowUpActor.Type;

/**
 * A title as it can be shown: `none` when the task has none; `readable` with its text; `undecryptable` when the
 * server's keys do not open it; `erased` once the person's data was erased (the task's dates stay).
 */
export const FollowUpTitleContent = Schema.Union([
  Schema.Struct({ state: Schema.Literal("none") }),
  Schema.Struct({ state: Schema.Literal("readable"), text: FollowUpTitle }),
  Schema.Struct({ state: Schema.Literal("undecryptable") }),
  Schema.Struct({ state: Schema.Literal("erased") }),
]).annotate({ identifier: "FollowUpTitleContent" });
export type FollowUpTitleContent = typeof FollowUpTitleContent.Type;

/**
 * A follow-up task (opvolgtaak) about a person's case: what is due when, and whose it is. It is `open` until its
 * owner or another coordinator marks it `done` or `cancelled`; who closed it and when is kept.
 */
export class FollowUp extends Schema.Class<FollowUp>("FollowUp")({
  id: FollowUpId,
  personId: PersonId,
  kind: FollowUpKind,
  dueOn: IsoDate.IsoDate,
  owner: UserId,
  title: FollowUpTitleContent,
  state: FollowUpState,
  createdBy: FollowUpActor,
  createdAt: Schema.String,
  closedBy: Schema.NullOr(FollowUpActor),
  closedAt: Schema.NullOr(Schema.String),
}) {}

/** No task with this id. */
export class FollowUpNotFound extends Schema.TaggedError<FollowUpNotFound>()("FollowUpNotFound", {
  id: Schema.String,
}) {}

/** The task was closed already (done or cancelled): it cannot be closed again. */
export class FollowUpClosed extends Schema.TaggedError<FollowUpClosed>()("FollowUpClosed", {
  id: Schema.String,
  state: FollowUpState,
}) {}

/** The owner named is not an active coordinator among the console's users. */
export class FollowUpOwnerRefused extends Schema.TaggedError<FollowUpOwnerRefused>()("FollowUpOwnerRefused", {
  owner: Schema.String,
}) {}

/** Whether a task is overdue on `today`: open, and due before today (one due today is not overdue yet). */
export const isOverdue: (task: Pick<FollowUp, "state" | "dueOn">, today: IsoDate.IsoDate) => boolean = Labels.isOverdue;

/** A worklist's order: by due date, earliest (so every overdue task) first, then oldest task first. */
export const byDueDate = (a: Pick<FollowUp, "dueOn" | "id">, b: Pick<FollowUp, "dueOn" | "id">): number =>
  IsoDate.compare(a.dueOn, b.dueOn) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** What the suggestions need to know about a person's case: their reflection periods and their stays. */
export interface CaseFacts {
  readonly reflectionPeriods: ReadonlyArray<ReflectionPeriod.ReflectionPeriod>;
  readonly placements: ReadonlyArray<{
    readonly startsOn: IsoDate.IsoDate;
    readonly endsOn?: IsoDate.IsoDate | undefined;
    readonly shelterKind: ShelterKind;
  }>;
}

/** A task the case suggests: its kind and due date, for a coordinator to add (nothing is added by itself). */
export const SuggestedFollowUp = Schema.Struct({ kind: FollowUpKind, dueOn: IsoDate.IsoDate }).annotate({
  identifier: "SuggestedFollowUp",
});
export type SuggestedFollowUp = typeof SuggestedFollowUp.Type;

/**
 * The tasks a person's case suggests on `today`, earliest first, each once:
 * - `reflection_period_end` on the last day of each reflection period ({@link ReflectionPeriod.endOf}) that has not
 *   expired yet;
 * - `cosm_three_month_norm` on the day a COSM stay reaches its 3-month norm (start + 3 calendar months, as the COSM
 *   signal counts it) when the stay still holds its place on that day (ended stays suggest nothing; one that has
 *   already passed the norm does, overdue, so it is not missed).
 *
 * A suggestion is left out when a task of the same kind and due date exists in any state: a cancelled task says the
 * coordinator decided against it.
 */
export const suggestFollowUps = (
  facts: CaseFacts,
  existing: ReadonlyArray<Pick<FollowUp, "kind" | "dueOn">>,
  today: IsoDate.IsoDate,
): ReadonlyArray<SuggestedFollowUp> => {
  const candidates: Array<SuggestedFollowUp> = [
    ...facts.reflectionPeriods
      .filter((period) => !ReflectionPeriod.isExpired(period, today))
      .map((period) => ({ kind: "reflection_period_end" as const, dueOn: ReflectionPeriod.endOf(period) })),
    ...facts.placements.flatMap((placement) => {
      if (placement.shelterKind !== "cosm") return [];
      const normOn = IsoDate.addMonths(placement.startsOn, cosmStayNormMonths);
      return isOccupiedOn(placement, normOn) ? [{ kind: "cosm_three_month_norm" as const, dueOn: normOn }] : [];
    }),
  ];
  const seen = new Set(existing.map((task) => `${task.kind}|${task.dueOn}`));
  const suggestions: Array<SuggestedFollowUp> = [];
  for (const candidate of candidates) {
    const key = `${candidate.kind}|${candidate.dueOn}`;
    if (seen.has(key)) continue;
    seen.add(key);
    suggestions.push(candidate);
  }
  return suggestions.sort(
    (a, b) =>
      IsoDate.compare(a.dueOn, b.dueOn) || kindCodeList.codes.indexOf(a.kind) - kindCodeList.codes.indexOf(b.kind),
  );
};
