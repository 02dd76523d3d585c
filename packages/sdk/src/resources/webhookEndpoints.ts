import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { PagePromise } from "../pagination.js";
import type {
  CreatedWebhookEndpoint,
  WebhookDelivery,
  WebhookDeliveryListParams,
  WebhookEndpoint,
  WebhookEndpointInput,
} from "../types.js";

/**
 * Your organisation's webhook endpoints (partners): the platform posts the events you chose to each, signed (verify
 * each delivery with `webhooks.verify`), retried with backoff, with a delivery log you can read and replay from.
 */
export class WebhookEndpoints {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Registers an endpoint (`POST /v1/webhook-endpoints`): an https URL and at least one event type. The answer holds
   * the signing secret, this once: keep it where your receiver can read it.
   *
   * @example
   * ```ts
   * const endpoint = await client.webhookEndpoints.create({
   *   url: "https://zaaksysteem.example/hooks/comensha",
   *   events: ["registration.received", "placement_request.placed"],
   * });
   * saveSecret(endpoint.secret);
   * ```
   */
  create(input: WebhookEndpointInput, options?: RequestOptions): ApiPromise<CreatedWebhookEndpoint> {
    return this.#core.request({ method: "POST", path: "/v1/webhook-endpoints", body: input, options });
  }

  /** Your endpoints, oldest first, without their secrets (`GET /v1/webhook-endpoints`). */
  list(options?: RequestOptions): ApiPromise<{ data: Array<WebhookEndpoint>; nextCursor: string | null }> {
    return this.#core.request({ method: "GET", path: "/v1/webhook-endpoints", options });
  }

  /** One endpoint (`GET /v1/webhook-endpoints/{id}`). */
  get(id: string, options?: RequestOptions): ApiPromise<WebhookEndpoint> {
    return this.#core.request({ method: "GET", path: "/v1/webhook-endpoints/{id}", params: { id }, options });
  }

  /**
   * Sends to the endpoint again (`POST /v1/webhook-endpoints/{id}/enable`), after the platform disabled it for
   * failing 16 attempts in a row, or after you did.
   */
  enable(id: string, options?: RequestOptions): ApiPromise<WebhookEndpoint> {
    return this.#core.request({ method: "POST", path: "/v1/webhook-endpoints/{id}/enable", params: { id }, options });
  }

  /** Stops sending to the endpoint until it is enabled (`POST /v1/webhook-endpoints/{id}/disable`). */
  disable(id: string, options?: RequestOptions): ApiPromise<WebhookEndpoint> {
    return this.#core.request({
      method: "POST",
      path: "/v1/webhook-endpoints/{id}/disable",
      params: { id },
      options,
    });
  }

  /** Deletes the endpoint and its delivery log (`DELETE /v1/webhook-endpoints/{id}`). */
  delete(id: string, options?: RequestOptions): ApiPromise<void> {
    return this.#core.request({ method: "DELETE", path: "/v1/webhook-endpoints/{id}", params: { id }, options });
  }

  /**
   * The endpoint's delivery log, newest first (`GET /v1/webhook-endpoints/{id}/deliveries`): awaitable as a page, or
   * `for await` over all.
   *
   * @example
   * ```ts
   * for await (const delivery of client.webhookEndpoints.deliveries(endpointId)) {
   *   if (delivery.status === "failed") await client.webhookEndpoints.replay(endpointId, delivery.id);
   * }
   * ```
   */
  deliveries(id: string, params?: WebhookDeliveryListParams, options?: RequestOptions): PagePromise<WebhookDelivery> {
    return this.#core.requestPage({
      method: "GET",
      path: "/v1/webhook-endpoints/{id}/deliveries",
      params: { id },
      query: { limit: params?.limit, cursor: params?.cursor },
      options,
    });
  }

  /**
   * Sends a delivery again at once, with the same `webhook-id` and a new set of attempts
   * (`POST /v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay`).
   */
  replay(id: string, deliveryId: string, options?: RequestOptions): ApiPromise<WebhookDelivery> {
    return this.#core.request({
      method: "POST",
      path: "/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay",
      params: { id, deliveryId },
      options,
    });
  }
}
