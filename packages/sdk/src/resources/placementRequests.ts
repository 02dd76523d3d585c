import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { PagePromise } from "../pagination.js";
import type {
  OfferInput,
  Placement,
  PlacementRequest,
  PlacementRequestInput,
  PlacementRequestListParams,
  PlaceSuggestion,
} from "../types.js";

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

  /**
   * Your organisation's placement requests (a coordinator's: all), newest first: awaitable as a page, or `for await`
   * over all. A coordinator's requests carry `personId`, `offer` and `placement` (the type `CoordinatorPlacementRequest`).
   */
  list(params?: PlacementRequestListParams, options?: RequestOptions): PagePromise<PlacementRequest> {
    const { state, order, limit, cursor } = params ?? {};
    return this.#core.requestPage({
      method: "GET",
      path: "/v1/placement-requests",
      query: { state, order, limit, cursor },
      options,
    });
  }

  /**
   * One placement request: `GET /v1/placement-requests/{id}`. A coordinator also reads which place is offered until
   * when (`offer`) and where the person is placed since when (`placement`).
   */
  get(id: string, options?: RequestOptions): ApiPromise<PlacementRequest> {
    return this.#core.request({ method: "GET", path: "/v1/placement-requests/{id}", params: { id }, options });
  }

  /** Cancels a request that is not placed yet: `POST /v1/placement-requests/{id}/cancel`. */
  cancel(id: string, options?: RequestOptions): ApiPromise<PlacementRequest> {
    return this.#core.request({ method: "POST", path: "/v1/placement-requests/{id}/cancel", params: { id }, options });
  }

  /** Coordinators: start searching for a place. */
  startSearch(id: string, options?: RequestOptions): ApiPromise<PlacementRequest> {
    return this.#act(id, "start-search", options);
  }

  /** Coordinators: put the request on the waiting list. */
  waitlist(id: string, options?: RequestOptions): ApiPromise<PlacementRequest> {
    return this.#act(id, "waitlist", options);
  }

  /** Coordinators: free places that fit the request's needs, best first. */
  suggestions(id: string, params?: { from?: string }, options?: RequestOptions): ApiPromise<PlaceSuggestion[]> {
    return this.#core.requestMapped(
      {
        method: "GET",
        path: "/v1/placement-requests/{id}/suggestions",
        params: { id },
        query: { from: params?.from },
        options,
      },
      (body: { data: PlaceSuggestion[] }) => body.data,
    );
  }

  /** Coordinators: offer a place from a start date until an expiry. */
  offer(id: string, offer: OfferInput, options?: RequestOptions): ApiPromise<OfferInput & { id: string }> {
    return this.#core.request({
      method: "POST",
      path: "/v1/placement-requests/{id}/offers",
      params: { id },
      body: offer,
      options,
    });
  }

  /**
   * Accepts the open offer and books the place. When another request took the place first, this fails with a
   * `ConflictError` whose `type` is `ProblemTypes.placeAlreadyBooked`.
   */
  accept(id: string, options?: RequestOptions): ApiPromise<Placement> {
    return this.#core.request({ method: "POST", path: "/v1/placement-requests/{id}/accept", params: { id }, options });
  }

  /** Declines the open offer; the request is searched again. */
  decline(id: string, options?: RequestOptions): ApiPromise<PlacementRequest> {
    return this.#act(id, "decline", options);
  }

  /** Coordinators: ends the placement on `endsOn` (the place is free from that day) with a reason. */
  end(
    id: string,
    input: { endsOn: string; reason: NonNullable<Placement["endReason"]> },
    options?: RequestOptions,
  ): ApiPromise<Placement> {
    return this.#core.request({
      method: "POST",
      path: "/v1/placement-requests/{id}/end",
      params: { id },
      body: input,
      options,
    });
  }

  #act(id: string, action: "start-search" | "waitlist" | "decline", options?: RequestOptions) {
    return this.#core.request<PlacementRequest>({
      method: "POST",
      path: `/v1/placement-requests/{id}/${action}`,
      params: { id },
      options,
    });
  }
}
