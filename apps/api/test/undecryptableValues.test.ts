import { CryptoLive, Database, type Executor, queryWith, Schema as Tables } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { Ports } from "@comensha/domain";
import { and, eq } from "drizzle-orm";
import { Effect, Redacted } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../src/logger.js";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

/** Keys this database never saw: what they encrypt cannot be read by the server under test. */
const otherKeys = {
  encryptionKey: Redacted.make(new Uint8Array(32).fill(3)),
  indexKey: Redacted.make(new Uint8Array(32).fill(4)),
};

const needs = { targetGroup: "women", children: 0, urgency: "tonight", security: "high", languages: ["en"] };
const nilId = "01900000-0000-7000-8000-000000000000";

describe.each(testDatabaseKinds())("free text and old versions that do not decrypt (%s)", (kind) => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  const lines: Array<{ level: string; msg: string; fields: Record<string, unknown> }> = [];
  const logger: Logger = (level, msg, fields = {}) => lines.push({ level, msg, fields });
  let n = 0;
  const ids = { registration: "", person: "", damagedRequest: "", request: "", duplicate: "", shelter: "" };

  const post = (as: ReturnType<typeof caller>, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    as(path, {
      method: "POST",
      ...(body === undefined ? {} : { body }),
      headers: { "Idempotency-Key": `undecryptable-${kind}-${++n}`, ...headers },
    });
  const json = async (response: Response) => {
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return (await response.json()) as Json;
  };

  /** Encrypts `plaintext` under keys the server does not have, as a value of the given context. */
  const foreign = (plaintext: string, context: string) =>
    api.runtime.runPromise(
      Effect.flatMap(Ports.Crypto, (crypto) => crypto.encrypt(plaintext, context)).pipe(
        Effect.provide(CryptoLive(otherKeys)),
      ),
    );
  const write = <A>(run: (db: Executor) => PromiseLike<A>) =>
    api.runtime.runPromise(Effect.flatMap(Database, (database) => queryWith(database)(run)));

  beforeAll(async () => {
    api = await openTestApi(kind, logger);
    police = caller(api, (await makeOrganisation(api, { name: "Politie Sleutel", kind: "police" })).apiKey);
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha", kind: "other", role: "coordinator" })).apiKey,
    );
    const admin = caller(api, (await makeOrganisation(api, { name: "Beheer", kind: "other", role: "admin" })).apiKey);

    // A registration corrected once (two versions), and a second report of the same person (a duplicate, dismissed).
    const registration = await json(await post(police, "/v1/registrations", registrationBody()));
    ids.registration = registration.id as string;
    ids.person = registration.personId as string;
    await json(
      await police(`/v1/registrations/${ids.registration}`, {
        method: "PUT",
        body: registrationBody({ dossierType: "registration" }),
        headers: { "If-Match": '"1"' },
      }),
    );
    const base = registrationBody().person;
    await json(await post(police, "/v1/registrations", registrationBody({ person: { ...base, givenNames: "Petya" } })));
    const duplicates = (await json(await coordinator("/v1/duplicates"))).data as Array<Json>;
    ids.duplicate = duplicates[0]?.id as string;
    await json(await post(coordinator, `/v1/duplicates/${ids.duplicate}/dismiss`, { reason: "Two sisters" }));

    // Two placement requests with medical needs; the first gets an offer with a COSM override reason.
    const shelter = await json(
      await post(admin, "/v1/shelters", {
        name: "COSM Sleutel",
        kind: "cosm",
        region: "midden_nederland",
        places: [
          { label: "S1", targetGroup: "women", securityLevel: "high", accessible: false, roomForChildren: false },
        ],
      }),
    );
    ids.shelter = shelter.id as string;
    const place = (shelter.places as Array<Json>)[0]?.id as string;
    for (const key of ["damagedRequest", "request"] as const) {
      const request = await json(
        await post(police, "/v1/placement-requests", {
          registrationId: ids.registration,
          needs: { ...needs, medicalNeeds: `Insulin (${key})` },
        }),
      );
      ids[key] = request.id as string;
    }
    await json(await post(coordinator, `/v1/placement-requests/${ids.damagedRequest}/start-search`));
    await json(
      await post(coordinator, `/v1/placement-requests/${ids.damagedRequest}/offers`, {
        placeId: place,
        startsOn: "2026-11-21",
        expiresAt: "2099-01-01T00:00:00Z",
        override: { reason: "Acute danger, no other safe place tonight" },
      }),
    );

    // Now each kind of encrypted value gets one value the server cannot read.
    const [offer] = await write((db) =>
      db.select().from(Tables.placementOffers).where(eq(Tables.placementOffers.requestId, ids.damagedRequest)),
    );
    const offerId = offer?.id as string;
    const damage = {
      medicalNeeds: await foreign("Insulin", `placement_request:${ids.damagedRequest}`),
      decisionReason: await foreign("Two sisters", `duplicate:${ids.duplicate}:decision_reason`),
      overrideReason: await foreign("Acute danger", `offer:${offerId}:override_reason`),
      firstVersion: await foreign(
        JSON.stringify({ familyName: "Voorbeeld", givenNames: "Anna", aliases: [] }),
        `registration:${ids.registration}:1`,
      ),
    };
    await write((db) =>
      db
        .update(Tables.placementRequests)
        .set({ medicalNeeds: damage.medicalNeeds })
        .where(eq(Tables.placementRequests.id, ids.damagedRequest)),
    );
    await write((db) =>
      db
        .update(Tables.duplicates)
        .set({ decisionReason: damage.decisionReason })
        .where(eq(Tables.duplicates.id, ids.duplicate)),
    );
    await write((db) =>
      db
        .update(Tables.placementOffers)
        .set({ overrideReason: damage.overrideReason })
        .where(eq(Tables.placementOffers.id, offerId)),
    );
    await write((db) =>
      db
        .update(Tables.registrationVersions)
        .set({ identifiers: damage.firstVersion })
        .where(
          and(
            eq(Tables.registrationVersions.registrationId, ids.registration),
            eq(Tables.registrationVersions.version, 1),
          ),
        ),
    );
  }, 120_000);
  afterAll(() => api?.close());

  it("answers every GET operation of the API without a server error", async () => {
    const document = (await (await coordinator("/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const idFor = (path: string) =>
      path.startsWith("/v1/registrations")
        ? ids.registration
        : path.startsWith("/v1/placement-requests")
          ? ids.damagedRequest
          : path.startsWith("/v1/duplicates")
            ? ids.duplicate
            : path.startsWith("/v1/persons")
              ? ids.person
              : path.startsWith("/v1/shelters")
                ? ids.shelter
                : nilId;
    const answers: Array<string> = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      if (!("get" in operations)) continue;
      const concrete = path.replace(/\{[^}]+\}/g, () => idFor(path));
      const response = await coordinator(concrete);
      answers.push(`${response.status} GET ${path}`);
    }
    expect(answers.length).toBeGreaterThan(20);
    expect(answers.filter((answer) => answer.startsWith("5"))).toEqual([]);
  });

  it("shows a request whose medical needs do not decrypt as such, beside the others, audited and logged", async () => {
    lines.length = 0;
    const damaged = await json(await coordinator(`/v1/placement-requests/${ids.damagedRequest}`));
    expect(damaged.unreadable).toEqual(["needs.medicalNeeds"]);
    expect((damaged.needs as Json).medicalNeeds).toBeUndefined();
    expect(lines.find((line) => line.msg === "undecryptable records")?.fields).toMatchObject({
      resource: "placement_request",
      ids: [ids.damagedRequest],
      fields: ["needs.medicalNeeds"],
    });

    const list = (await json(await coordinator("/v1/placement-requests"))).data as Array<Json>;
    const byId = new Map(list.map((request) => [request.id, request]));
    expect(byId.get(ids.damagedRequest)?.unreadable).toEqual(["needs.medicalNeeds"]);
    expect(byId.get(ids.request)?.needs).toMatchObject({ medicalNeeds: "Insulin (request)" });
    expect(byId.get(ids.request)?.unreadable).toBeUndefined();

    const events = await api.runtime.runPromise(Effect.flatMap(Ports.AuditLog, (log) => log.list({ limit: 200 })));
    expect(
      events.data
        .filter((event) => event.action === "placement_request.undecryptable")
        .every((event) => event.resourceId === ids.damagedRequest && event.outcome === "failure"),
    ).toBe(true);
    expect(events.data.some((event) => event.action === "placement_request.undecryptable")).toBe(true);
    expect(JSON.stringify(lines)).not.toContain("Insulin");
  });

  it("shows a duplicate whose decision reason does not decrypt, in the list and alone", async () => {
    const one = await json(await coordinator(`/v1/duplicates/${ids.duplicate}`));
    expect(one).toMatchObject({ status: "dismissed", decisionReason: null, unreadable: ["decisionReason"] });
    const list = (await json(await coordinator("/v1/duplicates?status=dismissed"))).data as Array<Json>;
    expect(list.map((duplicate) => duplicate.id)).toContain(ids.duplicate);
    const events = await api.runtime.runPromise(Effect.flatMap(Ports.AuditLog, (log) => log.list({ limit: 200 })));
    expect(
      events.data.some((event) => event.action === "duplicate.undecryptable" && event.resourceId === ids.duplicate),
    ).toBe(true);
  });

  it("lists the versions that decrypt and names the one that does not", async () => {
    lines.length = 0;
    const versions = (await json(await coordinator(`/v1/registrations/${ids.registration}/versions`)))
      .data as Array<Json>;
    expect(versions.map((version) => version.version)).toEqual([2]);
    expect(lines.find((line) => line.msg === "undecryptable records")?.fields).toMatchObject({
      resource: "registration",
      ids: [ids.registration],
      fields: ["versions.1.identifiers"],
    });
  });

  it("accepts an offer whose override reason does not decrypt: nothing needs to read it again", async () => {
    const accepted = await post(police, `/v1/placement-requests/${ids.damagedRequest}/accept`);
    expect(accepted.status).toBe(201);
  });
});
