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
  unauthorized: `${problemBase}unauthorized`,
  forbidden: `${problemBase}forbidden`,
  notFound: `${problemBase}not-found`,
  invalidState: `${problemBase}invalid-state`,
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
export interface ProblemField {
  readonly path: string;
  readonly message: string;
}

/** An RFC 9457 problem detail as this API writes it. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: ReadonlyArray<ProblemField>;
  readonly requestId?: string;
}

/** An error a handler throws to answer with a problem. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: string,
    readonly title: string,
    readonly options: { readonly detail?: string; readonly errors?: ReadonlyArray<ProblemField> } = {},
  ) {
    super(title);
  }
}

/** Answers `application/problem+json`, with the request id and the request path as `instance`. */
export const problemResponse = (
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  type: string,
  title: string,
  options: { readonly detail?: string; readonly errors?: ReadonlyArray<ProblemField> } = {},
) => {
  const requestId = c.get("requestId") as string | undefined;
  const problem: Problem = {
    type,
    title,
    status,
    ...(options.detail === undefined ? {} : { detail: options.detail }),
    instance: c.req.path,
    ...(options.errors === undefined ? {} : { errors: options.errors }),
    ...(requestId === undefined ? {} : { requestId }),
  };
  return c.body(JSON.stringify(problem), status, { "Content-Type": "application/problem+json" });
};
