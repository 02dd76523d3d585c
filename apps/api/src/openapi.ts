import { Schema } from "effect";
import { Problem } from "./problem.js";

/**
 * The groups of operations, in the order a reader meets them, each with what it is for. An operation names one or
 * more of them; the document declares them all at the top level (tools such as Spectral refuse undeclared tags).
 */
export const apiTags = {
  system: "Liveness and readiness of the API process and its database, for load balancers and orchestrators.",
  auth:
    "Console sessions of CoMensha staff: login (with a second factor where the role requires one), the session, " +
    "logout, password change and the authenticator app. Partners use API keys instead.",
  registrations:
    "Reports (meldingen) of possible victims of human trafficking: a partner reports and follows its own; " +
    "coordinators see all, with every version and the audit trail.",
  persons:
    "Possible victims as coordinators see them across registrations, and the data-subject access export " +
    "(GDPR art. 15).",
  erasure:
    "Erasure of a person's direct identifiers under four eyes: one coordinator asks, another approves (which " +
    "erases at once) or rejects.",
  duplicates:
    "The review queue of possible duplicate persons found through blind indexes: a coordinator merges or dismisses " +
    "each; nothing is merged automatically.",
  shelters: "Shelter locations (opvanglocaties), their places per target group, and free places over a date range.",
  placements:
    "First shelter: a placement request states needs, a coordinator offers a place, accepting it books the place; " +
    "a placement ends with a reason.",
  signals:
    "Bottlenecks (knelpunten) derived from the data: no capacity, waiting over the norm, reflection periods " +
    "expiring while waiting, COSM stays over the norm.",
  reports:
    "Anonymised reports (annual monitor, placement report, Eurostat, HTCDS) produced by the worker under " +
    "disclosure control, and their files.",
  "code lists": "The values coded fields take, with Dutch and English labels.",
  audit: "Audit events: who read or changed what, when, with what outcome; never the personal data itself.",
  users: "Console users (CoMensha staff): creation with a one-time password, four-eyes approval, disabling.",
  organisations: "Partner organisations and their API keys; coordinator and administrator keys need a second approver.",
  statistics: "Headline figures for the console's dashboard, by the counting rule; no personal data.",
  privacy: "The record of processing activities (GDPR art. 30) that the platform keeps.",
  referrals:
    "Referrals of persons to care after the first shelter: coordinators refer, the receiving organisation (role " +
    "`care`) sees only the referrals made to it, accepts or declines with a coded reason and reports back. " +
    "Identifiers go with a referral only on a legal basis.",
  "follow-ups":
    "Follow-up tasks about a person's case with a due date and an owner (reflection period ending, B8/3 residence " +
    "decision, COSM 3-month norm), each coordinator's worklist with the overdue tasks first, and a shelter's weekly " +
    "stay list (JSON or CSV).",
  webhooks:
    "A partner's endpoints for events (a registration received, a status changed, a shelter place offered, a " +
    "placement made or ended), posted signed in the Standard Webhooks format with ids and states only, retried with " +
    "backoff, with a delivery log and replay.",
} as const;

/** The name of a group of operations (see {@link apiTags}). */
export type ApiTag = keyof typeof apiTags;

/** One operation of the API, described with the same Effect Schemas that validate it. */
export interface Operation {
  readonly method: "get" | "post" | "put" | "patch" | "delete";
  readonly path: string;
  readonly operationId: string;
  /** One line, as listings show it. */
  readonly summary: string;
  /** What the operation does and for whom, beyond the summary: who may call it and what to expect. */
  readonly description: string;
  readonly tags: ReadonlyArray<ApiTag>;
  readonly security?: boolean;
  readonly headers?: ReadonlyArray<{ readonly name: string; readonly required: boolean; readonly description: string }>;
  readonly query?: ReadonlyArray<{ readonly name: string; readonly description?: string; readonly schema: JsonObject }>;
  readonly requestBody?: Schema.Top;
  /** A body of raw bytes instead of JSON (a file upload), in one of these media types. */
  readonly rawRequestBody?: { readonly mediaTypes: ReadonlyArray<string>; readonly description: string };
  readonly responses: Readonly<
    Record<
      number,
      {
        readonly description: string;
        readonly schema?: Schema.Top;
        readonly problem?: boolean;
        /** The answer is a file in one of these media types (bytes, not JSON); with `schema`, JSON or such a file. */
        readonly binary?: ReadonlyArray<string>;
      }
    >
  >;
}

type JsonObject = { [key: string]: unknown };

const refPrefix = "#/components/schemas/";

/** Points every `$ref` of a JSON Schema document at `components.schemas`, where OpenAPI keeps definitions. */
const rewriteRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== "object") return value;
  const out: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      key === "$ref" && typeof inner === "string"
        ? inner.replace(/^#\/(\$defs|definitions)\//, refPrefix)
        : rewriteRefs(inner);
  }
  return out;
};

/**
 * Leaves out `additionalProperties: true`, which JSON Schema assumes anyway: a response object stays open to fields
 * a later version adds (clients are told to tolerate them), while generated types get no index signature, so a
 * misspelt field is a compile error there too. Maps (`additionalProperties` with a schema) keep theirs.
 */
const dropOpenObjectMarks = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(dropOpenObjectMarks);
  if (value === null || typeof value !== "object") return value;
  const out: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === "additionalProperties" && inner === true) continue;
    out[key] = dropOpenObjectMarks(inner);
  }
  return out;
};

/**
 * Which way a schema travels. The server decodes request bodies refusing unknown keys (validation.ts), so their
 * objects say `additionalProperties: false` and a generated client rejects a misspelt field at compile time. The
 * server encodes responses through the same closed Structs, yet their objects are left open (see
 * {@link dropOpenObjectMarks}): adding a response field is a compatible change that must not break a client
 * validating answers against the document it was built with.
 */
type Direction = "request" | "response";

/**
 * Builds the OpenAPI 3.1 document from the operations: every schema goes through
 * `Schema.toJsonSchemaDocument` (JSON Schema draft 2020-12, which OpenAPI 3.1 uses), its definitions become
 * `components.schemas`. A named schema must read the same wherever it is used: one used both as a request body
 * (closed) and in a response (open) is an error, to be fixed by naming the two differently.
 */
export const buildOpenApi = (
  info: {
    readonly title: string;
    readonly version: string;
    readonly description: string;
    readonly contact: { readonly name: string; readonly url: string };
    readonly license: { readonly name: string; readonly identifier: string };
  },
  operations: ReadonlyArray<Operation>,
) => {
  const components: JsonObject = {};
  const schemaOf = (schema: Schema.Top, direction: Direction): unknown => {
    const document = Schema.toJsonSchemaDocument(schema, {
      onExcessProperty: direction === "request" ? "error" : "ignore",
    });
    const finish = (value: unknown) =>
      direction === "request" ? rewriteRefs(value) : dropOpenObjectMarks(rewriteRefs(value));
    for (const [name, definition] of Object.entries(document.definitions ?? {})) {
      const finished = finish(definition);
      const known = components[name];
      if (known !== undefined && JSON.stringify(known) !== JSON.stringify(finished)) {
        throw new Error(
          `Two different schemas are named ${name} in the OpenAPI document (one may be a request body, the other ` +
            "part of a response): give them different identifiers.",
        );
      }
      components[name] = finished;
    }
    return finish(document.schema);
  };
  const problemRef = schemaOf(Problem, "response");
  const paths: Record<string, JsonObject> = {};
  for (const operation of operations) {
    const responses: JsonObject = {};
    for (const [status, response] of Object.entries(operation.responses)) {
      // A JSON answer, a file, or either (as the request asks: e.g. a stay list as JSON or as CSV).
      const json =
        response.schema === undefined ? {} : { "application/json": { schema: schemaOf(response.schema, "response") } };
      const files = Object.fromEntries(
        (response.binary ?? []).map((mediaType) => [mediaType, { schema: { type: "string", format: "binary" } }]),
      );
      const content =
        response.problem === true
          ? { "application/problem+json": { schema: problemRef } }
          : Object.keys(json).length + Object.keys(files).length === 0
            ? undefined
            : { ...json, ...files };
      responses[status] = { description: response.description, ...(content === undefined ? {} : { content }) };
    }
    const openApiPath = operation.path.replace(/:([A-Za-z]+)/g, "{$1}");
    const parameters = [
      ...[...operation.path.matchAll(/:([A-Za-z]+)/g)].map((match) => ({
        name: match[1],
        in: "path",
        required: true,
        schema: { type: "string" },
      })),
      ...(operation.query ?? []).map((parameter) => ({
        name: parameter.name,
        in: "query",
        required: false,
        ...(parameter.description === undefined ? {} : { description: parameter.description }),
        schema: parameter.schema,
      })),
      ...(operation.headers ?? []).map((header) => ({
        name: header.name,
        in: "header",
        required: header.required,
        description: header.description,
        schema: { type: "string" },
      })),
    ];
    paths[openApiPath] = {
      ...paths[openApiPath],
      [operation.method]: {
        operationId: operation.operationId,
        summary: operation.summary,
        description: operation.description,
        tags: operation.tags,
        ...(parameters.length === 0 ? {} : { parameters }),
        ...(operation.security === true ? { security: [{ apiKey: [] }, { session: [] }] } : { security: [] }),
        ...(operation.rawRequestBody === undefined
          ? {}
          : {
              requestBody: {
                required: true,
                description: operation.rawRequestBody.description,
                content: Object.fromEntries(
                  operation.rawRequestBody.mediaTypes.map((mediaType) => [
                    mediaType,
                    { schema: { type: "string", format: "binary" } },
                  ]),
                ),
              },
            }),
        ...(operation.requestBody === undefined
          ? {}
          : {
              requestBody: {
                required: true,
                content: { "application/json": { schema: schemaOf(operation.requestBody, "request") } },
              },
            }),
        responses,
      },
    };
  }
  return {
    openapi: "3.1.0",
    info,
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/" }],
    tags: Object.entries(apiTags).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "An organisation API key: `Authorization: Bearer <api key>`.",
        },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "comensha_session",
          description:
            "The console's session cookie from `POST /v1/auth/login`; calls other than GET must also send " +
            "`X-CSRF-Token` with the session's CSRF token.",
        },
      },
    },
  };
};
