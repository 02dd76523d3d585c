import type { Problem, ProblemField } from "./types.js";

const problemBase = "https://comensha.nl/problems/";

/**
 * The stable problem `type` URIs of the API (docs/api.md, "Problem types"). Match on these rather than on titles or
 * messages, which may change.
 *
 * @example
 * ```ts
 * import { ApiError, ProblemTypes } from "@comensha/sdk";
 *
 * try {
 *   await client.registrations.withdraw(id, { version: 3 });
 * } catch (error) {
 *   if (error instanceof ApiError && error.type === ProblemTypes.invalidState) {
 *     // already withdrawn or rejected
 *   } else throw error;
 * }
 * ```
 */
export const ProblemTypes = {
  malformedJson: `${problemBase}malformed-json`,
  badRequest: `${problemBase}bad-request`,
  validationFailed: `${problemBase}validation-failed`,
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
  preconditionFailed: `${problemBase}precondition-failed`,
  idempotencyKeyReused: `${problemBase}idempotency-key-reused`,
  preconditionRequired: `${problemBase}precondition-required`,
  payloadTooLarge: `${problemBase}payload-too-large`,
  unsupportedMediaType: `${problemBase}unsupported-media-type`,
  attachmentContentRejected: `${problemBase}attachment-content-rejected`,
  methodNotAllowed: `${problemBase}method-not-allowed`,
  rateLimited: `${problemBase}rate-limited`,
  unavailable: `${problemBase}unavailable`,
  internal: `${problemBase}internal`,
} as const;

/** One of the {@link ProblemTypes}. */
export type ProblemType = (typeof ProblemTypes)[keyof typeof ProblemTypes];

/**
 * The base of every error this SDK throws, so one `instanceof` check tells its errors from others. Thrown as is for
 * mistakes found before any request (a missing API key, an update without `version` or `ifMatch`).
 *
 * @example
 * ```ts
 * import { ComenshaError } from "@comensha/sdk";
 *
 * try {
 *   await client.registrations.get(id);
 * } catch (error) {
 *   if (error instanceof ComenshaError) console.error(error.name, error.message);
 *   throw error;
 * }
 * ```
 */
export class ComenshaError extends Error {
  override name = "ComenshaError";
}

/** What the SDK knows about a failed response when it builds an {@link ApiError}. */
export interface ApiErrorInit {
  readonly status: number;
  readonly headers: Headers;
  /** The `application/problem+json` body, when the response had one. */
  readonly problem?: Problem | undefined;
  /** The response body as text, when it was not a problem. */
  readonly body?: string | undefined;
}

const describe = (init: ApiErrorInit): string => {
  const { status, problem } = init;
  if (problem !== undefined) {
    const head = `${status} ${problem.title}`;
    return problem.detail === undefined ? head : `${head}: ${problem.detail}`;
  }
  const body = init.body?.trim() ?? "";
  if (body === "") return `${status} status code (no body)`;
  return `${status} ${body.length > 200 ? `${body.slice(0, 200)}...` : body}`;
};

/**
 * The API answered with a status outside 2xx. Carries the RFC 9457 problem the API sent: its stable `type`, `title`,
 * `detail`, the offending fields in `errors`, and the `requestId` to quote to CoMensha support.
 *
 * @example
 * ```ts
 * import { ApiError } from "@comensha/sdk";
 *
 * try {
 *   await client.registrations.create(input);
 * } catch (error) {
 *   if (error instanceof ApiError) {
 *     console.error(error.status, error.type, error.requestId);
 *     for (const field of error.errors) console.error(field.path, field.message);
 *   }
 *   throw error;
 * }
 * ```
 */
export class ApiError extends ComenshaError {
  override name = "ApiError";
  /** The HTTP status. */
  readonly status: number;
  /** The problem type URI (see {@link ProblemTypes}); `about:blank` when the response was not a problem. */
  readonly type: string;
  /** A short, human-readable summary of the problem. */
  readonly title: string;
  /** What went wrong in this occurrence, when the API said. */
  readonly detail: string | undefined;
  /** The offending fields (`path` like `/person/dateOfBirth`); empty when there are none. */
  readonly errors: ReadonlyArray<ProblemField>;
  /** The id of the request in the API's logs: from the problem body, else the `X-Request-Id` header. */
  readonly requestId: string | undefined;
  /** The response headers. */
  readonly headers: Headers;
  /** The problem body as sent, when there was one. */
  readonly problem: Problem | undefined;

  constructor(init: ApiErrorInit) {
    super(describe(init));
    this.status = init.status;
    this.headers = init.headers;
    this.problem = init.problem;
    this.type = init.problem?.type ?? "about:blank";
    this.title = init.problem?.title ?? `HTTP ${init.status}`;
    this.detail = init.problem?.detail;
    this.errors = init.problem?.errors ?? [];
    this.requestId = init.problem?.requestId ?? init.headers.get("x-request-id") ?? undefined;
  }
}

/** `400`: a header, query parameter or the JSON itself is wrong (`bad-request`, `malformed-json`). */
export class BadRequestError extends ApiError {
  override name = "BadRequestError";
}

/**
 * `422`: the body does not match the schema or a rule (`validation-failed`; see `errors`), or an `Idempotency-Key`
 * was reused with another body (`idempotency-key-reused`), or a stored record does not decrypt with the server's
 * keys (`undecryptable`: an operator must restore the key it was written with).
 */
export class UnprocessableEntityError extends BadRequestError {
  override name = "UnprocessableEntityError";
}

/**
 * `401`: no valid API key (missing, unknown or revoked) or console session (`unauthorized`), or a login with a wrong
 * e-mail address or password (`invalid-credentials`).
 */
export class UnauthorizedError extends ApiError {
  override name = "UnauthorizedError";
}

/**
 * `403`: the caller's role may not do this (`forbidden`); a registration your organisation transferred away, which it
 * reads as it was but cannot change (`transferred`); in session mode also a missing or wrong CSRF token
 * (`csrf-failed`) or a one-time password still to be changed (`password-change-required`).
 */
export class ForbiddenError extends ApiError {
  override name = "ForbiddenError";
}

/** `404`: no such resource visible to the caller (another organisation's registration looks exactly like this). */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}

/**
 * `409`: the resource's state does not allow this (`invalid-state`, e.g. withdrawing twice), a place is taken
 * (`place-already-booked`), an offer has lapsed (`offer-expired`), a shelter is closed (`shelter-closed`), or the first
 * request with the same `Idempotency-Key` is still running (`idempotency-in-flight`; retried automatically).
 */
export class ConflictError extends ApiError {
  override name = "ConflictError";
}

/**
 * `412` or `428`: the `If-Match` sent does not match the current `ETag` (`precondition-failed`: read the resource
 * again), or was missing (`precondition-required`).
 */
export class PreconditionFailedError extends ApiError {
  override name = "PreconditionFailedError";
}

/**
 * `429`: too many requests (`rate-limited`; the SDK already waited and retried as `Retry-After` asked), or too many
 * failed logins (`account-locked`; not retried: `headers.get("Retry-After")` says in how many seconds to try again).
 */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
}

/** `5xx`: a fault on CoMensha's side (`internal`, `unavailable`); quote the `requestId`. */
export class InternalServerError extends ApiError {
  override name = "InternalServerError";
}

/** No response arrived: the connection failed or dropped (after the retries). The network error is the `cause`. */
export class ConnectionError extends ComenshaError {
  override name = "ConnectionError";
}

/** No response arrived within the timeout (per attempt, after the retries). */
export class TimeoutError extends ComenshaError {
  override name = "TimeoutError";
}

/** Builds the error class that fits the status of a failed response. */
export const createApiError = (init: ApiErrorInit): ApiError => {
  const { status } = init;
  if (status === 400) return new BadRequestError(init);
  if (status === 401) return new UnauthorizedError(init);
  if (status === 403) return new ForbiddenError(init);
  if (status === 404) return new NotFoundError(init);
  if (status === 409) return new ConflictError(init);
  if (status === 412 || status === 428) return new PreconditionFailedError(init);
  if (status === 422) return new UnprocessableEntityError(init);
  if (status === 429) return new RateLimitError(init);
  if (status >= 500) return new InternalServerError(init);
  return new ApiError(init);
};
