import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { PagePromise } from "../pagination.js";
import type { ErasureReasonInput, ErasureRequest, ErasureRequestListParams } from "../types.js";

/**
 * Erasure of a person (GDPR art. 17), for coordinators, with four eyes: one coordinator asks (`create`), another
 * approves (which erases at once) or rejects. The requester approving their own request is a `ForbiddenError` with
 * type `ProblemTypes.secondApproverRequired`.
 */
export class ErasureRequests {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Asks for the erasure of a person and everyone merged into them (`POST /v1/persons/{id}/erasure-requests`). A
   * request already pending for the person is a `ConflictError`.
   *
   * @example
   * ```ts
   * const request = await client.erasureRequests.create(personId, { reason: "Art. 17 request received 2026-12-01" });
   * ```
   */
  create(personId: string, input: ErasureReasonInput, options?: RequestOptions): ApiPromise<ErasureRequest> {
    return this.#core.request({
      method: "POST",
      path: "/v1/persons/{id}/erasure-requests",
      params: { id: personId },
      body: input,
      options,
    });
  }

  /**
   * Erasure requests, newest first (`GET /v1/erasure-requests`): awaitable as a page, or `for await` over all.
   *
   * @example
   * ```ts
   * const pending = await client.erasureRequests.list({ status: "pending" });
   * ```
   */
  list(params?: ErasureRequestListParams, options?: RequestOptions): PagePromise<ErasureRequest> {
    return this.#core.requestPage({
      method: "GET",
      path: "/v1/erasure-requests",
      query: { status: params?.status, limit: params?.limit, cursor: params?.cursor },
      options,
    });
  }

  /**
   * One erasure request (`GET /v1/erasure-requests/{id}`).
   *
   * @example
   * ```ts
   * const request = await client.erasureRequests.get(id);
   * ```
   */
  get(id: string, options?: RequestOptions): ApiPromise<ErasureRequest> {
    return this.#core.request({ method: "GET", path: "/v1/erasure-requests/{id}", params: { id }, options });
  }

  /**
   * Approves a pending request and erases the person at once (`POST /v1/erasure-requests/{id}/approve`); only a
   * coordinator other than the requester may. A decided request is a `ConflictError`.
   *
   * @example
   * ```ts
   * const approved = await client.erasureRequests.approve(request.id);
   * console.log(approved.erased?.registrations);
   * ```
   */
  approve(id: string, options?: RequestOptions): ApiPromise<ErasureRequest> {
    return this.#core.request({ method: "POST", path: "/v1/erasure-requests/{id}/approve", params: { id }, options });
  }

  /**
   * Rejects a pending request, with a reason (`POST /v1/erasure-requests/{id}/reject`).
   *
   * @example
   * ```ts
   * await client.erasureRequests.reject(request.id, { reason: "The person has an open placement" });
   * ```
   */
  reject(id: string, input: ErasureReasonInput, options?: RequestOptions): ApiPromise<ErasureRequest> {
    return this.#core.request({
      method: "POST",
      path: "/v1/erasure-requests/{id}/reject",
      params: { id },
      body: input,
      options,
    });
  }
}
