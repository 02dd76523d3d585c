import type { RequestOptions } from "./core.js";
import { ComenshaError } from "./errors.js";

/**
 * The version a change is based on, sent as `If-Match`: `version` (sent as `"<version>"`, the resource's `ETag`)
 * or `ifMatch` (an `ETag` as the API sent it). When both are given, `version` wins.
 */
export type IfMatch =
  | { readonly version: number; readonly ifMatch?: string | undefined }
  | { readonly ifMatch: string; readonly version?: number | undefined };

/** @internal The `If-Match` header of a change of a `what` (e.g. "registration"), or why there is none. */
export const ifMatchOf = (options: Partial<IfMatch> | undefined, what: string): string | ComenshaError => {
  const { version, ifMatch } = options ?? {};
  if (version !== undefined) {
    return Number.isInteger(version) && version >= 1
      ? `"${version}"`
      : new ComenshaError(`version must be a whole number of 1 or more, got ${version}.`);
  }
  if (ifMatch !== undefined && ifMatch.trim() !== "") return ifMatch;
  return new ComenshaError(
    `A change needs the version it is based on: pass { version } (from the ${what} you read) or { ifMatch }.`,
  );
};

/** @internal The request options among options that also carry other fields (the version, a reason). */
export const requestOptionsOf = (options: RequestOptions): RequestOptions => {
  const { signal, timeout, maxRetries, idempotencyKey, headers } = options;
  return { signal, timeout, maxRetries, idempotencyKey, headers };
};
