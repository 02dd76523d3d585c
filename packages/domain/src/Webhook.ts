import { Option, Schema } from "effect";
import * as CodeList from "./CodeList.js";
import * as Labels from "./labels/WebhookEventType.js";
import { OrganisationId } from "./Organisation.js";
import { PlacementRequestId, PlacementState } from "./PlacementRequest.js";
import { ReferralId, ReferralState } from "./Referral.js";
import { RegistrationId, RegistrationStatus } from "./Registration.js";
import { Uuid } from "./Uuid.js";

/**
 * Webhooks: a partner registers an HTTPS endpoint and the events it wants, and the platform posts each event to it,
 * signed in the Standard Webhooks format (https://www.standardwebhooks.com): headers `webhook-id` (the delivery's
 * id, the same on every retry), `webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,` and the base64
 * HMAC-SHA-256 of `id.timestamp.body` under the endpoint's secret). A payload carries ids and states only, never
 * a person's identifiers (docs/webhooks.md).
 */

/** Identifier of a webhook endpoint. */
export const WebhookEndpointId = Uuid.pipe(Schema.brand("WebhookEndpointId"));
export type WebhookEndpointId = typeof WebhookEndpointId.Type;

/** Identifier of one delivery: one event for one endpoint, sent as `webhook-id` on every attempt. */
export const WebhookDeliveryId = Uuid.pipe(Schema.brand("WebhookDeliveryId"));
export type WebhookDeliveryId = typeof WebhookDeliveryId.Type;

/** The list of `labels/WebhookEventType.ts` (written without Effect, for the console) with its codes' schema. */
export const eventTypeCodeList = CodeList.withSchema(Labels.codeList);

/** What happened, as the payload's `type` names it (`registration.received`, `placement_request.placed`, ...). */
export const WebhookEventType = eventTypeCodeList.schema;
export type WebhookEventType = typeof WebhookEventType.Type;

/** The data of a registration's events: which registration, and where it stands now. */
export const RegistrationEventData = Schema.Struct({
  registrationId: RegistrationId,
  status: RegistrationStatus,
  version: Schema.Int,
});
export type RegistrationEventData = typeof RegistrationEventData.Type;

/** The data of a placement request's events: which request, for which registration, and its state now. */
export const PlacementRequestEventData = Schema.Struct({
  placementRequestId: PlacementRequestId,
  registrationId: RegistrationId,
  state: PlacementState,
});
export type PlacementRequestEventData = typeof PlacementRequestEventData.Type;

/** The data of a referral's events: which referral, and where it stands now. */
export const ReferralEventData = Schema.Struct({
  referralId: ReferralId,
  state: ReferralState,
});
export type ReferralEventData = typeof ReferralEventData.Type;

const event = <Type extends WebhookEventType, Data extends Schema.Top>(type: Type, data: Data) =>
  Schema.Struct({
    type: Schema.Literal(type),
    /** When it happened (UTC, ISO 8601). */
    timestamp: Schema.String,
    data,
  });

/**
 * The body of a webhook delivery: `{ type, timestamp, data }`, as Standard Webhooks recommends. `data` holds ids
 * and states only; what else a partner needs it reads from the API with its key, where its scope applies.
 */
export const WebhookEvent = Schema.Union([
  event("registration.received", RegistrationEventData),
  event("registration.status_changed", RegistrationEventData),
  event("placement_request.offered", PlacementRequestEventData),
  event("placement_request.placed", PlacementRequestEventData),
  event("placement_request.ended", PlacementRequestEventData),
  event("referral.received", ReferralEventData),
  event("referral.answered", ReferralEventData),
  event("registration.transferred", RegistrationEventData),
]).annotate({ identifier: "WebhookEvent" });
export type WebhookEvent = typeof WebhookEvent.Type;

/**
 * The event a registration's write announces, if any: `registration.received` for a new one (no `before`), and
 * `registration.status_changed` when a new version changed its status; a correction that keeps the status, none.
 */
export const registrationEventType = (
  before: RegistrationStatus | undefined,
  after: RegistrationStatus,
): Option.Option<WebhookEventType> =>
  before === undefined
    ? Option.some("registration.received")
    : before === after
      ? Option.none()
      : Option.some("registration.status_changed");

/** The event that a placement request's new state announces, if any. */
export const placementEventType = (state: PlacementState): Option.Option<WebhookEventType> => {
  switch (state) {
    case "offered":
      return Option.some("placement_request.offered");
    case "placed":
      return Option.some("placement_request.placed");
    case "ended":
      return Option.some("placement_request.ended");
    default:
      return Option.none();
  }
};

/**
 * The event a referral's change announces: `referral.received` to the organisation it is made to when it is made,
 * `referral.answered` to the one that made it when it is accepted or declined; nothing for the rest.
 */
export const referralEventType = (
  change: "create" | "accept" | "decline" | "report" | "withdraw",
): Option.Option<WebhookEventType> => {
  switch (change) {
    case "create":
      return Option.some("referral.received");
    case "accept":
    case "decline":
      return Option.some("referral.answered");
    default:
      return Option.none();
  }
};

/** The event a transfer announces to the organisation that receives the registration. */
export const transferEventType: Option.Option<WebhookEventType> = Option.some("registration.transferred");

/** The longest endpoint URL, in characters. */
export const maxUrlLength = 2000;

const loopbackHosts: ReadonlySet<string> = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether `url` points at this machine (`localhost`, `127.0.0.1`, `[::1]`). */
export const isLoopback = (url: URL) => loopbackHosts.has(url.hostname);

/**
 * Why `text` cannot be an endpoint's URL, or none: it must be an absolute `https:` URL, without a user name or
 * password and without a fragment. Plain `http:` is taken only for this machine (a partner's test receiver), and only
 * where the deployment allows it (`allowLoopbackHttp`: not in production).
 */
export const urlProblem = (text: string, options: { readonly allowLoopbackHttp: boolean }): Option.Option<string> => {
  if (text.length > maxUrlLength) return Option.some(`is longer than ${maxUrlLength} characters`);
  if (!URL.canParse(text)) return Option.some("is not an absolute URL");
  const url = new URL(text);
  if (url.username !== "" || url.password !== "") return Option.some("must not hold a user name or password");
  if (url.hash !== "") return Option.some("must not hold a fragment (#...)");
  if (url.protocol === "https:") return Option.none();
  if (url.protocol === "http:" && isLoopback(url)) {
    return options.allowLoopbackHttp ? Option.none() : Option.some("must use https (http only on localhost, not here)");
  }
  return Option.some("must use https");
};

/** An endpoint's URL as the schema takes it: an absolute http(s) URL; {@link urlProblem} holds the rest. */
export const EndpointUrl = Schema.String.check(
  Schema.makeFilter(
    (text: string) =>
      Option.match(urlProblem(text, { allowLoopbackHttp: true }), { onNone: () => true, onSome: (why) => why }),
    { expected: "an https URL" },
  ),
);

/** What an endpoint is for, in the partner's words (e.g. "Zaaksysteem productie"). Not personal data. */
export const EndpointDescription = Schema.Trimmed.pipe(Schema.check(Schema.isBetweenLength(1, 200)));

/** What a partner sends to register an endpoint: where, and which events (at least one, no repeats). */
export const NewWebhookEndpoint = Schema.Struct({
  url: EndpointUrl,
  events: Schema.Array(WebhookEventType).pipe(Schema.check(Schema.isMinLength(1)), Schema.check(Schema.isUnique())),
  description: Schema.optionalKey(EndpointDescription),
});
export type NewWebhookEndpoint = typeof NewWebhookEndpoint.Type;

/** Whether an endpoint is sent to: `active`, or `disabled` after repeated failure (or by its organisation). */
export const EndpointStatus = Schema.Literals(["active", "disabled"]);
export type EndpointStatus = typeof EndpointStatus.Type;

/** A webhook endpoint as listed: never its secret, which is shown once, when the endpoint is made. */
export class WebhookEndpoint extends Schema.Class<WebhookEndpoint>("WebhookEndpoint")({
  id: WebhookEndpointId,
  organisationId: OrganisationId,
  url: Schema.String,
  events: Schema.Array(WebhookEventType),
  description: Schema.NullOr(Schema.String),
  status: EndpointStatus,
  /** Failed attempts since the last success; at {@link disableAfterFailedAttempts} the endpoint is disabled. */
  failedAttemptsInARow: Schema.Int,
  createdAt: Schema.String,
  disabledAt: Schema.NullOr(Schema.String),
}) {}

/** Where one delivery stands: waiting for its next attempt, delivered, or given up after every retry. */
export const DeliveryStatus = Schema.Literals(["pending", "succeeded", "failed"]);
export type DeliveryStatus = typeof DeliveryStatus.Type;

/** One delivery of one event to one endpoint, as its delivery log shows it. */
export class WebhookDelivery extends Schema.Class<WebhookDelivery>("WebhookDelivery")({
  id: WebhookDeliveryId,
  endpointId: WebhookEndpointId,
  event: WebhookEvent,
  status: DeliveryStatus,
  attempts: Schema.Int,
  /** The HTTP status of the last attempt's answer; null before the first attempt or when none came. */
  lastResponseStatus: Schema.NullOr(Schema.Int),
  /** Why the last attempt failed, in a few words (`timeout`, `connection refused`, `HTTP 500`); never a body. */
  lastError: Schema.NullOr(Schema.String),
  nextAttemptAt: Schema.NullOr(Schema.String),
  createdAt: Schema.String,
  deliveredAt: Schema.NullOr(Schema.String),
}) {}

/**
 * The waits before each retry, in seconds, after the first attempt (made at once): 5 seconds, 5 minutes, 30 minutes,
 * 2 hours, 5 hours, 10 hours and 10 hours, the schedule Standard Webhooks suggests; about 27.6 hours in all.
 */
export const retryDelaysSeconds: ReadonlyArray<number> = [5, 300, 1800, 7200, 18000, 36000, 36000];

/** Every attempt a delivery gets: the first and its retries. */
export const maxAttempts = retryDelaysSeconds.length + 1;

/**
 * How long to wait after the `attempts`-th failed attempt of a delivery before the next, scaled by `scale` (a test
 * runs the schedule in milliseconds); none when every attempt is spent and the delivery has failed.
 */
export const nextAttemptDelaySeconds = (attempts: number, scale = 1): Option.Option<number> => {
  const delay = retryDelaysSeconds[attempts - 1];
  return attempts >= 1 && delay !== undefined ? Option.some(delay * scale) : Option.none();
};

/**
 * Failed attempts in a row, over all of an endpoint's deliveries, after which it is disabled: about two deliveries
 * that failed every attempt, or an endpoint that has answered nothing for a day. A success resets the count; the
 * organisation enables it again when its receiver works.
 */
export const disableAfterFailedAttempts = 16;

/** Whether an endpoint that has now failed `failedAttemptsInARow` times in a row is to be disabled. */
export const shouldDisable = (failedAttemptsInARow: number) => failedAttemptsInARow >= disableAfterFailedAttempts;

/** Whether an answer of `status` counts as delivered: any 2xx. Redirects are not followed and count as failures. */
export const isDelivered = (status: number) => status >= 200 && status < 300;

/** The endpoint of a webhook could not be found in the caller's scope. */
export class WebhookEndpointNotFound extends Schema.TaggedError<WebhookEndpointNotFound>()("WebhookEndpointNotFound", {
  id: Schema.String,
}) {}

/** The endpoint's URL is refused by the deployment's rules ({@link urlProblem}). */
export class WebhookEndpointUrlRefused extends Schema.TaggedError<WebhookEndpointUrlRefused>()(
  "WebhookEndpointUrlRefused",
  { reason: Schema.String },
) {}

/** The delivery could not be found among the endpoint's. */
export class WebhookDeliveryNotFound extends Schema.TaggedError<WebhookDeliveryNotFound>()("WebhookDeliveryNotFound", {
  id: Schema.String,
}) {}
