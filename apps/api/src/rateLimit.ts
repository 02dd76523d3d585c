import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.js";
import { ProblemError, ProblemType } from "./problem.js";

/**
 * How requests are limited, per process: a token bucket per client address for every `/v1` request, one per API key,
 * and a stricter one per client address for failed authentication (a wrong API key, a wrong password, an ended
 * session). Each bucket holds `burst` tokens and regains `perSecond` a second; an empty bucket answers
 * `429 rate-limited` with `Retry-After`.
 */
export interface RateLimitOptions {
  /** Requests per second a client address (and an API key) may keep up, and how many it may send at once. */
  readonly perSecond: number;
  readonly burst: number;
  /** Failed authentications per minute a client address may keep up, and at once. */
  readonly failuresPerMinute: number;
  readonly failureBurst: number;
  /**
   * Whether a proxy in front of this process says who the client is: the last address of `X-Forwarded-For` (the one
   * the proxy added) is then the client's. Off, the connection's own address counts (a header is anyone's to send).
   */
  readonly trustProxy: boolean;
}

/** The defaults a deployment gets (`COMENSHA_RATE_LIMIT_*`; see docs/deploy.md). */
export const defaultRateLimit: RateLimitOptions = {
  perSecond: 50,
  burst: 200,
  failuresPerMinute: 20,
  failureBurst: 20,
  trustProxy: false,
};

/** The most buckets one kind keeps: past it the least recently used is forgotten (a bound on memory, ~1 MB). */
export const maxBuckets = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets by key, least recently used first, at most {@link maxBuckets}. */
const bucketsOf = (capacity: number, perMillisecond: number, now: () => number) => {
  const buckets = new Map<string, Bucket>();
  const current = (key: string): Bucket => {
    const time = now();
    const found = buckets.get(key);
    const bucket =
      found === undefined
        ? { tokens: capacity, at: time }
        : { tokens: Math.min(capacity, found.tokens + (time - found.at) * perMillisecond), at: time };
    buckets.delete(key);
    buckets.set(key, bucket);
    if (buckets.size > maxBuckets) buckets.delete(buckets.keys().next().value as string);
    return bucket;
  };
  return {
    /** Seconds until a token is back when the bucket is empty; undefined when one is left (not taken). */
    waitFor: (key: string): number | undefined => {
      const bucket = current(key);
      return bucket.tokens >= 1 ? undefined : Math.max(1, Math.ceil((1 - bucket.tokens) / perMillisecond / 1000));
    },
    /** Takes a token; answers the seconds to wait when there was none. */
    take: (key: string): number | undefined => {
      const bucket = current(key);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return undefined;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMillisecond / 1000));
    },
    size: () => buckets.size,
  };
};

/** The client's address: the connection's, or the proxy's word for it when trusted; `unknown` in process. */
const addressOf = (c: Context<AppEnv>, trustProxy: boolean): string => {
  if (trustProxy) {
    const forwarded = c.req.header("X-Forwarded-For")?.split(",").at(-1)?.trim();
    if (forwarded !== undefined && forwarded !== "") return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // A request built in process (a test) has no connection.
    return "unknown";
  }
};

/**
 * Whether a request tried to authenticate: an API key, a password, or a session cookie. A request without any (the
 * console asking whether it is signed in) is not a guess, so its 401 is no failure.
 */
const presentedCredentials = (c: Context<AppEnv>) =>
  c.req.header("Authorization") !== undefined ||
  c.req.path === "/v1/auth/login" ||
  /(?:^|;\s*)(?:__Host-)?comensha_session=/.test(c.req.header("Cookie") ?? "");

/** Whether the answer asks for the second factor: the password was right, so it is no failure of the address. */
const askedForSecondFactor = (c: Context<AppEnv>) =>
  c.error instanceof ProblemError && c.error.type === ProblemType.secondFactorRequired;

/** Puts the client's address on the request's context (`clientAddress`), for the rate limits and the login throttle. */
export const clientAddress =
  (trustProxy: boolean): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    c.set("clientAddress", addressOf(c, trustProxy));
    await next();
  };

const tooMany = (seconds: number, detail: string) =>
  new ProblemError(429, ProblemType.rateLimited, "Too many requests", {
    detail,
    headers: { "Retry-After": String(seconds) },
  });

/**
 * The rate limits of `/v1`, as two middlewares: `beforeAuthentication` refuses a request at once when its address has
 * used up its requests or its failed authentications, and counts a 401 answer as a failure of that address;
 * `afterAuthentication` counts the request against its API key (or console user). Kept in memory per process: with N
 * processes behind a load balancer a client gets at most N times the limit, which the limits allow for.
 */
export const rateLimit = (options: RateLimitOptions, now: () => number = Date.now) => {
  const addresses = bucketsOf(options.burst, options.perSecond / 1000, now);
  const principals = bucketsOf(options.burst, options.perSecond / 1000, now);
  const failures = bucketsOf(options.failureBurst, options.failuresPerMinute / 60_000, now);
  const beforeAuthentication: MiddlewareHandler<AppEnv> = async (c, next) => {
    const address = (c.get("clientAddress") as string | undefined) ?? addressOf(c, options.trustProxy);
    const failedTooOften = failures.waitFor(address);
    if (failedTooOften !== undefined) {
      throw tooMany(failedTooOften, "Too many failed logins or unknown keys from this address; wait and try again.");
    }
    const busy = addresses.take(address);
    if (busy !== undefined) throw tooMany(busy, "Too many requests from this address.");
    await next();
    if (c.res.status === 401 && presentedCredentials(c) && !askedForSecondFactor(c)) failures.take(address);
  };
  const afterAuthentication: MiddlewareHandler<AppEnv> = async (c, next) => {
    const principal = c.get("principal") as AppEnv["Variables"]["principal"] | undefined;
    if (principal !== undefined) {
      const wait = principals.take(`${principal.kind}:${principal.id}`);
      if (wait !== undefined) throw tooMany(wait, "Too many requests with this key or session.");
    }
    await next();
  };
  return {
    beforeAuthentication,
    afterAuthentication,
    sizes: () => [addresses.size(), principals.size(), failures.size()],
  };
};
