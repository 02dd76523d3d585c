import type { IdempotencyStore, StoredResponse } from "@comensha/db";
import { type CaseNote, type Person, Ports } from "@comensha/domain";
import { Effect } from "effect";
import { audit, type Caller } from "./audit.js";

/** Who writes, as a note records it: the principal by kind and id. */
const authorOf = (caller: Caller): CaseNote.CaseNoteAuthor => ({
  kind: caller.principal.kind,
  id: caller.principal.id,
});

/** A person's case notes at their current version (coordinators), audited as a read of the person's notes. */
export const listCaseNotes = (caller: Caller, personId: Person.PersonId) =>
  Effect.gen(function* () {
    const notes = yield* (yield* Ports.CaseNoteRepository).list(personId);
    yield* audit(caller, "case_note.list", "success", { type: "person", id: personId });
    return notes;
  });

/** One note with every version (coordinators), audited as a read of that note. */
export const getCaseNote = (caller: Caller, personId: Person.PersonId, id: CaseNote.CaseNoteId) =>
  Effect.gen(function* () {
    const found = yield* (yield* Ports.CaseNoteRepository).find(personId, id);
    yield* audit(caller, "case_note.read", "success", { type: "case_note", id });
    return found;
  });

type Complete = (response: StoredResponse) => Effect.Effect<void, never, IdempotencyStore>;

/**
 * Runs a write of a note in one transaction with its audit event (`action`, about the note) and the stored idempotent
 * answer (encrypted, like every stored answer): all of it commits, or none.
 */
const writeNote = <E>(
  caller: Caller,
  action: "case_note.create" | "case_note.update",
  write: (repository: Ports.CaseNoteRepository["Service"]) => Effect.Effect<CaseNote.CaseNote, E>,
  respond: (note: CaseNote.CaseNote) => StoredResponse,
  complete: Complete,
) =>
  Effect.gen(function* () {
    const repository = yield* Ports.CaseNoteRepository;
    return yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        const note = yield* write(repository);
        yield* audit(caller, action, "success", { type: "case_note", id: note.id });
        const response = respond(note);
        yield* complete(response);
        return response;
      }),
    );
  });

/** Writes a note about a person (coordinators), as version 1. */
export const createCaseNote = (
  caller: Caller,
  personId: Person.PersonId,
  input: CaseNote.NewCaseNote,
  respond: (note: CaseNote.CaseNote) => StoredResponse,
  complete: Complete,
) =>
  writeNote(
    caller,
    "case_note.create",
    (repository) => repository.create({ personId, note: input, author: authorOf(caller) }),
    respond,
    complete,
  );

/** Corrects a note as its next version when `expectedVersion` is still its current one (coordinators). */
export const updateCaseNote = (
  caller: Caller,
  personId: Person.PersonId,
  id: CaseNote.CaseNoteId,
  expectedVersion: number,
  input: CaseNote.NewCaseNote,
  respond: (note: CaseNote.CaseNote) => StoredResponse,
  complete: Complete,
) =>
  writeNote(
    caller,
    "case_note.update",
    (repository) => repository.update({ personId, id, expectedVersion, note: input, author: authorOf(caller) }),
    respond,
    complete,
  );
