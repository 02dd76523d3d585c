import { Attachment, type CaseStatus } from "@comensha/domain";
import { Exit, Redacted, Schema } from "effect";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import { idempotent, storedResponse } from "../idempotency.js";
import type { Operation } from "../openapi.js";
import { ProblemError, ProblemType } from "../problem.js";
import type { AppRuntime } from "../runtime.js";
import { createAttachment, downloadAttachment, listAttachments } from "../services/attachments.js";
import { fieldsOf } from "../validation.js";
import { audited, callerOf } from "./audited.js";
import { mergedAway, personIdOf, personNotFound } from "./personCase.js";
import { runEffect } from "./runEffect.js";

/** The header that carries an upload's file name, percent-encoded UTF-8 (`encodeURIComponent`). */
export const fileNameHeader = "X-File-Name";

/** An attachment on the wire: its description; the file itself is downloaded on its own. */
export const AttachmentResponse = Schema.Struct({ ...Attachment.Attachment.fields }).annotate({
  identifier: "Attachment",
  description:
    "A file in a person's case, described: `name` is `readable` with the file name, `undecryptable` when the " +
    "server's keys do not open it, or `erased` once the person's data was erased (the file is gone then too). " +
    "`sha256` is of the file's bytes. Download the file with `GET /v1/persons/{id}/attachments/{attachmentId}`.",
});

/** A person's attachments, newest first. */
export const AttachmentList = Schema.Struct({ items: Schema.Array(AttachmentResponse) }).annotate({
  identifier: "AttachmentList",
  description: "A person's attachments, newest first, those of persons merged in included.",
});

const encodeAttachment = Schema.encodeSync(AttachmentResponse);
const encodeList = Schema.encodeSync(AttachmentList);
const decodeFileName = Schema.decodeUnknownExit(Attachment.AttachmentFileName);
const decodeMediaType = Schema.decodeUnknownExit(Attachment.AttachmentMediaType);

const allowedTypes = Attachment.mediaTypeCodeList.codes.join(", ");

const problems = {
  401: { description: "No valid API key or console session.", problem: true },
  403: { description: "Only coordinators read and add attachments.", problem: true },
  404: { description: "No such person, or no such attachment in their case.", problem: true },
  409: {
    description:
      "The person was merged into another (their attachments are the survivor's), or the same key is in flight.",
    problem: true,
  },
} as const;

/** OpenAPI descriptions of the attachment routes. */
export const attachmentOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/persons/:id/attachments",
    operationId: "listAttachments",
    summary: "A person's attachments (coordinators)",
    description:
      "Every file in the case of the person and the persons merged into them, described (name, media type, size, " +
      "SHA-256, who uploaded it when), newest first. Every call is audited as a read of the person's attachments.",
    tags: ["persons"],
    security: true,
    responses: { 200: { description: "The attachments.", schema: AttachmentList }, ...problems },
  },
  {
    method: "post",
    path: "/v1/persons/:id/attachments",
    operationId: "createAttachment",
    summary: "Upload a file to a person's case (coordinators)",
    description:
      "The body is the file's bytes (not JSON, not multipart), its `Content-Type` its media type " +
      `(${allowedTypes}), and \`${fileNameHeader}\` its name, percent-encoded UTF-8. At most 10 MiB (413 beyond, ` +
      "refused before the body is read in full). The bytes must be of the declared type (a PDF starts with `%PDF-`, " +
      "a PNG and a JPEG with their signatures, plain text is UTF-8 without NUL), else 422 " +
      "`attachment-content-rejected`. Stored encrypted, never logged, erased with the person's data. The answer is " +
      "the attachment's description.",
    tags: ["persons"],
    security: true,
    headers: [
      {
        name: fileNameHeader,
        required: true,
        description:
          "The file's name, percent-encoded UTF-8 (1-200 characters, no / or \\), e.g. `Verklaring%20politie.pdf`.",
      },
      {
        name: "Idempotency-Key",
        required: false,
        description: "Honoured when sent (the SDK always sends one): a retry gets the first answer.",
      },
    ],
    rawRequestBody: {
      mediaTypes: Attachment.mediaTypeCodeList.codes,
      description: "The file's bytes; `Content-Type` is its media type.",
    },
    responses: {
      201: { description: "Stored.", schema: AttachmentResponse },
      400: { description: `${fileNameHeader} is missing or not percent-encoded UTF-8.`, problem: true },
      ...problems,
      413: { description: "The file is larger than 10 MiB.", problem: true },
      415: { description: `Content-Type is not one of ${allowedTypes}.`, problem: true },
      422: {
        description:
          "The file name breaks its rules (`validation-failed`), or the bytes are empty or not of the declared type " +
          "(`attachment-content-rejected`).",
        problem: true,
      },
    },
  },
  {
    method: "get",
    path: "/v1/persons/:id/attachments/:attachmentId",
    operationId: "downloadAttachment",
    summary: "Download an attachment's file (coordinators); every download is audited",
    description:
      "The file's bytes with its media type, as an attachment (`Content-Disposition: attachment` with its name, " +
      "`X-Content-Type-Options: nosniff`) and its SHA-256 as `ETag`. A file erased with the person's data is 409 " +
      "`invalid-state`; one the server's keys do not open is 422 `undecryptable`.",
    tags: ["persons"],
    security: true,
    responses: {
      200: { description: "The file.", binary: Attachment.mediaTypeCodeList.codes },
      ...problems,
      422: { description: "The file does not decrypt with the server's keys.", problem: true },
    },
  },
];

const attachmentNotFound = () => new ProblemError(404, ProblemType.notFound, "Attachment not found");

const toProblem = (error: unknown): ProblemError => {
  switch ((error as { _tag?: string })._tag) {
    case "PersonNotFound":
      return personNotFound();
    case "AttachmentNotFound":
      return attachmentNotFound();
    case "PersonMergedAway":
      return mergedAway(error as CaseStatus.PersonMergedAway);
    case "AttachmentErased":
      return new ProblemError(409, ProblemType.invalidState, "The attachment was erased", {
        detail: "Its file was erased with the person's data; who uploaded it and when are kept.",
      });
    case "AttachmentUndecryptable":
      return new ProblemError(422, ProblemType.undecryptable, "The attachment cannot be decrypted", {
        detail: "Its file does not decrypt with the server's keys; an operator must restore the key.",
      });
    default:
      return error instanceof ProblemError
        ? error
        : new ProblemError(500, ProblemType.internal, "Internal server error");
  }
};

const run = runEffect(toProblem);

const attachmentIdOf = (c: Context<AppEnv>) => {
  const id = Schema.decodeUnknownExit(Attachment.AttachmentId)(c.req.param("attachmentId"));
  if (Exit.isFailure(id)) throw attachmentNotFound();
  return id.value;
};

/** The declared media type: one of the list (parameters aside; plain text only in UTF-8), else 415. */
const mediaTypeOf = (c: Context<AppEnv>): Attachment.AttachmentMediaType => {
  const [essence = "", ...parameters] = (c.req.header("Content-Type") ?? "").split(";");
  const mediaType = decodeMediaType(essence.trim().toLowerCase());
  const charset = parameters
    .map((parameter) => /^\s*charset\s*=\s*"?([^";\s]*)"?\s*$/i.exec(parameter)?.[1])
    .find((value) => value !== undefined);
  if (Exit.isFailure(mediaType) || (charset !== undefined && !/^utf-?8$/i.test(charset))) {
    throw new ProblemError(415, ProblemType.unsupportedMediaType, "This kind of file is not accepted", {
      detail: `Send the file's bytes with Content-Type one of ${allowedTypes} (plain text in UTF-8).`,
    });
  }
  return mediaType.value;
};

/** The file name of the `X-File-Name` header: percent-decoded, then held to the domain's rules. */
const fileNameOf = (c: Context<AppEnv>): Attachment.AttachmentFileName => {
  const header = c.req.header(fileNameHeader);
  let decoded: string | undefined;
  try {
    decoded = header === undefined ? undefined : decodeURIComponent(header);
  } catch {
    decoded = undefined;
  }
  if (decoded === undefined) {
    throw new ProblemError(400, ProblemType.badRequest, `The ${fileNameHeader} header is missing or malformed`, {
      detail: `Send the file's name in ${fileNameHeader}, percent-encoded UTF-8 (encodeURIComponent).`,
    });
  }
  const fileName = decodeFileName(decoded);
  if (Exit.isSuccess(fileName)) return fileName.value;
  const error = fileName.cause.reasons.find((reason) => reason._tag === "Fail")?.error;
  throw new ProblemError(422, ProblemType.validationFailed, "The file name breaks its rules", {
    errors: (Schema.isSchemaError(error) ? fieldsOf(error.issue) : []).map((field) => ({
      path: `/headers/${fileNameHeader}`,
      message: field.message,
    })),
  });
};

/** `filename*` (RFC 6266/8187) for any name, with an ASCII `filename` beside it for clients that lack it. */
const contentDisposition = (fileName: string) => {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16)}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
};

/** `/v1/persons/{id}/attachments`: coordinators add, list and download the encrypted files of a person's case. */
export const attachmentRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.get(
    "/:id/attachments",
    audited(runtime, "person", "attachment.list", async (c) => {
      requireRole(c, "coordinator");
      const found = await run(runtime, listAttachments(callerOf(c), personIdOf(c)));
      return c.json(encodeList({ items: found }));
    }),
  );

  routes.post(
    "/:id/attachments",
    audited(runtime, "person", "attachment.create", async (c) => {
      requireRole(c, "coordinator");
      const personId = personIdOf(c);
      const mediaType = mediaTypeOf(c);
      const fileName = fileNameOf(c);
      // The body limit (app.ts) refused a larger body while it streamed in; this holds whatever the middleware.
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length > Attachment.maxAttachmentBytes) {
        throw new ProblemError(413, ProblemType.payloadTooLarge, "The file is too large", {
          detail: `At most ${Attachment.maxAttachmentBytes} bytes are accepted.`,
        });
      }
      const refused = Attachment.checkContent(mediaType, bytes);
      if (refused !== undefined) {
        throw new ProblemError(422, ProblemType.attachmentContentRejected, "The file is not what it says it is", {
          detail:
            refused.problem === "empty"
              ? "The file is empty."
              : `Its bytes are not those of ${mediaType}: declare the file's real type, or convert it.`,
        });
      }
      // The same key replays only for the same file under the same name and type.
      const requestBytes = Buffer.concat([
        Buffer.from(`${mediaType}\n${Redacted.value(fileName)}\n`, "utf8"),
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      ]);
      return idempotent(
        c,
        runtime,
        requestBytes,
        (complete) =>
          run(
            runtime,
            createAttachment(
              callerOf(c),
              personId,
              { fileName, mediaType, bytes },
              (created) => storedResponse(201, encodeAttachment(created)),
              complete,
            ),
          ),
        { required: false },
      );
    }),
  );

  routes.get(
    "/:id/attachments/:attachmentId",
    audited(
      runtime,
      "attachment",
      "attachment.download",
      async (c) => {
        requireRole(c, "coordinator");
        const { attachment, bytes } = await run(
          runtime,
          downloadAttachment(callerOf(c), personIdOf(c), attachmentIdOf(c)),
        );
        const fileName =
          attachment.name.state === "readable" ? Redacted.value(attachment.name.fileName) : `${attachment.id}`;
        return new Response(bytes, {
          status: 200,
          headers: {
            "content-type": attachment.mediaType === "text/plain" ? "text/plain; charset=utf-8" : attachment.mediaType,
            "content-length": String(bytes.length),
            "content-disposition": contentDisposition(fileName),
            "x-content-type-options": "nosniff",
            etag: `"${attachment.sha256}"`,
            "cache-control": "private, no-store",
            // Opened anyway (a browser's viewer), the file may run nothing and load nothing.
            "content-security-policy": "default-src 'none'; sandbox",
          },
        });
      },
      "attachmentId",
    ),
  );

  return routes;
};
