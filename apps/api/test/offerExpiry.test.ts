import { testDatabaseKinds } from "@comensha/db/testing";
import { type PlacementRequest, Ports } from "@comensha/domain";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offerExpiryQueue, offerExpirySchedule, startPlacementJobs } from "../src/jobs.js";
import { expireLapsedOffers } from "../src/services/placements.js";
import { adjustableClock, caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;
const hour = 3_600_000;
const needs = { targetGroup: "women", children: 0, urgency: "tonight", security: "standard", languages: ["en"] };

describe.each(testDatabaseKinds())("the offer-expiry job on %s", (kind) => {
  const time = adjustableClock();
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  let admin: ReturnType<typeof caller>;
  let n = 0;

  beforeAll(async () => {
    api = await openTestApi(kind, undefined, { clock: time.clock });
    police = caller(api, (await makeOrganisation(api, { name: "Politie Verloop", kind: "police" })).apiKey);
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha Verloop", kind: "other", role: "coordinator" })).apiKey,
    );
    admin = caller(api, (await makeOrganisation(api, { name: "Beheer Verloop", kind: "other", role: "admin" })).apiKey);
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = async (as: ReturnType<typeof caller>, path: string, body?: unknown) => {
    const response = await as(path, {
      method: "POST",
      ...(body === undefined ? {} : { body }),
      headers: { "Idempotency-Key": `expiry-${kind}-${++n}` },
    });
    expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
    return (await response.json()) as Json;
  };
  const get = async (path: string) => (await (await coordinator(path)).json()) as Json;

  /** A women's shelter with one place; answers the place id. */
  const newPlace = async (name: string) => {
    const shelter = await post(admin, "/v1/shelters", {
      name,
      kind: "womens_shelter",
      region: "midden_nederland",
      places: [
        { label: "K1", targetGroup: "women", securityLevel: "standard", accessible: false, roomForChildren: false },
      ],
    });
    return (shelter.places as Array<{ id: string }>)[0]?.id as string;
  };

  /** A request that a coordinator offered a place, the offer valid for `hours` from now. */
  const offeredRequest = async (placeId: string, hours: number) => {
    const registration = await post(police, "/v1/registrations", registrationBody());
    const request = await post(police, "/v1/placement-requests", { registrationId: registration.id, needs });
    const id = request.id as string;
    await post(coordinator, `/v1/placement-requests/${id}/start-search`);
    await post(coordinator, `/v1/placement-requests/${id}/offers`, {
      placeId,
      startsOn: "2026-11-21",
      expiresAt: new Date(Date.now() + time.offset() + hours * hour).toISOString(),
    });
    return id;
  };

  const expire = () => api.runtime.runPromise(expireLapsedOffers);
  const openOffer = (id: string) =>
    api.runtime.runPromise(
      Effect.flatMap(Ports.PlacementRepository, (placements) =>
        placements.findOpenOffer(id as PlacementRequest.PlacementRequestId),
      ),
    );

  it("sends a request whose offer lapsed back to searching, once, and leaves offers still valid alone", async () => {
    const first = await newPlace("Vrouwenopvang Verloop Een");
    const second = await newPlace("Vrouwenopvang Verloop Twee");
    const lapsing = await offeredRequest(first, 1);
    const lasting = await offeredRequest(second, 48);
    expect(await expire()).toBe(0);
    expect(await get(`/v1/placement-requests/${lapsing}`)).toMatchObject({ state: "offered" });

    time.advance(2 * hour);
    expect(await expire()).toBe(1);
    expect(await get(`/v1/placement-requests/${lapsing}`)).toMatchObject({ state: "searching", offer: null });
    expect(await openOffer(lapsing)).toBeUndefined();
    expect(await get(`/v1/placement-requests/${lasting}`)).toMatchObject({
      state: "offered",
      offer: { placeId: second },
    });
    expect(await police(`/v1/placement-requests/${lapsing}/accept`, { method: "POST" })).toHaveProperty("status", 409);

    const trail = await api.runtime.runPromise(
      Effect.flatMap(Ports.AuditLog, (log) =>
        log.listForResource({ type: "placement_request", id: lapsing }, { limit: 50 }),
      ),
    );
    expect(trail.data.filter((event) => event.action === "placement_request.offer_expired")).toEqual([
      expect.objectContaining({ actor: { kind: "system", id: "offer-expiry" }, outcome: "success" }),
    ]);

    expect(await expire()).toBe(0);
    await post(coordinator, `/v1/placement-requests/${lapsing}/offers`, {
      placeId: first,
      startsOn: "2026-11-22",
      expiresAt: new Date(Date.now() + time.offset() + hour).toISOString(),
    });
    expect(await get(`/v1/placement-requests/${lapsing}`)).toMatchObject({
      state: "offered",
      offer: { placeId: first },
    });
    await post(police, `/v1/placement-requests/${lapsing}/accept`);
    expect(await get(`/v1/placement-requests/${lapsing}`)).toMatchObject({
      state: "placed",
      placement: { placeId: first },
    });
  });

  it("closes an offer left open by a request that moved on, without moving the request", async () => {
    const place = await newPlace("Vrouwenopvang Verloop Drie");
    const id = await offeredRequest(place, 1);
    // As cancelling did before it withdrew the open offer: the request is cancelled, its offer still open.
    await api.runtime.runPromise(
      Effect.flatMap(Ports.PlacementRequestRepository, (requests) =>
        requests.transition({ id: id as PlacementRequest.PlacementRequestId, event: "Cancel" }),
      ),
    );
    expect(await openOffer(id)).toBeDefined();
    time.advance(2 * hour);
    expect(await expire()).toBe(0);
    expect(await openOffer(id)).toBeUndefined();
    expect(await get(`/v1/placement-requests/${id}`)).toMatchObject({ state: "cancelled" });
  });

  it("runs on its schedule and once at start, through the job queue", async () => {
    expect(offerExpirySchedule).toMatchObject({ key: offerExpiryQueue.name, cron: "*/5 * * * *" });
    const place = await newPlace("Vrouwenopvang Verloop Vier");
    const id = await offeredRequest(place, 1);
    time.advance(2 * hour);
    await api.runtime.runPromise(startPlacementJobs);
    for (let attempt = 0; attempt < 300; attempt++) {
      if ((await get(`/v1/placement-requests/${id}`)).state === "searching") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await get(`/v1/placement-requests/${id}`)).toMatchObject({ state: "searching", offer: null });
  });
});
