import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { PagePromise } from "../pagination.js";
import type { Duplicate, DuplicateDecision, DuplicateListParams } from "../types.js";

/** The review queue of possible duplicates, for coordinators: list, get, merge, dismiss (always with a reason). */
export class Duplicates {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Possible duplicates, newest first (`GET /v1/duplicates`): awaitable as a page, or `for await` over all.
   *
   * @example
   * ```ts
   * const open = await client.duplicates.list({ status: "open" });
   * ```
   */
  list(params?: DuplicateListParams, options?: RequestOptions): PagePromise<Duplicate> {
    return this.#core.requestPage({
      method: "GET",
      path: "/v1/duplicates",
      query: { status: params?.status, limit: params?.limit, cursor: params?.cursor },
      options,
    });
  }

  /**
   * One possible duplicate, open or decided (`GET /v1/duplicates/{id}`); audited like the list. An unknown id is a
   * `NotFoundError`.
   *
   * @example
   * ```ts
   * const duplicate = await client.duplicates.get(id);
   * if (duplicate.status === "open") console.log(duplicate.matchedOn);
   * ```
   */
  get(id: string, options?: RequestOptions): ApiPromise<Duplicate> {
    return this.#core.request({ method: "GET", path: "/v1/duplicates/{id}", params: { id }, options });
  }

  /**
   * Merges the new person into the existing one (`POST /v1/duplicates/{id}/merge`); nothing is deleted. A decided
   * duplicate is a `ConflictError`.
   *
   * @example
   * ```ts
   * await client.duplicates.merge(duplicate.id, { reason: "Same person: spelling of the given name differs" });
   * ```
   */
  merge(id: string, decision: DuplicateDecision, options?: RequestOptions): ApiPromise<Duplicate> {
    return this.#core.request({
      method: "POST",
      path: "/v1/duplicates/{id}/merge",
      params: { id },
      body: decision,
      options,
    });
  }

  /**
   * Dismisses a possible duplicate: two different persons (`POST /v1/duplicates/{id}/dismiss`).
   *
   * @example
   * ```ts
   * await client.duplicates.dismiss(duplicate.id, { reason: "Different persons: other parents" });
   * ```
   */
  dismiss(id: string, decision: DuplicateDecision, options?: RequestOptions): ApiPromise<Duplicate> {
    return this.#core.request({
      method: "POST",
      path: "/v1/duplicates/{id}/dismiss",
      params: { id },
      body: decision,
      options,
    });
  }
}
