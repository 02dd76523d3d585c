import { testDatabaseKinds } from "@comensha/db/testing";
import { Placement, type PlacementRequest, Ports } from "@comensha/domain";
import {
  Comensha,
  ConflictError,
  type CoordinatorPlacementRequest,
  type Duplicate,
  ForbiddenError,
  NotFoundError,
  type OfferSummary,
  type PlacementSummary,
  ProblemTypes,
} from "@comensha/sdk";
import { Effect, Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "../src/app.js";
import { ProblemType } from "../src/problem.js";
import type { CoordinatorPlacementRequestResponse } from "../src/routes/placementRequests.js";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;
type DeepMutable<T> =
  T extends ReadonlyArray<infer U>
    ? Array<DeepMutable<U>>
    : T extends object
      ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
      : T;
type Wire<S extends Schema.Top> = DeepMutable<S["Encoded"]>;
type Assignable<A, B> = [A] extends [B] ? true : false;
type NoExtraKeys<A, B> = [Exclude<keyof A, keyof B>] extends [never] ? true : false;
type CoordinatorWire = Wire<typeof CoordinatorPlacementRequestResponse>;

/** Compile-time proof that the SDK's coordinator view of a placement request agrees with the API's schema. */
const proofs: Readonly<Record<string, true>> = {
  coordinatorRequestFits: true satisfies Assignable<CoordinatorWire, CoordinatorPlacementRequest>,
  coordinatorRequestNoExtra: true satisfies NoExtraKeys<CoordinatorPlacementRequest, CoordinatorWire>,
  offerFits: true satisfies Assignable<NonNullable<CoordinatorWire["offer"]>, OfferSummary>,
  offerNoExtra: true satisfies NoExtraKeys<OfferSummary, NonNullable<CoordinatorWire["offer"]>>,
  placementFits: true satisfies Assignable<NonNullable<CoordinatorWire["placement"]>, PlacementSummary>,
  placementNoExtra: true satisfies NoExtraKeys<PlacementSummary, NonNullable<CoordinatorWire["placement"]>>,
};

const needs = { targetGroup: "women", children: 0, urgency: "tonight", security: "high", languages: ["en"] };
const farFuture = "2099-01-01T00:00:00Z";
const unknownId = "01900000-0000-7000-8000-000000000000";

describe("the problem types", () => {
  it("are the same in the API and the SDK, and the new conflicts have their own type", () => {
    expect(Object.entries(ProblemTypes).sort()).toEqual(Object.entries(ProblemType).sort());
    expect(ProblemType.offerExpired).toBe("https://comensha.nl/problems/offer-expired");
    expect(ProblemType.shelterClosed).toBe("https://comensha.nl/problems/shelter-closed");
  });
});

describe("the OpenAPI document of the console's lookups", () => {
  const document = openApiDocument() as unknown as {
    paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: Array<string> }> };
  };

  it("describes GET /v1/duplicates/{id} and GET /v1/organisations/{id} with their 404", () => {
    for (const path of ["/v1/duplicates/{id}", "/v1/organisations/{id}"]) {
      expect(Object.keys(document.paths[path]?.get?.responses ?? {})).toEqual(
        expect.arrayContaining(["200", "401", "403", "404"]),
      );
    }
  });

  it("gives the coordinator's placement request its offer and placement, and names the distinct conflicts", () => {
    const coordinatorView = document.components.schemas.CoordinatorPlacementRequest;
    expect(coordinatorView?.required).toEqual(expect.arrayContaining(["personId", "offer", "placement"]));
    expect(Object.keys(document.components.schemas.OfferSummary?.properties ?? {}).sort()).toEqual(
      ["expiresAt", "id", "placeId", "placeLabel", "shelterId", "shelterName", "startsOn"].sort(),
    );
    expect(document.components.schemas.PlacementSummary?.required).toEqual(
      expect.arrayContaining(["shelterName", "startsOn", "endsOn", "endReason"]),
    );
    const accept = document.paths["/v1/placement-requests/{id}/accept"]?.post?.responses["409"]?.description;
    expect(accept).toContain("offer-expired");
    expect(accept).toContain("place-already-booked");
    expect(document.paths["/v1/placement-requests/{id}/offers"]?.post?.responses["409"]?.description).toContain(
      "shelter-closed",
    );
  });
});

describe.each(testDatabaseKinds())("the console's lookups on %s", (kind) => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  let admin: ReturnType<typeof caller>;
  let auditor: ReturnType<typeof caller>;
  let policy: ReturnType<typeof caller>;
  let sdk: (apiKey: string, onFetch?: () => void) => Comensha;
  let keys: { readonly coordinator: string; readonly admin: string; readonly police: string };
  let policeId: string;
  let n = 0;

  beforeAll(async () => {
    api = await openTestApi(kind);
    const politie = await makeOrganisation(api, { name: "Politie Opzoeken", kind: "police" });
    policeId = politie.organisation.id;
    const comensha = await makeOrganisation(api, { name: "CoMensha Opzoeken", kind: "other", role: "coordinator" });
    const beheer = await makeOrganisation(api, { name: "Beheer Opzoeken", kind: "other", role: "admin" });
    keys = { coordinator: comensha.apiKey, admin: beheer.apiKey, police: politie.apiKey };
    police = caller(api, politie.apiKey);
    coordinator = caller(api, comensha.apiKey);
    admin = caller(api, beheer.apiKey);
    auditor = caller(api, (await makeOrganisation(api, { name: "Audit", kind: "other", role: "auditor" })).apiKey);
    policy = caller(api, (await makeOrganisation(api, { name: "Beleid", kind: "other", role: "policy" })).apiKey);
    sdk = (apiKey, onFetch) =>
      new Comensha({
        apiKey,
        baseUrl: "http://api.test",
        fetch: async (url, init) => {
          onFetch?.();
          return api.app.request(url, init);
        },
      });
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = (as: ReturnType<typeof caller>, path: string, body?: unknown) =>
    as(path, {
      method: "POST",
      ...(body === undefined ? {} : { body }),
      headers: { "Idempotency-Key": `lookup-${kind}-${++n}` },
    });

  const json = async (response: Response | Promise<Response>) => (await (await response).json()) as Json;

  /** A COSM with one place; answers the shelter and place ids. */
  const newShelter = async (name: string, label = "K1") => {
    const shelter = await json(
      post(admin, "/v1/shelters", {
        name,
        kind: "cosm",
        region: "midden_nederland",
        places: [{ label, targetGroup: "women", securityLevel: "high", accessible: false, roomForChildren: false }],
      }),
    );
    const [place] = shelter.places as Array<{ id: string }>;
    return { shelterId: shelter.id as string, placeId: place?.id as string };
  };

  /** A request for an adult non-Dutch woman in her reflection period, with consent, picked up by a coordinator. */
  const searchingRequest = async () => {
    const registration = await json(post(police, "/v1/registrations", registrationBody()));
    const request = await json(post(police, "/v1/placement-requests", { registrationId: registration.id, needs }));
    await post(coordinator, `/v1/placement-requests/${request.id}/start-search`);
    return request.id as string;
  };

  /** An offer made earlier that has lapsed since: written through the ports, as the API refuses to make one. */
  const lapsedOffer = (id: string, placeId: string, startsOn: string) =>
    api.runtime.runPromise(
      Effect.gen(function* () {
        const requestId = id as PlacementRequest.PlacementRequestId;
        yield* (yield* Ports.PlacementRequestRepository).transition({ id: requestId, event: "Offer" });
        const offer = Schema.decodeUnknownSync(Placement.NewOffer)({
          placeId,
          startsOn,
          expiresAt: "2020-01-01T00:00:00Z",
        });
        yield* (yield* Ports.PlacementRepository).createOffer(requestId, offer);
      }),
    );

  it("shows a coordinator the open offer and then the placement of a request, and a partner neither", async () => {
    const { shelterId, placeId } = await newShelter("COSM Zichtbaar", "Kamer 3");
    const id = await searchingRequest();
    expect(await json(coordinator(`/v1/placement-requests/${id}`))).toMatchObject({ offer: null, placement: null });

    const offered = await post(coordinator, `/v1/placement-requests/${id}/offers`, {
      placeId,
      startsOn: "2026-11-21",
      expiresAt: farFuture,
    });
    expect(offered.status).toBe(201);
    const offerId = ((await offered.json()) as Json).id;
    const seen = await json(coordinator(`/v1/placement-requests/${id}`));
    expect(seen.state).toBe("offered");
    expect(seen.offer).toEqual({
      id: offerId,
      placeId,
      placeLabel: "Kamer 3",
      shelterId,
      shelterName: "COSM Zichtbaar",
      startsOn: "2026-11-21",
      expiresAt: "2099-01-01T00:00:00.000Z",
    });
    expect(seen.placement).toBeNull();
    const byPartner = await json(police(`/v1/placement-requests/${id}`));
    expect(byPartner.state).toBe("offered");
    expect(byPartner).not.toHaveProperty("offer");
    expect(byPartner).not.toHaveProperty("placement");
    expect(byPartner).not.toHaveProperty("personId");

    const accepted = await json(post(police, `/v1/placement-requests/${id}/accept`));
    const placed = await json(coordinator(`/v1/placement-requests/${id}`));
    expect(placed).toMatchObject({ state: "placed", offer: null });
    expect(placed.placement).toEqual({
      id: accepted.id,
      placeId,
      placeLabel: "Kamer 3",
      shelterId,
      shelterName: "COSM Zichtbaar",
      startsOn: "2026-11-21",
      endsOn: null,
      endReason: null,
    });

    await post(coordinator, `/v1/placement-requests/${id}/end`, { endsOn: "2026-12-24", reason: "moved_on" });
    const ended = await json(coordinator(`/v1/placement-requests/${id}`));
    expect(ended.state).toBe("ended");
    expect(ended.placement).toMatchObject({ id: accepted.id, endsOn: "2026-12-24", endReason: "moved_on" });
    expect(await json(police(`/v1/placement-requests/${id}`))).not.toHaveProperty("placement");
  });

  it("drops the offer from the request once it is declined or the request is cancelled", async () => {
    const { placeId } = await newShelter("COSM Afgewezen");
    const declinedId = await searchingRequest();
    await post(coordinator, `/v1/placement-requests/${declinedId}/offers`, {
      placeId,
      startsOn: "2026-11-21",
      expiresAt: farFuture,
    });
    const declined = await json(post(coordinator, `/v1/placement-requests/${declinedId}/decline`));
    expect(declined).toMatchObject({ state: "searching", offer: null, placement: null });

    const cancelledId = await searchingRequest();
    await post(coordinator, `/v1/placement-requests/${cancelledId}/offers`, {
      placeId,
      startsOn: "2026-11-21",
      expiresAt: farFuture,
    });
    const cancelled = await json(post(coordinator, `/v1/placement-requests/${cancelledId}/cancel`));
    expect(cancelled).toMatchObject({ state: "cancelled", offer: null, placement: null });
    expect(await json(coordinator(`/v1/placement-requests/${cancelledId}`))).toMatchObject({ offer: null });
    const openOffers = await api.runtime.runPromise(
      Effect.flatMap(Ports.PlacementRepository, (repository) =>
        Effect.all([
          repository.findOpenOffer(cancelledId as PlacementRequest.PlacementRequestId),
          repository.findOpenOffer(declinedId as PlacementRequest.PlacementRequestId),
        ]),
      ),
    );
    expect(openOffers).toEqual([undefined, undefined]);
  });

  it("gives every request of a list page its own offer and placement, read in one batch", async () => {
    const first = await newShelter("COSM Lijst Een", "A1");
    const second = await newShelter("COSM Lijst Twee", "B1");
    const offeredId = await searchingRequest();
    const placedId = await searchingRequest();
    const waitingId = await searchingRequest();
    await post(coordinator, `/v1/placement-requests/${offeredId}/offers`, {
      placeId: first.placeId,
      startsOn: "2026-11-22",
      expiresAt: farFuture,
    });
    await post(coordinator, `/v1/placement-requests/${placedId}/offers`, {
      placeId: second.placeId,
      startsOn: "2026-11-23",
      expiresAt: farFuture,
    });
    await post(coordinator, `/v1/placement-requests/${placedId}/accept`);

    const page = (await json(coordinator("/v1/placement-requests?limit=3"))) as { data: Array<Json> };
    const byId = new Map(page.data.map((request) => [request.id, request]));
    expect([...byId.keys()]).toEqual([waitingId, placedId, offeredId]);
    expect(byId.get(waitingId)).toMatchObject({ offer: null, placement: null });
    expect(byId.get(offeredId)).toMatchObject({
      offer: { shelterName: "COSM Lijst Een", placeLabel: "A1", startsOn: "2026-11-22" },
      placement: null,
    });
    expect(byId.get(placedId)).toMatchObject({
      offer: null,
      placement: { shelterName: "COSM Lijst Twee", placeLabel: "B1", startsOn: "2026-11-23", endsOn: null },
    });
    const partnerPage = (await json(police("/v1/placement-requests?limit=3"))) as { data: Array<Json> };
    expect(partnerPage.data).toHaveLength(3);
    for (const request of partnerPage.data) expect(request).not.toHaveProperty("offer");

    const summaries = await api.runtime.runPromise(
      Effect.flatMap(Ports.PlacementRepository, (repository) =>
        repository.summarise([offeredId, placedId, waitingId] as Array<PlacementRequest.PlacementRequestId>),
      ),
    );
    expect(summaries.get(offeredId as PlacementRequest.PlacementRequestId)?.offer?.shelterId).toBe(first.shelterId);
    expect(summaries.get(placedId as PlacementRequest.PlacementRequestId)?.placement?.shelterId).toBe(second.shelterId);
    expect(summaries.has(waitingId as PlacementRequest.PlacementRequestId)).toBe(false);
    const none = await api.runtime.runPromise(
      Effect.flatMap(Ports.PlacementRepository, (repository) => repository.summarise([])),
    );
    expect(none.size).toBe(0);
  });

  it("answers a lapsed offer with 409 offer-expired and a closed shelter with 409 shelter-closed", async () => {
    const { shelterId, placeId } = await newShelter("COSM Verlopen");
    const lapsedId = await searchingRequest();
    const refused = await post(coordinator, `/v1/placement-requests/${lapsedId}/offers`, {
      placeId,
      startsOn: "2026-11-21",
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      type: ProblemType.validationFailed,
      errors: [{ path: "/expiresAt", message: "an offer must expire after the moment it is made" }],
    });
    expect(await json(coordinator(`/v1/placement-requests/${lapsedId}`))).toMatchObject({
      state: "searching",
      offer: null,
    });
    await lapsedOffer(lapsedId, placeId, "2026-11-21");
    const lapsed = await post(police, `/v1/placement-requests/${lapsedId}/accept`);
    expect(lapsed.status).toBe(409);
    expect(await lapsed.json()).toMatchObject({
      type: ProblemType.offerExpired,
      title: "The offer has lapsed",
      detail: expect.stringContaining("2020-01-01T00:00:00.000Z"),
    });
    expect(await json(coordinator(`/v1/placement-requests/${lapsedId}`))).toMatchObject({
      state: "offered",
      offer: { expiresAt: "2020-01-01T00:00:00.000Z" },
    });

    await admin(`/v1/shelters/${shelterId}`, { method: "PATCH", body: { status: "closed" } });
    const closedId = await searchingRequest();
    const closed = await post(coordinator, `/v1/placement-requests/${closedId}/offers`, {
      placeId,
      startsOn: "2026-11-21",
      expiresAt: farFuture,
    });
    expect(closed.status).toBe(409);
    expect(await closed.json()).toMatchObject({ type: ProblemType.shelterClosed, status: 409 });
    expect(await json(coordinator(`/v1/placement-requests/${closedId}`))).toMatchObject({
      state: "searching",
      offer: null,
    });

    const illegal = await post(coordinator, `/v1/placement-requests/${closedId}/accept`);
    expect(illegal.status).toBe(409);
    expect(((await illegal.json()) as Json).type).toBe(ProblemType.invalidState);
  });

  it("reads one possible duplicate for coordinators, audited, and 404 for an unknown one", async () => {
    const person = { familyName: "Dubbelzoek", aliases: [], sex: "female", nationalities: ["UA"] };
    await post(
      police,
      "/v1/registrations",
      registrationBody({ person: { ...person, givenNames: "Ilse", dateOfBirth: "1994-02-02" } }),
    );
    const second = await json(
      post(
        police,
        "/v1/registrations",
        registrationBody({ person: { ...person, givenNames: "Ilze", dateOfBirth: "1994-02-02" } }),
      ),
    );
    const list = (await json(coordinator("/v1/duplicates?status=open"))) as { data: Array<Json> };
    const listed = list.data.find((duplicate) => duplicate.registrationId === second.id);
    expect(listed).toBeDefined();
    const read = await coordinator(`/v1/duplicates/${listed?.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(listed);

    const unknown = await coordinator(`/v1/duplicates/${unknownId}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("Content-Type")).toBe("application/problem+json");
    expect(((await unknown.json()) as Json).type).toBe(ProblemType.notFound);
    expect((await coordinator("/v1/duplicates/not-an-id")).status).toBe(404);
    expect((await police(`/v1/duplicates/${listed?.id}`)).status).toBe(403);
    expect((await policy(`/v1/duplicates/${listed?.id}`)).status).toBe(403);
    expect((await admin(`/v1/duplicates/${listed?.id}`)).status).toBe(403);

    const events = ((await json(auditor("/v1/audit-events?limit=20"))).data as Array<Json>).filter(
      (event) => event.action === "duplicate.read",
    );
    expect(events.map((event) => [event.resourceId, event.outcome])).toEqual([
      [listed?.id, "denied"],
      [listed?.id, "denied"],
      [listed?.id, "denied"],
      ["not-an-id", "denied"],
      [unknownId, "denied"],
      [listed?.id, "success"],
    ]);
  });

  it("reads one organisation for coordinators and administrators, and 404 for an unknown one", async () => {
    const expected = ((await json(coordinator("/v1/organisations?limit=200"))).data as Array<Json>).find(
      (organisation) => organisation.id === policeId,
    );
    expect(expected).toMatchObject({ name: "Politie Opzoeken", kind: "police", region: null, isComensha: false });
    for (const as of [coordinator, admin]) {
      const read = await as(`/v1/organisations/${policeId}`);
      expect(read.status).toBe(200);
      expect(await read.json()).toEqual(expected);
    }
    const unknown = await admin(`/v1/organisations/${unknownId}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ type: ProblemType.notFound, title: "Organisation not found" });
    expect((await admin("/v1/organisations/nope")).status).toBe(404);
    for (const as of [police, policy, auditor]) expect((await as(`/v1/organisations/${policeId}`)).status).toBe(403);
    const events = ((await json(auditor("/v1/audit-events?limit=20"))).data as Array<Json>).filter(
      (event) => event.action === "organisation.read" && event.resourceId === policeId,
    );
    expect(events.map((event) => event.outcome)).toEqual(["denied", "denied", "denied", "success", "success"]);
  });

  it("works through the SDK: get a duplicate, an organisation and a request's offer; no retry of the new conflicts", async () => {
    const client = sdk(keys.coordinator);
    await expect(client.organisations.get(policeId)).resolves.toMatchObject({ id: policeId, kind: "police" });
    await expect(sdk(keys.admin).organisations.get(unknownId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(sdk(keys.police).organisations.get(policeId)).rejects.toBeInstanceOf(ForbiddenError);

    const open: Array<Duplicate> = [];
    for await (const duplicate of client.duplicates.list({ status: "open" })) open.push(duplicate);
    const [duplicate] = open;
    if (duplicate === undefined) throw new Error("no open duplicate");
    await expect(client.duplicates.get(duplicate.id)).resolves.toEqual(duplicate);
    await expect(client.duplicates.get(unknownId)).rejects.toBeInstanceOf(NotFoundError);

    const { placeId, shelterId } = await newShelter("COSM SDK", "S1");
    const id = await searchingRequest();
    await lapsedOffer(id, placeId, "2026-11-25");
    const request = (await client.placementRequests.get(id)) as CoordinatorPlacementRequest;
    expect(request.offer).toMatchObject({ placeId, shelterId, shelterName: "COSM SDK", placeLabel: "S1" });
    expect(request.placement).toBeNull();
    const listed = await client.placementRequests.list({ state: "offered" });
    expect(listed.data.find((candidate) => candidate.id === id)?.offer?.shelterName).toBe("COSM SDK");

    let fetches = 0;
    const counting = sdk(keys.coordinator, () => {
      fetches += 1;
    });
    const lapsed = await counting.placementRequests.accept(id).catch((error: unknown) => error);
    expect(lapsed).toBeInstanceOf(ConflictError);
    expect((lapsed as ConflictError).type).toBe(ProblemTypes.offerExpired);
    expect(fetches).toBe(1);

    await admin(`/v1/shelters/${shelterId}`, { method: "PATCH", body: { status: "closed" } });
    await counting.placementRequests.decline(id);
    fetches = 0;
    const closed = await counting.placementRequests
      .offer(id, { placeId, startsOn: "2026-11-25", expiresAt: farFuture })
      .catch((error: unknown) => error);
    expect((closed as ConflictError).type).toBe(ProblemTypes.shelterClosed);
    expect(fetches).toBe(1);
  });

  it("proves the SDK's coordinator types against the API's schema", () => {
    expect(Object.values(proofs).every((proof) => proof)).toBe(true);
  });
});
