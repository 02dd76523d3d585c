import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { ComenshaError, WebhookVerificationError, webhooks } from "../src/index.js";

const secret = `whsec_${Buffer.alloc(32, 5).toString("base64")}`;
const otherSecret = `whsec_${Buffer.alloc(32, 6).toString("base64")}`;
const id = "0193a0b0-0000-7000-8000-00000000d001";
const body = JSON.stringify({
  type: "placement_request.placed",
  timestamp: "2026-12-07T10:00:00.000Z",
  data: {
    placementRequestId: "0193a0b0-0000-7000-8000-000000000002",
    registrationId: "0193a0b0-0000-7000-8000-000000000001",
    state: "placed",
  },
});

/** The headers the platform sends, signed as its dispatcher signs (the same Standard Webhooks library). */
const signed = (payload: string, at = new Date(), key = secret) => ({
  "webhook-id": id,
  "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
  "webhook-signature": new Webhook(key).sign(id, at, payload),
});

describe("webhooks.verify", () => {
  it("answers the event of a delivery signed with the endpoint's secret", () => {
    const event = webhooks.verify(body, signed(body), secret);
    expect(event.type).toBe("placement_request.placed");
    if (event.type === "placement_request.placed") expect(event.data.state).toBe("placed");
  });

  it("takes a fetch Headers object, Node's headers in any case, and the body as bytes", () => {
    const headers = signed(body);
    expect(webhooks.verify(body, new Headers(headers), secret).type).toBe("placement_request.placed");
    const shouted = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toUpperCase(), value]));
    expect(webhooks.verify(new TextEncoder().encode(body), shouted, secret).type).toBe("placement_request.placed");
  });

  it("refuses a changed body, another secret, a missing header and a stale timestamp", () => {
    const headers = signed(body);
    const refusals = [
      () => webhooks.verify(body.replace("placed", "ended"), headers, secret),
      () => webhooks.verify(body, headers, otherSecret),
      () => webhooks.verify(body, { ...headers, "webhook-signature": undefined }, secret),
      () => webhooks.verify(body, { ...headers, "webhook-id": "0193a0b0-0000-7000-8000-00000000d002" }, secret),
      () => webhooks.verify(body, signed(body, new Date(Date.now() - 6 * 60 * 1000)), secret),
      () => webhooks.verify(body, signed(body, new Date(Date.now() + 6 * 60 * 1000)), secret),
    ];
    for (const refusal of refusals) {
      expect(refusal).toThrow(WebhookVerificationError);
    }
  });

  it("says so when the secret is not one the platform gives, before looking at the delivery", () => {
    expect(() => webhooks.verify(body, signed(body), "")).toThrow(ComenshaError);
    expect(() => webhooks.verify(body, signed(body), "")).not.toThrow(WebhookVerificationError);
  });
});
