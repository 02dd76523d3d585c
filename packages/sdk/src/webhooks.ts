import { WebhookVerificationError as UpstreamVerificationError, Webhook } from "standardwebhooks";
import { ComenshaError } from "./errors.js";
import type { WebhookEvent } from "./types.js";

/**
 * A webhook delivery that did not verify: a header is missing, the signature does not match the body under your
 * secret, or its timestamp is more than 5 minutes from now (a replayed capture). Answer it with a 4xx and do not act
 * on it.
 */
export class WebhookVerificationError extends ComenshaError {
  override name = "WebhookVerificationError";
}

/** The request headers of a delivery: a fetch `Headers`, or Node's `IncomingHttpHeaders` (names in any case). */
export type WebhookHeaders = Headers | Readonly<Record<string, string | ReadonlyArray<string> | undefined>>;

const headerNames = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

const headerRecord = (headers: WebhookHeaders): Record<string, string> => {
  const record: Record<string, string> = {};
  const read =
    typeof (headers as Headers).get === "function"
      ? (name: string) => (headers as Headers).get(name) ?? undefined
      : (name: string) => {
          const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
          return Array.isArray(entry) ? entry.join(" ") : (entry as string | undefined);
        };
  for (const name of headerNames) {
    const value = read(name);
    if (value !== undefined) record[name] = value;
  }
  return record;
};

/**
 * Checks a webhook delivery from the CoMensha platform and answers its event: the signature of the body under your
 * endpoint's secret (HMAC-SHA-256 in the Standard Webhooks format, https://www.standardwebhooks.com), and a timestamp
 * within 5 minutes. Pass the body exactly as received (the raw text or bytes, not parsed and re-serialised JSON).
 * Throws {@link WebhookVerificationError} when it does not verify.
 *
 * The same delivery may arrive more than once (a retry after a timeout, a replay): its `webhook-id` header is the
 * same each time, so keep the ids you have handled.
 *
 * @example
 * ```ts
 * import { webhooks, WebhookVerificationError } from "@comensha/sdk";
 *
 * app.post("/hooks/comensha", async (request, reply) => {
 *   try {
 *     const event = webhooks.verify(request.rawBody, request.headers, process.env.COMENSHA_WEBHOOK_SECRET);
 *     if (event.type === "placement_request.placed") await markPlaced(event.data.placementRequestId);
 *     return reply.code(204).send();
 *   } catch (error) {
 *     if (error instanceof WebhookVerificationError) return reply.code(400).send();
 *     throw error;
 *   }
 * });
 * ```
 */
export const verify = (payload: string | Uint8Array, headers: WebhookHeaders, secret: string): WebhookEvent => {
  let verifier: Webhook;
  try {
    verifier = new Webhook(secret);
  } catch {
    throw new ComenshaError("The webhook secret is not one the platform gave (whsec_ and base64).");
  }
  try {
    return verifier.verify(payload, headerRecord(headers)) as WebhookEvent;
  } catch (error) {
    if (error instanceof UpstreamVerificationError) throw new WebhookVerificationError(error.message);
    if (error instanceof SyntaxError) throw new WebhookVerificationError("The body is not JSON.");
    throw error;
  }
};

/** Helpers for receiving the platform's webhooks: {@link verify}. */
export const webhooks = { verify } as const;
