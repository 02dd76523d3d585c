import type { IdempotencyStore, StoredResponse } from "@comensha/db";
import { Ports, type Registration, type Transfer, Webhook } from "@comensha/domain";
import { Effect } from "effect";
import { audit, type Caller } from "./audit.js";
import { announce } from "./webhooks.js";

type Complete = (response: StoredResponse) => Effect.Effect<void, never, IdempotencyStore>;

/**
 * Whose registrations a caller may transfer or whose transfers it may read: a partner its own organisation's (and,
 * for reading, those it transferred away), a coordinator every one.
 */
const scopeOf = (caller: Caller): { readonly organisationId?: typeof caller.principal.organisationId } =>
  caller.principal.role === "coordinator" ? {} : { organisationId: caller.principal.organisationId };

/**
 * Transfers a registration to another organisation (the owning partner, or a coordinator for any owner): the move
 * of its owner, the transfer's record, its audit event, the receiver's `registration.transferred` webhook and the
 * stored idempotent answer commit together. The registration's row is held from the first statement, so two
 * transfers at once are taken one after the other and the second finds the new owner.
 */
export const transferRegistration = (
  caller: Caller,
  registrationId: Registration.RegistrationId,
  input: Transfer.NewTransfer,
  respond: (transfer: Transfer.Transfer) => StoredResponse,
  complete: Complete,
) =>
  Effect.gen(function* () {
    const transfers = yield* Ports.TransferRepository;
    return yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        const transfer = yield* transfers.transfer({
          ...input,
          registrationId,
          scope: scopeOf(caller),
          transferredBy: { kind: caller.principal.kind, id: caller.principal.id },
        });
        const registration = yield* (yield* Ports.RegistrationRepository)
          .findById(registrationId)
          .pipe(Effect.catchTag("RegistrationUndecryptable", () => Effect.succeed(undefined)));
        if (registration !== undefined) {
          yield* announce(transfer.toOrganisationId, Webhook.transferEventType, {
            registrationId,
            status: registration.status,
            version: registration.version,
          });
        }
        yield* audit(caller, "registration.transfer", "success", { type: "registration", id: registrationId });
        const response = respond(transfer);
        yield* complete(response);
        return response;
      }),
    );
  });

/**
 * A registration's transfers, oldest first: every one for a coordinator and the owner, those up to its own latest
 * transfer away for a former owner; `RegistrationNotFound` for anyone else. Audited as a read of the registration.
 */
export const listTransfers = (caller: Caller, registrationId: Registration.RegistrationId) =>
  Effect.gen(function* () {
    const found = yield* (yield* Ports.TransferRepository).list(registrationId, scopeOf(caller));
    yield* audit(caller, "registration.transfers", "success", { type: "registration", id: registrationId });
    return found;
  });
