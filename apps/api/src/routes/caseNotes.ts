import { CaseNote, type CaseStatus } from "@comensha/domain";
import { Exit, Schema } from "effect";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import { idempotent, storedResponse } from "../idempotency.js";
import { expectedVersion } from "../ifMatch.js";
import type { Operation } from "../openapi.js";
import { ProblemError, ProblemType } from "../problem.js";
import { readJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import { createCaseNote, getCaseNote, listCaseNotes, updateCaseNote } from "../services/caseNotes.js";
import { decodeBody } from "../validation.js";
import { audited, callerOf } from "./audited.js";
import { mergedAway, personIdOf, personNotFound } from "./personCase.js";
import { runEffect } from "./runEffect.js";

/** A case note on the wire, at its current version. */
export const CaseNoteResponse = Schema.Struct({ ...CaseNote.CaseNote.fields }).annotate({
  identifier: "CaseNote",
  description:
    "A case note (HTCDS 2.0 case comment) about a person's trajectory, at its current version: `content` is " +
    "`readable` with its text, `undecryptable` when the server's keys do not open it, or `erased` once the person's " +
    "data was erased (dates and authors stay). Its `ETag` is the version, for a correction.",
});

/** A note with every version, oldest first. */
export const CaseNoteWithVersions = Schema.Struct({
  ...CaseNote.CaseNote.fields,
  versions: Schema.Array(Schema.Struct({ ...CaseNote.CaseNoteVersion.fields })),
}).annotate({ identifier: "CaseNoteWithVersions", description: "A case note with every version, oldest first." });

/** A person's notes, newest first. */
export const CaseNoteList = Schema.Struct({ items: Schema.Array(CaseNoteResponse) }).annotate({
  identifier: "CaseNoteList",
  description: "A person's case notes at their current version, newest first, the notes of persons merged in included.",
});

/** The body of `POST /v1/persons/{id}/notes` and `PUT /v1/persons/{id}/notes/{noteId}`. */
export const CaseNoteInput = CaseNote.NewCaseNote.annotate({ identifier: "CaseNoteInput" });

const encodeNote = Schema.encodeSync(CaseNoteResponse);
const encodeWithVersions = Schema.encodeSync(CaseNoteWithVersions);
const encodeList = Schema.encodeSync(CaseNoteList);

const problems = {
  401: { description: "No valid API key or console session.", problem: true },
  403: { description: "Only coordinators read and write case notes.", problem: true },
  404: { description: "No such person, or no such note about them.", problem: true },
  409: {
    description: "The person was merged into another (their notes are the survivor's), or the same key is in flight.",
    problem: true,
  },
} as const;

const idempotencyHeader = {
  name: "Idempotency-Key",
  required: false,
  description: "Honoured when sent (the SDK always sends one): a retry gets the first answer.",
} as const;

/** OpenAPI descriptions of the case note routes. */
export const caseNoteOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/persons/:id/notes",
    operationId: "listCaseNotes",
    summary: "A person's case notes (coordinators)",
    description:
      "Every note about the person and the persons merged into them, at its current version, newest first. Every " +
      "call is audited as a read of the person's notes.",
    tags: ["persons"],
    security: true,
    responses: { 200: { description: "The notes.", schema: CaseNoteList }, ...problems },
  },
  {
    method: "post",
    path: "/v1/persons/:id/notes",
    operationId: "createCaseNote",
    summary: "Write a case note about a person (coordinators)",
    description:
      "Free text about the person's care: stored encrypted, never logged, erased with the person's data. The answer " +
      "is the note at version 1 with its `ETag`.",
    tags: ["persons"],
    security: true,
    headers: [idempotencyHeader],
    requestBody: CaseNoteInput,
    responses: {
      201: { description: "Written; ETag is set.", schema: CaseNoteResponse },
      ...problems,
      422: { description: "The body breaks the schema (e.g. empty, or longer than 10,000 characters).", problem: true },
    },
  },
  {
    method: "get",
    path: "/v1/persons/:id/notes/:noteId",
    operationId: "getCaseNote",
    summary: "A case note with every version (coordinators)",
    description: "The note at its current version with its `ETag`, and every earlier version. Audited.",
    tags: ["persons"],
    security: true,
    responses: { 200: { description: "The note; ETag is set.", schema: CaseNoteWithVersions }, ...problems },
  },
  {
    method: "put",
    path: "/v1/persons/:id/notes/:noteId",
    operationId: "updateCaseNote",
    summary: "Correct a case note (coordinators; requires If-Match)",
    description:
      "Writes the note's next version; the earlier ones stay readable. Send `If-Match` with the `ETag` you read: " +
      "missing is 428, stale is 412. A note erased with the person's data is 409 `invalid-state`.",
    tags: ["persons"],
    security: true,
    headers: [
      { name: "If-Match", required: true, description: "The ETag of the version you corrected." },
      idempotencyHeader,
    ],
    requestBody: CaseNoteInput,
    responses: {
      200: { description: "The note at its next version; new ETag.", schema: CaseNoteResponse },
      ...problems,
      412: { description: "If-Match does not match the current ETag.", problem: true },
      422: { description: "The body breaks the schema.", problem: true },
      428: { description: "If-Match is missing.", problem: true },
    },
  },
];

const noteNotFound = () => new ProblemError(404, ProblemType.notFound, "Case note not found");

const toProblem = (error: unknown): ProblemError => {
  switch ((error as { _tag?: string })._tag) {
    case "PersonNotFound":
      return personNotFound();
    case "CaseNoteNotFound":
      return noteNotFound();
    case "PersonMergedAway":
      return mergedAway(error as CaseStatus.PersonMergedAway);
    case "CaseNoteVersionConflict":
      return new ProblemError(412, ProblemType.preconditionFailed, "The note changed since you read it", {
        detail: `The current version is ${(error as CaseNote.CaseNoteVersionConflict).currentVersion}.`,
      });
    case "CaseNoteErased":
      return new ProblemError(409, ProblemType.invalidState, "The note was erased", {
        detail: "Its words were erased with the person's data; it cannot be written again.",
      });
    default:
      return error instanceof ProblemError
        ? error
        : new ProblemError(500, ProblemType.internal, "Internal server error");
  }
};

const run = runEffect(toProblem);

const noteIdOf = (c: Context<AppEnv>) => {
  const id = Schema.decodeUnknownExit(CaseNote.CaseNoteId)(c.req.param("noteId"));
  if (Exit.isFailure(id)) throw noteNotFound();
  return id.value;
};

const etagOf = (note: CaseNote.CaseNote) => `"${note.version}"`;

/** `/v1/persons/{id}/notes`: coordinators write, correct and read the encrypted notes of a person's case. */
export const caseNoteRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.get(
    "/:id/notes",
    audited(runtime, "person", "case_note.list", async (c) => {
      requireRole(c, "coordinator");
      const notes = await run(runtime, listCaseNotes(callerOf(c), personIdOf(c)));
      return c.json(encodeList({ items: notes }));
    }),
  );

  routes.post(
    "/:id/notes",
    audited(runtime, "person", "case_note.create", async (c) => {
      requireRole(c, "coordinator");
      const personId = personIdOf(c);
      const { bytes, json } = await readJson(c);
      const input = decodeBody(CaseNoteInput, json);
      return idempotent(
        c,
        runtime,
        bytes,
        (complete) =>
          run(
            runtime,
            createCaseNote(
              callerOf(c),
              personId,
              input,
              (note) => storedResponse(201, encodeNote(note), { etag: etagOf(note) }),
              complete,
            ),
          ),
        { required: false },
      );
    }),
  );

  routes.get(
    "/:id/notes/:noteId",
    audited(
      runtime,
      "case_note",
      "case_note.read",
      async (c) => {
        requireRole(c, "coordinator");
        const found = await run(runtime, getCaseNote(callerOf(c), personIdOf(c), noteIdOf(c)));
        c.header("ETag", etagOf(found.note));
        return c.json(encodeWithVersions({ ...found.note, versions: found.versions }));
      },
      "noteId",
    ),
  );

  routes.put(
    "/:id/notes/:noteId",
    audited(
      runtime,
      "case_note",
      "case_note.update",
      async (c) => {
        requireRole(c, "coordinator");
        const personId = personIdOf(c);
        const id = noteIdOf(c);
        const version = expectedVersion(c, "note");
        const { bytes, json } = await readJson(c);
        const input = decodeBody(CaseNoteInput, json);
        return idempotent(
          c,
          runtime,
          bytes,
          (complete) =>
            run(
              runtime,
              updateCaseNote(
                callerOf(c),
                personId,
                id,
                version,
                input,
                (note) => storedResponse(200, encodeNote(note), { etag: etagOf(note) }),
                complete,
              ),
            ),
          { required: false },
        );
      },
      "noteId",
    ),
  );

  return routes;
};
