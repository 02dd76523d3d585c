import { type Organisation, Ports, Webhook } from "@comensha/domain";
import { sql } from "drizzle-orm";
import { Effect, type Layer, ManagedRuntime, Redacted } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database, storageLayer } from "../src/index.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";

const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
  Array.isArray(result) ? result : ((result as { rows: Array<Record<string, unknown>> }).rows ?? []);

const registrationId = "0193a0b0-0000-7000-8000-000000000001";

describe.each(testDatabaseKinds())("webhook endpoints and deliveries on %s", (kind) => {
  let database: TestDatabase;
  let runtime: ManagedRuntime.ManagedRuntime<Layer.Success<ReturnType<typeof storageLayer>>, unknown>;
  let police: Organisation.OrganisationId;
  let shelter: Organisation.OrganisationId;
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Success<ReturnType<typeof storageLayer>>>) =>
    runtime.runPromise(effect);
  const repository = Effect.service(Ports.WebhookRepository);
  const raw = (statement: ReturnType<typeof sql>) =>
    run(Effect.flatMap(Database, (db) => Effect.promise(() => db.drizzle.execute(statement)))).then(rowsOf);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    runtime = ManagedRuntime.make(storageLayer({ database: database.config, keys: testKeys }));
    await run(Effect.flatMap(Database, (db) => db.migrate));
    const organisations = await run(
      Effect.flatMap(Effect.service(Ports.OrganisationRepository), (repo) =>
        Effect.all([
          repo.create({ name: "Politie Test", kind: "police", region: "amsterdam" }),
          repo.create({ name: "Opvang Test", kind: "shelter" }),
        ]),
      ),
    );
    police = organisations[0].id;
    shelter = organisations[1].id;
  });
  afterAll(async () => {
    await runtime?.dispose();
    await database?.drop();
  });

  const createEndpoint = (organisationId: Organisation.OrganisationId, events: Array<Webhook.WebhookEventType>) =>
    run(
      Effect.flatMap(repository, (repo) =>
        repo.createEndpoint({
          organisationId,
          endpoint: { url: "https://partner.example/hooks", events },
          secret: Redacted.make("whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"),
        }),
      ),
    );
  const enqueue = (organisationId: Organisation.OrganisationId, type: Webhook.WebhookEventType) =>
    run(
      Effect.flatMap(Effect.service(Ports.Transactor), (transactor) =>
        transactor.transaction(
          Effect.flatMap(repository, (repo) =>
            repo.enqueue(organisationId, { type, data: { registrationId, status: "received", version: 1 } } as never),
          ),
        ),
      ),
    );
  const claim = () => run(Effect.flatMap(repository, (repo) => repo.claimDue(50, 60)));
  const makeDue = () => raw(sql`update webhook_deliveries set next_attempt_at = now() where status = 'pending'`);

  it("writes a delivery for each active endpoint of the organisation subscribed to the event, and no other", async () => {
    const received = await createEndpoint(police, ["registration.received"]);
    const placed = await createEndpoint(police, ["placement_request.placed"]);
    const other = await createEndpoint(shelter, ["registration.received"]);
    expect(received.status).toBe("active");
    expect(received.events).toEqual(["registration.received"]);

    await enqueue(police, "registration.received");
    const rows = await raw(sql`select endpoint_id, event from webhook_deliveries`);
    expect(rows.map((row) => String(row.endpoint_id))).toEqual([received.id]);
    expect(rows.map((row) => String(row.endpoint_id))).not.toContain(placed.id);
    expect(rows.map((row) => String(row.endpoint_id))).not.toContain(other.id);

    const claimed = await claim();
    expect(claimed).toHaveLength(1);
    const [attempt] = claimed;
    expect(attempt?.url).toBe("https://partner.example/hooks");
    expect(Redacted.value(attempt?.secret ?? Redacted.make(""))).toBe("whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0");
    expect(attempt?.delivery.event).toEqual({
      type: "registration.received",
      timestamp: attempt?.delivery.createdAt,
      data: { registrationId, status: "received", version: 1 },
    });
    expect(attempt?.delivery.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Claimed for an attempt: no second worker gets it while the lease runs.
    expect(await claim()).toEqual([]);
    await run(Effect.flatMap(repository, (repo) => repo.deleteEndpoint(received.id, police)));
    await run(Effect.flatMap(repository, (repo) => repo.deleteEndpoint(placed.id, police)));
    await run(Effect.flatMap(repository, (repo) => repo.deleteEndpoint(other.id, shelter)));
    expect(await raw(sql`select id from webhook_deliveries`)).toEqual([]);
  });

  it("stores the signing secret encrypted, never as written", async () => {
    const endpoint = await createEndpoint(police, ["registration.received"]);
    const [row] = await raw(
      sql`select encode(secret, 'hex') as secret from webhook_endpoints where id = ${endpoint.id}`,
    );
    expect(String(row?.secret)).not.toContain(Buffer.from("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0").toString("hex"));
    expect(String(row?.secret).length).toBeGreaterThan(40);
    await run(Effect.flatMap(repository, (repo) => repo.deleteEndpoint(endpoint.id, police)));
  });

  it("schedules a failed attempt again, gives up when the retries are spent, and counts a success as delivered", async () => {
    const endpoint = await createEndpoint(police, ["registration.received"]);
    await enqueue(police, "registration.received");
    const [first] = await claim();
    const id = first?.delivery.id as Webhook.WebhookDeliveryId;
    await run(
      Effect.flatMap(repository, (repo) =>
        repo.recordAttempt({ id, delivered: false, responseStatus: 500, error: "HTTP 500", retryInSeconds: 3600 }),
      ),
    );
    const [retrying] = await raw(
      sql`select status, attempts, next_attempt_at > now() + interval '59 minutes' as later from webhook_deliveries where id = ${id}`,
    );
    expect(retrying).toMatchObject({ status: "pending", attempts: 1, later: true });
    expect(await claim()).toEqual([]);
    await makeDue();
    expect((await claim()).map((attempt) => attempt.delivery.attempts)).toEqual([1]);
    await run(
      Effect.flatMap(repository, (repo) =>
        repo.recordAttempt({ id, delivered: true, responseStatus: 204, error: null, retryInSeconds: undefined }),
      ),
    );
    const page = await run(
      Effect.flatMap(repository, (repo) => repo.listDeliveries(endpoint.id, police, { limit: 10 })),
    );
    expect(page.data.map((delivery) => [delivery.status, delivery.attempts, delivery.lastResponseStatus])).toEqual([
      ["succeeded", 2, 204],
    ]);
    expect(page.data[0]?.deliveredAt).not.toBeNull();
    expect(
      (await run(Effect.flatMap(repository, (repo) => repo.findEndpoint(endpoint.id, police)))).failedAttemptsInARow,
    ).toBe(0);

    // Given up: no retry left.
    await enqueue(police, "registration.received");
    const [second] = await claim();
    await run(
      Effect.flatMap(repository, (repo) =>
        repo.recordAttempt({
          id: second?.delivery.id as Webhook.WebhookDeliveryId,
          delivered: false,
          responseStatus: null,
          error: "timeout",
          retryInSeconds: undefined,
        }),
      ),
    );
    await makeDue();
    expect(await claim()).toEqual([]);

    // A replay sends it again, with the same id and a new set of attempts.
    const replayed = await run(
      Effect.flatMap(repository, (repo) =>
        repo.replay(second?.delivery.id as Webhook.WebhookDeliveryId, endpoint.id, police),
      ),
    );
    expect([replayed.status, replayed.attempts]).toEqual(["pending", 0]);
    expect((await claim()).map((attempt) => attempt.delivery.id)).toEqual([second?.delivery.id]);
    await run(Effect.flatMap(repository, (repo) => repo.deleteEndpoint(endpoint.id, police)));
  });

  it("disables an endpoint at 16 failed attempts in a row, and sends nothing to it until it is enabled", async () => {
    const endpoint = await createEndpoint(police, ["registration.received"]);
    const disabledAt: Array<boolean> = [];
    for (let attempt = 1; attempt <= Webhook.disableAfterFailedAttempts; attempt += 1) {
      await enqueue(police, "registration.received");
      const [claimed] = await claim();
      const { endpointDisabled } = await run(
        Effect.flatMap(repository, (repo) =>
          repo.recordAttempt({
            id: claimed?.delivery.id as Webhook.WebhookDeliveryId,
            delivered: false,
            responseStatus: 503,
            error: "HTTP 503",
            retryInSeconds: 0,
          }),
        ),
      );
      disabledAt.push(endpointDisabled);
      await raw(sql`update webhook_deliveries set status = 'failed' where status = 'pending'`);
    }
    expect(disabledAt.indexOf(true)).toBe(Webhook.disableAfterFailedAttempts - 1);
    expect(disabledAt.filter(Boolean)).toHaveLength(1);
    const disabled = await run(Effect.flatMap(repository, (repo) => repo.findEndpoint(endpoint.id, police)));
    expect([disabled.status, disabled.failedAttemptsInARow, disabled.disabledAt === null]).toEqual([
      "disabled",
      16,
      false,
    ]);
    // Disabled: no new delivery is written for it.
    await enqueue(police, "registration.received");
    expect(await claim()).toEqual([]);
    const enabled = await run(
      Effect.flatMap(repository, (repo) => repo.setEndpointStatus(endpoint.id, police, "active")),
    );
    expect([enabled.status, enabled.failedAttemptsInARow, enabled.disabledAt]).toEqual(["active", 0, null]);
    await enqueue(police, "registration.received");
    expect(await claim()).toHaveLength(1);
    await run(Effect.flatMap(repository, (repo) => repo.deleteEndpoint(endpoint.id, police)));
  });

  it("keeps an organisation's endpoints and deliveries from another organisation", async () => {
    const endpoint = await createEndpoint(police, ["registration.received"]);
    const outside = await run(
      Effect.flip(Effect.flatMap(repository, (repo) => repo.findEndpoint(endpoint.id, shelter))),
    );
    expect(outside._tag).toBe("WebhookEndpointNotFound");
    const deliveries = await run(
      Effect.flip(Effect.flatMap(repository, (repo) => repo.listDeliveries(endpoint.id, shelter, { limit: 10 }))),
    );
    expect(deliveries._tag).toBe("WebhookEndpointNotFound");
    expect(await run(Effect.flatMap(repository, (repo) => repo.listEndpoints(shelter)))).toEqual([]);
    await run(Effect.flatMap(repository, (repo) => repo.deleteEndpoint(endpoint.id, police)));
  });
});
