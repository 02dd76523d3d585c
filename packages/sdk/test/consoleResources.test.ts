import { describe, expect, it } from "vitest";
import {
  type ApiKey,
  type AuditEvent,
  ComenshaError,
  type CreatedApiKey,
  type CreatedOrganisation,
  type Duplicate,
  ForbiddenError,
  NotFoundError,
  type Organisation,
  type Person,
  ProblemTypes,
  UnprocessableEntityError,
} from "../src/index.js";
import { clientWith, input, json, mockFetch, problem, registration, type SeenRequest, uuidPattern } from "./support.js";

const organisationId = "0193a5b2-7c1e-7f00-8000-0000000000aa";

const organisation = (overrides: Partial<Organisation> = {}): Organisation => ({
  id: organisationId,
  name: "Politie Voorbeeldeenheid",
  kind: "police",
  region: "amsterdam",
  status: "active",
  isComensha: false,
  createdAt: "2026-11-20T09:30:00.000Z",
  ...overrides,
});

const apiKey = (overrides: Partial<ApiKey> = {}): ApiKey => ({
  id: "0193a5b2-7c1e-7f00-8000-0000000000bb",
  organisationId,
  prefix: "0a1b2c3d",
  label: null,
  role: "partner",
  createdAt: "2026-11-20T09:30:00.000Z",
  lastUsedAt: null,
  revokedAt: null,
  approval: null,
  ...overrides,
});

const duplicate = (overrides: Partial<Duplicate> = {}): Duplicate => ({
  id: "0193a5b2-7c1e-7f00-8000-0000000000cc",
  personId: "0193a5b2-7c1e-7f00-8000-0000000000d1",
  candidatePersonId: "0193a5b2-7c1e-7f00-8000-0000000000d2",
  registrationId: registration().id,
  matchedOn: ["family_dob"],
  status: "open",
  decisionReason: null,
  decidedBy: null,
  decidedAt: null,
  createdAt: "2026-11-20T09:30:00.000Z",
  ...overrides,
});

const event = (id: string): AuditEvent => ({
  id,
  occurredAt: "2026-11-20T09:30:00.000Z",
  actor: { kind: "user", id: "0193a5b2-7c1e-7f00-8000-0000000000ee" },
  action: "registration.read",
  resourceType: "registration",
  resourceId: registration().id,
  outcome: "success",
  kind: "read",
});

/** What a test asserts about a request: method, URL, body and whether it carried an Idempotency-Key. */
const seen = (request: SeenRequest | undefined) => ({
  method: request?.method,
  url: request?.url,
  body: request?.body,
  idempotent: uuidPattern.test(request?.headers.get("Idempotency-Key") ?? ""),
});

describe("organisations", () => {
  it("lists by page and iterates over every page with the same query", async () => {
    const { fetch, requests } = mockFetch(
      (request) =>
        json(200, { data: [organisation({ name: "A" })], nextCursor: request.url.includes("cursor") ? null : "c2" }),
      json(200, { data: [organisation({ name: "B" })], nextCursor: null }),
    );
    const names: Array<string> = [];
    for await (const listed of clientWith(fetch).organisations.list({ limit: 1 })) names.push(listed.name);
    expect(names).toEqual(["A", "B"]);
    expect(requests.map((r) => r.url)).toEqual([
      "http://api.test/v1/organisations?limit=1",
      "http://api.test/v1/organisations?limit=1&cursor=c2",
    ]);
  });

  it("creates an organisation with POST and one Idempotency-Key, resolving to the organisation and its key", async () => {
    const created: CreatedOrganisation = {
      organisation: organisation(),
      apiKey: { ...apiKey(), key: "cmk_0a1b2c3d_secret" },
    };
    const { fetch, requests } = mockFetch(json(201, created));
    const body = { name: "Politie Voorbeeldeenheid", kind: "police", region: "amsterdam" } as const;
    expect(await clientWith(fetch).organisations.create(body)).toEqual(created);
    expect(seen(requests[0])).toEqual({
      method: "POST",
      url: "http://api.test/v1/organisations",
      body,
      idempotent: true,
    });
  });

  it("lists, creates and revokes keys at their routes", async () => {
    const created: CreatedApiKey = { ...apiKey({ role: "coordinator" }), key: "cmk_0a1b2c3d_secret" };
    const { fetch, requests } = mockFetch(
      json(200, { data: [apiKey()], nextCursor: null }),
      json(201, created),
      json(200, apiKey({ revokedAt: "2026-11-21T10:00:00.000Z" })),
    );
    const keys = clientWith(fetch).organisations.keys;
    const page = await keys.list(organisationId);
    expect(page.data).toEqual([apiKey()]);
    expect(page.hasNextPage()).toBe(false);
    expect((await keys.create(organisationId, { role: "coordinator" })).key).toBe("cmk_0a1b2c3d_secret");
    expect((await keys.revoke(apiKey().id)).revokedAt).toBe("2026-11-21T10:00:00.000Z");
    expect(requests.map(seen)).toEqual([
      {
        method: "GET",
        url: `http://api.test/v1/organisations/${organisationId}/api-keys`,
        body: undefined,
        idempotent: false,
      },
      {
        method: "POST",
        url: `http://api.test/v1/organisations/${organisationId}/api-keys`,
        body: { role: "coordinator" },
        idempotent: true,
      },
      { method: "POST", url: `http://api.test/v1/api-keys/${apiKey().id}/revoke`, body: undefined, idempotent: true },
    ]);
  });

  it("approves a key and a user at their routes, and turns the requester's own approval into a ForbiddenError", async () => {
    const approval = {
      requestedBy: { kind: "user", id: "0193a5b2-7c1e-7f00-8000-0000000000e1" },
      approvedBy: { kind: "user", id: "0193a5b2-7c1e-7f00-8000-0000000000e2" },
      approvedAt: "2026-11-21T10:00:00.000Z",
    } as const;
    const userId = "0193a5b2-7c1e-7f00-8000-0000000000e3";
    const { fetch, requests } = mockFetch(
      json(200, apiKey({ role: "coordinator", approval })),
      json(200, {
        id: userId,
        email: "nieuw@comensha.nl",
        name: "Nieuw",
        role: "coordinator",
        status: "active",
        mustChangePassword: true,
        secondFactorEnrolled: false,
        createdAt: "2026-11-20T09:30:00.000Z",
        lastLoginAt: null,
        approval,
      }),
      problem(403, "second-approver-required"),
    );
    const client = clientWith(fetch);
    expect((await client.organisations.keys.approve(apiKey().id)).approval).toEqual(approval);
    const user = await client.users.approve(userId);
    expect(user.status).toBe("active");
    expect(user.approval?.approvedBy).toEqual(approval.approvedBy);
    const refused = await client.users.approve(userId).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as ForbiddenError).type).toBe(ProblemTypes.secondApproverRequired);
    expect(requests.map(seen)).toEqual([
      { method: "POST", url: `http://api.test/v1/api-keys/${apiKey().id}/approve`, body: undefined, idempotent: true },
      { method: "POST", url: `http://api.test/v1/users/${userId}/approve`, body: undefined, idempotent: true },
      { method: "POST", url: `http://api.test/v1/users/${userId}/approve`, body: undefined, idempotent: true },
    ]);
  });

  it("turns a 422 into an UnprocessableEntityError with the offending fields, and refuses an empty id", async () => {
    const { fetch, requests } = mockFetch(
      problem(422, "validation-failed", { errors: [{ path: "/kind", message: "x" }] }),
    );
    const client = clientWith(fetch);
    const error = await client.organisations.create({ name: "X", kind: "ngo" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).errors).toEqual([{ path: "/kind", message: "x" }]);
    await expect(client.organisations.keys.list("")).rejects.toBeInstanceOf(ComenshaError);
    expect(requests).toHaveLength(1);
  });
});

describe("persons, duplicates, signals, audit events and shelters", () => {
  it("gets a person, and answers an unknown one with NotFoundError", async () => {
    const person: Person = {
      id: duplicate().personId,
      mergedInto: null,
      person: input().person,
      registrations: [
        {
          id: registration().id,
          reportedOn: "2026-11-20",
          status: "received",
          organisationId,
          forms: ["sexual"],
        },
      ],
    };
    const { fetch, requests } = mockFetch(json(200, person), problem(404, "not-found"));
    const client = clientWith(fetch);
    expect(await client.persons.get(person.id)).toEqual(person);
    expect(requests[0]?.url).toBe(`http://api.test/v1/persons/${person.id}`);
    await expect(client.persons.get("0193a5b2-7c1e-7f00-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lists duplicates by status and merges or dismisses with a reason", async () => {
    const { fetch, requests } = mockFetch(
      json(200, { data: [duplicate()], nextCursor: null }),
      json(200, duplicate({ status: "merged", decisionReason: "Same person" })),
      json(200, duplicate({ status: "dismissed", decisionReason: "Sisters" })),
    );
    const duplicates = clientWith(fetch).duplicates;
    expect((await duplicates.list({ status: "open", limit: 10 })).data).toEqual([duplicate()]);
    expect((await duplicates.merge(duplicate().id, { reason: "Same person" })).status).toBe("merged");
    expect((await duplicates.dismiss(duplicate().id, { reason: "Sisters" })).status).toBe("dismissed");
    expect(requests.map(seen)).toEqual([
      { method: "GET", url: "http://api.test/v1/duplicates?status=open&limit=10", body: undefined, idempotent: false },
      {
        method: "POST",
        url: `http://api.test/v1/duplicates/${duplicate().id}/merge`,
        body: { reason: "Same person" },
        idempotent: true,
      },
      {
        method: "POST",
        url: `http://api.test/v1/duplicates/${duplicate().id}/dismiss`,
        body: { reason: "Sisters" },
        idempotent: true,
      },
    ]);
  });

  it("reads signals, the audit log, a registration's versions and audit trail, and the shelters", async () => {
    const signals = {
      asOf: "2026-11-20",
      data: [{ kind: "waiting_over_norm", requestId: "r1", daysWaiting: 9, normDays: 7 }],
    };
    const versions = { data: [{ ...registration(), organisationId, personId: duplicate().personId }] };
    const { fetch, requests } = mockFetch(
      json(200, signals),
      json(200, { data: [event("e1")], nextCursor: null }),
      json(200, versions),
      json(200, { data: [event("e2")], nextCursor: "c2" }),
      json(200, { data: [event("e3")], nextCursor: null }),
      json(200, { data: [] }),
    );
    const client = clientWith(fetch);
    expect(await client.signals.list()).toEqual(signals);
    expect((await client.auditEvents.list({ limit: 100 })).data).toEqual([event("e1")]);
    expect(await client.registrations.versions(registration().id)).toEqual(versions);
    const trail: Array<string> = [];
    for await (const item of client.registrations.auditTrail(registration().id, { limit: 1 })) trail.push(item.id);
    expect(trail).toEqual(["e2", "e3"]);
    expect(await client.shelters.list()).toEqual({ data: [] });
    const id = registration().id;
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET http://api.test/v1/signals",
      "GET http://api.test/v1/audit-events?limit=100",
      `GET http://api.test/v1/registrations/${id}/versions`,
      `GET http://api.test/v1/registrations/${id}/audit-events?limit=1`,
      `GET http://api.test/v1/registrations/${id}/audit-events?limit=1&cursor=c2`,
      "GET http://api.test/v1/shelters",
    ]);
  });

  it("sends a coordinator's organisationId with the report it registers", async () => {
    const { fetch, requests } = mockFetch(json(201, registration()));
    await clientWith(fetch).registrations.create({ ...input(), organisationId });
    expect(requests[0]?.body).toEqual({ ...input(), organisationId });
  });
});
