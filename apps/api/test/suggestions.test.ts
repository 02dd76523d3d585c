import { testDatabaseKinds } from "@comensha/db/testing";
import { IsoDate, Placement } from "@comensha/domain";
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

const needs = { targetGroup: "women", children: 0, urgency: "tonight", security: "high", languages: ["en"] };
const farFuture = "2099-01-01T00:00:00Z";
const base = IsoDate.make("2040-01-01");
const placesPerRun = 3;

/** One step of a night shift on a few places: book, end a stay, hold a place with an open offer, or ask suggestions. */
type Step =
  | { readonly kind: "book"; readonly place: number; readonly start: number }
  | { readonly kind: "end"; readonly booking: number; readonly length: number }
  | { readonly kind: "hold"; readonly place: number; readonly start: number }
  | { readonly kind: "release"; readonly hold: number }
  | { readonly kind: "suggest"; readonly start: number; readonly pick: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("book" as const),
    place: fc.nat({ max: placesPerRun - 1 }),
    start: fc.nat({ max: 60 }),
  }),
  fc.record({ kind: fc.constant("end" as const), booking: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant("hold" as const),
    place: fc.nat({ max: placesPerRun - 1 }),
    start: fc.nat({ max: 60 }),
  }),
  fc.record({ kind: fc.constant("release" as const), hold: fc.nat() }),
  fc.record({ kind: fc.constant("suggest" as const), start: fc.nat({ max: 60 }), pick: fc.nat() }),
);

/**
 * The property of issue 15: a suggested place can always be offered and accepted. Random bookings (in the past, in
 * the future, open-ended or ended), open offers and ends drive a few places; after each step the API must agree with
 * a model built on `Placement.isFreeFor`: an offer is accepted exactly when the model says the place is free for an
 * open-ended stay, suggestions name exactly the free places not held by another offer, and accepting any suggestion
 * books it.
 */
describe.each(testDatabaseKinds())("suggestions that can be booked on %s", (kind) => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  let admin: ReturnType<typeof caller>;
  let n = 0;
  beforeAll(async () => {
    api = await openTestApi(kind);
    police = caller(api, (await makeOrganisation(api, { name: "Politie Suggesties", kind: "police" })).apiKey);
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
      headers: { "Idempotency-Key": `sg-${kind}-${++n}` },
    });

  const searchingRequest = async () => {
    const registration = (await (
      await post(police, "/v1/registrations", registrationBody({ reportedOn: "2026-11-20" }))
    ).json()) as Json;
    const request = (await (
      await post(police, "/v1/placement-requests", { registrationId: registration.id, needs })
    ).json()) as Json;
    await post(coordinator, `/v1/placement-requests/${request.id}/start-search`);
    return request.id as string;
  };

  const offer = (request: string, placeId: string, startsOn: string) =>
    post(coordinator, `/v1/placement-requests/${request}/offers`, { placeId, startsOn, expiresAt: farFuture });

  it("offers and books every suggested place, and suggests every place that can be booked", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 4, maxLength: 14 }), async (steps) => {
        run += 1;
        const shelter = (await (
          await post(admin, "/v1/shelters", {
            name: `Vrouwenopvang Eigenschap ${run}`,
            kind: "womens_shelter",
            region: "midden_nederland",
            places: Array.from({ length: placesPerRun }, (_, i) => ({
              label: `E${i}`,
              targetGroup: "women",
              securityLevel: "high",
              accessible: false,
              roomForChildren: false,
            })),
          })
        ).json()) as { id: string; places: Array<{ id: string }> };
        const places = shelter.places.map((place) => place.id);
        const booked = places.map((): Array<Placement.DateRange & { request: string }> => []);
        const held: Array<{ place: number; request: string }> = [];
        const isFree = (place: number, startsOn: IsoDate.IsoDate) =>
          Placement.isFreeFor(booked[place] ?? [], { startsOn });
        try {
          for (const step of steps) {
            if (step.kind === "book" || step.kind === "hold") {
              const startsOn = IsoDate.addDays(base, step.start);
              const request = await searchingRequest();
              const answer = await offer(request, places[step.place] as string, startsOn);
              const free = isFree(step.place, startsOn);
              expect({ step, status: answer.status }).toEqual({ step, status: free ? 201 : 409 });
              if (!free) continue;
              if (step.kind === "hold") {
                held.push({ place: step.place, request });
                continue;
              }
              expect((await post(coordinator, `/v1/placement-requests/${request}/accept`)).status).toBe(201);
              booked[step.place]?.push({ startsOn, request });
            } else if (step.kind === "end") {
              const open = booked.flatMap((ranges) => ranges.filter((range) => range.endsOn === undefined));
              const target = open[step.booking % Math.max(open.length, 1)];
              if (target === undefined) continue;
              const endsOn = IsoDate.addDays(target.startsOn, step.length);
              const ended = await post(coordinator, `/v1/placement-requests/${target.request}/end`, {
                endsOn,
                reason: "moved_on",
              });
              expect(ended.status).toBe(200);
              Object.assign(target, { endsOn });
            } else if (step.kind === "release") {
              const [hold] = held.splice(step.hold % Math.max(held.length, 1), 1);
              if (hold === undefined) continue;
              expect((await post(coordinator, `/v1/placement-requests/${hold.request}/decline`)).status).toBe(200);
            } else {
              const startsOn = IsoDate.addDays(base, step.start);
              const request = await searchingRequest();
              const answer = await coordinator(`/v1/placement-requests/${request}/suggestions?from=${startsOn}`);
              expect(answer.status).toBe(200);
              const suggested = ((await answer.json()) as { data: Array<{ placeId: string }> }).data
                .map((suggestion) => suggestion.placeId)
                .filter((placeId) => places.includes(placeId));
              const expected = places.filter(
                (_, place) => isFree(place, startsOn) && !held.some((hold) => hold.place === place),
              );
              expect({ step, suggested: [...suggested].sort() }).toEqual({ step, suggested: [...expected].sort() });
              const chosen = suggested[step.pick % Math.max(suggested.length, 1)];
              if (chosen === undefined) continue;
              expect((await offer(request, chosen, startsOn)).status).toBe(201);
              expect((await post(coordinator, `/v1/placement-requests/${request}/accept`)).status).toBe(201);
              booked[places.indexOf(chosen)]?.push({ startsOn, request });
            }
          }
        } finally {
          for (const hold of held) await post(coordinator, `/v1/placement-requests/${hold.request}/decline`);
          await admin(`/v1/shelters/${shelter.id}`, { method: "PATCH", body: { status: "closed" } });
        }
      }),
      { numRuns: kind === "postgres" ? 25 : 10 },
    );
  }, 600_000);
});
