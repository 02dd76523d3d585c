import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { PagePromise } from "../pagination.js";
import type {
  ReceivedReferral,
  Referral,
  ReferralAnswer,
  ReferralInput,
  ReferralListParams,
  ReferralOutcome,
  ReferralWithPerson,
} from "../types.js";

/**
 * Referrals of persons to care. Coordinators refer and withdraw; the receiving organisation (an API key with the role
 * `care`) sees only the referrals made to it, answers and reports back. Reach it as `client.referrals`.
 */
export class Referrals {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Refers a person (`POST /v1/referrals`, coordinators). Identifiers go with it only on a legal basis; a broken
   * rule is an `UnprocessableEntityError` naming it.
   *
   * @example
   * ```ts
   * const referral = await client.referrals.create({
   *   personId,
   *   toOrganisationId: careCoordinatorId,
   *   service: "care_coordination",
   *   shareIdentifiers: true,
   *   sharingBasis: "consent",
   *   consentGivenOn: "2026-12-07",
   * });
   * ```
   */
  create(input: ReferralInput, options?: RequestOptions): ApiPromise<Referral> {
    return this.#core.request({ method: "POST", path: "/v1/referrals", body: input, options });
  }

  /**
   * Referrals, newest first (`GET /v1/referrals`): every one for coordinators, those made to your organisation for a
   * care organisation. Awaitable as a page, or `for await` over all.
   */
  list(params?: ReferralListParams, options?: RequestOptions): PagePromise<Referral | ReceivedReferral> {
    return this.#core.requestPage({
      method: "GET",
      path: "/v1/referrals",
      query: {
        state: params?.state,
        personId: params?.personId,
        toOrganisationId: params?.toOrganisationId,
        limit: params?.limit,
        cursor: params?.cursor,
      },
      options,
    });
  }

  /**
   * One referral with the person as it shows them (`GET /v1/referrals/{id}`): identifiers only when the referral
   * shares them. Another organisation's referral is a `NotFoundError`.
   */
  get(id: string, options?: RequestOptions): ApiPromise<ReferralWithPerson> {
    return this.#core.request({ method: "GET", path: "/v1/referrals/{id}", params: { id }, options });
  }

  /**
   * Accepts or declines a pending referral (`POST /v1/referrals/{id}/answer`, the receiving organisation).
   *
   * @example
   * ```ts
   * await client.referrals.answer(id, { decision: "decline", reason: "no_capacity" });
   * ```
   */
  answer(id: string, answer: ReferralAnswer, options?: RequestOptions): ApiPromise<ReceivedReferral> {
    return this.#core.request({
      method: "POST",
      path: "/v1/referrals/{id}/answer",
      params: { id },
      body: answer,
      options,
    });
  }

  /** Reports back how an accepted referral ended (`POST /v1/referrals/{id}/report`); it is then completed. */
  report(id: string, outcome: ReferralOutcome, options?: RequestOptions): ApiPromise<ReceivedReferral> {
    return this.#core.request({
      method: "POST",
      path: "/v1/referrals/{id}/report",
      params: { id },
      body: { outcome },
      options,
    });
  }

  /** Withdraws a pending or accepted referral (`POST /v1/referrals/{id}/withdraw`, coordinators). */
  withdraw(id: string, options?: RequestOptions): ApiPromise<Referral> {
    return this.#core.request({ method: "POST", path: "/v1/referrals/{id}/withdraw", params: { id }, options });
  }
}
