import { randomUUID } from "node:crypto";
import { Schema } from "effect";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./env.js";

/** The base of every problem type URI. Types are stable: partners and the SDK match on them. */
export const problemBase = "https://comensha.nl/problems/";

/** The problem types the API answers with (RFC 9457 `type`), by slug. */
export const ProblemType = {
  badRequest: `${problemBase}bad-request`,
  validationFailed: `${problemBase}validation-failed`,
  malformedJson: `${problemBase}malformed-json`,
  payloadTooLarge: `${problemBase}payload-too-large`,
  unsupportedMediaType: `${problemBase}unsupported-media-type`,
  attachmentContentRejected: `${problemBase}attachment-content-rejected`,
  unauthorized: `${problemBase}unauthorized`,
  invalidCredentials: `${problemBase}invalid-credentials`,
  accountLocked: `${problemBase}account-locked`,
  forbidden: `${problemBase}forbidden`,
  transferred: `${problemBase}transferred`,
  csrfFailed: `${problemBase}csrf-failed`,
  passwordChangeRequired: `${problemBase}password-change-required`,
  secondFactorRequired: `${problemBase}second-factor-required`,
  invalidSecondFactor: `${problemBase}invalid-second-factor`,
  secondFactorEnrolmentRequired: `${problemBase}second-factor-enrolment-required`,
  notFound: `${problemBase}not-found`,
  invalidState: `${problemBase}invalid-state`,
  secondApproverRequired: `${problemBase}second-approver-required`,
  undecryptable: `${problemBase}undecryptable`,
  placeAlreadyBooked: `${problemBase}place-already-booked`,
  offerExpired: `${problemBase}offer-expired`,
  shelterClosed: `${problemBase}shelter-closed`,
  idempotencyInFlight: `${problemBase}idempotency-in-flight`,
  idempotencyKeyReused: `${problemBase}idempotency-key-reused`,
  preconditionFailed: `${problemBase}precondition-failed`,
  preconditionRequired: `${problemBase}precondition-required`,
  rateLimited: `${problemBase}rate-limited`,
  methodNotAllowed: `${problemBase}method-not-allowed`,
  unavailable: `${problemBase}unavailable`,
  internal: `${problemBase}internal`,
} as const;
export type ProblemType = (typeof ProblemType)[keyof typeof ProblemType];

/** One offending field of a request: a JSON-pointer-like path and what is wrong with it. */
export const ProblemField = Schema.Struct({ path: Schema.String, message: Schema.String });
export type ProblemField = typeof ProblemField.Type;

/**
 * An RFC 9457 problem detail as this API writes it, always with the request id so a partner can quote it to
 * support and it can be found in the logs.
 */
export const Problem = Schema.Struct({
  type: Schema.String,
  title: Schema.String,
  status: Schema.Int,
  detail: Schema.optionalKey(Schema.String),
  instance: Schema.optionalKey(Schema.String),
  errors: Schema.optionalKey(Schema.Array(ProblemField)),
  requestId: Schema.String,
}).annotate({ identifier: "Problem", description: "An RFC 9457 problem detail." });
export type Problem = typeof Problem.Type;

/** What a problem may carry beyond its status, type and title. */
export interface ProblemOptions {
  readonly detail?: string;
  readonly errors?: ReadonlyArray<ProblemField>;
  /** Response headers to send with the problem (e.g. `Retry-After`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An error a handler throws to answer with a problem. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: string,
    readonly title: string,
    readonly options: ProblemOptions = {},
  ) {
    super(title);
  }
}

/**
 * Seconds a client is asked to wait (`Retry-After`) while the database is unavailable: long enough for a restart
 * or fail-over to make progress, short enough that the SDK's retries still see it come back.
 */
export const unavailableRetryAfterSeconds = 5;

/** The 400 of a cursor that no page of this list made, naming `/cursor`. */
export const invalidCursor = () =>
  new ProblemError(400, ProblemType.badRequest, "The cursor is not valid", {
    errors: [{ path: "/cursor", message: "Use nextCursor of a previous page." }],
  });

/** The 503 `unavailable` problem, with `Retry-After`, for a database that does not answer. */
export const databaseUnavailable = (detail: string) =>
  new ProblemError(503, ProblemType.unavailable, "The database is unavailable", {
    detail,
    headers: { "Retry-After": String(unavailableRetryAfterSeconds) },
  });

/** Answers `application/problem+json`, with the request id and the request path as `instance`. */
export const problemResponse = (
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  type: string,
  title: string,
  options: ProblemOptions = {},
) => {
  const problem: Problem = {
    type,
    title,
    status,
    ...(options.detail === undefined ? {} : { detail: options.detail }),
    instance: c.req.path,
    ...(options.errors === undefined ? {} : { errors: options.errors }),
    requestId: (c.get("requestId") as string | undefined) ?? randomUUID(),
  };
  return c.body(JSON.stringify(problem), status, {
    ...options.headers,
    "Content-Type": "application/problem+json",
  });
};

const byStatus: Readonly<Partial<Record<number, readonly [type: ProblemType, title: string]>>> = {
  400: [ProblemType.badRequest, "Bad request"],
  401: [ProblemType.unauthorized, "Unauthorized"],
  403: [ProblemType.forbidden, "Forbidden"],
  404: [ProblemType.notFound, "Not found"],
  405: [ProblemType.methodNotAllowed, "Method not allowed"],
  412: [ProblemType.preconditionFailed, "Precondition failed"],
  413: [ProblemType.payloadTooLarge, "The request body is too large"],
  415: [ProblemType.unsupportedMediaType, "Unsupported media type"],
  428: [ProblemType.preconditionRequired, "Precondition required"],
  429: [ProblemType.rateLimited, "Too many requests"],
  503: [ProblemType.unavailable, "Service unavailable"],
};

/**
 * The problem for a bare HTTP status, for errors raised by Hono or its middleware (`HTTPException`), whose
 * messages are not ours to pass on: a known 4xx keeps its status; anything else is a 500 `internal`.
 */
export const problemForStatus = (
  status: number,
): { readonly status: ContentfulStatusCode; readonly type: ProblemType; readonly title: string } => {
  const known = byStatus[status];
  if (known !== undefined) return { status: status as ContentfulStatusCode, type: known[0], title: known[1] };
  if (status >= 400 && status < 500) {
    return { status: status as ContentfulStatusCode, type: ProblemType.badRequest, title: "Bad request" };
  }
  return { status: 500, type: ProblemType.internal, title: "Internal server error" };
};
