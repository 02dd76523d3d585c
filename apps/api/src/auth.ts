import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Organisation, Role, User } from "@comensha/domain";
import { ApiKey, Ports, SecondFactor, Session } from "@comensha/domain";
import { Clock, Effect } from "effect";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { CredentialCache } from "./credentialCache.js";
import type { AppEnv } from "./env.js";
import { ProblemError, ProblemType } from "./problem.js";
import type { AppRuntime } from "./runtime.js";

/** An organisation's API key with its role (partners, and staff tools that hold a key). */
export interface ApiKeyPrincipal {
  readonly kind: "api_key";
  readonly id: ApiKey.ApiKeyId;
  readonly organisationId: Organisation.OrganisationId;
  readonly role: Role.Role;
}

/** A console user signed in with the session cookie: staff act for CoMensha, a care user for their organisation. */
export interface UserPrincipal {
  readonly kind: "user";
  readonly id: User.UserId;
  readonly organisationId: Organisation.OrganisationId;
  readonly role: User.UserRole;
}

/** Who is calling: an API key, or a console user. */
export type Principal = ApiKeyPrincipal | UserPrincipal;

/** The console session of a cookie-authenticated request: the session, its token and its (current) user. */
export interface SessionContext {
  readonly id: Session.SessionId;
  readonly token: string;
  readonly user: User.User;
}

/** The name of the console's session cookie over plain http (local use, a test). */
export const sessionCookieName = "comensha_session";

/** The console-readable hint that a session was started (no secret: it only saves a 401 on loads without one). */
export const signedInHintCookieName = "comensha_signed_in";

/**
 * The name of the session cookie over https: with the `__Host-` prefix a browser keeps it only when it is `Secure`,
 * for `/` and without `Domain`, so no other host (a sibling subdomain) and no plain-http answer can set or replace it.
 */
export const secureSessionCookieName = "__Host-comensha_session";

/**
 * Whether the request reached us over https: directly, or as the proxy in front of us says (`X-Forwarded-Proto`).
 * A client that claims https over plain http only gets a cookie its browser refuses and an HSTS header it ignores.
 */
export const isHttps = (c: Context<AppEnv>): boolean =>
  c.req.header("X-Forwarded-Proto")?.split(",")[0]?.trim().toLowerCase() === "https" ||
  new URL(c.req.url).protocol === "https:";

/** The session cookie's name for this request: `__Host-` over https, the plain name otherwise (never both). */
export const sessionCookieNameFor = (c: Context<AppEnv>): string =>
  isHttps(c) ? secureSessionCookieName : sessionCookieName;

const keyPattern = /^cmk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;
const sessionTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** The SHA-256 of a key's secret, hex: API keys carry 256 random bits, so a fast hash is the right tool. */
export const hashSecret = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

/** A new API key: `cmk_<8 hex prefix>_<43 base64url chars of secret>`, its prefix and the hash to store. */
export const generateApiKey = () => {
  const prefix = randomBytes(4).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { apiKey: `cmk_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
};

/** A new opaque session token: 256 random bits, base64url (43 characters). Only its SHA-256 is stored. */
export const generateSessionToken = () => randomBytes(32).toString("base64url");

/**
 * The CSRF token of a session, derived from its token (HMAC-SHA-256), so `GET /v1/auth/session` can hand it out
 * again without storing it: only the holder of the (HttpOnly) cookie can compute it. Its SHA-256 is stored too.
 */
export const csrfTokenFor = (sessionToken: string) =>
  createHmac("sha256", sessionToken).update("comensha csrf token v1").digest("base64url");

/** Whether two hex SHA-256 hashes are equal, in constant time. */
const sameHash = (expectedHex: string, actualHex: string) => {
  const expected = Buffer.from(expectedHex, "hex");
  const actual = Buffer.from(actualHex, "hex");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
};

const unauthorized = (detail: string) =>
  new ProblemError(401, ProblemType.unauthorized, "A valid API key or console session is required", { detail });

/**
 * Resolves a bearer key to its principal, or undefined when it is unknown, revoked, waiting for a second
 * administrator's approval, or of an inactive organisation.
 */
export const resolveApiKey = (token: string) =>
  Effect.gen(function* () {
    const match = keyPattern.exec(token);
    if (match === null) return undefined;
    const [, prefix, secret] = match as unknown as [string, string, string];
    const keys = yield* Ports.ApiKeyRepository;
    const credential = yield* keys.findByPrefix(prefix);
    if (
      credential === undefined ||
      credential.key.revokedAt !== null ||
      ApiKey.isAwaitingApproval(credential.key) ||
      !credential.organisationActive
    ) {
      return undefined;
    }
    if (!sameHash(credential.secretHash, hashSecret(secret))) return undefined;
    yield* keys.touch(credential.key.id);
    return {
      kind: "api_key",
      id: credential.key.id,
      organisationId: credential.key.organisationId,
      role: credential.key.role,
    } satisfies Principal;
  });

/**
 * Resolves a session cookie's token to its session, or undefined when it is unknown, idle for 30 minutes, past its
 * 12 hours, or its user is disabled or their organisation suspended (such a session is deleted). A live session is
 * touched: its idle time restarts.
 */
export const resolveSession = (token: string) =>
  Effect.gen(function* () {
    if (!sessionTokenPattern.test(token)) return undefined;
    const sessions = yield* Ports.SessionRepository;
    const found = yield* sessions.findByTokenHash(hashSecret(token));
    if (found === undefined) return undefined;
    const now = yield* Clock.currentTimeMillis;
    if (
      Session.sessionState(found.session, now) !== "active" ||
      found.user.user.status !== "active" ||
      !found.user.organisationActive
    ) {
      yield* sessions.delete(found.session.id);
      return undefined;
    }
    yield* sessions.touch(found.session.id, new Date(now).toISOString());
    return found;
  });

/**
 * `resolveApiKey` through the credential cache: a key that was valid a moment ago is taken as valid for the cache's
 * time (see `credentialTtlMs`) without a database round trip, and its `last used` time is written at most once per
 * that time (and at most once a minute by `touch` itself).
 */
const cachedApiKey = async (runtime: AppRuntime, cache: CredentialCache | undefined, token: string) => {
  if (cache === undefined) return runtime.runPromise(resolveApiKey(token));
  const cacheKey = hashSecret(token);
  const cached = cache.apiKeys.get(cacheKey);
  if (cached !== undefined) return cached;
  const principal = await runtime.runPromise(resolveApiKey(token));
  if (principal !== undefined) cache.apiKeys.set(cacheKey, principal);
  return principal;
};

/** Methods that change nothing, and so need no CSRF token. */
export const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** Routes open without authentication. */
const isPublic = (method: string, path: string) => method === "POST" && path === "/v1/auth/login";

/**
 * Authenticates every route below it (but `POST /v1/auth/login`) and sets the principal, from either
 * `Authorization: Bearer <api key>` or the console's session cookie. A cookie-authenticated request that may change
 * something must carry `X-CSRF-Token` (403 `csrf-failed`), and a user who must change their password reaches only
 * `/v1/auth/*` (403 `password-change-required`), as does a user whose role must have a second factor and who has
 * not enrolled one yet (403 `second-factor-enrolment-required`).
 */
export const authenticate =
  (
    runtime: AppRuntime,
    options: { readonly secondFactorRoles: ReadonlyArray<User.UserRole>; readonly cache?: CredentialCache },
  ): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (isPublic(c.req.method, c.req.path)) return next();
    const header = c.req.header("Authorization");
    if (header !== undefined) {
      const [scheme, token] = header.split(" ", 2);
      if (scheme?.toLowerCase() !== "bearer" || token === undefined) {
        throw unauthorized("Send Authorization: Bearer <api key>.");
      }
      const principal = await cachedApiKey(runtime, options.cache, token.trim());
      if (principal === undefined) throw unauthorized("The API key is unknown, revoked or not approved yet.");
      c.set("principal", principal);
      c.set("session", undefined);
      return next();
    }
    const token = getCookie(c, sessionCookieNameFor(c));
    if (token === undefined) {
      throw unauthorized("Send Authorization: Bearer <api key>, or log in to the console (POST /v1/auth/login).");
    }
    const found = await runtime.runPromise(resolveSession(token));
    if (found === undefined) throw unauthorized("The session has ended or is unknown: log in again.");
    if (!safeMethods.has(c.req.method)) {
      const sent = c.req.header("X-CSRF-Token");
      if (sent === undefined || !sameHash(found.csrfHash, hashSecret(sent))) {
        throw new ProblemError(403, ProblemType.csrfFailed, "The CSRF token is missing or wrong", {
          detail: "Send the csrfToken from POST /v1/auth/login or GET /v1/auth/session as X-CSRF-Token.",
        });
      }
    }
    const { user, organisationId } = found.user;
    if (user.mustChangePassword && !c.req.path.startsWith("/v1/auth/")) {
      throw new ProblemError(403, ProblemType.passwordChangeRequired, "Choose a new password first", {
        detail: "This account has a one-time password: change it with POST /v1/auth/password.",
      });
    }
    if (
      !user.secondFactorEnrolled &&
      SecondFactor.isRequiredFor(user.role, options.secondFactorRoles) &&
      !c.req.path.startsWith("/v1/auth/")
    ) {
      throw new ProblemError(403, ProblemType.secondFactorEnrolmentRequired, "Set up a second factor first", {
        detail: "Your role needs an authenticator app: enrol with POST /v1/auth/second-factor and confirm a code.",
      });
    }
    c.set("principal", { kind: "user", id: user.id, organisationId, role: user.role });
    c.set("session", { id: found.session.id, token, user });
    return next();
  };

/** Refuses the request with 403 unless the caller has one of `roles`. */
export const requireRole = (c: Context<AppEnv>, ...roles: ReadonlyArray<Role.Role>): Principal => {
  const principal = c.get("principal");
  if (!roles.includes(principal.role)) {
    throw new ProblemError(403, ProblemType.forbidden, "Your role may not do this", {
      detail: `Requires one of: ${roles.join(", ")}.`,
    });
  }
  return principal;
};

/** The console session of the request, or 401 when the caller is not signed in with the session cookie. */
export const requireSession = (c: Context<AppEnv>): SessionContext => {
  const session = c.get("session");
  if (session === undefined) throw unauthorized("This route is for the console: log in with POST /v1/auth/login.");
  return session;
};
