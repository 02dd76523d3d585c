import { testDatabaseKinds } from "@comensha/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemType } from "../src/problem.js";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

const needs = { targetGroup: "women", children: 0, urgency: "tonight", security: "high", languages: ["en"] };
const cosm = {
  name: "COSM Racetest",
  kind: "cosm",
  region: "midden_nederland",
  places: [{ label: "V1", targetGroup: "women", securityLevel: "high", accessible: false, roomForChildren: false }],
};
const farFuture = "2099-01-01T00:00:00Z";

describe.each(testDatabaseKinds())("offers and placements on %s", (kind) => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  let admin: ReturnType<typeof caller>;
  let n = 0;
  beforeAll(async () => {
    api = await openTestApi(kind);
    police = caller(api, (await makeOrganisation(api, { name: "Politie Plaatsing", kind: "police" })).apiKey);
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha", kind: "other", role: "coordinator" })).apiKey,
    );
    admin = caller(api, (await makeOrganisation(api, { name: "Beheer", kind: "other", role: "admin" })).apiKey);
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = (as: ReturnType<typeof caller>, path: string, body?: unknown) =>
    as(path, {
      method: "POST",
      ...(body === undefined ? {} : { body }),
      headers: { "Idempotency-Key": `pl-${kind}-${++n}` },
    });

  const newPlace = async (name: string) => {
    const shelter = (await (await post(admin, "/v1/shelters", { ...cosm, name })).json()) as {
      places: Array<{ id: string }>;
    };
    return shelter.places[0]?.id as string;
  };

  /** A request for an adult non-Dutch woman in her reflection period, with consent, picked up by a coordinator. */
  const searchingRequest = async (overrides: Record<string, unknown> = {}) => {
    const registration = (await (
      await post(police, "/v1/registrations", registrationBody({ reportedOn: "2026-11-20", ...overrides }))
    ).json()) as Json;
    const request = (await (
      await post(police, "/v1/placement-requests", { registrationId: registration.id, needs })
    ).json()) as Json;
    await post(coordinator, `/v1/placement-requests/${request.id}/start-search`);
    return request.id as string;
  };

  it("offers, accepts, refuses a second booking, and frees the place from the end date", async () => {
    const place = await newPlace("COSM Flow");
    const first = await searchingRequest();
    const offered = await post(coordinator, `/v1/placement-requests/${first}/offers`, {
      placeId: place,
      startsOn: "2026-11-21",
      expiresAt: farFuture,
    });
    expect(offered.status).toBe(201);
    const accepted = await post(police, `/v1/placement-requests/${first}/accept`);
    expect(accepted.status).toBe(201);
    expect(((await accepted.json()) as Json).placeId).toBe(place);
    expect(((await (await police(`/v1/placement-requests/${first}`)).json()) as Json).state).toBe("placed");

    const second = await searchingRequest();
    const secondOffer = { placeId: place, startsOn: "2026-12-01", expiresAt: farFuture };
    const refused = await post(coordinator, `/v1/placement-requests/${second}/offers`, secondOffer);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Json).type).toBe(ProblemType.placeAlreadyBooked);
    expect(((await (await coordinator(`/v1/placement-requests/${second}`)).json()) as Json).state).toBe("searching");

    const ended = await post(coordinator, `/v1/placement-requests/${first}/end`, {
      endsOn: "2026-12-01",
      reason: "moved_on",
    });
    expect(ended.status).toBe(200);
    expect(((await ended.json()) as Json).endsOn).toBe("2026-12-01");
    expect((await post(coordinator, `/v1/placement-requests/${second}/offers`, secondOffer)).status).toBe(201);
    expect((await post(coordinator, `/v1/placement-requests/${second}/accept`)).status).toBe(201);
  });

  it("refuses to offer a place booked later for an open-ended stay from before that booking", async () => {
    const place = await newPlace("COSM Later geboekt");
    const later = await searchingRequest();
    await post(coordinator, `/v1/placement-requests/${later}/offers`, {
      placeId: place,
      startsOn: "2026-12-20",
      expiresAt: farFuture,
    });
    expect((await post(coordinator, `/v1/placement-requests/${later}/accept`)).status).toBe(201);
    const tonight = await searchingRequest();
    const suggested = (await (
      await coordinator(`/v1/placement-requests/${tonight}/suggestions?from=2026-12-06`)
    ).json()) as { data: Array<Json> };
    expect(suggested.data.map((s) => s.placeId)).not.toContain(place);
    const refused = await post(coordinator, `/v1/placement-requests/${tonight}/offers`, {
      placeId: place,
      startsOn: "2026-12-06",
      expiresAt: farFuture,
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Json).type).toBe(ProblemType.placeAlreadyBooked);
  });

  it("suggests free places that fit the needs, in the preferred region first", async () => {
    const place = await newPlace("COSM Suggesties");
    const request = await searchingRequest();
    const answer = await coordinator(`/v1/placement-requests/${request}/suggestions?from=2030-06-01`);
    expect(answer.status).toBe(200);
    const suggestions = ((await answer.json()) as { data: Array<Json> }).data;
    expect(suggestions.map((s) => s.placeId)).toContain(place);
    expect(suggestions.every((s) => s.shelterKind === "cosm")).toBe(true);
    expect((await police(`/v1/placement-requests/${request}/suggestions`)).status).toBe(403);
  });

  it("refuses an offer without consent, and a COSM offer for a Dutch person unless overridden with a reason", async () => {
    const place = await newPlace("COSM Regels");
    const noConsent = await searchingRequest({ consentToShareWithShelter: false });
    const refused = await post(coordinator, `/v1/placement-requests/${noConsent}/offers`, {
      placeId: place,
      startsOn: "2026-11-21",
      expiresAt: farFuture,
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: Array<Json> }).errors.map((e) => e.path)).toContain(
      "/consentToShareWithShelter",
    );

    const dutch = await searchingRequest({
      person: {
        familyName: "Jansen",
        givenNames: "Eva",
        aliases: [],
        dateOfBirth: "1990-01-01",
        sex: "female",
        nationalities: ["NL"],
      },
    });
    const offer = { placeId: place, startsOn: "2026-11-21", expiresAt: farFuture };
    expect((await post(coordinator, `/v1/placement-requests/${dutch}/offers`, offer)).status).toBe(422);
    const overridden = await post(coordinator, `/v1/placement-requests/${dutch}/offers`, {
      ...offer,
      override: { reason: "Acute danger; no other safe place tonight" },
    });
    expect(overridden.status).toBe(201);

    const closedPlace = await newPlace("COSM Gesloten");
    const shelters = (await (await coordinator("/v1/shelters")).json()) as {
      data: Array<{ id: string; name: string }>;
    };
    const closedShelter = shelters.data.find((s) => s.name === "COSM Gesloten")?.id;
    await admin(`/v1/shelters/${closedShelter}`, { method: "PATCH", body: { status: "closed" } });
    const another = await searchingRequest();
    const toClosed = await post(coordinator, `/v1/placement-requests/${another}/offers`, {
      placeId: closedPlace,
      startsOn: "2026-11-21",
      expiresAt: farFuture,
    });
    expect(toClosed.status).toBe(409);
    expect(((await toClosed.json()) as Json).type).toBe(ProblemType.shelterClosed);
  });

  it("books the last free place exactly once when 50 accept at the same moment, round after round", async () => {
    const contenders = kind === "postgres" ? 50 : 10;
    const rounds = kind === "postgres" ? 200 : 3;
    const requests = await Promise.all(Array.from({ length: contenders }, () => searchingRequest()));
    for (let round = 0; round < rounds; round++) {
      const place = await newPlace(`COSM Race ${round}`);
      await Promise.all(
        requests.map((request) =>
          post(coordinator, `/v1/placement-requests/${request}/offers`, {
            placeId: place,
            startsOn: "2027-01-01",
            expiresAt: farFuture,
          }),
        ),
      );
      const answers = await Promise.all(
        requests.map((request) => post(coordinator, `/v1/placement-requests/${request}/accept`)),
      );
      const statuses = answers.map((answer) => answer.status);
      const odd = answers.find((answer) => answer.status !== 201 && answer.status !== 409);
      expect(odd === undefined ? "" : `round ${round}: ${odd.status} ${await odd.text()}`).toBe("");
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(contenders - 1);
      const loser = answers.find((answer) => answer.status === 409) as Response;
      expect(((await loser.json()) as Json).type).toBe(ProblemType.placeAlreadyBooked);
      const winner = statuses.indexOf(201);
      await Promise.all(
        requests
          .filter((_, index) => index !== winner)
          .map((request) => post(coordinator, `/v1/placement-requests/${request}/decline`)),
      );
      requests[winner] = await searchingRequest();
    }
  }, 600_000);
});
