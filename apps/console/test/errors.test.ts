import {
  ApiError,
  ConnectionError,
  ForbiddenError,
  InternalServerError,
  RateLimitError,
  TimeoutError,
  UnauthorizedError,
  UnprocessableEntityError,
} from "@comensha/sdk";
import { describe, expect, it } from "vitest";
import { classifyError, isUnauthorized, parseRetryAfter } from "../src/api.js";
import { errorText } from "../src/errors.js";

const problem = (status: number, type: string, extra: Record<string, unknown> = {}) => ({
  type: `https://comensha.nl/problems/${type}`,
  title: type,
  status,
  requestId: "req_123",
  ...extra,
});

const headers = (values: Record<string, string> = {}) => new Headers(values);
const now = new Date("2026-11-20T09:00:00Z");

describe("classifyError", () => {
  it("reads a 401 at login as wrong credentials, and elsewhere as an ended session", () => {
    const error = new UnauthorizedError({ status: 401, headers: headers(), problem: problem(401, "unauthorized") });
    expect(classifyError(error, "login")).toMatchObject({ kind: "invalid_credentials", requestId: "req_123" });
    expect(classifyError(error)).toMatchObject({ kind: "unauthorized" });
    expect(isUnauthorized(error)).toBe(true);
  });

  it("reads a locked account with the seconds of Retry-After", () => {
    const error = new ApiError({
      status: 423,
      headers: headers({ "Retry-After": "900" }),
      problem: problem(423, "account-locked"),
    });
    expect(classifyError(error, "login", now)).toMatchObject({ kind: "locked", retryAfterSeconds: 900 });
  });

  it("reads a 429 at login as a locked account too", () => {
    const error = new RateLimitError({
      status: 429,
      headers: headers({ "Retry-After": "120" }),
      problem: problem(429, "rate-limited"),
    });
    expect(classifyError(error, "login", now)).toMatchObject({ kind: "locked", retryAfterSeconds: 120 });
    expect(classifyError(error, undefined, now)).toMatchObject({ kind: "rate_limited" });
  });

  it("takes the wait from lockedUntil when there is no Retry-After", () => {
    const error = new ApiError({
      status: 423,
      headers: headers(),
      problem: problem(423, "account-locked", { lockedUntil: "2026-11-20T09:10:00Z" }),
    });
    expect(classifyError(error, "login", now)).toMatchObject({ kind: "locked", retryAfterSeconds: 600 });
  });

  it("keeps the offending fields of a 422", () => {
    const error = new UnprocessableEntityError({
      status: 422,
      headers: headers(),
      problem: problem(422, "validation-failed", { errors: [{ path: "/newPassword", message: "too short" }] }),
    });
    expect(classifyError(error)).toMatchObject({
      kind: "validation",
      fields: [{ path: "/newPassword", message: "too short" }],
    });
  });

  it("tells forbidden, server faults, timeouts and lost connections apart", () => {
    expect(classifyError(new ForbiddenError({ status: 403, headers: headers() })).kind).toBe("forbidden");
    expect(classifyError(new InternalServerError({ status: 503, headers: headers() })).kind).toBe("unavailable");
    expect(classifyError(new TimeoutError("slow")).kind).toBe("timeout");
    expect(classifyError(new ConnectionError("offline")).kind).toBe("network");
    expect(classifyError(new Error("?")).kind).toBe("unknown");
  });
});

describe("errorText", () => {
  it("says how many minutes a locked account must wait", () => {
    expect(errorText({ kind: "locked", fields: [], retryAfterSeconds: 900 })).toEqual({
      key: "login.lockedMany",
      params: { minutes: 15 },
    });
    expect(errorText({ kind: "locked", fields: [], retryAfterSeconds: 30 })).toEqual({ key: "login.lockedOne" });
    expect(errorText({ kind: "locked", fields: [] })).toEqual({ key: "login.lockedUnknown" });
  });

  it("has a text for every kind of error", () => {
    expect(errorText({ kind: "network", fields: [] }).key).toBe("error.network");
    expect(errorText({ kind: "invalid_credentials", fields: [] }).key).toBe("login.invalidCredentials");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("30", now)).toBe(30);
    expect(parseRetryAfter("Fri, 20 Nov 2026 09:05:00 GMT", now)).toBe(300);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});
