import { describe, expect, it } from "@effect/vitest";
import { Option, Result, Schema } from "effect";
import * as PlacementRequest from "../src/PlacementRequest.js";
import * as Webhook from "../src/Webhook.js";

const decodeEndpoint = Schema.decodeUnknownResult(Webhook.NewWebhookEndpoint);
const decodeEvent = Schema.decodeUnknownResult(Webhook.WebhookEvent);

const registrationId = "0193a0b0-0000-7000-8000-000000000001";
const placementRequestId = "0193a0b0-0000-7000-8000-000000000002";

describe("a webhook endpoint's URL", () => {
  const strict = { allowLoopbackHttp: false };
  const local = { allowLoopbackHttp: true };

  it("takes an absolute https URL, with a port, a path and a query", () => {
    expect(Webhook.urlProblem("https://partner.example/hooks/comensha?tenant=7", strict)).toEqual(Option.none());
    expect(Webhook.urlProblem("https://partner.example:8443/h", strict)).toEqual(Option.none());
  });

  it("refuses plain http, other schemes, relative URLs, credentials and fragments", () => {
    for (const url of [
      "http://partner.example/hooks",
      "ftp://partner.example/hooks",
      "javascript:alert(1)",
      "/hooks",
      "partner.example/hooks",
      "https://user:secret@partner.example/hooks",
      "https://token@partner.example/hooks",
      "https://partner.example/hooks#part",
      `https://partner.example/${"a".repeat(Webhook.maxUrlLength)}`,
    ]) {
      expect(Option.isSome(Webhook.urlProblem(url, local)), url).toBe(true);
    }
  });

  it("takes http on this machine only where the deployment allows it", () => {
    for (const url of ["http://localhost:4000/h", "http://127.0.0.1:4000/h", "http://[::1]:4000/h"]) {
      expect(Webhook.urlProblem(url, local), url).toEqual(Option.none());
      expect(Option.getOrUndefined(Webhook.urlProblem(url, strict)), url).toContain("https");
    }
    expect(Option.isSome(Webhook.urlProblem("http://localhost.partner.example/h", local))).toBe(true);
  });
});

describe("a new webhook endpoint", () => {
  it("decodes a URL with at least one event and no repeats", () => {
    const decoded = decodeEndpoint({
      url: "https://partner.example/hooks",
      events: ["registration.received", "placement_request.placed"],
      description: "Zaaksysteem",
    });
    expect(Result.isSuccess(decoded)).toBe(true);
    if (Result.isSuccess(decoded))
      expect(decoded.success.events).toEqual(["registration.received", "placement_request.placed"]);
  });

  it("refuses no events, a repeated event, an unknown event and a URL that is not https", () => {
    for (const input of [
      { url: "https://partner.example/hooks", events: [] },
      { url: "https://partner.example/hooks", events: ["registration.received", "registration.received"] },
      { url: "https://partner.example/hooks", events: ["person.merged"] },
      { url: "http://partner.example/hooks", events: ["registration.received"] },
      { url: "https://partner.example/hooks", events: ["registration.received"], description: "" },
      { url: "https://partner.example/hooks", events: ["registration.received"], description: " Zaaksysteem " },
    ]) {
      expect(Result.isFailure(decodeEndpoint(input)), JSON.stringify(input)).toBe(true);
    }
  });
});

describe("a webhook event", () => {
  it("carries ids and states only, and its data must fit its type", () => {
    const received = {
      type: "registration.received",
      timestamp: "2026-12-07T10:00:00.000Z",
      data: { registrationId, status: "received", version: 1 },
    };
    expect(Result.isSuccess(decodeEvent(received))).toBe(true);
    const placed = {
      type: "placement_request.placed",
      timestamp: "2026-12-07T10:00:00.000Z",
      data: { placementRequestId, registrationId, state: "placed" },
    };
    expect(Result.isSuccess(decodeEvent(placed))).toBe(true);
    expect(Result.isFailure(decodeEvent({ ...placed, data: received.data }))).toBe(true);
    expect(Result.isFailure(decodeEvent({ ...received, type: "registration.merged" }))).toBe(true);
  });

  it("announces a referral to its receiver when made, and to who made it when answered, and nothing else", () => {
    expect(
      (["create", "accept", "decline", "report", "withdraw"] as const).map((change) =>
        Option.getOrUndefined(Webhook.referralEventType(change)),
      ),
    ).toEqual(["referral.received", "referral.answered", "referral.answered", undefined, undefined]);
  });

  it("has a code list entry, labelled in Dutch and English, for every type the union decodes", () => {
    expect(Webhook.eventTypeCodeList.codes).toEqual([
      "registration.received",
      "registration.status_changed",
      "placement_request.offered",
      "placement_request.placed",
      "placement_request.ended",
      "referral.received",
      "referral.answered",
      "registration.transferred",
    ]);
    for (const type of Webhook.eventTypeCodeList.codes) {
      const data = type.startsWith("registration.")
        ? { registrationId, status: "registered", version: 2 }
        : type.startsWith("referral.")
          ? { referralId: placementRequestId, state: "accepted" }
          : { placementRequestId, registrationId, state: "offered" };
      expect(Result.isSuccess(decodeEvent({ type, timestamp: "2026-12-07T10:00:00.000Z", data })), type).toBe(true);
    }
  });

  it("is announced for a new registration and for a change of its status, not for a correction", () => {
    expect(Webhook.registrationEventType(undefined, "received")).toEqual(Option.some("registration.received"));
    expect(Webhook.registrationEventType("received", "withdrawn")).toEqual(Option.some("registration.status_changed"));
    expect(Webhook.registrationEventType("received", "received")).toEqual(Option.none());
  });

  it("is announced for the placement states a partner waits for, and for no other", () => {
    const announced = PlacementRequest.PlacementState.literals.flatMap((state) =>
      Option.match(Webhook.placementEventType(state), { onNone: () => [], onSome: (type) => [[state, type]] }),
    );
    expect(announced).toEqual([
      ["offered", "placement_request.offered"],
      ["placed", "placement_request.placed"],
      ["ended", "placement_request.ended"],
    ]);
  });
});

describe("the retry schedule", () => {
  it("retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, then gives up", () => {
    const delays = Array.from({ length: Webhook.maxAttempts + 1 }, (_, index) =>
      Option.getOrNull(Webhook.nextAttemptDelaySeconds(index + 1)),
    );
    expect(delays).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000, null, null]);
    expect(Webhook.maxAttempts).toBe(8);
    expect(Webhook.nextAttemptDelaySeconds(0)).toEqual(Option.none());
  });

  it("scales the waits, so a test can run the whole schedule in moments", () => {
    expect(Webhook.nextAttemptDelaySeconds(2, 0.001)).toEqual(Option.some(0.3));
  });

  it("disables an endpoint after 16 failed attempts in a row, not before", () => {
    expect(Webhook.shouldDisable(Webhook.disableAfterFailedAttempts - 1)).toBe(false);
    expect(Webhook.shouldDisable(Webhook.disableAfterFailedAttempts)).toBe(true);
  });

  it("counts any 2xx answer as delivered, and redirects and errors as failures", () => {
    expect([200, 201, 204, 299].every(Webhook.isDelivered)).toBe(true);
    expect([199, 301, 302, 400, 410, 500, 503].some(Webhook.isDelivered)).toBe(false);
  });
});
