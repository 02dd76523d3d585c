import { InputText } from "@comensha/domain";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.js";
import { ProblemError, ProblemType } from "./problem.js";

/**
 * A body must be declared `application/json` (or a `+json` type), and in UTF-8: a `charset` parameter other than
 * `utf-8` is refused rather than read as UTF-8 anyway.
 */
const requireJsonType = (c: Context<AppEnv>) => {
  const contentType = c.req.header("Content-Type") ?? "";
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(contentType)) {
    throw new ProblemError(415, ProblemType.unsupportedMediaType, "The body must be application/json");
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType)?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new ProblemError(415, ProblemType.unsupportedMediaType, "The body must be UTF-8", {
      detail: `Send Content-Type: application/json (UTF-8 is the default), not charset=${charset.slice(0, 40)}.`,
    });
  }
};

/**
 * The deepest nesting of arrays and objects a body may have. The API's bodies need a handful of levels; code that
 * walks a parsed body recurses, so a body nested a hundred thousand levels deep would overflow the stack (a 500).
 */
export const maxJsonDepth = 32;

/** Whether JSON `text` nests arrays and objects deeper than {@link maxJsonDepth} (brackets in strings do not count). */
const isNestedTooDeeply = (text: string): boolean => {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > maxJsonDepth) return true;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return false;
};

const parseJson = (bytes: Uint8Array): { readonly bytes: Uint8Array; readonly json: unknown } => {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ProblemError(400, ProblemType.malformedJson, "The body is not valid UTF-8");
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    throw new ProblemError(400, ProblemType.malformedJson, "The body is not valid JSON", {
      detail: error instanceof Error ? error.message : "JSON.parse failed",
    });
  }
  if (isNestedTooDeeply(text)) {
    throw new ProblemError(400, ProblemType.badRequest, "The body is nested too deeply", {
      detail: `At most ${maxJsonDepth} levels of arrays and objects are accepted.`,
    });
  }
  const refused = InputText.controlCharacterPaths(json);
  if (refused.length > 0) {
    throw new ProblemError(422, ProblemType.validationFailed, "The request holds control characters", {
      errors: refused.map((path) => ({ path, message: InputText.controlCharacterMessage })),
    });
  }
  return { bytes, json };
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

/**
 * Refuses a URL whose path or query holds a control character (`%00` and the like, see `InputText`) before any route
 * reads it: `404` for the path (no resource has such a name), `400 bad-request` naming the query parameter. A NUL in
 * an id would otherwise reach the audit log, which PostgreSQL cannot store, and fail the request with a 500.
 */
export const refuseControlCharactersInUrl: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = new URL(c.req.url);
  let path = url.pathname;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    // A malformed escape is left to the router, which matches it as it is.
  }
  if (InputText.hasControlCharacter(path)) {
    throw new ProblemError(404, ProblemType.notFound, "Not found", { detail: InputText.controlCharacterMessage });
  }
  const refused = [...url.searchParams.entries()].filter(
    ([name, value]) => InputText.hasControlCharacter(name) || InputText.hasControlCharacter(value),
  );
  if (refused.length > 0) {
    throw new ProblemError(400, ProblemType.badRequest, "A query parameter holds control characters", {
      errors: refused.map(([name]) => ({
        path: `/${InputText.hasControlCharacter(name) ? "?" : name}`,
        message: InputText.controlCharacterMessage,
      })),
    });
  }
  await next();
};
