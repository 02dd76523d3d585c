import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { PagePromise } from "../pagination.js";
import type {
  ApiKey,
  ApiKeyInput,
  CreatedApiKey,
  CreatedOrganisation,
  Organisation,
  OrganisationInput,
  PageParams,
} from "../types.js";

/** The API keys of organisations, for administrators: list, create (shown once), approve, revoke. */
export class OrganisationKeys {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * An organisation's keys, newest first, never their secrets (`GET /v1/organisations/{id}/api-keys`): one page,
   * awaitable or iterable with `for await`.
   *
   * @example
   * ```ts
   * const { data: keys } = await client.organisations.keys.list(organisationId);
   * console.log(keys.map((key) => `${key.prefix} ${key.role} ${key.revokedAt ?? "active"}`));
   * ```
   */
  list(organisationId: string, options?: RequestOptions): PagePromise<ApiKey> {
    return this.#core.requestPage({
      method: "GET",
      path: "/v1/organisations/{id}/api-keys",
      params: { id: organisationId },
      options,
    });
  }

  /**
   * Makes another key for an organisation (`POST /v1/organisations/{id}/api-keys`). `key` is in the answer this
   * once (a retry with the same `Idempotency-Key` answers it again); only its hash is stored. A coordinator or
   * administrator key comes with `approval.approvedAt: null`: it works only once another administrator approves it
   * (`approve`).
   *
   * @example
   * ```ts
   * const { key, prefix } = await client.organisations.keys.create(organisationId, { role: "partner" });
   * ```
   */
  create(organisationId: string, input: ApiKeyInput, options?: RequestOptions): ApiPromise<CreatedApiKey> {
    return this.#core.request({
      method: "POST",
      path: "/v1/organisations/{id}/api-keys",
      params: { id: organisationId },
      body: input,
      options,
    });
  }

  /**
   * Approves a key that waits for a second administrator (`POST /v1/api-keys/{id}/approve`): it works from now on.
   * Only an administrator other than the one who asked for the key may: the requester gets a `ForbiddenError` of
   * type `second-approver-required`; a key that does not wait (approved, revoked, never needing it) a `ConflictError`.
   *
   * @example
   * ```ts
   * const approved = await client.organisations.keys.approve(keyId);
   * console.log(approved.approval?.approvedBy);
   * ```
   */
  approve(keyId: string, options?: RequestOptions): ApiPromise<ApiKey> {
    return this.#core.request({ method: "POST", path: "/v1/api-keys/{id}/approve", params: { id: keyId }, options });
  }

  /**
   * Revokes a key (`POST /v1/api-keys/{id}/revoke`): the next request with it gets 401. Revoking a revoked key is
   * not an error: it resolves to the key with its first `revokedAt`. Revoking a key that waits for approval turns
   * the request down.
   *
   * @example
   * ```ts
   * const revoked = await client.organisations.keys.revoke(keyId);
   * console.log(revoked.revokedAt);
   * ```
   */
  revoke(keyId: string, options?: RequestOptions): ApiPromise<ApiKey> {
    return this.#core.request({ method: "POST", path: "/v1/api-keys/{id}/revoke", params: { id: keyId }, options });
  }
}

/** Partner organisations: coordinators and administrators list and read them; administrators add them and manage keys. */
export class Organisations {
  readonly #core: Core;
  /** The organisations' API keys (administrators). */
  readonly keys: OrganisationKeys;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
    this.keys = new OrganisationKeys(core);
  }

  /**
   * Organisations ordered by name (`GET /v1/organisations`): awaitable as a page, or `for await` over all.
   *
   * @example
   * ```ts
   * for await (const organisation of client.organisations.list({ limit: 200 })) console.log(organisation.name);
   * ```
   */
  list(params?: PageParams, options?: RequestOptions): PagePromise<Organisation> {
    return this.#core.requestPage({
      method: "GET",
      path: "/v1/organisations",
      query: { limit: params?.limit, cursor: params?.cursor },
      options,
    });
  }

  /**
   * One organisation (`GET /v1/organisations/{id}`), for coordinators and administrators. An unknown id is a
   * `NotFoundError`.
   *
   * @example
   * ```ts
   * const organisation = await client.organisations.get(registration.organisationId);
   * console.log(organisation.name, organisation.kind);
   * ```
   */
  get(id: string, options?: RequestOptions): ApiPromise<Organisation> {
    return this.#core.request({ method: "GET", path: "/v1/organisations/{id}", params: { id }, options });
  }

  /**
   * Adds an organisation with its first API key, role `partner` (`POST /v1/organisations`). The key is in the
   * answer this once. A bad kind or region is an `UnprocessableEntityError` naming `/kind` or `/region`.
   *
   * @example
   * ```ts
   * const { organisation, apiKey } = await client.organisations.create({
   *   name: "Politie Voorbeeldeenheid",
   *   kind: "police",
   *   region: "amsterdam",
   * });
   * console.log(organisation.id, apiKey.key);
   * ```
   */
  create(input: OrganisationInput, options?: RequestOptions): ApiPromise<CreatedOrganisation> {
    return this.#core.request({ method: "POST", path: "/v1/organisations", body: input, options });
  }
}
