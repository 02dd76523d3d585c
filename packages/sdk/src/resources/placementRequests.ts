import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { PagePromise } from "../pagination.js";
import type { PlacementRequest, PlacementRequestInput, PlacementRequestListParams } from "../types.js";

/** Requests for first shelter: partners ask for a place for a person they registered. */
export class PlacementRequests {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Requests first shelter for a person your organisation registered: `POST /v1/placement-requests`. Sends one
   * `Idempotency-Key`, reused on retries, so the request is made once.
   *
   * @example
   * ```ts
   * const request = await client.placementRequests.create({
   *   registrationId: registration.id,
   *   needs: { targetGroup: "women", children: 0, urgency: "tonight", security: "high", languages: ["en"] },
   * });
   * console.log(request.state); // "requested"
   * ```
   */
  create(input: PlacementRequestInput, options?: RequestOptions): ApiPromise<PlacementRequest> {
    return this.#core.request({ method: "POST", path: "/v1/placement-requests", body: input, options });
  }

  /** Your organisation's placement requests, newest first: awaitable as a page, or `for await` over all. */
  list(params?: PlacementRequestListParams, options?: RequestOptions): PagePromise<PlacementRequest> {
    const { state, limit, cursor } = params ?? {};
    return this.#core.requestPage({
      method: "GET",
      path: "/v1/placement-requests",
      query: { state, limit, cursor },
      options,
    });
  }

  /** One placement request: `GET /v1/placement-requests/{id}`. */
  get(id: string, options?: RequestOptions): ApiPromise<PlacementRequest> {
    return this.#core.request({ method: "GET", path: "/v1/placement-requests/{id}", params: { id }, options });
  }

  /** Cancels a request that is not placed yet: `POST /v1/placement-requests/{id}/cancel`. */
  cancel(id: string, options?: RequestOptions): ApiPromise<PlacementRequest> {
    return this.#core.request({ method: "POST", path: "/v1/placement-requests/{id}/cancel", params: { id }, options });
  }
}
