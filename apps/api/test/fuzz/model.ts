import * as fc from "fast-check";
import { openApiDocument } from "../../src/app.js";
import type { TestSession } from "../support.js";

/**
 * The model of the fuzz in ../fuzz.test.ts: the operations of the OpenAPI document, the callers, which pools of real
 * ids feed which path and body fields, which operations are audited, and the odd values requests are broken with.
 */

export type Json = Record<string, unknown>;

/** The requests a run must send at least (issue 13), and those it plans, spread evenly over operations and callers. */
export const minimumRequests = 10_000;
export const plannedRequests = 20_000;

/** The part of JSON Schema (draft 2020-12, as Effect writes it) that the generators read. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string;
  readonly enum?: ReadonlyArray<unknown>;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly items?: JsonSchema;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: ReadonlyArray<string>;
  readonly anyOf?: ReadonlyArray<JsonSchema>;
  readonly oneOf?: ReadonlyArray<JsonSchema>;
}

export interface Parameter {
  readonly name: string;
  readonly in: "path" | "query" | "header";
  readonly schema: JsonSchema;
}

export interface Operation {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly parameters?: ReadonlyArray<Parameter>;
  readonly security: ReadonlyArray<unknown>;
  readonly requestBody?: { readonly content: Readonly<Record<string, { readonly schema: JsonSchema }>> };
  readonly responses: Readonly<Record<string, unknown>>;
}

export const document = openApiDocument() as unknown as {
  readonly paths: Record<string, Record<string, Omit<Operation, "method" | "path">>>;
  readonly components: { readonly schemas: Record<string, JsonSchema> };
};

export const operations: ReadonlyArray<Operation> = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ ...operation, method: method.toUpperCase(), path })),
);

export const headerOf = (operation: Operation, name: string) =>
  operation.parameters?.some((parameter) => parameter.in === "header" && parameter.name === name) === true;

/**
 * The personal-data operations (wrapped in `audited`): the resource type and action of their audit event. A create
 * audits its success about what it created (an erasure request, an API key), its refusals and replays about the path's.
 */
export const auditedOperations: Readonly<
  Record<string, readonly [resourceType: string, action: string, created?: string]>
> = {
  createRegistration: ["registration", "registration.create"],
  listRegistrations: ["registration", "registration.list"],
  getRegistration: ["registration", "registration.read"],
  updateRegistration: ["registration", "registration.update"],
  listRegistrationVersions: ["registration", "registration.versions"],
  listRegistrationAuditEvents: ["registration", "registration.audit_trail"],
  withdrawRegistration: ["registration", "registration.withdraw"],
  transferRegistration: ["registration", "registration.transfer"],
  listRegistrationTransfers: ["registration", "registration.transfers"],
  getPerson: ["person", "person.read"],
  exportPerson: ["person", "person.export"],
  createErasureRequest: ["person", "erasure_request.create", "erasure_request"],
  listErasureRequests: ["erasure_request", "erasure_request.list"],
  getErasureRequest: ["erasure_request", "erasure_request.read"],
  approveErasureRequest: ["erasure_request", "erasure_request.approve"],
  rejectErasureRequest: ["erasure_request", "erasure_request.reject"],
  listDuplicates: ["duplicate", "duplicate.list"],
  getDuplicate: ["duplicate", "duplicate.read"],
  mergeDuplicate: ["duplicate", "duplicate.merge"],
  dismissDuplicate: ["duplicate", "duplicate.dismiss"],
  createPlacementRequest: ["placement_request", "placement_request.create"],
  listPlacementRequests: ["placement_request", "placement_request.list"],
  getPlacementRequest: ["placement_request", "placement_request.read"],
  suggestPlaces: ["placement_request", "placement_request.suggestions"],
  offerPlace: ["placement_request", "placement_request.offer"],
  acceptOffer: ["placement_request", "placement_request.accept"],
  declineOffer: ["placement_request", "placement_request.decline"],
  endPlacement: ["placement_request", "placement_request.end"],
  cancelPlacementRequest: ["placement_request", "placement_request.cancel"],
  startSearchPlacementRequest: ["placement_request", "placement_request.start_search"],
  waitlistPlacementRequest: ["placement_request", "placement_request.waitlist"],
  listUsers: ["user", "user.list"],
  createUser: ["user", "user.create"],
  disableUser: ["user", "user.disable"],
  listOrganisations: ["organisation", "organisation.list"],
  createOrganisation: ["organisation", "organisation.create"],
  getOrganisation: ["organisation", "organisation.read"],
  listApiKeys: ["organisation", "api_key.list"],
  createApiKey: ["organisation", "api_key.create", "api_key"],
  revokeApiKey: ["api_key", "api_key.revoke"],
  exportAuditEvents: ["audit_event", "audit_event.export"],
};

/**
 * Operations that answer a file rather than JSON on success (an HTML export, a report's CSV or HTML, the audit CSV, an
 * attachment's bytes, a stay list as CSV).
 */
export const fileAnswers = new Set([
  "exportPerson",
  "downloadReportArtifact",
  "exportAuditEvents",
  "downloadAttachment",
  "getStayList",
]);

/** Who calls: nobody, a partner's API key per kind of organisation, a staff role's key, a staff role's session. */
export interface Caller {
  readonly name: string;
  readonly kind: "anonymous" | "key" | "session";
  readonly role: string;
  readonly organisationKind: string;
  apiKey: string;
  organisationId: string;
  email: string;
  password: string;
  session: TestSession | undefined;
}

export const staffRoles = ["coordinator", "policy", "admin", "auditor"] as const;
export const callers: ReadonlyArray<Caller> = [
  { name: "anonymous", kind: "anonymous" as const, role: "", organisationKind: "" },
  ...["police", "kmar", "labour_inspectorate", "ngo", "shelter"].map((kind) => ({
    name: `partner key (${kind})`,
    kind: "key" as const,
    role: "partner",
    organisationKind: kind,
  })),
  ...staffRoles.map((role) => ({ name: `${role} key`, kind: "key" as const, role, organisationKind: "other" })),
  ...staffRoles.map((role) => ({ name: `${role} session`, kind: "session" as const, role, organisationKind: "" })),
].map((spec) => ({ ...spec, apiKey: "", organisationId: "", email: "", password: "", session: undefined }));

export const runsPerOperation = Math.ceil(plannedRequests / (operations.length * callers.length));

/**
 * A value picked when the request is sent, from what exists by then: the `index`-th id of a pool (modulo its size;
 * of the caller's own ones, if it has some, for `own`), as is, upper-cased, or with a NUL after it. Pool `password` is
 * the caller's own password.
 */
export class Pick {
  constructor(
    readonly pool: string,
    readonly index: number,
    readonly form: "as-is" | "own" | "upper" | "nul" = "as-is",
    readonly prefer?: string,
  ) {}
}

/**
 * The state in which an operation's `{id}` can succeed (`column` of its row, one of `values`; none for null): the
 * caller's own ids (`own`) are picked from those first, so that state-changing routes succeed as well as refuse. Two
 * operations that end the same state share its ids, half each (`share`), so the first does not use up the second's.
 */
export const preferredStates: Readonly<
  Record<string, readonly [column: string, values: ReadonlyArray<string>, share?: 0 | 1]>
> = {
  offerPlace: ["state", ["searching", "waitlisted"]],
  acceptOffer: ["state", ["offered"]],
  declineOffer: ["state", ["offered"]],
  endPlacement: ["state", ["placed"]],
  startSearchPlacementRequest: ["state", ["requested", "waitlisted"]],
  waitlistPlacementRequest: ["state", ["requested", "searching"]],
  cancelPlacementRequest: ["state", ["searching", "offered"]],
  suggestPlaces: ["state", ["searching", "waitlisted"]],
  mergeDuplicate: ["status", ["open"], 0],
  dismissDuplicate: ["status", ["open"], 1],
  approveErasureRequest: ["status", ["pending"], 0],
  rejectErasureRequest: ["status", ["pending"], 1],
  updateRegistration: ["status", ["received", "registered"]],
  withdrawRegistration: ["status", ["received", "registered"]],
  setShelterStatus: ["status", ["active"]],
  revokeApiKey: ["revoked_at", []],
  disableUser: ["status", ["active"]],
};

/** The pool of a path's `{id}`, by the path's first segment after `/v1/`. */
export const poolOfSegment: Readonly<Record<string, string>> = {
  registrations: "registrations",
  persons: "persons",
  "erasure-requests": "erasure_requests",
  duplicates: "duplicates",
  shelters: "shelters",
  "placement-requests": "placement_requests",
  reports: "reports",
  "code-lists": "code_lists",
  users: "users",
  organisations: "organisations",
  "api-keys": "api_keys",
};

/** The pool of a body's id field, by its name. */
export const poolOfField: Readonly<Record<string, string>> = {
  registrationId: "registrations",
  personId: "persons",
  placeId: "shelter_places",
  shelterId: "shelters",
  organisationId: "organisations",
};

/** Tables a refused request may still write: its audit event, and a failed login's throttle. */
export const refusalMayWrite = new Set(["audit_events", "login_throttles"]);

/** Columns that authenticating a request updates (when a key or session was last used): no write of the request's. */
export const touchedColumns: Readonly<Record<string, ReadonlyArray<string>>> = {
  api_keys: ["last_used_at"],
  sessions: ["last_seen_at"],
};

/** One row change, as the write log's triggers record it (committed changes only). */
export interface Write {
  readonly n: number;
  readonly tbl: string;
  readonly op: "INSERT" | "UPDATE" | "DELETE";
  readonly old_row: Json | null;
  readonly new_row: Json | null;
}

export type Body = (
  | { readonly kind: "none" }
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "raw"; readonly bytes: string | Uint8Array }
) & { readonly [fc.toStringMethod]?: () => string };

/** A body that fast-check prints shortened in a counterexample: some are a megabyte long. */
export const previewed = (body: Body): Body => {
  const text =
    body.kind === "json" ? (JSON.stringify(body.value) ?? "") : body.kind === "raw" ? String(body.bytes) : "";
  const preview = text.length > 300 ? `${text.slice(0, 300)}... (${text.length} characters)` : text;
  return { ...body, [fc.toStringMethod]: () => `${body.kind} ${preview}` };
};

/** One generated request, before the values it picks are resolved for a caller. */
export interface FuzzRequest {
  /** The parts broken on purpose; the others are as the document says. */
  readonly broken: ReadonlyArray<string>;
  readonly method: string | undefined;
  readonly path: Readonly<Record<string, Pick | string>>;
  readonly query: ReadonlyArray<readonly [string, Pick | string]>;
  readonly body: Body;
  readonly contentType: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly ifMatch: string | undefined;
  readonly credentials: "as-is" | "no-csrf" | "wrong-csrf" | "unknown-key" | "basic" | "empty-bearer";
  readonly requestId: string | undefined;
  readonly replay: "none" | "same" | "other-body";
  readonly order: ReadonlyArray<number>;
}

/** `idempotencyKey` and `ifMatch` values resolved when sent: a key not used before, the current version's ETag. */
export const fresh = "<fresh>";
export const current = "<current>";

export const controlCharacters = [
  "\u0000",
  "\u0001",
  "\u0008",
  "\t",
  "\n",
  "\u001b",
  "\u001f",
  "\u007f",
  "\u2028",
  "\ud800",
];

/** Path segments that name nothing: escapes of control characters and bytes, dots, empty and over-long names. */
export const oddSegments = [
  "%00",
  "%zz",
  "%",
  "%2F",
  "%20",
  "%FF",
  "%C0%AF",
  "..%2F..%2Fusers",
  "%E2%80%AE",
  "%F0%9F%98%80",
  "null",
  "0",
  "-1",
  "00000000-0000-0000-0000-000000000000",
  "01900000-0000-7000-8000-000000000000",
  "x".repeat(4000),
];

/** Query values that break their schema: wrong types, impossible dates, numbers out of range, control characters. */
export const oddQueryValues = [
  "",
  "abc",
  "-1",
  "0",
  "1.5",
  "1e3",
  "99999999999999999999",
  "NaN",
  "2023-02-30",
  "2023-13-01",
  "2024-02-29",
  "0000-00-00",
  "2023-2-3",
  "２０２４-01-01",
  "\u0000",
  "x\u0001",
  "null",
  "[]",
  "true",
  "x".repeat(5000),
];

/** Bodies that are not JSON, or JSON no parser should have to walk. */
export const rawBodies: ReadonlyArray<string | Uint8Array> = [
  "",
  " ",
  "{",
  "[1,",
  '{"a":1}x',
  "nul",
  "\u0000",
  '"\\ud800"',
  "1e999999",
  '{"__proto__":{"admin":true}}',
  "[".repeat(100_000) + "]".repeat(100_000),
  `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`,
  new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]),
  new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
];

export const contentTypes = [
  "application/json; charset=utf-8",
  "application/problem+json",
  "APPLICATION/JSON",
  "application/json; charset=latin1",
  'application/json; charset="UTF-16"',
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "",
  "application/jsonx",
];

export const today = () => new Date().toISOString().slice(0, 10);
