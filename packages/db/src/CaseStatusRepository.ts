import { CaseStatus, type Person, Ports } from "@comensha/domain";
import { asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { Effect, Layer, Option, Schema } from "effect";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { livePerson } from "./PersonCase.js";
import { caseStatusChanges, persons } from "./schema.js";

const decodeChange = Schema.decodeUnknownSync(CaseStatus.CaseStatusChange);
const decodeStatus = Schema.decodeUnknownSync(CaseStatus.CaseStatus);

/** A stored change of a case's status, as the domain has it. */
export const toCaseStatusChange = (row: typeof caseStatusChanges.$inferSelect) =>
  decodeChange({
    id: row.id,
    personId: row.personId,
    from: row.fromStatus,
    to: row.toStatus,
    reason: row.reason,
    changedBy: { kind: row.changedByKind, id: row.changedById },
    changedAt: toIsoTimestamp(row.changedAt),
  });

/** The domain's CaseStatusRepository on drizzle. */
export const CaseStatusRepositoryLive = Layer.effect(
  Ports.CaseStatusRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    const transactor = yield* Ports.Transactor;

    /** The person's status, the row held for the transaction when `forUpdate`; refusing one merged away. */
    const personRow = (personId: Person.PersonId, forUpdate: boolean) =>
      Effect.map(livePerson(query, personId, { forUpdate }), (row) => decodeStatus(row.caseStatus));

    return Ports.CaseStatusRepository.of({
      find: (personId) =>
        Effect.gen(function* () {
          const status = yield* personRow(personId, false);
          const rows = yield* query((db) =>
            db
              .select()
              .from(caseStatusChanges)
              .where(eq(caseStatusChanges.personId, personId))
              .orderBy(asc(caseStatusChanges.id)),
          );
          return { personId, status, history: rows.map(toCaseStatusChange) };
        }),
      statusesOf: (personIds) =>
        Effect.gen(function* () {
          if (personIds.length === 0) return new Map();
          const survivor = alias(persons, "survivor");
          const rows = yield* query((db) =>
            db
              .select({ id: persons.id, own: persons.caseStatus, survivor: survivor.caseStatus })
              .from(persons)
              .leftJoin(survivor, eq(survivor.id, persons.mergedInto))
              .where(inArray(persons.id, [...new Set(personIds)])),
          );
          return new Map(
            rows.map((row) => [row.id as Person.PersonId, decodeStatus(row.survivor ?? row.own)] as const),
          );
        }),
      change: (input) =>
        transactor.transaction(
          Effect.gen(function* () {
            const from = yield* personRow(input.personId, true);
            const problem = CaseStatus.changeProblem(from, input.to, input.reason);
            if (Option.isSome(problem))
              return yield* new CaseStatus.CaseStatusChangeRefused({ problem: problem.value });
            const id = yield* ids.next;
            const [row] = yield* query((db) =>
              db
                .insert(caseStatusChanges)
                .values({
                  id,
                  personId: input.personId,
                  fromStatus: from,
                  toStatus: input.to,
                  reason: input.reason,
                  changedByKind: input.changedBy.kind,
                  changedById: input.changedBy.id,
                })
                .returning(),
            );
            yield* query((db) =>
              db.update(persons).set({ caseStatus: input.to }).where(eq(persons.id, input.personId)),
            );
            return toCaseStatusChange(row as typeof caseStatusChanges.$inferSelect);
          }),
        ),
    });
  }),
);
