import { Ports, Registration, Transfer } from "@comensha/domain";
import { and, asc, desc, eq, lte } from "drizzle-orm";
import { Effect, Layer, Option, Schema } from "effect";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { organisations, registrations, registrationTransfers } from "./schema.js";

const decodeTransfer = Schema.decodeUnknownSync(Transfer.Transfer);

type Row = typeof registrationTransfers.$inferSelect;

/** A stored transfer, as the domain has it. */
export const toTransfer = (row: Row) =>
  decodeTransfer({
    id: row.id,
    registrationId: row.registrationId,
    fromOrganisationId: row.fromOrganisationId,
    toOrganisationId: row.toOrganisationId,
    reason: row.reason,
    version: row.version,
    transferredAt: toIsoTimestamp(row.transferredAt),
    transferredBy: { kind: row.transferredByKind, id: row.transferredById },
  });

/** The domain's TransferRepository on drizzle. */
export const TransferRepositoryLive = Layer.effect(
  Ports.TransferRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;

    /** The latest transfer away from `organisationId` of a registration it does not own now, if any. */
    const latestAway = (registrationId: string, organisationId: string) =>
      Effect.map(
        query((db) =>
          db
            .select()
            .from(registrationTransfers)
            .where(
              and(
                eq(registrationTransfers.registrationId, registrationId),
                eq(registrationTransfers.fromOrganisationId, organisationId),
              ),
            )
            .orderBy(desc(registrationTransfers.id))
            .limit(1),
        ),
        (rows) => rows[0],
      );

    const ownerOf = (registrationId: string) =>
      Effect.map(
        query((db) =>
          db
            .select({ organisationId: registrations.organisationId })
            .from(registrations)
            .where(eq(registrations.id, registrationId)),
        ),
        (rows) => rows[0]?.organisationId,
      );

    const party = (id: string) =>
      Effect.map(
        query((db) =>
          db
            .select({ id: organisations.id, status: organisations.status, isComensha: organisations.isComensha })
            .from(organisations)
            .where(eq(organisations.id, id)),
        ),
        (rows) => rows[0] as Transfer.TransferParty | undefined,
      );

    return Ports.TransferRepository.of({
      transfer: (input) =>
        Effect.gen(function* () {
          // The row held until the commit: a second transfer at once waits, then finds the new owner.
          const [current] = yield* query((db) =>
            db
              .select({ organisationId: registrations.organisationId, version: registrations.version })
              .from(registrations)
              .where(eq(registrations.id, input.registrationId))
              .for("update"),
          );
          const scoped = input.scope.organisationId;
          if (current === undefined) return yield* new Registration.RegistrationNotFound({ id: input.registrationId });
          if (scoped !== undefined && current.organisationId !== scoped) {
            const away = yield* latestAway(input.registrationId, scoped);
            return yield* away === undefined
              ? new Registration.RegistrationNotFound({ id: input.registrationId })
              : new Transfer.RegistrationTransferred({ id: input.registrationId });
          }
          const from = yield* party(current.organisationId);
          const to = yield* party(input.toOrganisationId);
          if (to === undefined) {
            return yield* new Transfer.TransferRefused({ problem: "names no organisation", path: "/toOrganisationId" });
          }
          const problem = Transfer.transferProblem(from as Transfer.TransferParty, to);
          if (Option.isSome(problem)) {
            return yield* new Transfer.TransferRefused({ problem: problem.value, path: "/toOrganisationId" });
          }
          const id = yield* ids.next;
          const [row] = yield* query((db) =>
            db
              .insert(registrationTransfers)
              .values({
                id,
                registrationId: input.registrationId,
                fromOrganisationId: current.organisationId,
                toOrganisationId: input.toOrganisationId,
                reason: input.reason,
                version: current.version,
                transferredByKind: input.transferredBy.kind,
                transferredById: input.transferredBy.id,
              })
              .returning(),
          );
          yield* query((db) =>
            db
              .update(registrations)
              .set({ organisationId: input.toOrganisationId })
              .where(eq(registrations.id, input.registrationId)),
          );
          return toTransfer(row as Row);
        }),

      list: (registrationId, scope) =>
        Effect.gen(function* () {
          const owner = yield* ownerOf(registrationId);
          if (owner === undefined) return yield* new Registration.RegistrationNotFound({ id: registrationId });
          let upTo: string | undefined;
          if (scope.organisationId !== undefined && owner !== scope.organisationId) {
            const away = yield* latestAway(registrationId, scope.organisationId);
            if (away === undefined) return yield* new Registration.RegistrationNotFound({ id: registrationId });
            upTo = away.id;
          }
          const rows = yield* query((db) =>
            db
              .select()
              .from(registrationTransfers)
              .where(
                and(
                  eq(registrationTransfers.registrationId, registrationId),
                  upTo === undefined ? undefined : lte(registrationTransfers.id, upTo),
                ),
              )
              .orderBy(asc(registrationTransfers.id)),
          );
          return rows.map(toTransfer);
        }),

      isTransferredAway: (registrationId, organisationId) =>
        Effect.gen(function* () {
          const owner = yield* ownerOf(registrationId);
          if (owner === undefined || owner === organisationId) return false;
          return (yield* latestAway(registrationId, organisationId)) !== undefined;
        }),
    });
  }),
);
