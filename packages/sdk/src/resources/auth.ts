import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type {
  ChangePasswordInput,
  ConsoleSession,
  LoginInput,
  RecoveryCodes,
  SecondFactorEnrolment,
} from "../types.js";

/**
 * The console's login and session, for a client made with `session: true` (the browser keeps the HttpOnly session
 * cookie; the client remembers the CSRF token from `login` and `session` and sends it on every call but GET).
 */
export class Auth {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Logs in: `POST /v1/auth/login`. Sets the session cookie (12 hours at most, 30 minutes idle) and remembers the
   * CSRF token. A wrong address or password is an `UnauthorizedError` (`invalid-credentials`); after 5 failures in
   * 15 minutes a `RateLimitError` (`account-locked`, with `Retry-After`), not retried. For a user with a second
   * factor, a right password without `code` (or `recoveryCode`) is an `UnauthorizedError` with type
   * `second-factor-required`: send the login again with the code; a wrong or used code is `invalid-second-factor`.
   *
   * @example
   * ```ts
   * const console = new Comensha({ baseUrl: "", session: true });
   * const { user } = await console.auth.login({ email: "coordinator@demo.comensha.nl", password });
   * if (user.mustChangePassword) await console.auth.changePassword({ currentPassword: password, newPassword });
   * ```
   */
  login(input: LoginInput, options?: RequestOptions): ApiPromise<ConsoleSession> {
    return this.#remember(this.#core.request({ method: "POST", path: "/v1/auth/login", body: input, options }));
  }

  /** The current session (`GET /v1/auth/session`), e.g. after a page reload; an `UnauthorizedError` when there is none. */
  session(options?: RequestOptions): ApiPromise<ConsoleSession> {
    return this.#remember(this.#core.request({ method: "GET", path: "/v1/auth/session", options }));
  }

  /** Logs out (`POST /v1/auth/logout`): ends this session and clears the cookie. */
  logout(options?: RequestOptions): ApiPromise<void> {
    return this.#forget(this.#core.request({ method: "POST", path: "/v1/auth/logout", options }));
  }

  /** Logs out everywhere (`POST /v1/auth/logout-all`): ends every session of the user. */
  logoutAll(options?: RequestOptions): ApiPromise<void> {
    return this.#forget(this.#core.request({ method: "POST", path: "/v1/auth/logout-all", options }));
  }

  /**
   * Changes the password (`POST /v1/auth/password`); ends the user's other sessions. A wrong current password or a
   * new one that breaks the rule (at least 12 characters; not the e-mail address, a common or breached password, or
   * only repeated or sequential characters) is an `UnprocessableEntityError` with `errors` at `/currentPassword` or
   * `/newPassword`.
   */
  changePassword(input: ChangePasswordInput, options?: RequestOptions): ApiPromise<void> {
    return this.#core.request({ method: "POST", path: "/v1/auth/password", body: input, options });
  }

  /**
   * Starts enrolling an authenticator app (`POST /v1/auth/second-factor`): a new secret, its `otpauth://` URI and
   * its QR code (SVG). Confirm with {@link Auth.confirmSecondFactor}. A `ConflictError` when one is set up already.
   */
  startSecondFactor(options?: RequestOptions): ApiPromise<SecondFactorEnrolment> {
    return this.#core.request({ method: "POST", path: "/v1/auth/second-factor", options });
  }

  /**
   * Confirms the enrolment with the app's current code (`POST /v1/auth/second-factor/confirm`): from now on the
   * login asks for a code. Answers the recovery codes, once. A wrong code is an `UnprocessableEntityError` at `/code`.
   */
  confirmSecondFactor(input: { code: string }, options?: RequestOptions): ApiPromise<RecoveryCodes> {
    return this.#core.request({ method: "POST", path: "/v1/auth/second-factor/confirm", body: input, options });
  }

  /** New recovery codes against a current code (`POST /v1/auth/second-factor/recovery-codes`); the old ones end. */
  renewRecoveryCodes(input: { code: string }, options?: RequestOptions): ApiPromise<RecoveryCodes> {
    return this.#core.request({
      method: "POST",
      path: "/v1/auth/second-factor/recovery-codes",
      body: input,
      options,
    });
  }

  #remember(promise: ApiPromise<ConsoleSession>): ApiPromise<ConsoleSession> {
    void promise.then(
      (session) => this.#core.setCsrfToken(session.csrfToken),
      () => undefined,
    );
    return promise;
  }

  #forget(promise: ApiPromise<void>): ApiPromise<void> {
    void promise.then(
      () => this.#core.setCsrfToken(undefined),
      () => undefined,
    );
    return promise;
  }
}
