import { IdempotencyStore } from "@comensha/db";
import { Ports, Retention } from "@comensha/domain";
import { Clock, Effect } from "effect";

/** The audit trail's "who" of the retention job. */
const retentionActor = { kind: "system", id: "retention" } as const;

/** How many persons one batch of {@link applyRetention} erases, and how many batches one run takes at most. */
export const personsPerBatch = 100;
const batchesPerRun = 50;

/** What one run of the retention job did, in counts (never data): logged by the worker and returned to tests. */
export interface RetentionRun {
  readonly erasedPersons: number;
  readonly erasedRegistrations: number;
  readonly idempotentAnswers: number;
  readonly sessions: number;
  readonly loginThrottles: number;
  readonly medicalNeeds: number;
  readonly erasureReasons: number;
}

/**
 * Applies the domain's retention policy (Retention.ts) at the Effect clock's now: erases the identifiers of every
 * person due (inactive, or every report withdrawn), each in its own transaction with a `person.erase` audit event by
 * the system; empties old medical needs and erasure reasons; deletes expired idempotent answers, ended sessions and
 * stale login throttles; and writes one `retention.apply` audit event for the run. Every step is idempotent and an
 * erasure takes the person's lock, so a second run, or two workers at once, change nothing twice and audit each
 * erasure once. Statistical columns are never touched, so reports of the past stay byte for byte the same.
 */
export const applyRetention = Effect.gen(function* () {
  const now = yield* Clock.currentTimeMillis;
  const cutoffs = Retention.retentionCutoffs(now);
  const retention = yield* Ports.RetentionRepository;
  const erasures = yield* Ports.ErasureRepository;
  const transactor = yield* Ports.Transactor;
  const auditLog = yield* Ports.AuditLog;

  let erasedPersons = 0;
  let erasedRegistrations = 0;
  for (let batch = 0; batch < batchesPerRun; batch++) {
    const due = yield* retention.listPersonsDue(cutoffs, personsPerBatch);
    for (const personId of due) {
      const erased = yield* transactor.transaction(
        Effect.gen(function* () {
          const summary = yield* erasures.erasePerson(personId).pipe(Effect.orDie);
          // Another worker may have erased the person a moment ago: audit only what this run erased.
          if (summary.registrations > 0) {
            yield* auditLog.append({
              actor: retentionActor,
              action: "person.erase",
              resourceType: "person",
              resourceId: personId,
              outcome: "success",
            });
          }
          return summary.registrations;
        }),
      );
      if (erased > 0) erasedPersons += 1;
      erasedRegistrations += erased;
    }
    if (due.length < personsPerBatch) break;
  }
  const run: RetentionRun = {
    erasedPersons,
    erasedRegistrations,
    medicalNeeds: yield* retention.eraseClosedRequestMedicalNeeds(cutoffs),
    erasureReasons: yield* retention.eraseDecidedErasureReasons(cutoffs),
    idempotentAnswers: yield* (yield* IdempotencyStore).deleteExpired,
    sessions: yield* retention.deleteEndedSessions(cutoffs),
    loginThrottles: yield* retention.deleteExpiredLoginThrottles(cutoffs),
  };
  yield* auditLog.append({
    actor: retentionActor,
    action: "retention.apply",
    resourceType: "retention",
    outcome: "success",
  });
  return run;
});
