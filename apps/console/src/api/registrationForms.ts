import type Comensha from "@comensha/sdk";
import {
  ApiError,
  type CreateRegistrationInput,
  type Organisation,
  type Page,
  type PlacementRequest,
  type PlacementRequestInput,
  ProblemTypes,
  type RegistrationInput,
} from "@comensha/sdk";
// Type-only: `src/api.ts` composes this slice, so a value import would be circular.
import type { AuditEventPage, AuditKind, Registration } from "../api.js";

/**
 * A partner organisation a coordinator may register a report for (`GET /v1/organisations`): a report that came in
 * by phone is registered on its behalf. `isComensha` marks CoMensha's own organisation.
 */
export type ReportingOrganisation = Organisation;

export interface ReportingOrganisationPage {
  readonly data: ReadonlyArray<ReportingOrganisation>;
  readonly nextCursor: string | null;
}

/**
 * A registration as a coordinator registers it: the report, and (for a report that came in by phone) the reporting
 * organisation on whose behalf CoMensha registers it. Without `organisationId` CoMensha itself is the reporter.
 */
export type NewRegistration = CreateRegistrationInput;

/** What the console asks of the API to register, correct and withdraw a registration, its audit trail and shelter. */
export interface RegistrationFormsApi {
  /**
   * Registers a report (`POST /v1/registrations`). `idempotencyKey` is the form's key: sending the same form again
   * (after a network error) replays the first answer instead of registering twice.
   */
  createRegistration(input: NewRegistration, options: { readonly idempotencyKey: string }): Promise<Registration>;
  /** Corrects a registration (`PUT /v1/registrations/{id}`) based on `version`; a stale version fails with `412`. */
  updateRegistration(id: string, input: RegistrationInput, version: number): Promise<Registration>;
  /**
   * Withdraws a registration (`POST /v1/registrations/{id}/withdraw`) based on `version`, with the reason when one
   * is given (the API stores it encrypted).
   */
  withdrawRegistration(
    id: string,
    options: { readonly version: number; readonly reason?: string | undefined },
  ): Promise<Registration>;
  /**
   * The audit trail of one registration, newest first (`GET /v1/registrations/{id}/audit-events`): its changes or its
   * reads (`kind`), or both.
   */
  listRegistrationAuditEvents(
    id: string,
    params: { readonly cursor?: string | undefined; readonly limit: number; readonly kind?: AuditKind | undefined },
  ): Promise<AuditEventPage>;
  /** One page of the partner organisations (`GET /v1/organisations`), to register a report on their behalf. */
  listReportingOrganisations(params: {
    readonly cursor?: string | undefined;
    readonly limit: number;
  }): Promise<ReportingOrganisationPage>;
  /** Requests first shelter for the person of a registration (`POST /v1/placement-requests`), idempotently. */
  requestFirstShelter(
    input: PlacementRequestInput,
    options: { readonly idempotencyKey: string },
  ): Promise<PlacementRequest>;
}

/** Whether a change failed because the registration changed since it was read (`412`): read it again. */
export const isStaleVersion = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 412 && error.type !== ProblemTypes.preconditionRequired;

/** Whether a change failed because the registration can no longer change (`409 invalid-state`: withdrawn, rejected). */
export const isClosedRegistration = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 409 && error.type === ProblemTypes.invalidState;

/** One page of an SDK list, as the console's pages take it: `nextCursor` only while there is a next page. */
const pageOf = <T>(page: Page<T>): { readonly data: ReadonlyArray<T>; readonly nextCursor: string | null } => ({
  data: page.data,
  nextCursor: page.hasNextPage() ? page.nextCursor : null,
});

/** The SDK behind {@link RegistrationFormsApi}. */
export const registrationFormsApi = (client: Comensha): RegistrationFormsApi => ({
  createRegistration: (input, { idempotencyKey }) => client.registrations.create(input, { idempotencyKey }),
  updateRegistration: (id, input, version) => client.registrations.update(id, input, { version }),
  withdrawRegistration: (id, { version, reason }) =>
    client.registrations.withdraw(id, reason === undefined ? { version } : { version, reason }),
  listRegistrationAuditEvents: async (id, { cursor, limit, kind }) =>
    pageOf(await client.registrations.auditTrail(id, { limit, cursor, kind })),
  listReportingOrganisations: async ({ cursor, limit }) => pageOf(await client.organisations.list({ limit, cursor })),
  requestFirstShelter: (input, { idempotencyKey }) => client.placementRequests.create(input, { idempotencyKey }),
});
