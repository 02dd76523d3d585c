import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.js";

/** Severity of a log line. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/**
 * Writes one JSON object per line; fields must never hold personal data, bodies or credentials. An error goes in as
 * `describeError(error)` (class names, SQLSTATE, schema names), never as its message or stack.
 */
export type Logger = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

/** Structured JSON logs on stdout (errors on stderr). */
export const jsonLogger =
  (write: (line: string, level: LogLevel) => void = defaultWrite): Logger =>
  (level, msg, fields = {}) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }), level);

const defaultWrite = (line: string, level: LogLevel) =>
  (level === "error" ? process.stderr : process.stdout).write(`${line}\n`);

/** A logger that drops everything (tests). */
export const silentLogger: Logger = () => undefined;

const saneRequestId = /^[A-Za-z0-9._-]{1,128}$/;

const issuedId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The fixed segments of the app's routes (`v1`, `registrations`, `withdraw`): what a logged path may spell out. */
export const routeSegmentsOf = (routes: ReadonlyArray<{ readonly path: string }>): ReadonlySet<string> =>
  new Set(
    routes.flatMap((route) =>
      route.path.split("/").filter((segment) => segment !== "" && !segment.startsWith(":") && !segment.includes("*")),
    ),
  );

/**
 * The path of a request as a log line may hold it: segments of a route and ids of the API's shape (UUIDs) stay, any
 * other segment becomes `:value`, since the caller chose it and it may hold anything (a name typed into a URL).
 */
export const loggablePath = (path: string, routeSegments: ReadonlySet<string>) =>
  path
    .split("/")
    .map((segment) => (segment === "" || routeSegments.has(segment) || issuedId.test(segment) ? segment : ":value"))
    .join("/");

/**
 * Gives every request an id (a sane incoming `X-Request-Id`, else a new UUID), echoes it in the response, and logs
 * one line per request: method, path without query string (filters may be sensitive) and with only route segments
 * and ids (see `loggablePath`), status, duration; then a warning naming (by id only) any records the answer left
 * out because they do not decrypt.
 */
export const requestContext =
  (logger: Logger, routeSegments: () => ReadonlySet<string>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header("X-Request-Id");
    const requestId = incoming !== undefined && saneRequestId.test(incoming) ? incoming : randomUUID();
    c.set("requestId", requestId);
    c.header("X-Request-Id", requestId);
    await next();
    c.res.headers.set("X-Request-Id", requestId);
    logger("info", "request", {
      requestId,
      method: c.req.method,
      path: loggablePath(c.req.path, routeSegments()),
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
    const undecryptable = c.get("undecryptable");
    if (undecryptable !== undefined) {
      logger("warn", "undecryptable records", {
        requestId,
        resource: undecryptable.resource,
        ids: undecryptable.ids,
        ...(undecryptable.fields === undefined ? {} : { fields: undecryptable.fields }),
      });
    }
  };
