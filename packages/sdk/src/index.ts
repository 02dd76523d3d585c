/**
 * `@comensha/sdk`: the TypeScript client of the CoMensha partner API.
 *
 * @example
 * ```ts
 * import Comensha, { NotFoundError } from "@comensha/sdk";
 *
 * const client = new Comensha({ apiKey: process.env.COMENSHA_API_KEY, baseUrl: "http://localhost:3000" });
 * const registration = await client.registrations.create(input);
 * ```
 *
 * @packageDocumentation
 */
import { Comensha } from "./client.js";

export { ApiPromise, type ApiResponse } from "./apiPromise.js";
export { type ClientOptions, Comensha, type RawRequest } from "./client.js";
export type { Fetch, HeaderValues, HttpMethod, QueryValue, RequestOptions } from "./core.js";
export {
  ApiError,
  type ApiErrorInit,
  BadRequestError,
  ComenshaError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  InternalServerError,
  NotFoundError,
  PreconditionFailedError,
  type ProblemType,
  ProblemTypes,
  RateLimitError,
  TimeoutError,
  UnauthorizedError,
  UnprocessableEntityError,
} from "./errors.js";
export { Page, PagePromise } from "./pagination.js";
export type { AuditEvents } from "./resources/auditEvents.js";
export type { Auth } from "./resources/auth.js";
export type { CodeLists } from "./resources/codeLists.js";
export type { Duplicates } from "./resources/duplicates.js";
export type { ErasureRequests } from "./resources/erasureRequests.js";
export type { FollowUps } from "./resources/followUps.js";
export type { OrganisationKeys, Organisations } from "./resources/organisations.js";
export type { CorrectNoteOptions, Persons } from "./resources/persons.js";
export type { PlacementRequests } from "./resources/placementRequests.js";
export type { ProcessingRecordResource } from "./resources/processingRecord.js";
export type { Referrals } from "./resources/referrals.js";
export {
  etagOf,
  type IfMatch,
  inputOf,
  type Registrations,
  type UpdateRegistrationOptions,
  type WithdrawRegistrationOptions,
} from "./resources/registrations.js";
export type { Reports } from "./resources/reports.js";
export type { Shelters } from "./resources/shelters.js";
export type { Signals } from "./resources/signals.js";
export type { Statistics } from "./resources/statistics.js";
export type { Users } from "./resources/users.js";
export type { WebhookEndpoints } from "./resources/webhookEndpoints.js";
export type * from "./types.js";
export { VERSION } from "./version.js";
export { type WebhookHeaders, WebhookVerificationError, webhooks } from "./webhooks.js";

export default Comensha;
