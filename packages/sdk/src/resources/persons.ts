import type { ApiPromise } from "../apiPromise.js";
import { Core, type RequestOptions } from "../core.js";
import { ComenshaError } from "../errors.js";
import { type IfMatch, ifMatchOf, requestOptionsOf } from "../ifMatch.js";
import type {
  Attachment,
  AttachmentUpload,
  CaseNote,
  CaseNoteInput,
  CaseNoteWithVersions,
  CaseStatusInput,
  CaseStatusView,
  FollowUp,
  FollowUpInput,
  FollowUpList,
  Person,
  SubjectExport,
  SubjectExportParams,
} from "../types.js";

/** Options of {@link Persons.correctNote}: the note's version it is based on, and the usual request options. */
export type CorrectNoteOptions = IfMatch & RequestOptions;

/** Persons (possible victims), for coordinators: e.g. both sides of a possible duplicate. */
export class Persons {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * A person with their registrations, newest first (`GET /v1/persons/{id}`); every call is audited as a read of
   * personal data. An unknown id is a `NotFoundError`.
   *
   * @example
   * ```ts
   * const [left, right] = await Promise.all([
   *   client.persons.get(duplicate.personId),
   *   client.persons.get(duplicate.candidatePersonId),
   * ]);
   * ```
   */
  get(id: string, options?: RequestOptions): ApiPromise<Person> {
    return this.#core.request({ method: "GET", path: "/v1/persons/{id}", params: { id }, options });
  }

  /**
   * Where a person's trajectory stands (`GET /v1/persons/{id}/case-status`, coordinators): `active` until changed,
   * `follow_up`, `closed` or `closed_referred` (HTCDS 2.0's case statuses), with every change. A person merged into
   * another is a `ConflictError` (their case is the survivor's).
   */
  caseStatus(id: string, options?: RequestOptions): ApiPromise<CaseStatusView> {
    return this.#core.request({ method: "GET", path: "/v1/persons/{id}/case-status", params: { id }, options });
  }

  /**
   * Changes a person's case status with a coded reason (`POST /v1/persons/{id}/case-status`, coordinators). The same
   * status again, or `referred` for anything but `closed_referred` (and the other way round), is an
   * `UnprocessableEntityError`.
   *
   * @example
   * ```ts
   * const view = await client.persons.changeCaseStatus(personId, { status: "closed_referred", reason: "referred" });
   * ```
   */
  changeCaseStatus(id: string, input: CaseStatusInput, options?: RequestOptions): ApiPromise<CaseStatusView> {
    return this.#core.request({
      method: "POST",
      path: "/v1/persons/{id}/case-status",
      params: { id },
      body: input,
      options,
    });
  }

  /**
   * A person's case notes at their current version, newest first, those of persons merged into them included
   * (`GET /v1/persons/{id}/notes`, coordinators). Every call is audited.
   */
  notes(id: string, options?: RequestOptions): ApiPromise<{ items: Array<CaseNote> }> {
    return this.#core.request({ method: "GET", path: "/v1/persons/{id}/notes", params: { id }, options });
  }

  /** One case note with every version, oldest first (`GET /v1/persons/{id}/notes/{noteId}`, coordinators). */
  note(id: string, noteId: string, options?: RequestOptions): ApiPromise<CaseNoteWithVersions> {
    return this.#core.request({
      method: "GET",
      path: "/v1/persons/{id}/notes/{noteId}",
      params: { id, noteId },
      options,
    });
  }

  /**
   * Writes a case note about a person (`POST /v1/persons/{id}/notes`, coordinators): stored encrypted, never logged,
   * erased with the person's data. A person merged into another is a `ConflictError`.
   *
   * @example
   * ```ts
   * const note = await client.persons.addNote(personId, { text: "Intake done; interpreter booked." });
   * ```
   */
  addNote(id: string, input: CaseNoteInput, options?: RequestOptions): ApiPromise<CaseNote> {
    return this.#core.request({ method: "POST", path: "/v1/persons/{id}/notes", params: { id }, body: input, options });
  }

  /**
   * Corrects a case note as its next version (`PUT /v1/persons/{id}/notes/{noteId}` with `If-Match`); the earlier
   * versions stay. A note changed since you read it is a `PreconditionFailedError`.
   *
   * @example
   * ```ts
   * const corrected = await client.persons.correctNote(personId, note.id, { text: "…" }, { version: note.version });
   * ```
   */
  correctNote(id: string, noteId: string, input: CaseNoteInput, options: CorrectNoteOptions): ApiPromise<CaseNote> {
    const ifMatch = ifMatchOf(options, "note");
    if (ifMatch instanceof ComenshaError) return Core.reject(ifMatch);
    return this.#core.request({
      method: "PUT",
      path: "/v1/persons/{id}/notes/{noteId}",
      params: { id, noteId },
      headers: { "If-Match": ifMatch },
      body: input,
      options: requestOptionsOf(options),
    });
  }

  /**
   * A person's attachments, described, newest first, those of persons merged into them included
   * (`GET /v1/persons/{id}/attachments`, coordinators). Every call is audited. Download a file with
   * {@link Persons.downloadAttachment}.
   */
  attachments(id: string, options?: RequestOptions): ApiPromise<{ items: Array<Attachment> }> {
    return this.#core.request({ method: "GET", path: "/v1/persons/{id}/attachments", params: { id }, options });
  }

  /**
   * Uploads a file to a person's case (`POST /v1/persons/{id}/attachments`, coordinators): a PDF, PNG, JPEG or plain
   * text file of at most 10 MiB, sent as its bytes with its name in `X-File-Name`. Stored encrypted, never logged. A
   * file whose bytes are not of `mediaType` is an `UnprocessableEntityError` of type `attachment-content-rejected`;
   * one over 10 MiB an `ApiError` with status 413. Retries reuse one `Idempotency-Key`, so the file is stored once.
   *
   * @example
   * ```ts
   * const file = await readFile("verklaring.pdf");
   * const attachment = await client.persons.addAttachment(personId, {
   *   fileName: "Verklaring politie.pdf",
   *   mediaType: "application/pdf",
   *   data: file,
   * });
   * ```
   */
  addAttachment(id: string, upload: AttachmentUpload, options?: RequestOptions): ApiPromise<Attachment> {
    return this.#core.request({
      method: "POST",
      path: "/v1/persons/{id}/attachments",
      params: { id },
      headers: { "X-File-Name": encodeURIComponent(upload.fileName) },
      rawBody: { data: upload.data, contentType: upload.mediaType },
      options,
    });
  }

  /**
   * An attachment's file, as its bytes (`GET /v1/persons/{id}/attachments/{attachmentId}`, coordinators); every
   * download is audited. Check them against the attachment's `sha256` if you store them. A file erased with the
   * person's data is a `ConflictError`.
   *
   * @example
   * ```ts
   * const bytes = await client.persons.downloadAttachment(personId, attachment.id);
   * await writeFile("verklaring.pdf", bytes);
   * ```
   */
  downloadAttachment(id: string, attachmentId: string, options?: RequestOptions): ApiPromise<Uint8Array> {
    return this.#core.request({
      method: "GET",
      path: "/v1/persons/{id}/attachments/{attachmentId}",
      params: { id, attachmentId },
      asBytes: true,
      options,
    });
  }

  /**
   * A person's follow-up tasks by due date, those of persons merged into them included, and the tasks their case
   * suggests (`GET /v1/persons/{id}/follow-ups`, coordinators): the end of a running reflection period, the 3-month
   * norm of a COSM stay. Every call is audited.
   *
   * @example
   * ```ts
   * const { items, suggestions } = await client.persons.followUps(personId);
   * ```
   */
  followUps(id: string, options?: RequestOptions): ApiPromise<FollowUpList> {
    return this.#core.request({ method: "GET", path: "/v1/persons/{id}/follow-ups", params: { id }, options });
  }

  /**
   * Adds a follow-up task about a person (`POST /v1/persons/{id}/follow-ups`, coordinators), owned by `owner` (a
   * console user who coordinates) or, in a console session, by you. The title is stored encrypted. An owner who is
   * not an active coordinator is an `UnprocessableEntityError`; a person merged into another a `ConflictError`.
   *
   * @example
   * ```ts
   * const task = await client.persons.addFollowUp(personId, {
   *   kind: "residence_decision_b8_3",
   *   dueOn: "2027-01-31",
   *   owner: userId,
   *   title: "Ask about the IND decision",
   * });
   * ```
   */
  addFollowUp(id: string, input: FollowUpInput, options?: RequestOptions): ApiPromise<FollowUp> {
    return this.#core.request({
      method: "POST",
      path: "/v1/persons/{id}/follow-ups",
      params: { id },
      body: input,
      options,
    });
  }

  /**
   * The data-subject access export (GDPR art. 15) of a person and every person merged into them
   * (`GET /v1/persons/{id}/export`, coordinators): every registration with every version, possible duplicates,
   * placement requests, offers, placements and the audit events about them. `format: "json"` (the default) resolves
   * to the export; `format: "html"` to a printable page in `lang` (`nl` or `en`), as a string to save or print to PDF.
   * Every call is audited. An unknown id is a `NotFoundError`; another role than coordinator a `ForbiddenError`.
   *
   * @example
   * ```ts
   * const data = await client.persons.export(personId);
   * const page = await client.persons.export(personId, { format: "html", lang: "en" });
   * ```
   */
  export(
    id: string,
    params?: { format?: "json" | undefined; lang?: "nl" | "en" | undefined },
    options?: RequestOptions,
  ): ApiPromise<SubjectExport>;
  export(
    id: string,
    params: { format: "html"; lang?: "nl" | "en" | undefined },
    options?: RequestOptions,
  ): ApiPromise<string>;
  export(id: string, params?: SubjectExportParams, options?: RequestOptions): ApiPromise<SubjectExport | string>;
  export(id: string, params: SubjectExportParams = {}, options?: RequestOptions): ApiPromise<SubjectExport | string> {
    const format = params.format ?? "json";
    return this.#core.request({
      method: "GET",
      path: "/v1/persons/{id}/export",
      params: { id },
      query: { format, lang: params.lang },
      options,
      ...(format === "html" ? { asText: true } : {}),
    });
  }
}
