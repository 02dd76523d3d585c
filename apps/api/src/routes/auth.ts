import { Ports, SecondFactor, Session, User } from "@comensha/domain";
import { Effect, Redacted, Schema } from "effect";
import { type Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import { csrfTokenFor, isHttps, requireSession, sessionCookieNameFor, signedInHintCookieName } from "../auth.js";
import type { AppEnv } from "../env.js";
import type { Operation } from "../openapi.js";
import { ProblemError, ProblemType } from "../problem.js";
import { readJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import { actorOfPrincipal } from "../services/audit.js";
import { confirmEnrolment, renewRecoveryCodes, startEnrolment } from "../services/secondFactor.js";
import { changePassword, login } from "../services/sessions.js";
import { decodeBody, ruleViolations } from "../validation.js";
import { runEffect } from "./runEffect.js";

const Password = Schema.String.pipe(Schema.check(Schema.isMaxLength(Session.maxPasswordLength)));

/** The body of `POST /v1/auth/login`. */
export const LoginRequest = Schema.Struct({
  email: Schema.String.pipe(Schema.check(Schema.isMaxLength(254))),
  password: Password,
  /** The 6-digit code of the user's authenticator app, for a user with a second factor. */
  code: Schema.optionalKey(SecondFactor.Code),
  /** Or one of the user's recovery codes (each works once). */
  recoveryCode: Schema.optionalKey(SecondFactor.RecoveryCode),
}).annotate({ identifier: "LoginRequest" });

/** The body of `POST /v1/auth/second-factor/confirm` and `.../recovery-codes`: a code from the app. */
export const SecondFactorCodeRequest = Schema.Struct({ code: SecondFactor.Code }).annotate({
  identifier: "SecondFactorCodeRequest",
});

/** A started enrolment: the secret to add to an authenticator app, as text, as `otpauth://` URI and as QR code. */
export const SecondFactorEnrolment = Schema.Struct({
  /** The secret in base32, to type into an app that cannot scan. */
  secret: Schema.String,
  otpauthUri: Schema.String,
  /** The URI as a QR code, an SVG document. */
  qrCodeSvg: Schema.String,
}).annotate({ identifier: "SecondFactorEnrolment" });

/** Recovery codes, shown once: each logs in once in place of a code. */
export const RecoveryCodes = Schema.Struct({ recoveryCodes: Schema.Array(Schema.String) }).annotate({
  identifier: "RecoveryCodes",
});

/** The body of `POST /v1/auth/password`. */
export const ChangePasswordRequest = Schema.Struct({
  currentPassword: Password,
  newPassword: Password,
}).annotate({ identifier: "ChangePasswordRequest" });

/**
 * A console session on the wire: the signed-in user, the CSRF token to send as `X-CSRF-Token`, and whether the
 * user's role must use a second factor (until they enrolled, only `/v1/auth` answers).
 */
export const SessionResponse = Schema.Struct({
  user: User.User,
  csrfToken: Schema.String,
  secondFactorRequired: Schema.Boolean,
}).annotate({
  identifier: "ConsoleSession",
});
const encodeEnrolment = Schema.encodeSync(SecondFactorEnrolment);
const encodeRecoveryCodes = Schema.encodeSync(RecoveryCodes);

const encodeSession = Schema.encodeSync(SessionResponse);

const unauthorized = { description: "No valid console session.", problem: true } as const;
const csrf = { description: "The X-CSRF-Token header is missing or wrong (csrf-failed).", problem: true } as const;

/** OpenAPI descriptions of the console's authentication routes. */
export const authOperations: ReadonlyArray<Operation> = [
  {
    method: "post",
    path: "/v1/auth/login",
    operationId: "login",
    summary: "Log in to the console",
    description:
      "For CoMensha staff; partners use API keys. Sets the HttpOnly session cookie and answers the user and the " +
      "CSRF token to send as `X-CSRF-Token` on every later call but GET. A user with a second factor sends the " +
      "authenticator app's `code` or a `recoveryCode` as well. A wrong address, a wrong password and a disabled or " +
      "pending user get the same 401 `invalid-credentials`; 5 failures for one account from one client address " +
      "within 15 minutes lock it there for 15 minutes (429 `account-locked`). Every attempt is audited.",
    tags: ["auth"],
    requestBody: LoginRequest,
    responses: {
      200: {
        description: "Logged in; the session cookie is set (12 hours at most, 30 minutes idle).",
        schema: SessionResponse,
      },
      401: {
        description:
          "The e-mail address or password is wrong (invalid-credentials); the password is right but the account has " +
          "a second factor: send the app's `code` or a `recoveryCode` too (second-factor-required); or that code is " +
          "wrong, used or too old (invalid-second-factor).",
        problem: true,
      },
      422: { description: "The body does not match the schema.", problem: true },
      429: { description: "Too many failed logins: locked; see Retry-After (account-locked).", problem: true },
    },
  },
  {
    method: "get",
    path: "/v1/auth/session",
    operationId: "getSession",
    summary: "The current console session: the signed-in user and the CSRF token",
    description:
      "Answers the user of a live session cookie, the CSRF token, and whether the user's role must use a second " +
      "factor; the session's idle time restarts. A session ends after 30 minutes without a request and 12 hours " +
      "after login.",
    tags: ["auth"],
    security: true,
    responses: { 200: { description: "The session.", schema: SessionResponse }, 401: unauthorized },
  },
  {
    method: "post",
    path: "/v1/auth/logout",
    operationId: "logout",
    summary: "Log out: ends this session and clears the cookie",
    description:
      "Ends the session of the cookie sent and clears the cookie; the user's other sessions go on. Needs " +
      "`X-CSRF-Token`.",
    tags: ["auth"],
    security: true,
    responses: { 204: { description: "Logged out." }, 401: unauthorized, 403: csrf },
  },
  {
    method: "post",
    path: "/v1/auth/logout-all",
    operationId: "logoutAll",
    summary: "Log out everywhere: ends every session of the signed-in user",
    description:
      "Ends every session of the signed-in user, on every device, for example after a device was lost. Needs " +
      "`X-CSRF-Token`.",
    tags: ["auth"],
    security: true,
    responses: { 204: { description: "Every session ended." }, 401: unauthorized, 403: csrf },
  },
  {
    method: "post",
    path: "/v1/auth/password",
    operationId: "changePassword",
    summary: "Change your password (required after a one-time password); ends your other sessions",
    description:
      "Checks the current password and sets a new one: at least 12 characters, and not the e-mail address, a common " +
      "or breached password, only repeated or sequential characters, or the service's name or a word of the address " +
      "with only digits or symbols added (NIST SP 800-63B; no composition rules). Clears `mustChangePassword` and " +
      "ends the user's other sessions. A wrong current password or a broken rule is 422 at `/currentPassword` or " +
      "`/newPassword`.",
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
  {
    method: "post",
    path: "/v1/auth/second-factor",
    operationId: "startSecondFactorEnrolment",
    summary: "Start enrolling an authenticator app",
    description:
      "Answers a new TOTP secret (RFC 6238: 6 digits, 30 seconds) in base32, its `otpauth://` URI and that URI as " +
      "an SVG QR code, shown this once. The second factor is on only once `POST /v1/auth/second-factor/confirm` " +
      "receives a first code from the app. The secret is stored encrypted; the call is audited.",
    tags: ["auth"],
    security: true,
    responses: {
      201: { description: "Started; confirm with a first code.", schema: SecondFactorEnrolment },
      401: unauthorized,
      403: csrf,
      409: { description: "A second factor is already set up: an administrator resets it.", problem: true },
    },
  },
  {
    method: "post",
    path: "/v1/auth/second-factor/confirm",
    operationId: "confirmSecondFactorEnrolment",
    summary: "Confirm the enrolment with a first code: the second factor is on; answers the recovery codes once",
    description:
      "Switches the second factor on with a current code of the app and answers ten single-use recovery codes, " +
      "shown only now (stored as hashes). From then on the login asks for a code or a recovery code after the " +
      "password.",
    tags: ["auth"],
    security: true,
    requestBody: SecondFactorCodeRequest,
    responses: {
      200: { description: "Enrolled; keep the recovery codes safe.", schema: RecoveryCodes },
      401: unauthorized,
      403: csrf,
      409: { description: "No enrolment was started, or it is already confirmed.", problem: true },
      422: { description: "The code is wrong or too old (at /code), or the body is wrong.", problem: true },
    },
  },
  {
    method: "post",
    path: "/v1/auth/second-factor/recovery-codes",
    operationId: "renewRecoveryCodes",
    summary: "New recovery codes against a current code; the old ones stop working",
    description:
      "Replaces the user's recovery codes with new ones, shown only now, against a current code of the app; the old " +
      "codes stop working at once. Audited.",
    tags: ["auth"],
    security: true,
    requestBody: SecondFactorCodeRequest,
    responses: {
      200: { description: "The new recovery codes, shown once.", schema: RecoveryCodes },
      401: unauthorized,
      403: csrf,
      409: { description: "There is no second factor to renew codes for.", problem: true },
      422: { description: "The code is wrong, used or too old (at /code).", problem: true },
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
  if (error instanceof SecondFactor.SecondFactorRequired) {
    return new ProblemError(401, ProblemType.secondFactorRequired, "Enter the code from your authenticator app", {
      detail: "Send the 6-digit code as `code`, or one of your recovery codes as `recoveryCode`, with the password.",
    });
  }
  if (error instanceof SecondFactor.InvalidSecondFactor) {
    return new ProblemError(401, ProblemType.invalidSecondFactor, "The code is wrong, used or too old");
  }
  if (error instanceof SecondFactor.AlreadyEnrolled) {
    return new ProblemError(409, ProblemType.invalidState, "A second factor is already set up", {
      detail: "An administrator can reset it (a lost device); then enrol again.",
    });
  }
  if (error instanceof SecondFactor.EnrolmentNotStarted) {
    return new ProblemError(409, ProblemType.invalidState, "No enrolment was started", {
      detail: "Start one with POST /v1/auth/second-factor.",
    });
  }
  return new ProblemError(500, ProblemType.internal, "Internal server error");
};

const run = runEffect(toProblem);

/** For a signed-in user's own code (enrolment, renewal) a wrong code is a field error, not a lost session. */
const runWithCode = runEffect((error) =>
  error instanceof SecondFactor.InvalidSecondFactor
    ? ruleViolations([{ path: ["code"], message: "is wrong, used or too old: enter the current code from the app" }])
    : toProblem(error),
);

/**
 * Writes (or, with `maxAge` 0, clears) the session cookie, and beside it the signed-in hint: a cookie the console can
 * read that holds no secret, only that a session was started here. A console without it knows there is no session
 * and shows the login page without asking `GET /v1/auth/session`, whose 401 browsers log as an error on every load.
 */
const writeCookie = (c: Context<AppEnv>, value: string, maxAge: number) => {
  const attributes = { sameSite: "Strict", path: "/", maxAge, ...(isHttps(c) ? { secure: true } : {}) } as const;
  setCookie(c, sessionCookieNameFor(c), value, { ...attributes, httpOnly: true });
  setCookie(c, signedInHintCookieName, maxAge === 0 ? "" : "1", attributes);
};

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
export const authRoutes = (
  runtime: AppRuntime,
  options: { readonly secondFactorRoles: ReadonlyArray<User.UserRole> },
) => {
  const routes = new Hono<AppEnv>();
  const sessionOf = (user: User.User, csrfToken: string) =>
    encodeSession({
      user,
      csrfToken,
      secondFactorRequired: SecondFactor.isRequiredFor(user.role, options.secondFactorRoles),
    });

  routes.post("/login", async (c) => {
    const { json } = await readJson(c);
    const input = decodeBody(LoginRequest, json);
    const result = await run(
      runtime,
      login({
        email: input.email.trim().toLowerCase(),
        password: Redacted.make(input.password),
        code: input.code,
        recoveryCode: input.recoveryCode,
        address: c.get("clientAddress"),
        requestId: c.get("requestId"),
      }),
    );
    writeCookie(c, result.token, Session.absoluteLifetimeMillis / 1000);
    return c.json(sessionOf(new User.User(result.user), result.csrfToken));
  });

  routes.get("/session", (c) => {
    const session = requireSession(c);
    return c.json(sessionOf(session.user, csrfTokenFor(session.token)));
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

  const factorUser = (c: Context<AppEnv>) => {
    const session = requireSession(c);
    return { id: session.user.id, email: session.user.email, organisationId: c.get("principal").organisationId };
  };

  routes.post("/second-factor", async (c) => {
    const user = factorUser(c);
    // Like every API answer it is sent with Cache-Control: no-store (app.ts), so the secret is kept nowhere.
    const enrolment = await run(runtime, startEnrolment({ user, requestId: c.get("requestId") }));
    return c.json(encodeEnrolment(enrolment), 201);
  });

  // Confirming an enrolment and renewing the codes both take a current code and answer new recovery codes.
  for (const [path, useCase] of [
    ["/second-factor/confirm", confirmEnrolment],
    ["/second-factor/recovery-codes", renewRecoveryCodes],
  ] as const) {
    routes.post(path, async (c) => {
      const user = factorUser(c);
      const { json } = await readJson(c);
      const input = decodeBody(SecondFactorCodeRequest, json);
      const codes = await runWithCode(runtime, useCase({ user, code: input.code, requestId: c.get("requestId") }));
      return c.json(encodeRecoveryCodes(codes));
    });
  }

  return routes;
};
