import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { PagePromise } from "../pagination.js";
import type { FollowUp, FollowUpListParams } from "../types.js";

/**
 * Follow-up tasks across persons, for coordinators: a worklist (your own with `owner: "me"` in a console session),
 * and closing a task as done or cancelled. Add tasks with `client.persons.addFollowUp`. Reach it as
 * `client.followUps`.
 */
export class FollowUps {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Tasks by due date, so the overdue ones come first (`GET /v1/follow-ups`): of an owner, in a state, or only the
   * overdue ones (open and due before today). Awaitable as a page, or `for await` over all.
   *
   * @example
   * ```ts
   * for await (const task of client.followUps.list({ owner: "me", overdue: true })) {
   *   console.log(task.dueOn, task.kind, task.personId);
   * }
   * ```
   */
  list(params?: FollowUpListParams, options?: RequestOptions): PagePromise<FollowUp> {
    return this.#core.requestPage({
      method: "GET",
      path: "/v1/follow-ups",
      query: {
        owner: params?.owner,
        state: params?.state,
        overdue: params?.overdue === undefined ? undefined : String(params.overdue),
        limit: params?.limit,
        cursor: params?.cursor,
      },
      options,
    });
  }

  /**
   * Marks an open task done (`POST /v1/follow-ups/{id}/complete`); one closed already is a `ConflictError`.
   *
   * @example
   * ```ts
   * const done = await client.followUps.complete(task.id);
   * ```
   */
  complete(id: string, options?: RequestOptions): ApiPromise<FollowUp> {
    return this.#core.request({ method: "POST", path: "/v1/follow-ups/{id}/complete", params: { id }, options });
  }

  /** Cancels an open task (`POST /v1/follow-ups/{id}/cancel`); one closed already is a `ConflictError`. */
  cancel(id: string, options?: RequestOptions): ApiPromise<FollowUp> {
    return this.#core.request({ method: "POST", path: "/v1/follow-ups/{id}/cancel", params: { id }, options });
  }
}
