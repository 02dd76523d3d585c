import type { IdempotencyStore, StoredResponse } from "@comensha/db";
import { Erasure, type Page, type Person, Ports } from "@comensha/domain";
import { Effect } from "effect";
import type { Principal } from "../auth.js";
import { audit, type Caller } from "./audit.js";

/**
 * Who asks for or decides an erasure: the console user or the API key. "Another coordinator" is another principal:
 * a different user, a different API key, or a user instead of a key (the platform cannot tell whether one human
 * holds both; give a person either a console account or a coordinator key, not both).
 */
export const erasureActorOf = (principal: Principal): Erasure.ErasureActor => ({
  kind: principal.kind,
  id: principal.id,
});

type Complete = (response: StoredResponse) => Effect.Effect<void, never, IdempotencyStore>;

/**
 * Asks for the erasure of a person (coordinators), with a reason (stored encrypted): a pending request that another
 * coordinator approves or rejects. One pending request per person; the audit event and the stored idempotent answer
 * commit with it.
 */
export const requestErasure = (
  caller: Caller,
  personId: Person.PersonId,
  reason: Erasure.ErasureReason,
  respond: (request: Erasure.ErasureRequest) => StoredResponse,
  complete: Complete,
) =>
  Effect.gen(function* () {
    const transactor = yield* Ports.Transactor;
    return yield* transactor.transaction(
      Effect.gen(function* () {
        const request = yield* (yield* Ports.ErasureRepository).createRequest({
          personId,
          reason,
          requestedBy: erasureActorOf(caller.principal),
        });
        yield* audit(caller, "erasure_request.create", "success", { type: "erasure_request", id: request.id });
        const response = respond(request);
        yield* complete(response);
        return response;
      }),
    );
  });

/**
 * Approves a pending erasure request (a coordinator other than the one who asked) and erases the person in the same
 * transaction: the approval, the erasure, their audit events (`erasure_request.approve`, and `person.erase` about
 * the person) and the stored answer commit together, or none does.
 */
export const approveErasure = (
  caller: Caller,
  id: Erasure.ErasureRequestId,
  respond: (request: Erasure.ErasureRequest) => StoredResponse,
  complete: Complete,
) =>
  Effect.gen(function* () {
    const transactor = yield* Ports.Transactor;
    const erasures = yield* Ports.ErasureRepository;
    return yield* transactor.transaction(
      Effect.gen(function* () {
        const request = yield* erasures.findRequest(id);
        const approver = erasureActorOf(caller.principal);
        const refused = Erasure.checkApproval(request, approver);
        if (refused !== undefined) return yield* refused;
        const erased = yield* erasures.erasePerson(request.personId).pipe(Effect.orDie);
        const approved = yield* erasures.decideRequest({ id, status: "approved", decidedBy: approver, erased });
        yield* audit(caller, "erasure_request.approve", "success", { type: "erasure_request", id });
        yield* audit(caller, "person.erase", "success", { type: "person", id: request.personId });
        const response = respond(approved);
        yield* complete(response);
        return response;
      }),
    );
  });

/** Rejects a pending erasure request, with a reason (stored encrypted); any coordinator may, the requester too. */
export const rejectErasure = (
  caller: Caller,
  id: Erasure.ErasureRequestId,
  reason: Erasure.ErasureReason,
  respond: (request: Erasure.ErasureRequest) => StoredResponse,
  complete: Complete,
) =>
  Effect.gen(function* () {
    const transactor = yield* Ports.Transactor;
    const erasures = yield* Ports.ErasureRepository;
    return yield* transactor.transaction(
      Effect.gen(function* () {
        const request = yield* erasures.findRequest(id);
        const refused = Erasure.checkRejection(request);
        if (refused !== undefined) return yield* refused;
        const rejected = yield* erasures.decideRequest({
          id,
          status: "rejected",
          decidedBy: erasureActorOf(caller.principal),
          rejectionReason: reason,
        });
        yield* audit(caller, "erasure_request.reject", "success", { type: "erasure_request", id });
        const response = respond(rejected);
        yield* complete(response);
        return response;
      }),
    );
  });

/** A page of erasure requests, newest first, with one audit event. */
export const listErasureRequests = (
  caller: Caller,
  filter: { readonly status?: Erasure.ErasureRequestStatus },
  page: { readonly limit: number; readonly cursor?: string },
): Effect.Effect<Page.Page<Erasure.ErasureRequest>, Page.InvalidCursor, Ports.ErasureRepository | Ports.AuditLog> =>
  Effect.gen(function* () {
    const result = yield* (yield* Ports.ErasureRepository).listRequests(filter, page);
    yield* audit(caller, "erasure_request.list", "success", { type: "erasure_request" });
    return result;
  });

/** One erasure request, with its audit event. */
export const getErasureRequest = (caller: Caller, id: Erasure.ErasureRequestId) =>
  Effect.gen(function* () {
    const request = yield* (yield* Ports.ErasureRepository).findRequest(id);
    yield* audit(caller, "erasure_request.read", "success", { type: "erasure_request", id });
    return request;
  });
