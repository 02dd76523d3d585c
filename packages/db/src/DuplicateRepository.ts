import { Duplicate, Ports, Unreadable } from "@comensha/domain";
import { and, asc, desc, eq, lt, or, sql } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
import { cursorOf, pageOf } from "./Cursor.js";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { duplicates } from "./schema.js";

const decodeDuplicate = Schema.decodeUnknownSync(Duplicate.Duplicate);

/** Binds a decision reason's ciphertext to its duplicate. */
export const duplicateReasonContext = (id: string) => `duplicate:${id}:decision_reason`;

/** The domain's DuplicateRepository on drizzle: the decision reason (free text that can name people) encrypted. */
export const DuplicateRepositoryLive = Layer.effect(
  Ports.DuplicateRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    const crypto = yield* Ports.Crypto;
    const toDuplicate = (row: typeof duplicates.$inferSelect) =>
      Effect.gen(function* () {
        const { decisionReason, decisionReasonPlaintext, ...fields } = row;
        const reason =
          decisionReason === null
            ? decisionReasonPlaintext
            : yield* crypto
                .decrypt(decisionReason, duplicateReasonContext(row.id))
                .pipe(
                  Effect.catch(() =>
                    Effect.as(
                      Unreadable.reportUnreadable({ resource: "duplicate", id: row.id, field: "decisionReason" }),
                      undefined,
                    ),
                  ),
                );
        return decodeDuplicate({
          ...fields,
          decisionReason: reason ?? null,
          decidedAt: row.decidedAt === null ? null : toIsoTimestamp(row.decidedAt),
          createdAt: toIsoTimestamp(row.createdAt),
          ...(reason === undefined ? { unreadable: ["decisionReason"] } : {}),
        });
      });
    const findById = (id: Duplicate.DuplicateId) =>
      Effect.gen(function* () {
        const [row] = yield* query((db) => db.select().from(duplicates).where(eq(duplicates.id, id)));
        if (row === undefined) return yield* new Duplicate.DuplicateNotFound({ id });
        return yield* toDuplicate(row);
      });
    return Ports.DuplicateRepository.of({
      create: (input) =>
        Effect.gen(function* () {
          const id = yield* ids.next;
          const [row] = yield* query((db) =>
            db
              .insert(duplicates)
              .values({ id, ...input, matchedOn: [...input.matchedOn] })
              .returning(),
          );
          return yield* toDuplicate(row as typeof duplicates.$inferSelect);
        }),
      findById,
      list: (filter, page) =>
        Effect.gen(function* () {
          const before = yield* cursorOf(page.cursor);
          const rows = yield* query((db) =>
            db
              .select()
              .from(duplicates)
              .where(
                and(
                  filter.status === undefined ? undefined : eq(duplicates.status, filter.status),
                  before === undefined ? undefined : lt(duplicates.id, before),
                ),
              )
              .orderBy(desc(duplicates.id))
              .limit(page.limit + 1),
          );
          const result = pageOf(rows, page.limit);
          return { ...result, data: yield* Effect.forEach(result.data, toDuplicate) };
        }),
      decide: (input) =>
        Effect.gen(function* () {
          const sealed = yield* crypto.encrypt(input.reason, duplicateReasonContext(input.id));
          const [row] = yield* query((db) =>
            db
              .update(duplicates)
              .set({
                status: input.status,
                decisionReason: sealed,
                decidedBy: input.decidedBy,
                decidedAt: sql`now()`,
              })
              .where(and(eq(duplicates.id, input.id), eq(duplicates.status, "open")))
              .returning(),
          );
          if (row !== undefined) return yield* toDuplicate(row);
          const existing = yield* findById(input.id);
          return yield* new Duplicate.DuplicateAlreadyDecided({ id: input.id, status: existing.status });
        }),
      listForPerson: (personId) =>
        Effect.gen(function* () {
          const rows = yield* query((db) =>
            db
              .select()
              .from(duplicates)
              .where(or(eq(duplicates.personId, personId), eq(duplicates.candidatePersonId, personId)))
              .orderBy(asc(duplicates.id)),
          );
          return yield* Effect.forEach(rows, toDuplicate);
        }),
      updateMatchedOn: (id, matchedOn) =>
        Effect.asVoid(
          query((db) =>
            db
              .update(duplicates)
              .set({ matchedOn: [...matchedOn] })
              .where(and(eq(duplicates.id, id), eq(duplicates.status, "open"))),
          ),
        ),
      closeStale: (id) =>
        Effect.map(
          query((db) =>
            db
              .update(duplicates)
              .set({ status: "stale", matchedOn: [], decidedAt: sql`now()` })
              .where(and(eq(duplicates.id, id), eq(duplicates.status, "open")))
              .returning({ id: duplicates.id }),
          ),
          (rows) => rows.length > 0,
        ),
    });
  }),
);
