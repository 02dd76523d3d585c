import type { ApiPromise } from "../apiPromise.js";

export type { IfMatch } from "../ifMatch.js";

import { Core, type RequestOptions } from "../core.js";
import { ComenshaError } from "../errors.js";
import { type IfMatch, ifMatchOf, requestOptionsOf } from "../ifMatch.js";
import type { PagePromise } from "../pagination.js";
import type {
  AuditEvent,
  CreateRegistrationInput,
  Registration,
  RegistrationAuditTrailParams,
  RegistrationInput,
  RegistrationListParams,
  RegistrationVersions,
  Transfer,
  TransferInput,
  TransferList,
} from "../types.js";

/** Options of {@link Registrations.update}: the version it is based on, and the usual request options. */
export type UpdateRegistrationOptions = IfMatch & RequestOptions;

/** Options of {@link Registrations.withdraw}: an optional reason, the version it is based on, request options. */
export type WithdrawRegistrationOptions = IfMatch & RequestOptions & { readonly reason?: string | undefined };

/**
 * The `ETag` of a registration, `"<version>"`: what `If-Match` must carry to change it.
 *
 * @example
 * ```ts
 * const registration = await client.registrations.get(id);
 * etagOf(registration); // '"3"'
 * ```
 */
export const etagOf = (registration: Pick<Registration, "version">): string => `"${registration.version}"`;

/**
 * The fields of a registration a partner sends, without those the API adds (`id`, `status`, `version`, `createdAt`,
 * `updatedAt`): the starting point of a correction with {@link Registrations.update}. Throws a `ComenshaError` for a
 * registration whose person was erased (`erasedAt`), which can no longer change.
 *
 * @example
 * ```ts
 * const current = await client.registrations.get(id);
 * await client.registrations.update(id, { ...inputOf(current), dossierType: "registration" }, { version: current.version });
 * ```
 */
export const inputOf = (registration: Registration): RegistrationInput => {
  const {
    id: _id,
    status: _status,
    version: _version,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    erasedAt: _erasedAt,
    person,
    ...input
  } = registration;
  if (person.familyName === undefined) {
    throw new ComenshaError("The person's identifiers were erased: this registration can no longer change.");
  }
  return { ...input, person };
};

/**
 * Registrations (meldingen): reports of possible victims by your organisation. Reach it as
 * `client.registrations`.
 */
export class Registrations {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Reports a possible victim: `POST /v1/registrations`. The call carries one `Idempotency-Key` (a fresh UUID, or
   * `options.idempotencyKey`), reused on every retry, so a registration is made once however often the network
   * fails. Resolves to the registration with status `received` and version 1.
   *
   * @example
   * ```ts
   * const registration = await client.registrations.create({
   *   reportedOn: "2026-11-20",
   *   person: {
   *     familyName: "Example",
   *     givenNames: "Anna Maria",
   *     aliases: [],
   *     dateOfBirth: "1999-04-12",
   *     sex: "female",
   *     nationalities: ["NG"],
   *   },
   *   exploitation: { forms: ["sexual"], country: "NL", policeRegion: "amsterdam" },
   *   dossierType: "registration_and_shelter",
   *   legalBasis: "statutory",
   *   consentToShareWithShelter: true,
   * });
   * console.log(registration.id, registration.status); // "0193...", "received"
   * ```
   *
   * A coordinator may pass `organisationId`: the reporting organisation on whose behalf CoMensha registers a report
   * received by phone; the registration then belongs to it and its rules apply.
   */
  create(input: CreateRegistrationInput, options?: RequestOptions): ApiPromise<Registration> {
    return this.#core.request({ method: "POST", path: "/v1/registrations", body: input, options });
  }

  /**
   * Lists your organisation's registrations, newest first: `GET /v1/registrations`. Await it for the first page, or
   * iterate it with `for await` over every registration of every page.
   *
   * @example
   * ```ts
   * const page = await client.registrations.list({ status: "received", limit: 100 });
   * console.log(page.data.length, page.nextCursor);
   *
   * for await (const registration of client.registrations.list({ reportedFrom: "2026-01-01" })) {
   *   console.log(registration.id, registration.status);
   * }
   *
   * // By reference: the last 8 characters of the id (as the console shows it), or the whole id.
   * const found = await client.registrations.list({ reference: "78852a06" });
   *
   * // Coordinators: the registrations of persons whose case is in follow-up.
   * const followUp = await client.registrations.list({ caseStatus: "follow_up" });
   * ```
   */
  list(params?: RegistrationListParams, options?: RequestOptions): PagePromise<Registration> {
    const { status, reportedFrom, reportedTo, reference, caseStatus, limit, cursor } = params ?? {};
    return this.#core.requestPage({
      method: "GET",
      path: "/v1/registrations",
      query: { status, reportedFrom, reportedTo, reference, caseStatus, limit, cursor },
      options,
    });
  }

  /**
   * Gets one registration: `GET /v1/registrations/{id}`. Another organisation's registration is a
   * {@link NotFoundError}, exactly like one that does not exist.
   *
   * @example
   * ```ts
   * const registration = await client.registrations.get("0193a5b2-7c1e-7f00-8000-000000000001");
   * ```
   */
  get(id: string, options?: RequestOptions): ApiPromise<Registration> {
    return this.#core.request({ method: "GET", path: "/v1/registrations/{id}", params: { id }, options });
  }

  /**
   * Every version of a registration, oldest first, as coordinators see them (`GET /v1/registrations/{id}/versions`).
   *
   * @example
   * ```ts
   * const { data: versions } = await client.registrations.versions(id);
   * console.log(versions.map((version) => version.version)); // [1, 2, 3]
   * ```
   */
  versions(id: string, options?: RequestOptions): ApiPromise<RegistrationVersions> {
    return this.#core.request({ method: "GET", path: "/v1/registrations/{id}/versions", params: { id }, options });
  }

  /**
   * The audit trail of a registration, newest first, for coordinators (`GET /v1/registrations/{id}/audit-events`;
   * page size 1-500): awaitable as a page, or `for await` over all. Who read or changed it, when, with what outcome;
   * `kind: "change"` lists only what changed it, `kind: "read"` only who read it.
   *
   * @example
   * ```ts
   * for await (const event of client.registrations.auditTrail(id)) console.log(event.occurredAt, event.action);
   * const changes = await client.registrations.auditTrail(id, { kind: "change" });
   * ```
   */
  auditTrail(id: string, params?: RegistrationAuditTrailParams, options?: RequestOptions): PagePromise<AuditEvent> {
    return this.#core.requestPage({
      method: "GET",
      path: "/v1/registrations/{id}/audit-events",
      params: { id },
      query: { kind: params?.kind, limit: params?.limit, cursor: params?.cursor },
      options,
    });
  }

  /**
   * Replaces a registration with a corrected one: `PUT /v1/registrations/{id}` with `If-Match`. Pass the `version`
   * you read (or its `ETag` as `ifMatch`); if someone changed it since, the call fails with a
   * {@link PreconditionFailedError} and you read it again. Resolves to the registration at its next version.
   *
   * @example
   * ```ts
   * import { inputOf } from "@comensha/sdk";
   *
   * const current = await client.registrations.get(id);
   * const updated = await client.registrations.update(
   *   id,
   *   { ...inputOf(current), exploitation: { forms: ["labour"], country: "NL" } },
   *   { version: current.version },
   * );
   * console.log(updated.version); // current.version + 1
   * ```
   */
  update(id: string, input: RegistrationInput, options: UpdateRegistrationOptions): ApiPromise<Registration> {
    const ifMatch = ifMatchOf(options, "registration");
    if (ifMatch instanceof ComenshaError) return Core.reject(ifMatch);
    return this.#core.request({
      method: "PUT",
      path: "/v1/registrations/{id}",
      params: { id },
      headers: { "If-Match": ifMatch },
      body: input,
      options: requestOptionsOf(options),
    });
  }

  /**
   * Withdraws a registration, e.g. one reported in error: `POST /v1/registrations/{id}/withdraw` with `If-Match`.
   * Resolves to the registration with status `withdrawn`; withdrawing twice is a {@link ConflictError}
   * (`invalid-state`).
   *
   * @example
   * ```ts
   * const withdrawn = await client.registrations.withdraw(id, { version: 2, reason: "reported in error" });
   * console.log(withdrawn.status, withdrawn.withdrawalReason); // "withdrawn" "reported in error"
   * ```
   */
  withdraw(id: string, options: WithdrawRegistrationOptions): ApiPromise<Registration> {
    const ifMatch = ifMatchOf(options, "registration");
    if (ifMatch instanceof ComenshaError) return Core.reject(ifMatch);
    return this.#core.request({
      method: "POST",
      path: "/v1/registrations/{id}/withdraw",
      params: { id },
      headers: { "If-Match": ifMatch },
      body: options.reason === undefined ? {} : { reason: options.reason },
      options: requestOptionsOf(options),
    });
  }

  /**
   * Transfers a registration to another organisation (`POST /v1/registrations/{id}/transfers`): its owner's key, or
   * a coordinator. The receiver then reads and corrects it as its own; your organisation keeps reading it as it was
   * at the transfer, and a change of it is a {@link ForbiddenError} with type `transferred`. A rule broken (itself,
   * CoMensha's own organisation, a suspended one) is an {@link UnprocessableEntityError} (422). Sends an `Idempotency-Key`.
   *
   * @example
   * ```ts
   * const transfer = await client.registrations.transfer(id, {
   *   toOrganisationId: careCoordinatorId,
   *   reason: "care_takes_over",
   * });
   * console.log(transfer.fromOrganisationId, transfer.version);
   * ```
   */
  transfer(id: string, input: TransferInput, options?: RequestOptions): ApiPromise<Transfer> {
    return this.#core.request({
      method: "POST",
      path: "/v1/registrations/{id}/transfers",
      params: { id },
      body: input,
      options,
    });
  }

  /**
   * The transfers of a registration, oldest first (`GET /v1/registrations/{id}/transfers`): all of them for its
   * owner and coordinators; for an organisation that transferred it away, those up to its own transfer away.
   *
   * @example
   * ```ts
   * const { data: transfers } = await client.registrations.transfers(id);
   * console.log(transfers.map((transfer) => transfer.toOrganisationId));
   * ```
   */
  transfers(id: string, options?: RequestOptions): ApiPromise<TransferList> {
    return this.#core.request({ method: "GET", path: "/v1/registrations/{id}/transfers", params: { id }, options });
  }
}
