import type { IdempotencyStore, StoredResponse } from "@comensha/db";
import { type CaseStatus, type Person, Ports } from "@comensha/domain";
import { Effect } from "effect";
import { audit, type Caller } from "./audit.js";

/** A person's case status with its history (coordinators), audited as a read of the person. */
export const getCaseStatus = (caller: Caller, personId: Person.PersonId) =>
  Effect.gen(function* () {
    const view = yield* (yield* Ports.CaseStatusRepository).find(personId);
    yield* audit(caller, "case_status.read", "success", { type: "person", id: personId });
    return view;
  });

/**
 * Changes a person's case status with a coded reason (coordinators): the change, its audit event and the stored
 * idempotent answer commit together; the answer is the status with its whole history.
 */
export const changeCaseStatus = (
  caller: Caller,
  personId: Person.PersonId,
  input: CaseStatus.NewCaseStatus,
  respond: (view: Ports.CaseStatusView) => StoredResponse,
  complete: (response: StoredResponse) => Effect.Effect<void, never, IdempotencyStore>,
) =>
  Effect.gen(function* () {
    const repository = yield* Ports.CaseStatusRepository;
    return yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        yield* repository.change({
          personId,
          to: input.status,
          reason: input.reason,
          changedBy: { kind: caller.principal.kind, id: caller.principal.id },
        });
        yield* audit(caller, "case_status.change", "success", { type: "person", id: personId });
        const response = respond(yield* repository.find(personId));
        yield* complete(response);
        return response;
      }),
    );
  });
