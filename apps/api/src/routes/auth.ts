import { Ports, Session, User } from "@comensha/domain";
import { Effect, Redacted, Schema } from "effect";
import { type Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import { csrfTokenFor, isHttps, requireSession, sessionCookieNameFor } from "../auth.js";
import type { AppEnv } from "../env.js";
import type { Operation } from "../openapi.js";
import { ProblemError, ProblemType } from "../problem.js";
import { readJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import { actorOfPrincipal } from "../services/audit.js";
import { changePassword, login } from "../services/sessions.js";
import { decodeBody, ruleViolations } from "../validation.js";
import { runEffect } from "./runEffect.js";

const Password = Schema.String.pipe(Schema.check(Schema.isMaxLength(Session.maxPasswordLength)));

/** The body of `POST /v1/auth/login`. */
export const LoginRequest = Schema.Struct({
  email: Schema.String.pipe(Schema.check(Schema.isMaxLength(254))),
  password: Password,
}).annotate({ identifier: "LoginRequest" });

/** The body of `POST /v1/auth/password`. */
export const ChangePasswordRequest = Schema.Struct({
  currentPassword: Password,
  newPassword: Password,
}).annotate({ identifier: "ChangePasswordRequest" });

/** A console session on the wire: the signed-in user and the CSRF token to send as `X-CSRF-Token`. */
export const SessionResponse = Schema.Struct({ user: User.User, csrfToken: Schema.String }).annotate({
  identifier: "ConsoleSession",
});

const encodeSession = Schema.encodeSync(SessionResponse);

const unauthorized = { description: "No valid console session.", problem: true } as const;
const csrf = { description: "The X-CSRF-Token header is missing or wrong (csrf-failed).", problem: true } as const;

/** OpenAPI descriptions of the console's authentication routes. */
export const authOperations: ReadonlyArray<Operation> = [
  {
    method: "post",
    path: "/v1/auth/login",
    operationId: "login",
    summary:
      "Log in to the console: sets the HttpOnly session cookie and answers the user and the CSRF token for later calls",
    tags: ["auth"],
    requestBody: LoginRequest,
    responses: {
      200: {
        description: "Logged in; the session cookie is set (12 hours at most, 30 minutes idle).",
        schema: SessionResponse,
      },
      401: { description: "The e-mail address or password is wrong (invalid-credentials).", problem: true },
      422: { description: "The body does not match the schema.", problem: true },
      429: { description: "Too many failed logins: locked; see Retry-After (account-locked).", problem: true },
    },
  },
  {
    method: "get",
    path: "/v1/auth/session",
    operationId: "getSession",
    summary: "The current console session: the signed-in user and the CSRF token",
    tags: ["auth"],
    security: true,
    responses: { 200: { description: "The session.", schema: SessionResponse }, 401: unauthorized },
  },
  {
    method: "post",
    path: "/v1/auth/logout",
    operationId: "logout",
    summary: "Log out: ends this session and clears the cookie",
    tags: ["auth"],
    security: true,
    responses: { 204: { description: "Logged out." }, 401: unauthorized, 403: csrf },
  },
  {
    method: "post",
    path: "/v1/auth/logout-all",
    operationId: "logoutAll",
    summary: "Log out everywhere: ends every session of the signed-in user",
    tags: ["auth"],
    security: true,
    responses: { 204: { description: "Every session ended." }, 401: unauthorized, 403: csrf },
  },
  {
    method: "post",
    path: "/v1/auth/password",
    operationId: "changePassword",
    summary: "Change your password (required after a one-time password); ends your other sessions",
    tags: ["auth"],
    security: true,
    requestBody: ChangePasswordRequest,
    responses: {
      204: { description: "Changed." },
      401: unauthorized,
      403: csrf,
      422: { description: "The current password is wrong, or the new one breaks the password rule.", problem: true },
      429: { description: "Too many wrong passwords: locked; see Retry-After (account-locked).", problem: true },
    },
  },
];

const locked = (error: Session.AccountLocked) =>
  new ProblemError(429, ProblemType.accountLocked, "Too many failed logins", {
    detail: `Logins for this account are locked; try again in ${error.retryAfterSeconds} seconds.`,
    headers: { "Retry-After": String(error.retryAfterSeconds) },
  });

const toProblem = (error: unknown): ProblemError => {
  if (error instanceof Session.InvalidCredentials) {
    return new ProblemError(401, ProblemType.invalidCredentials, "The e-mail address or password is wrong");
  }
  if (error instanceof Session.AccountLocked) return locked(error);
  if (error instanceof Session.PasswordRejected) return ruleViolations(error.violations);
  return new ProblemError(500, ProblemType.internal, "Internal server error");
};

const run = runEffect(toProblem);

const writeCookie = (c: Context<AppEnv>, value: string, maxAge: number) =>
  setCookie(c, sessionCookieNameFor(c), value, {
    httpOnly: true,
    sameSite: "Strict",
    path: "/",
    maxAge,
    ...(isHttps(c) ? { secure: true } : {}),
  });

const audited = (c: Context<AppEnv>, action: string) =>
  Effect.flatMap(Ports.AuditLog, (log) => {
    const principal = c.get("principal");
    return log.append({
      actor: actorOfPrincipal(principal),
      action,
      resourceType: "user",
      resourceId: principal.id,
      outcome: "success",
      requestId: c.get("requestId"),
    });
  });

/**
 * `/v1/auth`: the console's login, session, logout and password change. Only login is open without a session; the
 * others need the session cookie (and, as every cookie-authenticated change, `X-CSRF-Token`).
 */
export const authRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.post("/login", async (c) => {
    const { json } = await readJson(c);
    const input = decodeBody(LoginRequest, json);
    const result = await run(
      runtime,
      login({
        email: input.email.trim().toLowerCase(),
        password: Redacted.make(input.password),
        address: c.get("clientAddress"),
        requestId: c.get("requestId"),
      }),
    );
    writeCookie(c, result.token, Session.absoluteLifetimeMillis / 1000);
    return c.json(encodeSession({ user: new User.User(result.user), csrfToken: result.csrfToken }));
  });

  routes.get("/session", (c) => {
    const session = requireSession(c);
    return c.json(encodeSession({ user: session.user, csrfToken: csrfTokenFor(session.token) }));
  });

  routes.post("/logout", async (c) => {
    const session = requireSession(c);
    await run(
      runtime,
      Effect.flatMap(Ports.Transactor, (transactor) =>
        transactor.transaction(
          Effect.andThen(
            Effect.flatMap(Ports.SessionRepository, (sessions) => sessions.delete(session.id)),
            audited(c, "auth.logout"),
          ),
        ),
      ),
    );
    writeCookie(c, "", 0);
    return c.body(null, 204);
  });

  routes.post("/logout-all", async (c) => {
    const session = requireSession(c);
    await run(
      runtime,
      Effect.flatMap(Ports.Transactor, (transactor) =>
        transactor.transaction(
          Effect.andThen(
            Effect.flatMap(Ports.SessionRepository, (sessions) => sessions.deleteForUser(session.user.id)),
            audited(c, "auth.logout_all"),
          ),
        ),
      ),
    );
    writeCookie(c, "", 0);
    return c.body(null, 204);
  });

  routes.post("/password", async (c) => {
    const session = requireSession(c);
    const { json } = await readJson(c);
    const input = decodeBody(ChangePasswordRequest, json);
    await run(
      runtime,
      Effect.gen(function* () {
        const credential = yield* Effect.orDie((yield* Ports.UserRepository).findById(session.user.id));
        return yield* changePassword({
          credential,
          sessionId: session.id,
          currentPassword: Redacted.make(input.currentPassword),
          newPassword: Redacted.make(input.newPassword),
          requestId: c.get("requestId"),
        });
      }),
    );
    return c.body(null, 204);
  });

  return routes;
};
