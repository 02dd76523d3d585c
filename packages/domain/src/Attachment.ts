import { Schema } from "effect";
import { ActorKind } from "./AuditEvent.js";
import * as CodeList from "./CodeList.js";
import * as Labels from "./labels/Attachment.js";
import { PersonId } from "./Person.js";
import { Uuid } from "./Uuid.js";

/** Identifier of a case attachment. */
export const AttachmentId = Uuid.pipe(Schema.brand("AttachmentId"));
export type AttachmentId = typeof AttachmentId.Type;

/** The media types of `labels/Attachment.ts` with their schema. */
export const mediaTypeCodeList = CodeList.withSchema(Labels.mediaTypeCodeList);

/** What an attachment holds, as its media type: a PDF, a PNG or JPEG image, or plain text in UTF-8. */
export const AttachmentMediaType = mediaTypeCodeList.schema;
export type AttachmentMediaType = typeof AttachmentMediaType.Type;

export const { maxAttachmentBytes, maxFileNameLength } = Labels;

/** Control characters (C0, DEL, C1) and the path separators a file name may not hold. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const refusedInFileName = /[\u0000-\u001f\u007f-\u009f/\\]/;

/**
 * An attachment's file name as the uploader gave it (`Verklaring politie.pdf`): it often names the person, so it is
 * redacted in the domain, stored encrypted and never logged. Trimmed, 1 to 200 characters, without path separators or
 * control characters, and not `.` or `..`.
 */
export const AttachmentFileName = Schema.RedactedFromValue(
  Schema.Trim.pipe(
    Schema.check(
      Schema.isBetweenLength(1, Labels.maxFileNameLength),
      Schema.makeFilter((name: string) => !refusedInFileName.test(name) && name !== "." && name !== "..", {
        expected: "a file name without path separators (/ or \\) or control characters, other than . and ..",
      }),
    ),
  ),
).annotate({
  description: `The file's name (1-${Labels.maxFileNameLength} characters, no / or \\); stored encrypted.`,
});
export type AttachmentFileName = typeof AttachmentFileName.Type;

/** Who uploaded an attachment: a console user or an API key, by kind and id (never by name). */
export const AttachmentAuthor = Schema.Struct({ kind: ActorKind, id: Schema.String });
export type AttachmentAuthor = typeof AttachmentAuthor.Type;

/**
 * An attachment's file name as it can be shown: `readable`; `undecryptable` when the server's keys do not open it;
 * `erased` once the person's data was erased (the file is gone then too; who uploaded it and when stay).
 */
export const AttachmentName = Schema.Union([
  Schema.Struct({ state: Schema.Literal("readable"), fileName: AttachmentFileName }),
  Schema.Struct({ state: Schema.Literal("undecryptable") }),
  Schema.Struct({ state: Schema.Literal("erased") }),
]).annotate({ identifier: "AttachmentName" });
export type AttachmentName = typeof AttachmentName.Type;

/**
 * A file in a person's case (bijlage): a statement, a letter, a scan of a document. The file itself is stored
 * encrypted apart from this description of it (`Ports.AttachmentStore`), and is downloaded on its own.
 */
export class Attachment extends Schema.Class<Attachment>("Attachment")({
  id: AttachmentId,
  personId: PersonId,
  name: AttachmentName,
  mediaType: AttachmentMediaType,
  /** The file's length in bytes. */
  size: Schema.Int,
  /** The SHA-256 of the file's bytes, in lower-case hex: what a downloader checks the file against. */
  sha256: Schema.String,
  createdBy: AttachmentAuthor,
  createdAt: Schema.String,
}) {}

/** What a coordinator uploads: the file's name, its declared media type and its bytes. */
export interface NewAttachment {
  readonly fileName: AttachmentFileName;
  readonly mediaType: AttachmentMediaType;
  readonly bytes: Uint8Array;
}

/** No attachment with this id in this person's case (or in the case of anyone merged into them). */
export class AttachmentNotFound extends Schema.TaggedError<AttachmentNotFound>()("AttachmentNotFound", {
  id: Schema.String,
}) {}

/** The attachment's file was erased with the person's data: only who uploaded it and when are left. */
export class AttachmentErased extends Schema.TaggedError<AttachmentErased>()("AttachmentErased", {
  id: Schema.String,
}) {}

/** The file's stored bytes do not decrypt with the server's keys. */
export class AttachmentUndecryptable extends Schema.TaggedError<AttachmentUndecryptable>()("AttachmentUndecryptable", {
  id: Schema.String,
}) {}

/** Why a file's content is refused: it is empty, or its bytes are not of the media type it was declared as. */
export const ContentProblem = Schema.Literals(["empty", "type_mismatch"]);
export type ContentProblem = typeof ContentProblem.Type;

/** The file's bytes are refused by {@link checkContent}. */
export class AttachmentContentRejected extends Schema.TaggedError<AttachmentContentRejected>()(
  "AttachmentContentRejected",
  { mediaType: AttachmentMediaType, problem: ContentProblem },
) {}

const startsWith = (bytes: Uint8Array, signature: ReadonlyArray<number>) =>
  bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);

const isUtf8WithoutNul = (bytes: Uint8Array) => {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** The magic numbers each media type's files begin with; plain text has none (it is checked as UTF-8 instead). */
const signatures: { readonly [T in AttachmentMediaType]: ReadonlyArray<number> | undefined } = {
  "application/pdf": [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  "image/jpeg": [0xff, 0xd8, 0xff],
  "text/plain": undefined,
};

/**
 * Whether `bytes` are what their declared media type says (a content check, so that a program passed off as a PDF is
 * refused): a PDF starts with `%PDF-`, a PNG with its 8-byte signature, a JPEG with `FF D8 FF`; plain text is valid
 * UTF-8 without NUL bytes. An empty file is refused whatever its type. Answers the problem, or undefined when the
 * bytes pass.
 */
export const contentProblemOf = (mediaType: AttachmentMediaType, bytes: Uint8Array): ContentProblem | undefined => {
  if (bytes.length === 0) return "empty";
  const signature = signatures[mediaType];
  const matches = signature === undefined ? isUtf8WithoutNul(bytes) : startsWith(bytes, signature);
  return matches ? undefined : "type_mismatch";
};

/** {@link contentProblemOf} as a check that fails with {@link AttachmentContentRejected}. */
export const checkContent = (
  mediaType: AttachmentMediaType,
  bytes: Uint8Array,
): AttachmentContentRejected | undefined => {
  const problem = contentProblemOf(mediaType, bytes);
  return problem === undefined ? undefined : new AttachmentContentRejected({ mediaType, problem });
};
