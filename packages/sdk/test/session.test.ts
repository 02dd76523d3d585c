import { describe, expect, it } from "vitest";
import {
  Comensha,
  ComenshaError,
  type ConsoleSession,
  type Fetch,
  ProblemTypes,
  RateLimitError,
  UnauthorizedError,
} from "../src/index.js";
import { json, problem } from "./support.js";

const consoleSession = (csrfToken: string): ConsoleSession => ({
  user: {
    id: "0193a5b2-7c1e-7f00-8000-0000000000aa",
    email: "coordinator@demo.comensha.nl",
    name: "Demo coordinator",
    role: "coordinator",
    organisationId: "0193a5b2-7c1e-7f00-8000-0000000000c0",
    status: "active",
    mustChangePassword: false,
    secondFactorEnrolled: true,
    createdAt: "2026-11-20T09:30:00.000Z",
    lastLoginAt: "2026-11-20T09:31:00.000Z",
    approval: null,
  },
  csrfToken,
  secondFactorRequired: true,
});

/** A fetch that answers in order and records each request with its init (credentials included). */
const recordingFetch = (...replies: ReadonlyArray<Response>) => {
  const seen: Array<{ url: string; method: string; headers: Headers; credentials: RequestInit["credentials"] }> = [];
  const fetch: Fetch = async (url, init) => {
    seen.push({
      url,
      method: init.method ?? "GET",
      headers: new Headers(init.headers),
      credentials: init.credentials,
    });
    const reply = replies[seen.length - 1];
    if (reply === undefined) throw new Error(`unexpected request ${init.method} ${url}`);
    return reply;
  };
  return { fetch, seen };
};

describe("session mode (the console)", () => {
  it("needs no API key, sends no Authorization, includes credentials, and sends the CSRF token on changes", async () => {
    const { fetch, seen } = recordingFetch(
      json(200, consoleSession("csrf-from-login")),
      json(200, { year: 2025, persons: 2, reports: 3, dataAsOf: "2025-06-01" }),
      json(201, { user: consoleSession("x").user, oneTimePassword: "abcdefghijklmnopqrstuvwx" }),
      new Response(null, { status: 204 }),
      json(200, consoleSession("csrf-from-session")),
      new Response(null, { status: 204 }),
    );
    const client = new Comensha({ baseUrl: "http://console.test", session: true, fetch });
    const { user } = await client.auth.login({ email: "coordinator@demo.comensha.nl", password: "p".repeat(12) });
    expect(user.role).toBe("coordinator");
    expect(await client.statistics.overview({ year: 2025 })).toEqual({
      year: 2025,
      persons: 2,
      reports: 3,
      dataAsOf: "2025-06-01",
    });
    await client.users.create({ email: "nieuw@comensha.nl", name: "Nieuw", role: "policy" });
    await client.auth.logout();
    await client.auth.session();
    await client.auth.changePassword({ currentPassword: "a".repeat(12), newPassword: "b".repeat(12) });

    expect(seen.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      "POST /v1/auth/login",
      "GET /v1/statistics/overview",
      "POST /v1/users",
      "POST /v1/auth/logout",
      "GET /v1/auth/session",
      "POST /v1/auth/password",
    ]);
    for (const request of seen) {
      expect(request.headers.has("Authorization")).toBe(false);
      expect(request.credentials).toBe("include");
    }
    expect(seen.map((request) => request.headers.get("X-CSRF-Token"))).toEqual([
      null,
      null,
      "csrf-from-login",
      "csrf-from-login",
      null,
      "csrf-from-session",
    ]);
    expect(new URL(seen[1]?.url ?? "").search).toBe("?year=2025");
  });

  it("keeps the API key required outside session mode, and refuses both at once", () => {
    expect(() => new Comensha({ baseUrl: "http://api.test", apiKey: "" })).toThrow(ComenshaError);
    expect(() => new Comensha({ baseUrl: "http://api.test", apiKey: "cmk_x", session: true })).toThrow(
      /either an apiKey or session/,
    );
    const { fetch, seen } = recordingFetch(json(200, { data: [], nextCursor: null }));
    const keyed = new Comensha({ baseUrl: "http://api.test", apiKey: "cmk_abcd1234_s3cr3t", fetch });
    return keyed.users.list().then(() => {
      expect(seen[0]?.headers.get("Authorization")).toBe("Bearer cmk_abcd1234_s3cr3t");
      expect(seen[0]?.credentials).toBeUndefined();
    });
  });

  it("does not retry a locked login, and names the problem", async () => {
    const { fetch, seen } = recordingFetch(
      problem(429, "account-locked", {}, { "Retry-After": "900" }),
      json(200, consoleSession("never")),
    );
    const client = new Comensha({ baseUrl: "http://console.test", session: true, fetch });
    const error = await client.auth.login({ email: "a@b.nl", password: "x".repeat(12) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).type).toBe(ProblemTypes.accountLocked);
    expect((error as RateLimitError).headers.get("Retry-After")).toBe("900");
    expect(seen).toHaveLength(1);
  });

  it("answers a wrong password as an UnauthorizedError of type invalid-credentials", async () => {
    const { fetch } = recordingFetch(problem(401, "invalid-credentials"));
    const client = new Comensha({ baseUrl: "http://console.test", session: true, fetch });
    const error = await client.auth.login({ email: "a@b.nl", password: "x".repeat(12) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as UnauthorizedError).type).toBe(ProblemTypes.invalidCredentials);
  });
});
