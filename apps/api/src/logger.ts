import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.js";

/** Severity of a log line. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Writes one JSON object per line; fields must never hold personal data, bodies or credentials. */
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

/**
 * Gives every request an id (a sane incoming `X-Request-Id`, else a new UUID), echoes it in the response, and logs
 * one line per request: method, path without query string (filters may be sensitive), status, duration.
 */
export const requestContext =
  (logger: Logger): MiddlewareHandler<AppEnv> =>
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
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  };
