import { createHash } from "node:crypto";
import { Attachment, Person, Ports, Unreadable } from "@comensha/domain";
import { and, asc, desc, eq, inArray, or } from "drizzle-orm";
import { Effect, Layer, Redacted, Schema } from "effect";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { livePerson } from "./PersonCase.js";
import { attachmentChunks, attachments, persons } from "./schema.js";

/** Binds an attachment's file name to the attachment: a value moved to another row does not decrypt. */
export const attachmentNameContext = (id: string) => `attachment:${id}:name`;

/** Binds one chunk of an attachment's bytes to the attachment and the chunk's place in the file. */
export const attachmentChunkContext = (id: string, chunk: number) => `attachment:${id}:chunk:${chunk}`;

/**
 * The most bytes of a file one chunk holds. `Crypto` seals text, so a chunk is sealed as base64 (a third larger);
 * 256 KiB keeps a key rotation's batch of chunks (200 rows) under 70 MB in memory, while a 10 MiB file is 40 rows.
 */
export const attachmentChunkBytes = 256 * 1024;

/**
 * The domain's AttachmentStore in PostgreSQL (or PGlite): a file's bytes in `attachment_chunks`, each chunk sealed
 * with `Ports.Crypto` on its own, bound to the attachment and the chunk's number (listed in `EncryptedColumns`, so a
 * key rotation re-encrypts them like every other value). Its writes join the caller's transaction.
 */
export const AttachmentStorePostgresLive = Layer.effect(
  Ports.AttachmentStore,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const crypto = yield* Ports.Crypto;
    return Ports.AttachmentStore.of({
      put: (id, bytes) =>
        Effect.gen(function* () {
          for (let chunk = 0; chunk * attachmentChunkBytes < bytes.length; chunk++) {
            const part = bytes.subarray(chunk * attachmentChunkBytes, (chunk + 1) * attachmentChunkBytes);
            const data = yield* crypto.encrypt(Buffer.from(part).toString("base64"), attachmentChunkContext(id, chunk));
            yield* query((db) => db.insert(attachmentChunks).values({ attachmentId: id, chunk, data }));
          }
        }),
      get: (id) =>
        Effect.gen(function* () {
          const rows = yield* query((db) =>
            db
              .select()
              .from(attachmentChunks)
              .where(eq(attachmentChunks.attachmentId, id))
              .orderBy(asc(attachmentChunks.chunk)),
          );
          if (rows.length === 0) return undefined;
          const parts = yield* Effect.forEach(rows, (row) =>
            Effect.map(crypto.decrypt(row.data, attachmentChunkContext(id, row.chunk)), (base64) =>
              Buffer.from(base64, "base64"),
            ),
          );
          return new Uint8Array(Buffer.concat(parts));
        }),
      delete: (ids) =>
        ids.length === 0
          ? Effect.succeed(0)
          : Effect.map(
              query((db) =>
                db
                  .delete(attachmentChunks)
                  .where(inArray(attachmentChunks.attachmentId, [...ids]))
                  .returning({ id: attachmentChunks.attachmentId }),
              ),
              (rows) => new Set(rows.map((row) => row.id)).size,
            ),
    });
  }),
);

type Row = typeof attachments.$inferSelect;

const decodeName = Schema.decodeUnknownSync(Attachment.AttachmentName);

/** An attachment's file name as it can be shown (`erased`, `undecryptable` reported once, or `readable`). */
const nameOf = (crypto: Ports.Crypto["Service"], row: Row) =>
  Effect.gen(function* () {
    if (row.erasedAt !== null || row.fileName === null) return decodeName({ state: "erased" });
    const fileName = yield* crypto
      .decrypt(row.fileName, attachmentNameContext(row.id))
      .pipe(
        Effect.catch(() =>
          Effect.as(Unreadable.reportUnreadable({ resource: "attachment", id: row.id, field: "fileName" }), undefined),
        ),
      );
    return decodeName(fileName === undefined ? { state: "undecryptable" } : { state: "readable", fileName });
  });

/** A stored attachment's description, as the domain has it (the repository and the subject access export). */
export const toAttachment = (crypto: Ports.Crypto["Service"], row: Row) =>
  Effect.map(
    nameOf(crypto, row),
    (name) =>
      new Attachment.Attachment({
        id: Attachment.AttachmentId.make(row.id),
        personId: Person.PersonId.make(row.personId),
        name,
        mediaType: row.mediaType as Attachment.AttachmentMediaType,
        size: row.size,
        sha256: row.sha256,
        createdBy: { kind: row.createdByKind as Attachment.AttachmentAuthor["kind"], id: row.createdById },
        createdAt: toIsoTimestamp(row.createdAt),
      }),
  );

/** The domain's AttachmentRepository on drizzle: descriptions here, the bytes in the `Ports.AttachmentStore`. */
export const AttachmentRepositoryLive = Layer.effect(
  Ports.AttachmentRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    const crypto = yield* Ports.Crypto;
    const transactor = yield* Ports.Transactor;
    const store = yield* Ports.AttachmentStore;

    /** The person and everyone merged into them; a person merged away is refused (their case is the survivor's). */
    const caseOf = (personId: Person.PersonId) =>
      Effect.gen(function* () {
        yield* livePerson(query, personId);
        const members = yield* query((db) =>
          db
            .select({ id: persons.id })
            .from(persons)
            .where(or(eq(persons.id, personId), eq(persons.mergedInto, personId))),
        );
        return members.map((member) => member.id);
      });

    return Ports.AttachmentRepository.of({
      list: (personId) =>
        Effect.gen(function* () {
          const members = yield* caseOf(personId);
          const rows = yield* query((db) =>
            db.select().from(attachments).where(inArray(attachments.personId, members)).orderBy(desc(attachments.id)),
          );
          return yield* Effect.forEach(rows, (row) => toAttachment(crypto, row));
        }),

      create: (input) =>
        transactor.transaction(
          Effect.gen(function* () {
            yield* caseOf(input.personId);
            const id = Attachment.AttachmentId.make(yield* ids.next);
            const { bytes, fileName, mediaType } = input.attachment;
            const sealedName = yield* crypto.encrypt(Redacted.value(fileName), attachmentNameContext(id));
            const [row] = yield* query((db) =>
              db
                .insert(attachments)
                .values({
                  id,
                  personId: input.personId,
                  fileName: sealedName,
                  mediaType,
                  size: bytes.length,
                  sha256: createHash("sha256").update(bytes).digest("hex"),
                  createdByKind: input.author.kind,
                  createdById: input.author.id,
                })
                .returning(),
            );
            yield* store.put(id, bytes);
            return yield* toAttachment(crypto, row as Row);
          }),
        ),

      read: (personId, id) =>
        Effect.gen(function* () {
          const members = yield* caseOf(personId);
          const [row] = yield* query((db) =>
            db
              .select()
              .from(attachments)
              .where(and(eq(attachments.id, id), inArray(attachments.personId, members))),
          );
          if (row === undefined) return yield* new Attachment.AttachmentNotFound({ id });
          if (row.erasedAt !== null) return yield* new Attachment.AttachmentErased({ id });
          const bytes = yield* store
            .get(id)
            .pipe(
              Effect.catchTag("DecryptionFailed", () => Effect.fail(new Attachment.AttachmentUndecryptable({ id }))),
            );
          if (bytes === undefined) return yield* Effect.die(new Error(`attachment ${id} has no stored file`));
          return { attachment: yield* toAttachment(crypto, row), bytes };
        }),
    });
  }),
);
