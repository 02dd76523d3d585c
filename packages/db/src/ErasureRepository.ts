import { Attachment, Erasure, Person, Ports } from "@comensha/domain";
import { and, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { Effect, Layer, Redacted, Schema } from "effect";
import { cursorOf, pageOf } from "./Cursor.js";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { idempotencyContext } from "./IdempotencyStore.js";
import {
  attachments,
  caseNotes,
  caseNoteVersions,
  duplicates,
  erasureRequests,
  followUps,
  idempotencyKeys,
  personBlindIndexes,
  persons,
  placementOffers,
  placementRequests,
  registrations,
  registrationVersions,
} from "./schema.js";

/** Binds an erasure request's reason to its request (associated data). */
export const erasureReasonContext = (id: string) => `erasure-request:${id}:reason`;

/** Binds the reason of an erasure request's rejection to its request (associated data). */
export const erasureRejectionContext = (id: string) => `erasure-request:${id}:rejection`;

const decodeRequest = Schema.decodeUnknownSync(Erasure.ErasureRequest);

type Row = typeof erasureRequests.$inferSelect;

/**
 * The domain's ErasureRepository on drizzle. Erasure empties ciphertexts and deletes blind indexes and stored answers
 * in the caller's transaction; it never touches a statistical column, `updated_at` or `decided_at`, so every report
 * of the past (and its "data as of" date) comes out byte for byte the same afterwards.
 */
export const ErasureRepositoryLive = Layer.effect(
  Ports.ErasureRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    const crypto = yield* Ports.Crypto;
    const transactor = yield* Ports.Transactor;
    const store = yield* Ports.AttachmentStore;

    /** A reason as stored, decrypted: null when retention emptied it, or when it does not decrypt. */
    const openReason = (sealed: Uint8Array | null, context: string) =>
      sealed === null ? Effect.succeed(null) : crypto.decrypt(sealed, context).pipe(Effect.orElseSucceed(() => null));

    const readRequest = (row: Row) =>
      Effect.gen(function* () {
        return decodeRequest({
          id: row.id,
          personId: row.personId,
          status: row.status,
          reason: yield* openReason(row.reason, erasureReasonContext(row.id)),
          requestedBy: { kind: row.requestedByKind, id: row.requestedBy },
          requestedAt: toIsoTimestamp(row.requestedAt),
          decidedBy:
            row.decidedByKind === null || row.decidedBy === null
              ? null
              : { kind: row.decidedByKind, id: row.decidedBy },
          decidedAt: row.decidedAt === null ? null : toIsoTimestamp(row.decidedAt),
          rejectionReason: yield* openReason(row.rejectionReason, erasureRejectionContext(row.id)),
          // Counts stored before case notes, follow-up tasks or attachments existed lack theirs: there were none to erase.
          erased:
            row.erased === null
              ? null
              : { caseNoteVersions: 0, followUpTitles: 0, attachments: 0, ...(row.erased as object) },
        });
      });

    /** The surviving person of `id` and everyone merged into it; PersonNotFound when there is no such person. */
    const groupOf = (id: Person.PersonId) =>
      Effect.gen(function* () {
        const [found] = yield* query((db) =>
          db.select({ id: persons.id, mergedInto: persons.mergedInto }).from(persons).where(eq(persons.id, id)),
        );
        if (found === undefined) return yield* new Person.PersonNotFound({ id });
        const root = found.mergedInto ?? found.id;
        const members = yield* query((db) =>
          db
            .select({ id: persons.id })
            .from(persons)
            .where(or(eq(persons.id, root), eq(persons.mergedInto, root))),
        );
        return { root, ids: members.map((member) => member.id) };
      });

    /**
     * Deletes the stored idempotent answers that mention any of `ids` (a created registration, a placement request,
     * a decided duplicate, the person): answers are encrypted, so each one still stored is decrypted and searched.
     * There are at most a day's worth. One that does not decrypt with this server's keys cannot be replayed and
     * is left for `deleteExpired`.
     */
    const deleteAnswersMentioning = (mentioned: ReadonlyArray<string>) =>
      Effect.gen(function* () {
        if (mentioned.length === 0) return 0;
        const rows = yield* query((db) =>
          db
            .select({ scope: idempotencyKeys.scope, key: idempotencyKeys.key, response: idempotencyKeys.response })
            .from(idempotencyKeys)
            .where(isNotNull(idempotencyKeys.response)),
        );
        let deleted = 0;
        for (const row of rows) {
          if (row.response === null) continue;
          const plaintext = yield* crypto
            .decrypt(row.response, idempotencyContext(row.scope, row.key))
            .pipe(Effect.orElseSucceed(() => undefined));
          if (plaintext === undefined || !mentioned.some((id) => plaintext.includes(id))) continue;
          yield* query((db) =>
            db
              .delete(idempotencyKeys)
              .where(and(eq(idempotencyKeys.scope, row.scope), eq(idempotencyKeys.key, row.key))),
          );
          deleted++;
        }
        return deleted;
      });

    const erasePerson = (id: Person.PersonId) =>
      transactor.transaction(
        Effect.gen(function* () {
          const group = yield* groupOf(id);
          // Two erasures of one person (an approval and the retention job) run one after the other.
          yield* transactor.lock([`erasure:${group.root}`]);
          const notYetErased = yield* query((db) =>
            db
              .select({ id: registrations.id })
              .from(registrations)
              .where(and(inArray(registrations.personId, group.ids), isNull(registrations.erasedAt))),
          );
          const erasedRegistrations = yield* query((db) =>
            db
              .update(registrations)
              .set({ identifiers: null, erasedAt: sql`coalesce(${registrations.erasedAt}, now())` })
              .where(inArray(registrations.personId, group.ids))
              .returning({ id: registrations.id }),
          );
          const registrationIds = erasedRegistrations.map((row) => row.id);
          const versions =
            registrationIds.length === 0
              ? []
              : yield* query((db) =>
                  db
                    .update(registrationVersions)
                    .set({ identifiers: null })
                    .where(inArray(registrationVersions.registrationId, registrationIds))
                    .returning({ version: registrationVersions.version }),
                );
          const blindIndexes = yield* query((db) =>
            db
              .delete(personBlindIndexes)
              .where(inArray(personBlindIndexes.personId, group.ids))
              .returning({ name: personBlindIndexes.name }),
          );
          const requests = yield* query((db) =>
            db
              .update(placementRequests)
              .set({ medicalNeeds: null })
              .where(
                or(
                  inArray(placementRequests.personId, group.ids),
                  registrationIds.length === 0 ? undefined : inArray(placementRequests.registrationId, registrationIds),
                ),
              )
              .returning({ id: placementRequests.id }),
          );
          const requestIds = requests.map((row) => row.id);
          const offers =
            requestIds.length === 0
              ? []
              : yield* query((db) =>
                  db
                    .update(placementOffers)
                    .set({ overrideReason: null, overrideReasonPlaintext: null })
                    .where(inArray(placementOffers.requestId, requestIds))
                    .returning({ id: placementOffers.id }),
                );
          const decided = yield* query((db) =>
            db
              .update(duplicates)
              .set({ decisionReason: null, decisionReasonPlaintext: null })
              .where(
                or(
                  inArray(duplicates.personId, group.ids),
                  inArray(duplicates.candidatePersonId, group.ids),
                  registrationIds.length === 0 ? undefined : inArray(duplicates.registrationId, registrationIds),
                ),
              )
              .returning({ id: duplicates.id }),
          );
          const notes = yield* query((db) =>
            db
              .update(caseNotes)
              .set({ erasedAt: sql`coalesce(${caseNotes.erasedAt}, now())` })
              .where(inArray(caseNotes.personId, group.ids))
              .returning({ id: caseNotes.id }),
          );
          const noteIds = notes.map((row) => row.id);
          const caseNoteVersionsErased =
            noteIds.length === 0
              ? []
              : yield* query((db) =>
                  db
                    .update(caseNoteVersions)
                    .set({ text: null })
                    .where(and(inArray(caseNoteVersions.noteId, noteIds), isNotNull(caseNoteVersions.text)))
                    .returning({ version: caseNoteVersions.version }),
                );
          // An attachment's file goes for good and its name is emptied; who uploaded what kind of file when stays.
          const attachmentsErased = yield* query((db) =>
            db
              .update(attachments)
              .set({ fileName: null, erasedAt: sql`now()` })
              .where(and(inArray(attachments.personId, group.ids), isNull(attachments.erasedAt)))
              .returning({ id: attachments.id }),
          );
          const allAttachments = yield* query((db) =>
            db.select({ id: attachments.id }).from(attachments).where(inArray(attachments.personId, group.ids)),
          );
          yield* store.delete(attachmentsErased.map((row) => Attachment.AttachmentId.make(row.id)));
          // Follow-up tasks keep kind, dates, owner and state (the coordinators' accountability); the title goes.
          const titlesErased = yield* query((db) =>
            db
              .update(followUps)
              .set({ title: null, titleErasedAt: sql`coalesce(${followUps.titleErasedAt}, now())` })
              .where(and(inArray(followUps.personId, group.ids), isNotNull(followUps.title)))
              .returning({ id: followUps.id }),
          );
          const tasks = yield* query((db) =>
            db.select({ id: followUps.id }).from(followUps).where(inArray(followUps.personId, group.ids)),
          );
          const idempotentAnswers = yield* deleteAnswersMentioning([
            ...group.ids,
            ...registrationIds,
            ...requestIds,
            ...decided.map((row) => row.id),
            ...noteIds,
            ...allAttachments.map((row) => row.id),
            ...tasks.map((row) => row.id),
          ]);
          return {
            persons: group.ids.length,
            registrations: notYetErased.length,
            versions: versions.length,
            blindIndexes: blindIndexes.length,
            placementRequests: requestIds.length,
            offers: offers.length,
            duplicates: decided.length,
            caseNoteVersions: caseNoteVersionsErased.length,
            attachments: attachmentsErased.length,
            followUpTitles: titlesErased.length,
            idempotentAnswers,
          } satisfies Erasure.ErasureSummary;
        }),
      );

    const findRow = (id: string, options: { readonly lock?: boolean } = {}) =>
      Effect.map(
        query((db) => {
          const select = db.select().from(erasureRequests).where(eq(erasureRequests.id, id));
          return options.lock === true ? select.for("update") : select;
        }),
        (rows) => rows[0],
      );

    return Ports.ErasureRepository.of({
      createRequest: (input) =>
        transactor.transaction(
          Effect.gen(function* () {
            const [person] = yield* query((db) =>
              db.select({ id: persons.id }).from(persons).where(eq(persons.id, input.personId)),
            );
            if (person === undefined) return yield* new Person.PersonNotFound({ id: input.personId });
            yield* transactor.lock([`erasure-request:${input.personId}`]);
            const [pending] = yield* query((db) =>
              db
                .select({ id: erasureRequests.id })
                .from(erasureRequests)
                .where(and(eq(erasureRequests.personId, input.personId), eq(erasureRequests.status, "pending"))),
            );
            if (pending !== undefined) {
              return yield* new Erasure.ErasurePending({ personId: input.personId, requestId: pending.id });
            }
            const id = yield* ids.next;
            const reason = yield* crypto.encrypt(Redacted.value(input.reason), erasureReasonContext(id));
            const [row] = yield* query((db) =>
              db
                .insert(erasureRequests)
                .values({
                  id,
                  personId: input.personId,
                  status: "pending",
                  reason,
                  requestedByKind: input.requestedBy.kind,
                  requestedBy: input.requestedBy.id,
                })
                .returning(),
            );
            return yield* readRequest(row as Row);
          }),
        ),
      findRequest: (id) =>
        Effect.gen(function* () {
          const row = yield* findRow(id);
          if (row === undefined) return yield* new Erasure.ErasureRequestNotFound({ id });
          return yield* readRequest(row);
        }),
      listRequests: (filter, page) =>
        Effect.gen(function* () {
          const before = yield* cursorOf(page.cursor);
          const rows = yield* query((db) =>
            db
              .select()
              .from(erasureRequests)
              .where(
                and(
                  filter.status === undefined ? undefined : eq(erasureRequests.status, filter.status),
                  before === undefined ? undefined : lt(erasureRequests.id, before),
                ),
              )
              .orderBy(desc(erasureRequests.id))
              .limit(page.limit + 1),
          );
          const result = pageOf(rows, page.limit);
          return { ...result, data: yield* Effect.forEach(result.data, readRequest) };
        }),
      decideRequest: (input) =>
        transactor.transaction(
          Effect.gen(function* () {
            const current = yield* findRow(input.id, { lock: true });
            if (current === undefined) return yield* new Erasure.ErasureRequestNotFound({ id: input.id });
            if (current.status !== "pending") {
              return yield* new Erasure.ErasureRequestDecided({
                id: input.id,
                status: current.status as Erasure.ErasureRequestStatus,
              });
            }
            const rejectionReason =
              input.rejectionReason === undefined
                ? null
                : yield* crypto.encrypt(Redacted.value(input.rejectionReason), erasureRejectionContext(input.id));
            const [row] = yield* query((db) =>
              db
                .update(erasureRequests)
                .set({
                  status: input.status,
                  decidedByKind: input.decidedBy.kind,
                  decidedBy: input.decidedBy.id,
                  decidedAt: sql`now()`,
                  rejectionReason,
                  erased: input.erased ?? null,
                })
                .where(eq(erasureRequests.id, input.id))
                .returning(),
            );
            return yield* readRequest(row as Row);
          }),
        ),
      erasePerson,
    });
  }),
);
