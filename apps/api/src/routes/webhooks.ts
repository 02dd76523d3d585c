import { type StoredResponse, webhookCreatedAnswerContext } from "@comensha/db";
import { Ports, Webhook } from "@comensha/domain";
import { Effect, Exit, Redacted, Schema } from "effect";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import { idempotent, storedResponse } from "../idempotency.js";
import type { Operation } from "../openapi.js";
import { invalidCursor, ProblemError, ProblemType } from "../problem.js";
import { pageRequestOf, readJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  replayDelivery,
  setEndpointStatus,
} from "../services/webhooks.js";
import { decodeBody } from "../validation.js";
import { audited, callerOf } from "./audited.js";
import { runEffect } from "./runEffect.js";

/** A webhook endpoint on the wire. */
export const WebhookEndpointResponse = Schema.Struct({ ...Webhook.WebhookEndpoint.fields }).annotate({
  identifier: "WebhookEndpoint",
  description:
    "Where the platform posts the events an organisation chose, signed in the Standard Webhooks format. The signing " +
    "secret is shown once, when the endpoint is made.",
});

/** A new endpoint with its signing secret: the only answer that holds the secret. */
export const CreatedWebhookEndpoint = Schema.Struct({
  ...Webhook.WebhookEndpoint.fields,
  secret: Schema.String.annotate({
    description: "The signing secret (`whsec_...`), shown this once: keep it to verify each delivery's signature.",
  }),
}).annotate({ identifier: "CreatedWebhookEndpoint" });

const WebhookEndpointList = Schema.Struct({
  data: Schema.Array(WebhookEndpointResponse),
  nextCursor: Schema.NullOr(Schema.String),
}).annotate({ identifier: "WebhookEndpointList" });

/** One delivery as the delivery log shows it. */
export const WebhookDeliveryResponse = Schema.Struct({ ...Webhook.WebhookDelivery.fields }).annotate({
  identifier: "WebhookDelivery",
  description:
    "One event for one endpoint: its payload (ids and states only), where its attempts stand and the last answer.",
});

const WebhookDeliveryPage = Schema.Struct({
  data: Schema.Array(WebhookDeliveryResponse),
  nextCursor: Schema.NullOr(Schema.String),
}).annotate({ identifier: "WebhookDeliveryPage" });

/** The body of `POST /v1/webhook-endpoints`. */
export const WebhookEndpointInput = Webhook.NewWebhookEndpoint.annotate({ identifier: "WebhookEndpointInput" });

const encodeEndpoint = Schema.encodeSync(WebhookEndpointResponse);
const encodeCreated = Schema.encodeSync(CreatedWebhookEndpoint);
const encodeDelivery = Schema.encodeSync(WebhookDeliveryResponse);

const problems = {
  400: { description: "A header, parameter or cursor is wrong.", problem: true },
  401: { description: "No valid API key.", problem: true },
  403: { description: "Only partner organisations have webhook endpoints.", problem: true },
  404: { description: "No such endpoint of your organisation.", problem: true },
} as const;

const endpointPath = "/v1/webhook-endpoints/:id";

/** OpenAPI descriptions of the webhook routes. */
export const webhookOperations: ReadonlyArray<Operation> = [
  {
    method: "post",
    path: "/v1/webhook-endpoints",
    operationId: "createWebhookEndpoint",
    summary: "Register a webhook endpoint",
    description:
      "Registers an https URL and the events to post to it (at least one), for your organisation; at most 10 " +
      "endpoints. The answer holds the signing secret, this once. Each delivery is a POST of `{ type, timestamp, " +
      "data }` with the headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (Standard Webhooks); " +
      "verify them with `webhooks.verify()` of the SDK. Payloads carry ids and states, never a person's identifiers.",
    tags: ["webhooks"],
    security: true,
    headers: [{ name: "Idempotency-Key", required: true, description: "1-255 visible ASCII characters; a UUID." }],
    requestBody: WebhookEndpointInput,
    responses: {
      201: { description: "The endpoint with its signing secret; Location is set.", schema: CreatedWebhookEndpoint },
      400: problems[400],
      401: problems[401],
      403: problems[403],
      409: { description: "The same Idempotency-Key is in flight.", problem: true },
      422: {
        description: "The body breaks the schema, the URL is not https, or the organisation has 10 endpoints.",
        problem: true,
      },
    },
  },
  {
    method: "get",
    path: "/v1/webhook-endpoints",
    operationId: "listWebhookEndpoints",
    summary: "Your organisation's webhook endpoints",
    description: "Your organisation's endpoints, oldest first, without their secrets.",
    tags: ["webhooks"],
    security: true,
    responses: {
      200: { description: "The endpoints.", schema: WebhookEndpointList },
      401: problems[401],
      403: problems[403],
    },
  },
  {
    method: "get",
    path: endpointPath,
    operationId: "getWebhookEndpoint",
    summary: "One webhook endpoint",
    description: "One endpoint of your organisation: its events, status and failed attempts in a row.",
    tags: ["webhooks"],
    security: true,
    responses: {
      200: { description: "The endpoint.", schema: WebhookEndpointResponse },
      401: problems[401],
      403: problems[403],
      404: problems[404],
    },
  },
  {
    method: "post",
    path: `${endpointPath}/enable`,
    operationId: "enableWebhookEndpoint",
    summary: "Enable a webhook endpoint",
    description:
      "Sends to the endpoint again, for events from now on and for deliveries still pending; its failed attempts " +
      "in a row start again from 0. An endpoint is disabled by the platform after 16 failed attempts in a row.",
    tags: ["webhooks"],
    security: true,
    responses: {
      200: { description: "The endpoint, active.", schema: WebhookEndpointResponse },
      401: problems[401],
      403: problems[403],
      404: problems[404],
    },
  },
  {
    method: "post",
    path: `${endpointPath}/disable`,
    operationId: "disableWebhookEndpoint",
    summary: "Disable a webhook endpoint",
    description: "Stops sending to the endpoint: no delivery is written for it or attempted until it is enabled.",
    tags: ["webhooks"],
    security: true,
    responses: {
      200: { description: "The endpoint, disabled.", schema: WebhookEndpointResponse },
      401: problems[401],
      403: problems[403],
      404: problems[404],
    },
  },
  {
    method: "delete",
    path: endpointPath,
    operationId: "deleteWebhookEndpoint",
    summary: "Delete a webhook endpoint",
    description: "Deletes the endpoint and its delivery log.",
    tags: ["webhooks"],
    security: true,
    responses: {
      204: { description: "Deleted." },
      401: problems[401],
      403: problems[403],
      404: problems[404],
    },
  },
  {
    method: "get",
    path: `${endpointPath}/deliveries`,
    operationId: "listWebhookDeliveries",
    summary: "An endpoint's delivery log",
    description:
      "The endpoint's deliveries, newest first, with each payload, its status (pending, succeeded, failed after " +
      "every retry), attempts, the last answer's HTTP status and when the next attempt is due; cursor-paginated. " +
      "Retries follow 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after the first attempt.",
    tags: ["webhooks"],
    security: true,
    query: [
      { name: "limit", description: "1-200, default 50", schema: { type: "integer", minimum: 1, maximum: 200 } },
      { name: "cursor", description: "nextCursor of the previous page", schema: { type: "string" } },
    ],
    responses: {
      200: { description: "A page of deliveries.", schema: WebhookDeliveryPage },
      400: problems[400],
      401: problems[401],
      403: problems[403],
      404: problems[404],
    },
  },
  {
    method: "post",
    path: `${endpointPath}/deliveries/:deliveryId/replay`,
    operationId: "replayWebhookDelivery",
    summary: "Send a delivery again",
    description:
      "Sends the delivery again at once, with the same `webhook-id` (so a receiver that saw it can tell) and a new " +
      "set of attempts; for a delivery that failed, or one the receiver lost.",
    tags: ["webhooks"],
    security: true,
    responses: {
      200: { description: "The delivery, pending.", schema: WebhookDeliveryResponse },
      401: problems[401],
      403: problems[403],
      404: { description: "No such endpoint of your organisation, or no such delivery of it.", problem: true },
    },
  },
];

/**
 * Who keeps webhook endpoints: partners (for their reports and placement requests), care organisations (for the
 * referrals made to them) and CoMensha's coordinator keys (for the answers to their referrals). Each sees only its
 * own organisation's endpoints and events.
 */
const webhookRoles = ["partner", "care", "coordinator"] as const;

/** Turns a typed failure of a webhook Effect into the problem the client gets. */
const toProblem = (error: unknown): ProblemError => {
  switch ((error as { _tag?: string })._tag) {
    case "WebhookEndpointNotFound":
      return new ProblemError(404, ProblemType.notFound, "Webhook endpoint not found");
    case "WebhookDeliveryNotFound":
      return new ProblemError(404, ProblemType.notFound, "Webhook delivery not found");
    case "EndpointRefused":
      return new ProblemError(422, ProblemType.validationFailed, "The endpoint was refused", {
        detail: (error as { reason: string }).reason,
        errors: [{ path: "url", message: (error as { reason: string }).reason }],
      });
    case "InvalidCursor":
      return invalidCursor();
    default:
      return error instanceof ProblemError
        ? error
        : new ProblemError(500, ProblemType.internal, "Internal server error");
  }
};

const run = runEffect(toProblem);

const endpointIdOf = (c: Context<AppEnv>) => {
  const id = Schema.decodeUnknownExit(Webhook.WebhookEndpointId)(c.req.param("id"));
  if (Exit.isFailure(id)) throw new ProblemError(404, ProblemType.notFound, "Webhook endpoint not found");
  return id.value;
};

const deliveryIdOf = (c: Context<AppEnv>) => {
  const id = Schema.decodeUnknownExit(Webhook.WebhookDeliveryId)(c.req.param("deliveryId"));
  if (Exit.isFailure(id)) throw new ProblemError(404, ProblemType.notFound, "Webhook delivery not found");
  return id.value;
};

/** The stored answer of a create keeps the secret sealed (AES-GCM), bound to the endpoint's id, never in clear. */
const sealContext = webhookCreatedAnswerContext;

const present =
  (runtime: AppRuntime) =>
  async (stored: StoredResponse): Promise<StoredResponse> => {
    const body = JSON.parse(stored.body) as { id: string; secret: string };
    body.secret = await run(
      runtime,
      Effect.flatMap(Ports.Crypto, (crypto) =>
        crypto.decrypt(Buffer.from(body.secret, "base64"), sealContext(body.id)),
      ),
    );
    return { ...stored, body: JSON.stringify(body) };
  };

/**
 * `/v1/webhook-endpoints`: a partner registers, lists, enables, disables and deletes its endpoints, reads their
 * delivery log and replays a delivery. Every call is audited, refusals too.
 */
export const webhookRoutes = (runtime: AppRuntime, options: { readonly allowLoopbackHttp: boolean }) => {
  const routes = new Hono<AppEnv>();

  routes.post(
    "/",
    audited(runtime, "webhook_endpoint", "webhook_endpoint.create", async (c) => {
      requireRole(c, ...webhookRoles);
      const { bytes, json } = await readJson(c);
      return idempotent(
        c,
        runtime,
        bytes,
        (complete) => {
          const input = decodeBody(WebhookEndpointInput, json);
          return run(
            runtime,
            createEndpoint(
              callerOf(c),
              input,
              options,
              (endpoint, secret) =>
                Effect.gen(function* () {
                  const sealed = yield* (yield* Ports.Crypto).encrypt(Redacted.value(secret), sealContext(endpoint.id));
                  return storedResponse(
                    201,
                    encodeCreated({ ...endpoint, secret: Buffer.from(sealed).toString("base64") }),
                    { location: `/v1/webhook-endpoints/${endpoint.id}` },
                  );
                }),
              complete,
            ),
          );
        },
        { required: true, present: present(runtime) },
      );
    }),
  );

  routes.get(
    "/",
    audited(runtime, "webhook_endpoint", "webhook_endpoint.list", async (c) => {
      requireRole(c, ...webhookRoles);
      const endpoints = await run(runtime, listEndpoints(callerOf(c)));
      return c.json({ data: endpoints.map((endpoint) => encodeEndpoint(endpoint)), nextCursor: null });
    }),
  );

  routes.get(
    "/:id",
    audited(runtime, "webhook_endpoint", "webhook_endpoint.read", async (c) => {
      requireRole(c, ...webhookRoles);
      return c.json(encodeEndpoint(await run(runtime, getEndpoint(callerOf(c), endpointIdOf(c)))));
    }),
  );

  for (const [action, status] of [
    ["enable", "active"],
    ["disable", "disabled"],
  ] as const) {
    routes.post(
      `/:id/${action}`,
      audited(runtime, "webhook_endpoint", `webhook_endpoint.${action}`, async (c) => {
        requireRole(c, ...webhookRoles);
        return c.json(encodeEndpoint(await run(runtime, setEndpointStatus(callerOf(c), endpointIdOf(c), status))));
      }),
    );
  }

  routes.delete(
    "/:id",
    audited(runtime, "webhook_endpoint", "webhook_endpoint.delete", async (c) => {
      requireRole(c, ...webhookRoles);
      await run(runtime, deleteEndpoint(callerOf(c), endpointIdOf(c)));
      return c.body(null, 204);
    }),
  );

  routes.get(
    "/:id/deliveries",
    audited(runtime, "webhook_endpoint", "webhook_delivery.list", async (c) => {
      requireRole(c, ...webhookRoles);
      const endpointId = endpointIdOf(c);
      const page = await run(
        runtime,
        listDeliveries(callerOf(c), endpointId, pageRequestOf(c, { defaultLimit: 50, maxLimit: 200 })),
      );
      return c.json({ data: page.data.map((delivery) => encodeDelivery(delivery)), nextCursor: page.nextCursor });
    }),
  );

  routes.post(
    "/:id/deliveries/:deliveryId/replay",
    audited(runtime, "webhook_delivery", "webhook_delivery.redeliver", async (c) => {
      requireRole(c, ...webhookRoles);
      const endpointId = endpointIdOf(c);
      const deliveryId = deliveryIdOf(c);
      return c.json(encodeDelivery(await run(runtime, replayDelivery(callerOf(c), endpointId, deliveryId))));
    }),
  );

  return routes;
};
