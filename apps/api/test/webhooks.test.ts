import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { testDatabaseKinds } from "@comensha/db/testing";
import { webhooks } from "@comensha/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookDispatcher, type WebhookDispatcher } from "../src/webhookDispatcher.js";
import { caller, makeOrganisation, openTestApi, registrationBody, reportPerson, type TestApi } from "./support.js";

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly status: number;
}

/** A partner's receiver on this machine: records every request, and answers each as `answer` says. */
const openReceiver = async () => {
  const received: Array<Received> = [];
  let answer: (headers: IncomingHttpHeaders) => number = () => 204;
  const server: Server = createServer((request, response) => {
    const chunks: Array<Buffer> = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const status = answer(request.headers);
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), status });
      response.writeHead(status).end(status >= 400 ? "no" : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    answerWith: (next: (headers: IncomingHttpHeaders) => number) => {
      answer = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds (it is asked every 50 ms, for up to 20 s). */
const eventually = async (check: () => boolean) => {
  const until = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await sleep(50);
  }
};

const idOf = (entry: Received) => String(entry.headers["webhook-id"]);

describe.each(testDatabaseKinds())("webhooks on %s", (kind) => {
  let api: TestApi;
  let receiver: Awaited<ReturnType<typeof openReceiver>>;
  let dispatcher: WebhookDispatcher;
  let police: ReturnType<typeof caller>;
  let otherPartner: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  let endpoint: { id: string; secret: string };

  beforeAll(async () => {
    api = await openTestApi(kind);
    receiver = await openReceiver();
    // The real schedule (5 s, 5 min, 30 min, ...) in thousandths: the third retry comes about 2 s after the first try.
    dispatcher = startWebhookDispatcher(api.runtime, {
      pollMs: 50,
      batch: 50,
      timeoutMs: 2000,
      retryScale: 0.001,
      allowInternal: true,
    });
    police = caller(api, (await makeOrganisation(api, { name: "Politie (webhooks)", kind: "police" })).apiKey);
    otherPartner = caller(api, (await makeOrganisation(api, { name: "FairWork (webhooks)", kind: "fairwork" })).apiKey);
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha (webhooks)", kind: "other", role: "coordinator" })).apiKey,
    );
  });
  afterAll(async () => {
    await dispatcher?.stop();
    await receiver?.close();
    await api?.close();
  });

  it("registers an endpoint, showing its secret once, and refuses what it must", async () => {
    const created = await police("/v1/webhook-endpoints", {
      method: "POST",
      body: {
        url: receiver.url,
        events: ["registration.received", "registration.status_changed"],
        description: "Zaaksysteem test",
      },
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; secret: string; status: string; events: Array<string> };
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect([body.status, body.events]).toEqual(["active", ["registration.received", "registration.status_changed"]]);
    expect(created.headers.get("location")).toBe(`/v1/webhook-endpoints/${body.id}`);
    endpoint = body;

    const read = await (await police(`/v1/webhook-endpoints/${body.id}`)).json();
    expect(read).not.toHaveProperty("secret");
    const listed = (await (await police("/v1/webhook-endpoints")).json()) as { data: Array<{ id: string }> };
    expect(listed.data.map((one) => one.id)).toEqual([body.id]);
    expect(JSON.stringify(listed)).not.toContain(body.secret);

    const refused = async (input: Record<string, unknown>) =>
      (
        await police("/v1/webhook-endpoints", {
          method: "POST",
          body: input,
          headers: { "Idempotency-Key": crypto.randomUUID() },
        })
      ).status;
    expect(await refused({ url: "http://partner.example/hooks", events: ["registration.received"] })).toBe(422);
    expect(await refused({ url: "https://partner.example/hooks", events: [] })).toBe(422);
    expect(await refused({ url: "https://partner.example/hooks", events: ["person.merged"] })).toBe(422);

    // Another organisation sees none of it; roles other than partner may not use it.
    expect((await otherPartner(`/v1/webhook-endpoints/${body.id}`)).status).toBe(404);
    expect((await otherPartner(`/v1/webhook-endpoints/${body.id}/deliveries`)).status).toBe(404);
    expect(((await (await otherPartner("/v1/webhook-endpoints")).json()) as { data: [] }).data).toEqual([]);
    const policy = caller(
      api,
      (await makeOrganisation(api, { name: "Beleid (webhooks)", kind: "other", role: "policy" })).apiKey,
    );
    expect((await policy("/v1/webhook-endpoints")).status).toBe(403);
  });

  it("posts each event once per attempt, signed so the SDK verifies it, and with ids and states only", async () => {
    receiver.answerWith(() => 204);
    const before = receiver.received.length;
    const person = registrationBody().person as Record<string, unknown>;
    const created = await police("/v1/registrations", {
      method: "POST",
      body: registrationBody({ person: { ...person, documentNumber: "NX9876543" } }),
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    expect(created.status).toBe(201);
    const registration = (await created.json()) as { id: string };
    await eventually(() => receiver.received.length > before);

    const withdrawn = await police(`/v1/registrations/${registration.id}/withdraw`, {
      method: "POST",
      body: { reason: "reported twice by mistake" },
      headers: { "If-Match": '"1"' },
    });
    expect(withdrawn.status).toBe(200);
    await eventually(() => receiver.received.length >= before + 2);
    await sleep(300);

    const mine = receiver.received.slice(before);
    const events = mine.map((entry) => webhooks.verify(entry.body, entry.headers, endpoint.secret));
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ["registration.received", { registrationId: registration.id, status: "received", version: 1 }],
      ["registration.status_changed", { registrationId: registration.id, status: "withdrawn", version: 2 }],
    ]);
    // Exactly once each: two deliveries, two requests, two ids.
    expect(new Set(mine.map(idOf)).size).toBe(2);
    for (const entry of mine) {
      for (const identifier of ["Voorbeeld", "Anna Maria", "1999-04-12", "NX9876543", "twice by mistake"]) {
        expect(entry.body).not.toContain(identifier);
      }
    }
    const log = (await (await police(`/v1/webhook-endpoints/${endpoint.id}/deliveries`)).json()) as {
      data: Array<{ id: string; status: string; attempts: number; lastResponseStatus: number }>;
    };
    expect(
      log.data.slice(0, 2).map((delivery) => [delivery.status, delivery.attempts, delivery.lastResponseStatus]),
    ).toEqual([
      ["succeeded", 1, 204],
      ["succeeded", 1, 204],
    ]);
    expect(new Set(log.data.slice(0, 2).map((delivery) => delivery.id))).toEqual(new Set(mine.map(idOf)));
  });

  it("retries a receiver that fails three times on the schedule, then delivers; a replay sends it again", async () => {
    const failures = new Map<string, number>();
    receiver.answerWith((headers) => {
      const id = String(headers["webhook-id"]);
      const failed = failures.get(id) ?? 0;
      if (failed >= 3) return 200;
      failures.set(id, failed + 1);
      return 503;
    });
    const before = receiver.received.length;
    const created = await police("/v1/registrations", {
      method: "POST",
      body: registrationBody(),
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    expect(created.status).toBe(201);
    await eventually(() => receiver.received.slice(before).some((entry) => entry.status === 200));
    await sleep(300);
    const attempts = receiver.received.slice(before);
    expect(attempts.map((entry) => entry.status)).toEqual([503, 503, 503, 200]);
    expect(new Set(attempts.map(idOf)).size).toBe(1);
    for (const entry of attempts) webhooks.verify(entry.body, entry.headers, endpoint.secret);
    const [delivery] = (
      (await (await police(`/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=1`)).json()) as {
        data: Array<{ id: string; status: string; attempts: number; lastResponseStatus: number }>;
      }
    ).data;
    expect([delivery?.id, delivery?.status, delivery?.attempts, delivery?.lastResponseStatus]).toEqual([
      idOf(attempts[0] as Received),
      "succeeded",
      4,
      200,
    ]);
    const failedInARow = (
      (await (await police(`/v1/webhook-endpoints/${endpoint.id}`)).json()) as {
        failedAttemptsInARow: number;
      }
    ).failedAttemptsInARow;
    expect(failedInARow).toBe(0);

    const replayed = await police(`/v1/webhook-endpoints/${endpoint.id}/deliveries/${delivery?.id}/replay`, {
      method: "POST",
    });
    expect(replayed.status).toBe(200);
    await eventually(() => receiver.received.length > before + 4);
    const replay = receiver.received.at(-1) as Received;
    expect(idOf(replay)).toBe(delivery?.id);
    expect(webhooks.verify(replay.body, replay.headers, endpoint.secret).type).toBe("registration.received");
    expect(
      (await otherPartner(`/v1/webhook-endpoints/${endpoint.id}/deliveries/${delivery?.id}/replay`, { method: "POST" }))
        .status,
    ).toBe(404);
  });

  it("sends nothing to a disabled endpoint, and nothing more once it is deleted", async () => {
    receiver.answerWith(() => 204);
    expect((await police(`/v1/webhook-endpoints/${endpoint.id}/disable`, { method: "POST" })).status).toBe(200);
    const before = receiver.received.length;
    await police("/v1/registrations", {
      method: "POST",
      body: registrationBody(),
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    await sleep(500);
    expect(receiver.received.length).toBe(before);
    const enabled = (await (
      await police(`/v1/webhook-endpoints/${endpoint.id}/enable`, { method: "POST" })
    ).json()) as {
      status: string;
    };
    expect(enabled.status).toBe("active");
    expect((await police(`/v1/webhook-endpoints/${endpoint.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await police(`/v1/webhook-endpoints/${endpoint.id}`)).status).toBe(404);
    await police("/v1/registrations", {
      method: "POST",
      body: registrationBody(),
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    await sleep(500);
    expect(receiver.received.length).toBe(before);
  });

  it("announces a referral to the organisation it is made to, and its answer to the one that made it", async () => {
    receiver.answerWith(() => 204);
    const care = await makeOrganisation(api, {
      name: "Zorgcoördinatie (webhooks)",
      kind: "care_coordination",
      role: "care",
    });
    const careCaller = caller(api, care.apiKey);
    const subscribe = async (as: ReturnType<typeof caller>, events: Array<string>) => {
      const created = await as("/v1/webhook-endpoints", {
        method: "POST",
        body: { url: receiver.url, events },
        headers: { "Idempotency-Key": crypto.randomUUID() },
      });
      expect(created.status).toBe(201);
      return ((await created.json()) as { secret: string }).secret;
    };
    const careSecret = await subscribe(careCaller, ["referral.received"]);
    const comenshaSecret = await subscribe(coordinator, ["referral.answered"]);
    const before = receiver.received.length;

    const personId = await reportPerson(police, coordinator, {
      familyName: "Webhookverwijzing",
      dateOfBirth: "1994-04-14",
    });
    const referred = await coordinator("/v1/referrals", {
      method: "POST",
      body: { personId, toOrganisationId: care.organisation.id, service: "care_coordination", shareIdentifiers: false },
    });
    const referral = (await referred.json()) as { id: string };
    expect(
      (await careCaller(`/v1/referrals/${referral.id}/answer`, { method: "POST", body: { decision: "accept" } }))
        .status,
    ).toBe(200);

    const verifiedWith = (secret: string) =>
      receiver.received
        .slice(before)
        .flatMap((entry) => {
          try {
            return [webhooks.verify(entry.body, entry.headers, secret)];
          } catch {
            return [];
          }
        })
        .filter((event) => event.type.startsWith("referral."));
    await eventually(() => verifiedWith(careSecret).length > 0 && verifiedWith(comenshaSecret).length > 0);
    expect(verifiedWith(careSecret).map((event) => [event.type, event.data])).toEqual([
      ["referral.received", { referralId: referral.id, state: "pending" }],
    ]);
    expect(verifiedWith(comenshaSecret).map((event) => [event.type, event.data])).toEqual([
      ["referral.answered", { referralId: referral.id, state: "accepted" }],
    ]);
  });
});
