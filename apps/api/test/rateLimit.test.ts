import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeApp } from "../src/app.js";
import { ConfigError, loadConfig } from "../src/config.js";
import type { AppEnv } from "../src/env.js";
import { silentLogger } from "../src/logger.js";
import { ProblemError } from "../src/problem.js";
import { defaultRateLimit, maxBuckets, type RateLimitOptions, rateLimit } from "../src/rateLimit.js";
import { startServer } from "../src/server.js";
import { makeOrganisation, makeUser, openTestApi, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

const wrongKey = (n: number) => `cmk_0000000${n % 10}_${"x".repeat(38)}${String(n).padStart(5, "0")}`;

describe("rate limits per client address and per key", () => {
  let api: TestApi;
  let app: ReturnType<typeof makeApp>;
  let partnerKey = "";
  const limits: RateLimitOptions = { ...defaultRateLimit, trustProxy: true };

  beforeAll(async () => {
    api = await openTestApi("pglite");
    app = makeApp({ runtime: api.runtime, logger: silentLogger, rateLimit: limits });
    partnerKey = (await makeOrganisation(api, { name: "Politie Limiet", kind: "police" })).apiKey;
  });
  afterAll(async () => {
    await api?.close();
  });

  const from = (address: string, path: string, init: { key?: string; method?: string; body?: unknown } = {}) =>
    app.request(path, {
      method: init.method ?? "GET",
      headers: {
        "X-Forwarded-For": `10.0.0.1, ${address}`,
        ...(init.key === undefined ? {} : { Authorization: `Bearer ${init.key}` }),
        ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });

  it("answers 300 wrong API keys from one address with 429s after 20, and leaves other addresses alone", async () => {
    const statuses: Array<number> = [];
    let limited: Response | undefined;
    for (let n = 0; n < 300; n++) {
      const response = await from("203.0.113.7", "/v1/registrations", { key: wrongKey(n) });
      statuses.push(response.status);
      if (response.status === 429) limited ??= response;
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
    if (limited === undefined) throw new Error("no 429");
    expect(limited.headers.get("Content-Type")).toBe("application/problem+json");
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as Json).type).toBe("https://comensha.nl/problems/rate-limited");
    // The right key from the same address waits too (it is the address that guessed); from another it works.
    expect((await from("203.0.113.7", "/v1/registrations", { key: partnerKey })).status).toBe(429);
    expect((await from("198.51.100.9", "/v1/registrations", { key: partnerKey })).status).toBe(200);
  });

  it("answers 60 logins to 60 accounts from one address with 429s after 20 failures", async () => {
    for (let n = 0; n < 3; n++) {
      await makeUser(api, { email: `echt${n}@comensha.test`, role: "coordinator", password: "een lang wachtwoord 1" });
    }
    const statuses: Array<number> = [];
    for (let n = 0; n < 60; n++) {
      const response = await from("192.0.2.60", "/v1/auth/login", {
        method: "POST",
        body: { email: `echt${n % 3}-${n}@comensha.test`, password: "raden" },
      });
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(20);
    expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
    // The real user, from their own address, is not kept out by the stranger's guesses.
    const real = await from("192.0.2.200", "/v1/auth/login", {
      method: "POST",
      body: { email: "echt0@comensha.test", password: "een lang wachtwoord 1" },
    });
    expect(real.status).toBe(200);
  });

  it("never lets a stranger's wrong passwords keep the real user out when the user logs in from elsewhere", async () => {
    const account = { email: "echt1@comensha.test", password: "een lang wachtwoord 1" };
    const stranger: Array<number> = [];
    for (let n = 0; n < 7; n++) {
      const response = await from("192.0.2.66", "/v1/auth/login", {
        method: "POST",
        body: { email: account.email, password: `raden ${n}` },
      });
      stranger.push(response.status);
    }
    // Five wrong passwords lock this address out of this account (even the right one is refused from there) ...
    expect(stranger).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect((await from("192.0.2.66", "/v1/auth/login", { method: "POST", body: account })).status).toBe(429);
    // ... and only this address: the real user, at work, logs in at once.
    expect((await from("192.0.2.201", "/v1/auth/login", { method: "POST", body: account })).status).toBe(200);
  });

  it("does not count a console asking whether it is signed in (no credentials) as a failure", async () => {
    for (let n = 0; n < 40; n++) {
      expect((await from("192.0.2.77", "/v1/auth/session")).status).toBe(401);
    }
    expect((await from("192.0.2.77", "/v1/registrations", { key: partnerKey })).status).toBe(200);
  });

  it("limits one key however many addresses it comes from", async () => {
    const tight = makeApp({
      runtime: api.runtime,
      logger: silentLogger,
      rateLimit: { ...limits, burst: 5, perSecond: 1 },
    });
    const statuses: Array<number> = [];
    for (let n = 0; n < 8; n++) {
      const response = await tight.request("/v1/registrations", {
        headers: { Authorization: `Bearer ${partnerKey}`, "X-Forwarded-For": `198.51.100.${n + 1}` },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
  });

  it("trusts X-Forwarded-For only when told to: otherwise every in-process request is one address", async () => {
    const untrusting = makeApp({
      runtime: api.runtime,
      logger: silentLogger,
      rateLimit: { ...limits, trustProxy: false, failureBurst: 3, failuresPerMinute: 1 },
    });
    const statuses: Array<number> = [];
    for (let n = 0; n < 5; n++) {
      const response = await untrusting.request("/v1/registrations", {
        headers: { Authorization: `Bearer ${wrongKey(n)}`, "X-Forwarded-For": `198.51.100.${n + 1}` },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe("the token buckets", () => {
  it("refill with time, and keep at most maxBuckets addresses in memory", async () => {
    let now = 0;
    const limits = rateLimit({ ...defaultRateLimit, trustProxy: true, burst: 2, perSecond: 1 }, () => now);
    const app = new Hono<AppEnv>();
    app.use(limits.beforeAuthentication);
    app.get("/", (c) => c.text("ok"));
    app.onError((error, c) =>
      error instanceof ProblemError
        ? c.text(error.options.headers?.["Retry-After"] ?? "", error.status)
        : c.text("?", 500),
    );
    const get = (address: string) => app.request("/", { headers: { "X-Forwarded-For": address } });
    expect((await get("a")).status).toBe(200);
    expect((await get("a")).status).toBe(200);
    const refused = await get("a");
    expect(refused.status).toBe(429);
    expect(await refused.text()).toBe("1");
    now += 1000;
    expect((await get("a")).status).toBe(200);
    expect((await get("a")).status).toBe(429);
    for (let n = 0; n < maxBuckets + 50; n++) await get(`address-${n}`);
    expect(limits.sizes()[0]).toBe(maxBuckets);
  });
});

describe("the limits a deployment runs with", () => {
  it("are on by default, can be set, and refuse nonsense", () => {
    expect(loadConfig({}).rateLimit).toEqual(defaultRateLimit);
    expect(loadConfig({ COMENSHA_RATE_LIMIT: "off" }).rateLimit).toBeUndefined();
    expect(
      loadConfig({ COMENSHA_RATE_LIMIT_PER_SECOND: "5", COMENSHA_RATE_LIMIT_BURST: "10", COMENSHA_TRUST_PROXY: "on" })
        .rateLimit,
    ).toEqual({ ...defaultRateLimit, perSecond: 5, burst: 10, trustProxy: true });
    expect(() => loadConfig({ COMENSHA_RATE_LIMIT: "yes" })).toThrow(ConfigError);
    expect(() => loadConfig({ COMENSHA_RATE_LIMIT_BURST: "0" })).toThrow(ConfigError);
  });

  it("answer 300 wrong keys over real HTTP with 429s, on a server started with the defaults", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "comensha-rate-"));
    const server = await startServer({
      config: loadConfig({ PORT: "0", HOST: "127.0.0.1", COMENSHA_DATA_DIR: dataDir }),
      logger: silentLogger,
    });
    try {
      const statuses: Array<number> = [];
      for (let n = 0; n < 300; n++) {
        const response = await fetch(`${server.url}/v1/registrations`, {
          headers: { Authorization: `Bearer ${wrongKey(n)}` },
        });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
      expect(statuses.filter((status) => status === 401)).toHaveLength(defaultRateLimit.failureBurst);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(270);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
