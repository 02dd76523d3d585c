import { testDatabaseKinds } from "@comensha/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemType } from "../src/problem.js";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

const needs = {
  targetGroup: "women",
  children: 0,
  urgency: "tonight",
  security: "high",
  languages: ["en"],
  medicalNeeds: "Heeft insuline nodig (synthetisch voorbeeld)",
};

describe.each(testDatabaseKinds())("placement requests on %s", (kind) => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let ngo: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  let auditor: ReturnType<typeof caller>;
  let n = 0;
  beforeAll(async () => {
    api = await openTestApi(kind);
    police = caller(api, (await makeOrganisation(api, { name: "Politie Opvang", kind: "police" })).apiKey);
    ngo = caller(api, (await makeOrganisation(api, { name: "Stichting Opvang", kind: "ngo" })).apiKey);
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha", kind: "other", role: "coordinator" })).apiKey,
    );
    auditor = caller(api, (await makeOrganisation(api, { name: "Audit", kind: "other", role: "auditor" })).apiKey);
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = (as: ReturnType<typeof caller>, path: string, body?: unknown) =>
    as(path, {
      method: "POST",
      ...(body === undefined ? {} : { body }),
      headers: { "Idempotency-Key": `pr-${kind}-${++n}` },
    });

  const registration = async () =>
    ((await (await post(police, "/v1/registrations", registrationBody())).json()) as { id: string }).id;

  it("lets a partner request shelter for its own registration, and coordinators move it through its states", async () => {
    const registrationId = await registration();
    const created = await post(police, "/v1/placement-requests", {
      registrationId,
      needs,
      preferredRegion: "amsterdam",
    });
    expect(created.status).toBe(201);
    const request = (await created.json()) as Json;
    expect(request).toMatchObject({ state: "requested", version: 1, requestedBy: "partner", registrationId });
    expect((request.needs as Json).medicalNeeds).toBe(needs.medicalNeeds);
    expect(request).not.toHaveProperty("personId");
    const seenByCoordinator = (await (await coordinator(`/v1/placement-requests/${request.id}`)).json()) as Json;
    expect(typeof seenByCoordinator.personId).toBe("string");

    expect((await post(police, `/v1/placement-requests/${request.id}/start-search`)).status).toBe(403);
    const searching = await post(coordinator, `/v1/placement-requests/${request.id}/start-search`);
    expect(((await searching.json()) as Json).state).toBe("searching");
    const waitlisted = await post(coordinator, `/v1/placement-requests/${request.id}/waitlist`);
    expect(((await waitlisted.json()) as Json).state).toBe("waitlisted");
    const cancelled = await post(police, `/v1/placement-requests/${request.id}/cancel`);
    expect(((await cancelled.json()) as Json).state).toBe("cancelled");
    const illegal = await post(coordinator, `/v1/placement-requests/${request.id}/start-search`);
    expect(illegal.status).toBe(409);
    const problem = (await illegal.json()) as Json;
    expect(problem.type).toBe(ProblemType.invalidState);
    expect(problem.detail).toContain("cancelled");
  });

  it("orders the queue by urgency and then by waiting time, page after page", async () => {
    const kmar = caller(api, (await makeOrganisation(api, { name: "KMar Wachtrij", kind: "kmar" })).apiKey);
    const ids: Record<string, string> = {};
    for (const [name, urgency] of [
      ["planned", "planned"],
      ["tonightFirst", "tonight"],
      ["thisWeek", "this_week"],
      ["tonightSecond", "tonight"],
    ] as const) {
      const registrationId = (
        (await (await post(kmar, "/v1/registrations", registrationBody())).json()) as { id: string }
      ).id;
      const created = await post(kmar, "/v1/placement-requests", { registrationId, needs: { ...needs, urgency } });
      ids[name] = ((await created.json()) as { id: string }).id;
    }
    const seen: Array<string> = [];
    let cursor: string | null = null;
    do {
      const answer = await kmar(
        `/v1/placement-requests?order=urgency&limit=1${cursor === null ? "" : `&cursor=${cursor}`}`,
      );
      expect(answer.status).toBe(200);
      const page = (await answer.json()) as { data: Array<{ id: string }>; nextCursor: string | null };
      seen.push(...page.data.map((request) => request.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual([ids.tonightFirst, ids.tonightSecond, ids.thisWeek, ids.planned]);
    const newest = (await (await kmar("/v1/placement-requests")).json()) as { data: Array<{ id: string }> };
    expect(newest.data.map((request) => request.id)).toEqual([
      ids.tonightSecond,
      ids.thisWeek,
      ids.tonightFirst,
      ids.planned,
    ]);
    const bad = await kmar("/v1/placement-requests?order=oldest");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).type).toBe(ProblemType.badRequest);
  });

  it("keeps requests to their organisation and never shows another's person", async () => {
    const registrationId = await registration();
    const own = (await (await post(police, "/v1/placement-requests", { registrationId, needs })).json()) as Json;
    expect((await ngo(`/v1/placement-requests/${own.id}`)).status).toBe(404);
    expect((await post(ngo, `/v1/placement-requests/${own.id}/cancel`)).status).toBe(404);
    const theirs = (await (await ngo("/v1/placement-requests")).json()) as { data: Array<Json> };
    expect(theirs.data.map((r) => r.id)).not.toContain(own.id);
    const forOthers = await post(ngo, "/v1/placement-requests", { registrationId, needs });
    expect(forOthers.status).toBe(422);
    expect(((await forOthers.json()) as { errors: Array<Json> }).errors[0]?.path).toBe("/registrationId");
    const all = (await (await coordinator("/v1/placement-requests?state=requested")).json()) as { data: Array<Json> };
    expect(all.data.map((r) => r.id)).toContain(own.id);
  });

  it("audits every transition, without the medical needs", async () => {
    const registrationId = await registration();
    const request = (await (await post(police, "/v1/placement-requests", { registrationId, needs })).json()) as Json;
    await post(coordinator, `/v1/placement-requests/${request.id}/start-search`);
    await post(coordinator, `/v1/placement-requests/${request.id}/cancel`);
    const events = ((await (await auditor("/v1/audit-events?limit=20")).json()) as { data: Array<Json> }).data;
    const ofRequest = events.filter((e) => e.resourceId === request.id).map((e) => e.action);
    expect(ofRequest).toEqual([
      "placement_request.cancel",
      "placement_request.start_search",
      "placement_request.create",
    ]);
    expect(JSON.stringify(events)).not.toContain("insuline");
  });
});
