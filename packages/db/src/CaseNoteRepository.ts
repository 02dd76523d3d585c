import { CaseNote, Person, Ports, Unreadable } from "@comensha/domain";
import { and, asc, desc, eq, inArray, or } from "drizzle-orm";
import { Effect, Layer, Redacted, Schema } from "effect";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { livePerson } from "./PersonCase.js";
import { caseNotes, caseNoteVersions, persons } from "./schema.js";

/** Binds a version's ciphertext to its note and number: a value moved to another note or version does not decrypt. */
export const caseNoteContext = (noteId: string, version: number) => `case-note:${noteId}:${version}`;

const decodeContent = Schema.decodeUnknownSync(CaseNote.CaseNoteContent);

type NoteRow = typeof caseNotes.$inferSelect;
type VersionRow = typeof caseNoteVersions.$inferSelect;

/**
 * Reads a version's words as they can be shown: `erased` when emptied, `undecryptable` (reported once, like every
 * value that does not decrypt) when the server's keys do not open them. Used by the repository and the export.
 */
export const caseNoteContentOf = (crypto: Ports.Crypto["Service"], row: VersionRow) =>
  Effect.gen(function* () {
    if (row.text === null) return decodeContent({ state: "erased" });
    const text = yield* crypto
      .decrypt(row.text, caseNoteContext(row.noteId, row.version))
      .pipe(
        Effect.catch(() =>
          Effect.as(
            Unreadable.reportUnreadable({ resource: "case_note", id: row.noteId, field: `text@${row.version}` }),
            undefined,
          ),
        ),
      );
    return decodeContent(text === undefined ? { state: "undecryptable" } : { state: "readable", text });
  });

const versionOf = (row: VersionRow, content: CaseNote.CaseNoteContent) =>
  new CaseNote.CaseNoteVersion({
    version: row.version,
    content,
    writtenBy: { kind: row.writtenByKind as CaseNote.CaseNoteAuthor["kind"], id: row.writtenById },
    writtenAt: toIsoTimestamp(row.writtenAt),
  });

/** A stored version, as the domain has it. */
export const toCaseNoteVersion = (crypto: Ports.Crypto["Service"], row: VersionRow) =>
  Effect.map(caseNoteContentOf(crypto, row), (content) => versionOf(row, content));

/** The domain's CaseNoteRepository on drizzle: every version's words encrypted with `Ports.Crypto`. */
export const CaseNoteRepositoryLive = Layer.effect(
  Ports.CaseNoteRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    const crypto = yield* Ports.Crypto;
    const transactor = yield* Ports.Transactor;

    const noteOf = (note: NoteRow, content: CaseNote.CaseNoteContent) =>
      new CaseNote.CaseNote({
        id: CaseNote.CaseNoteId.make(note.id),
        personId: Person.PersonId.make(note.personId),
        version: note.version,
        content,
        createdBy: { kind: note.createdByKind as CaseNote.CaseNoteAuthor["kind"], id: note.createdById },
        createdAt: toIsoTimestamp(note.createdAt),
        updatedBy: { kind: note.updatedByKind as CaseNote.CaseNoteAuthor["kind"], id: note.updatedById },
        updatedAt: toIsoTimestamp(note.updatedAt),
      });

    /** The person and everyone merged into them; a person merged away is refused (their case is the survivor's). */
    const caseOf = (personId: Person.PersonId, forUpdate = false) =>
      Effect.gen(function* () {
        yield* livePerson(query, personId, { forUpdate });
        const members = yield* query((db) =>
          db
            .select({ id: persons.id })
            .from(persons)
            .where(or(eq(persons.id, personId), eq(persons.mergedInto, personId))),
        );
        return members.map((member) => member.id);
      });

    const sealed = (noteId: string, version: number, note: CaseNote.NewCaseNote) =>
      crypto.encrypt(Redacted.value(note.text), caseNoteContext(noteId, version));

    const noteRow = (personIds: ReadonlyArray<string>, id: CaseNote.CaseNoteId, forUpdate: boolean) =>
      Effect.gen(function* () {
        const [row] = yield* query((db) => {
          const select = db
            .select()
            .from(caseNotes)
            .where(and(eq(caseNotes.id, id), inArray(caseNotes.personId, [...personIds])));
          return forUpdate ? select.for("update") : select;
        });
        if (row === undefined) return yield* new CaseNote.CaseNoteNotFound({ id });
        return row;
      });

    const versionsOf = (noteIds: ReadonlyArray<string>) =>
      noteIds.length === 0
        ? Effect.succeed([] as Array<VersionRow>)
        : query((db) =>
            db
              .select()
              .from(caseNoteVersions)
              .where(inArray(caseNoteVersions.noteId, [...noteIds]))
              .orderBy(asc(caseNoteVersions.noteId), asc(caseNoteVersions.version)),
          );

    return Ports.CaseNoteRepository.of({
      list: (personId) =>
        Effect.gen(function* () {
          const members = yield* caseOf(personId);
          const notes = yield* query((db) =>
            db.select().from(caseNotes).where(inArray(caseNotes.personId, members)).orderBy(desc(caseNotes.id)),
          );
          const current = yield* query((db) =>
            notes.length === 0
              ? Promise.resolve([] as Array<VersionRow>)
              : db
                  .select()
                  .from(caseNoteVersions)
                  .innerJoin(
                    caseNotes,
                    and(eq(caseNotes.id, caseNoteVersions.noteId), eq(caseNotes.version, caseNoteVersions.version)),
                  )
                  .where(inArray(caseNotes.personId, members))
                  .then((rows) => rows.map((row) => row.case_note_versions)),
          );
          const byNote = new Map(current.map((row) => [row.noteId, row]));
          return yield* Effect.forEach(notes, (note) => {
            const version = byNote.get(note.id);
            return version === undefined
              ? Effect.die(new Error(`case note ${note.id} has no version ${note.version}`))
              : Effect.map(caseNoteContentOf(crypto, version), (content) => noteOf(note, content));
          });
        }),

      find: (personId, id) =>
        Effect.gen(function* () {
          const members = yield* caseOf(personId);
          const note = yield* noteRow(members, id, false);
          const versions = yield* Effect.forEach(yield* versionsOf([note.id]), (row) => toCaseNoteVersion(crypto, row));
          const current = versions.find((version) => version.version === note.version);
          if (current === undefined) return yield* Effect.die(new Error(`case note ${id} has no current version`));
          return { note: noteOf(note, current.content), versions };
        }),

      create: (input) =>
        transactor.transaction(
          Effect.gen(function* () {
            yield* caseOf(input.personId);
            const id = yield* ids.next;
            const text = yield* sealed(id, 1, input.note);
            const [note] = yield* query((db) =>
              db
                .insert(caseNotes)
                .values({
                  id,
                  personId: input.personId,
                  version: 1,
                  createdByKind: input.author.kind,
                  createdById: input.author.id,
                  updatedByKind: input.author.kind,
                  updatedById: input.author.id,
                })
                .returning(),
            );
            yield* query((db) =>
              db.insert(caseNoteVersions).values({
                noteId: id,
                version: 1,
                text,
                writtenByKind: input.author.kind,
                writtenById: input.author.id,
              }),
            );
            return noteOf(note as NoteRow, { state: "readable", text: input.note.text });
          }),
        ),

      update: (input) =>
        transactor.transaction(
          Effect.gen(function* () {
            const members = yield* caseOf(input.personId);
            const note = yield* noteRow(members, input.id, true);
            if (note.erasedAt !== null) return yield* new CaseNote.CaseNoteErased({ id: input.id });
            if (note.version !== input.expectedVersion) {
              return yield* new CaseNote.CaseNoteVersionConflict({ id: input.id, currentVersion: note.version });
            }
            const next = note.version + 1;
            const text = yield* sealed(note.id, next, input.note);
            const [version] = yield* query((db) =>
              db
                .insert(caseNoteVersions)
                .values({
                  noteId: note.id,
                  version: next,
                  text,
                  writtenByKind: input.author.kind,
                  writtenById: input.author.id,
                })
                .returning(),
            );
            const written = version as VersionRow;
            const [updated] = yield* query((db) =>
              db
                .update(caseNotes)
                .set({
                  version: next,
                  updatedByKind: input.author.kind,
                  updatedById: input.author.id,
                  updatedAt: written.writtenAt,
                })
                .where(eq(caseNotes.id, note.id))
                .returning(),
            );
            return noteOf(updated as NoteRow, { state: "readable", text: input.note.text });
          }),
        ),
    });
  }),
);
