import { randomBytes } from "node:crypto";
import type { IdempotencyStore, StoredResponse } from "@comensha/db";
import { type Organisation, type Page, Ports, Webhook } from "@comensha/domain";
import { Effect, Option, Redacted } from "effect";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { AddressRefused, postOnce } from "../webhookPost.js";
import { audit, type Caller } from "./audit.js";

type Complete = (response: StoredResponse) => Effect.Effect<void, never, IdempotencyStore>;

/**
 * Writes the deliveries of an event, if the change announces one (`type`: the domain's `registrationEventType` or
 * `placementEventType`), for `organisationId`'s subscribed endpoints, in the transaction of the change and without
 * waiting (it travels with the statements that follow).
 */
export const announce = (
  organisationId: Organisation.OrganisationId,
  type: Option.Option<Webhook.WebhookEventType>,
  data: Webhook.WebhookEvent["data"],
) =>
  Option.match(type, {
    onNone: () => Effect.void,
    onSome: (type) =>
      Effect.flatMap(Ports.WebhookRepository, (webhooks) =>
        webhooks.enqueue(organisationId, { type, data } as Pick<Webhook.WebhookEvent, "type" | "data">),
      ),
  });

/** The most endpoints one organisation may have: each event is posted to every one subscribed. */
export const maxEndpointsPerOrganisation = 10;

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export const newSigningSecret = () => Redacted.make(`whsec_${randomBytes(32).toString("base64")}`);

/** The endpoint was refused: its URL breaks the deployment's rules, or the organisation has too many. */
export class EndpointRefused {
  readonly _tag = "EndpointRefused";
  constructor(readonly reason: string) {}
}

/**
 * Registers an endpoint for the caller's organisation and answers it with its signing secret, shown this once. The
 * URL must be https (http only on this machine, where `allowLoopbackHttp`); at most
 * {@link maxEndpointsPerOrganisation} per organisation. The endpoint, its audit event and the stored idempotent
 * answer commit together.
 */
export const createEndpoint = (
  caller: Caller,
  input: Webhook.NewWebhookEndpoint,
  options: { readonly allowLoopbackHttp: boolean },
  respond: (
    endpoint: Webhook.WebhookEndpoint,
    secret: Redacted.Redacted<string>,
  ) => Effect.Effect<StoredResponse, never, Ports.Crypto>,
  complete: Complete,
) =>
  Effect.gen(function* () {
    const problem = Webhook.urlProblem(input.url, options);
    if (Option.isSome(problem)) return yield* Effect.fail(new EndpointRefused(`The URL ${problem.value}.`));
    const repository = yield* Ports.WebhookRepository;
    const organisationId = caller.principal.organisationId;
    return yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        const existing = yield* repository.listEndpoints(organisationId);
        if (existing.length >= maxEndpointsPerOrganisation) {
          return yield* Effect.fail(
            new EndpointRefused(`An organisation may have ${maxEndpointsPerOrganisation} endpoints; delete one first.`),
          );
        }
        const secret = newSigningSecret();
        const endpoint = yield* repository.createEndpoint({ organisationId, endpoint: input, secret });
        yield* audit(caller, "webhook_endpoint.create", "success", { type: "webhook_endpoint", id: endpoint.id });
        const response = yield* respond(endpoint, secret);
        yield* complete(response);
        return response;
      }),
    );
  });

/** The caller's organisation's endpoints, oldest first. */
export const listEndpoints = (caller: Caller) =>
  Effect.gen(function* () {
    const endpoints = yield* (yield* Ports.WebhookRepository).listEndpoints(caller.principal.organisationId);
    yield* audit(caller, "webhook_endpoint.list", "success", { type: "webhook_endpoint" });
    return endpoints;
  });

/** One endpoint of the caller's organisation. */
export const getEndpoint = (caller: Caller, id: Webhook.WebhookEndpointId) =>
  Effect.gen(function* () {
    const endpoint = yield* (yield* Ports.WebhookRepository).findEndpoint(id, caller.principal.organisationId);
    yield* audit(caller, "webhook_endpoint.read", "success", { type: "webhook_endpoint", id });
    return endpoint;
  });

/** Enables (its failures in a row start again from 0) or disables an endpoint of the caller's organisation. */
export const setEndpointStatus = (caller: Caller, id: Webhook.WebhookEndpointId, status: Webhook.EndpointStatus) =>
  Effect.gen(function* () {
    const repository = yield* Ports.WebhookRepository;
    return yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        const endpoint = yield* repository.setEndpointStatus(id, caller.principal.organisationId, status);
        yield* audit(caller, status === "active" ? "webhook_endpoint.enable" : "webhook_endpoint.disable", "success", {
          type: "webhook_endpoint",
          id,
        });
        return endpoint;
      }),
    );
  });

/** Deletes an endpoint of the caller's organisation with its delivery log. */
export const deleteEndpoint = (caller: Caller, id: Webhook.WebhookEndpointId) =>
  Effect.gen(function* () {
    const repository = yield* Ports.WebhookRepository;
    yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        yield* repository.deleteEndpoint(id, caller.principal.organisationId);
        yield* audit(caller, "webhook_endpoint.delete", "success", { type: "webhook_endpoint", id });
      }),
    );
  });

/** An endpoint's delivery log, newest first. */
export const listDeliveries = (
  caller: Caller,
  endpointId: Webhook.WebhookEndpointId,
  page: { readonly limit: number; readonly cursor?: string },
): Effect.Effect<
  Page.Page<Webhook.WebhookDelivery>,
  Webhook.WebhookEndpointNotFound | Page.InvalidCursor,
  Ports.WebhookRepository | Ports.AuditLog
> =>
  Effect.gen(function* () {
    const result = yield* (yield* Ports.WebhookRepository).listDeliveries(
      endpointId,
      caller.principal.organisationId,
      page,
    );
    yield* audit(caller, "webhook_delivery.list", "success", { type: "webhook_endpoint", id: endpointId });
    return result;
  });

/** Sends a delivery again, with the same id and a new set of attempts. */
export const replayDelivery = (caller: Caller, endpointId: Webhook.WebhookEndpointId, id: Webhook.WebhookDeliveryId) =>
  Effect.gen(function* () {
    const repository = yield* Ports.WebhookRepository;
    return yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        const delivery = yield* repository.replay(id, endpointId, caller.principal.organisationId);
        yield* audit(caller, "webhook_delivery.redeliver", "success", { type: "webhook_delivery", id });
        return delivery;
      }),
    );
  });

/**
 * How the dispatcher posts: its time limit per attempt, the scale of the retry schedule (1; less in tests), and
 * whether it may reach this machine and private networks (a test receiver; never in production: see webhookPost.ts).
 */
export interface DispatchOptions {
  readonly timeoutMs: number;
  readonly retryScale: number;
  readonly allowInternal: boolean;
}

/** What one attempt came to, as the delivery log records it. */
interface Outcome {
  readonly delivered: boolean;
  readonly responseStatus: number | null;
  readonly error: string | null;
}

/** Why a post failed, in a few words: never a response body, never the URL. */
const failureOf = (error: unknown): string => {
  const { name, code } = error as { name?: string; code?: string };
  if (error instanceof AddressRefused) return "address not allowed";
  if (name === "TimeoutError" || name === "AbortError") return "timeout";
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host not found";
  if (typeof code === "string" && /^[A-Z_]+$/.test(code)) return `network error (${code})`;
  return "network error";
};

/**
 * Posts one claimed delivery, signed in the Standard Webhooks format, and answers its outcome: a 2xx answer
 * delivers it; redirects are not followed.
 */
export const post = async (attempt: Ports.WebhookAttempt, options: DispatchOptions): Promise<Outcome> => {
  const body = JSON.stringify(attempt.delivery.event);
  const now = new Date();
  const signature = new StandardWebhook(Redacted.value(attempt.secret)).sign(attempt.delivery.id, now, body);
  const result = await postOnce(
    new URL(attempt.url),
    {
      "content-type": "application/json",
      "user-agent": "CoMensha-Webhooks/1",
      "webhook-id": attempt.delivery.id,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": signature,
    },
    body,
    options,
  );
  if ("error" in result) return { delivered: false, responseStatus: null, error: failureOf(result.error) };
  return Webhook.isDelivered(result.status)
    ? { delivered: true, responseStatus: result.status, error: null }
    : { delivered: false, responseStatus: result.status, error: `HTTP ${result.status}` };
};

/**
 * Claims the deliveries that are due (at most `limit`), posts them side by side and records each attempt: the next
 * one on the retry schedule, or given up when it is spent. Answers how many were attempted. Safe with several
 * workers: a claimed delivery is leased to one of them.
 */
export const dispatchDue = (options: DispatchOptions & { readonly limit: number }) =>
  Effect.gen(function* () {
    const repository = yield* Ports.WebhookRepository;
    const leaseSeconds = Math.ceil(options.timeoutMs / 1000) + 30;
    const attempts = yield* repository.claimDue(options.limit, leaseSeconds);
    yield* Effect.forEach(
      attempts,
      (attempt) =>
        Effect.gen(function* () {
          const outcome = yield* Effect.promise(() => post(attempt, options));
          const retry = Webhook.nextAttemptDelaySeconds(attempt.delivery.attempts + 1, options.retryScale);
          yield* repository.recordAttempt({
            id: attempt.delivery.id,
            ...outcome,
            retryInSeconds: outcome.delivered ? undefined : Option.getOrUndefined(retry),
          });
        }),
      { concurrency: 8, discard: true },
    );
    return attempts.length;
  });
