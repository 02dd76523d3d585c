import { Schema } from "effect";
import { ActorKind } from "./AuditEvent.js";
import { PersonId } from "./Person.js";
import { Uuid } from "./Uuid.js";

/** Identifier of a case note. */
export const CaseNoteId = Uuid.pipe(Schema.brand("CaseNoteId"));
export type CaseNoteId = typeof CaseNoteId.Type;

/** The longest note, in characters: a page of a contact's report, not a file (files are attachments). */
export const maxCaseNoteLength = 10_000;

/**
 * What a case note says (HTCDS 2.0's case comment, `cco_Comment`): free text about a person's care, which names
 * people and events, so it is redacted in the domain, stored encrypted and never logged.
 */
export const CaseNoteText = Schema.RedactedFromValue(
  Schema.Trim.pipe(Schema.check(Schema.isBetweenLength(1, maxCaseNoteLength))),
).annotate({ description: `The note (1-${maxCaseNoteLength} characters after trimming); stored encrypted.` });
export type CaseNoteText = typeof CaseNoteText.Type;

/** What a coordinator sends to write a note, or a new version of one. */
export const NewCaseNote = Schema.Struct({ text: CaseNoteText });
export type NewCaseNote = typeof NewCaseNote.Type;

/** Who wrote a version: a console user or an API key, by kind and id (never by name). */
export const CaseNoteAuthor = Schema.Struct({ kind: ActorKind, id: Schema.String });
export type CaseNoteAuthor = typeof CaseNoteAuthor.Type;

/**
 * A version's text as it can be shown: `readable`; `undecryptable` when it does not decrypt with the server's keys
 * (one damaged note does not hide the others); `erased` once the person's data was erased (on request or under the
 * retention rules): the note's dates and authors stay for accountability, its words do not.
 */
export const CaseNoteContent = Schema.Union([
  Schema.Struct({ state: Schema.Literal("readable"), text: CaseNoteText }),
  Schema.Struct({ state: Schema.Literal("undecryptable") }),
  Schema.Struct({ state: Schema.Literal("erased") }),
]).annotate({ identifier: "CaseNoteContent" });
export type CaseNoteContent = typeof CaseNoteContent.Type;

/** One version of a note: what it said, who wrote it and when. Versions are never changed, only added. */
export class CaseNoteVersion extends Schema.Class<CaseNoteVersion>("CaseNoteVersion")({
  version: Schema.Int,
  content: CaseNoteContent,
  writtenBy: CaseNoteAuthor,
  writtenAt: Schema.String,
}) {}

/**
 * A case note (dossiernotitie) about a person's trajectory: its current version, with who wrote it first and when.
 * A correction is a new version; the earlier ones stay readable to coordinators (`versions`, oldest first, when
 * asked for one note).
 */
export class CaseNote extends Schema.Class<CaseNote>("CaseNote")({
  id: CaseNoteId,
  personId: PersonId,
  version: Schema.Int,
  content: CaseNoteContent,
  createdBy: CaseNoteAuthor,
  createdAt: Schema.String,
  updatedBy: CaseNoteAuthor,
  updatedAt: Schema.String,
}) {}

/** No note with this id about this person (or about anyone merged into them). */
export class CaseNoteNotFound extends Schema.TaggedError<CaseNoteNotFound>()("CaseNoteNotFound", {
  id: Schema.String,
}) {}

/** The note changed since the version the writer read (the optimistic lock of `If-Match`). */
export class CaseNoteVersionConflict extends Schema.TaggedError<CaseNoteVersionConflict>()("CaseNoteVersionConflict", {
  id: Schema.String,
  currentVersion: Schema.Int,
}) {}

/** The note's words were erased with the person's data: it cannot be written again. */
export class CaseNoteErased extends Schema.TaggedError<CaseNoteErased>()("CaseNoteErased", {
  id: Schema.String,
}) {}
