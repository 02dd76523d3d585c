import type { Context } from "hono";
import type { AppEnv } from "./env.js";
import { ProblemError, ProblemType } from "./problem.js";

const requireJsonType = (c: Context<AppEnv>) => {
  const contentType = c.req.header("Content-Type") ?? "";
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(contentType)) {
    throw new ProblemError(415, ProblemType.unsupportedMediaType, "The body must be application/json");
  }
};

const parseJson = (bytes: Uint8Array): { readonly bytes: Uint8Array; readonly json: unknown } => {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ProblemError(400, ProblemType.malformedJson, "The body is not valid UTF-8");
  }
  try {
    return { bytes, json: JSON.parse(text) as unknown };
  } catch (error) {
    throw new ProblemError(400, ProblemType.malformedJson, "The body is not valid JSON", {
      detail: error instanceof Error ? error.message : "JSON.parse failed",
    });
  }
};

/**
 * Reads a JSON request body: `415` unless it is declared `application/json`, `400 malformed-json` when it is not
 * valid UTF-8 JSON. Validation of its shape is the caller's (with the domain's Schema).
 */
export const readJson = async (c: Context<AppEnv>): Promise<{ readonly bytes: Uint8Array; readonly json: unknown }> => {
  requireJsonType(c);
  return parseJson(new Uint8Array(await c.req.arrayBuffer()));
};

/**
 * The JSON body of a route whose body may be left out: no bytes at all read as `{}` (whatever the headers say; a
 * request built in process has no Content-Length), anything else as {@link readJson} reads it.
 */
export const readOptionalJson = async (
  c: Context<AppEnv>,
): Promise<{ readonly bytes: Uint8Array; readonly json: unknown }> => {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) return { bytes, json: {} };
  requireJsonType(c);
  return parseJson(bytes);
};

/**
 * The `?limit=&cursor=` of a list route: `limit` a whole number from 1 to `maxLimit` (default `defaultLimit`),
 * else `400 bad-request` naming `/limit`. The cursor is passed on as is; the repository rejects one it did not make.
 */
export const pageRequestOf = (
  c: Context<AppEnv>,
  options: { readonly defaultLimit: number; readonly maxLimit: number },
): { readonly limit: number; readonly cursor?: string } => {
  const value = c.req.query("limit");
  const limit = value === undefined ? options.defaultLimit : Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > options.maxLimit) {
    throw new ProblemError(400, ProblemType.badRequest, `limit must be a whole number from 1 to ${options.maxLimit}`, {
      errors: [{ path: "/limit", message: `Expected an integer between 1 and ${options.maxLimit}` }],
    });
  }
  const cursor = c.req.query("cursor");
  return cursor === undefined ? { limit } : { limit, cursor };
};
