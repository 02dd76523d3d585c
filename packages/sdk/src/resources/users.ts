import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { PagePromise } from "../pagination.js";
import type { CreatedUser, User, UserInput } from "../types.js";

/** Console users (CoMensha staff), for administrators: list, create, approve, disable. */
export class Users {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /** Users, newest first (`GET /v1/users`): awaitable as a page, or `for await` over all. */
  list(params?: { limit?: number; cursor?: string }, options?: RequestOptions): PagePromise<User> {
    return this.#core.requestPage({
      method: "GET",
      path: "/v1/users",
      query: { limit: params?.limit, cursor: params?.cursor },
      options,
    });
  }

  /**
   * Makes a user (`POST /v1/users`) with a one-time password, answered this once; the user must change it at the
   * first login. A taken address is an `UnprocessableEntityError` at `/email`. A coordinator or administrator is
   * made with status `pending`: they can log in only once another administrator approves them (`approve`).
   *
   * @example
   * ```ts
   * const { user, oneTimePassword } = await client.users.create({
   *   email: "j.jansen@comensha.nl",
   *   name: "J. Jansen",
   *   role: "coordinator",
   * });
   * ```
   */
  create(input: UserInput, options?: RequestOptions): ApiPromise<CreatedUser> {
    return this.#core.request({ method: "POST", path: "/v1/users", body: input, options });
  }

  /**
   * Approves a `pending` user (`POST /v1/users/{id}/approve`): they may log in from now on. Only an administrator
   * other than the one who asked for the user may: the requester gets a `ForbiddenError` of type
   * `second-approver-required` (`ProblemTypes.secondApproverRequired`); a user who is not pending a `ConflictError`.
   *
   * @example
   * ```ts
   * const approved = await client.users.approve(userId);
   * console.log(approved.status, approved.approval?.approvedAt);
   * ```
   */
  approve(id: string, options?: RequestOptions): ApiPromise<User> {
    return this.#core.request({ method: "POST", path: "/v1/users/{id}/approve", params: { id }, options });
  }

  /**
   * Disables a user (`POST /v1/users/{id}/disable`): they cannot log in, and their sessions end at once. Disabling a
   * `pending` user turns the request down.
   */
  disable(id: string, options?: RequestOptions): ApiPromise<User> {
    return this.#core.request({ method: "POST", path: "/v1/users/{id}/disable", params: { id }, options });
  }

  /**
   * Removes a user's second factor after a lost device (`POST /v1/users/{id}/second-factor/reset`): they enrol
   * again at the next login, and their sessions end. Not for your own account (a `ConflictError`).
   */
  resetSecondFactor(id: string, options?: RequestOptions): ApiPromise<void> {
    return this.#core.request({
      method: "POST",
      path: "/v1/users/{id}/second-factor/reset",
      params: { id },
      options,
    });
  }
}
