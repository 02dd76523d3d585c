import { ApiKey } from "@comensha/domain";
import Comensha, { ApiError, ProblemTypes } from "@comensha/sdk";
import { describe, expect, it } from "vitest";
import { adminApi } from "../src/api/admin.js";
import {
  checkKeyForm,
  checkOrganisationForm,
  checkUserForm,
  isCannotDisableSelf,
  isEmailTaken,
  isKeyAwaitingApproval,
  isOwnRequest,
  isSecondApproverRequired,
  keyRolesFor,
  maskedKey,
  roleLabelKey,
} from "../src/pages/admin.js";
import { sampleApiKey, sampleOrganisation, sampleUser } from "./support/fakeAdmin.js";

const problem = (status: number, type: string) =>
  new ApiError({ status, headers: new Headers(), problem: { type, title: "x", status, requestId: "req_a" } });

describe("maskedKey", () => {
  it("shows the visible prefix of a key and hides the secret", () => {
    expect(maskedKey("a1b2c3d4")).toBe("cmk_a1b2c3d4_…");
  });
});

describe("keyRolesFor", () => {
  it("offers a partner organisation partner keys, and care keys when it receives referrals, as the API does", () => {
    expect(keyRolesFor({ isComensha: false, kind: "police" })).toEqual(["partner"]);
    expect(keyRolesFor({ isComensha: false, kind: "care_coordination" })).toEqual(["partner", "care"]);
    for (const kind of ["police", "kmar", "municipality", "care_coordination", "lawyer"] as const) {
      expect(keyRolesFor({ isComensha: false, kind }), kind).toEqual(
        ApiKey.rolesFor({ isComensha: false, kind }).slice(),
      );
    }
  });

  it("offers CoMensha's own organisation the staff roles as well", () => {
    expect(keyRolesFor({ isComensha: true, kind: "other" })).toEqual([
      "partner",
      "coordinator",
      "policy",
      "admin",
      "auditor",
    ]);
  });
});

describe("roleLabelKey", () => {
  it("names staff roles with the console's role texts and partner with its own", () => {
    expect(roleLabelKey("coordinator")).toBe("role.coordinator");
    expect(roleLabelKey("partner")).toBe("admin.rolePartner");
  });
});

describe("checkOrganisationForm", () => {
  it("trims the name and leaves an empty region out", () => {
    expect(checkOrganisationForm({ name: "  Stichting Voorbeeld ", kind: "ngo", region: "" })).toEqual({
      ok: true,
      input: { name: "Stichting Voorbeeld", kind: "ngo" },
    });
  });

  it("keeps a chosen police region", () => {
    expect(checkOrganisationForm({ name: "Politie Voorbeeld", kind: "police", region: "amsterdam" })).toEqual({
      ok: true,
      input: { name: "Politie Voorbeeld", kind: "police", region: "amsterdam" },
    });
  });

  it("names every wrong field: an empty name, no kind, an unknown region", () => {
    expect(checkOrganisationForm({ name: "   ", kind: "", region: "atlantis" })).toEqual({
      ok: false,
      errors: { name: "admin.nameRequired", kind: "admin.kindRequired", region: "admin.regionInvalid" },
    });
  });

  it("refuses a name over 200 characters and a kind outside the code list", () => {
    expect(checkOrganisationForm({ name: "x".repeat(201), kind: "bank", region: "" })).toEqual({
      ok: false,
      errors: { name: "admin.nameTooLong", kind: "admin.kindRequired" },
    });
    expect(checkOrganisationForm({ name: "x".repeat(200), kind: "other", region: "" }).ok).toBe(true);
  });
});

describe("checkKeyForm", () => {
  it("trims the key's name and keeps a role the organisation may hold", () => {
    expect(checkKeyForm({ label: "  Koppeling zaaksysteem ", role: "partner" }, ["partner"])).toEqual({
      ok: true,
      input: { label: "Koppeling zaaksysteem", role: "partner" },
    });
  });

  it("asks for a name of at most 100 characters and a role of the organisation", () => {
    expect(checkKeyForm({ label: "   ", role: "coordinator" }, ["partner"])).toEqual({
      ok: false,
      errors: { label: "admin.keyLabelRequired", role: "admin.roleRequired" },
    });
    expect(checkKeyForm({ label: "x".repeat(101), role: "partner" }, ["partner"])).toEqual({
      ok: false,
      errors: { label: "admin.keyLabelTooLong" },
    });
    expect(checkKeyForm({ label: "x".repeat(100), role: "partner" }, ["partner"]).ok).toBe(true);
  });
});

describe("checkUserForm", () => {
  it("lower-cases and trims the address as the API stores it", () => {
    expect(checkUserForm({ email: " J.Voorbeeld@CoMensha.example ", name: " Jan Voorbeeld ", role: "policy" })).toEqual(
      { ok: true, input: { email: "j.voorbeeld@comensha.example", name: "Jan Voorbeeld", role: "policy" } },
    );
  });

  it("asks a care user's organisation, and sends none for staff", () => {
    const organisationId = "0193c111-0000-7000-8000-0000c1110020";
    expect(checkUserForm({ email: "z@zorg.example", name: "Z", role: "care", organisationId: "" })).toEqual({
      ok: false,
      errors: { organisationId: "admin.userOrganisationRequired" },
    });
    expect(checkUserForm({ email: "z@zorg.example", name: "Z", role: "care", organisationId })).toEqual({
      ok: true,
      input: { email: "z@zorg.example", name: "Z", role: "care", organisationId },
    });
    expect(checkUserForm({ email: "p@comensha.example", name: "P", role: "policy", organisationId })).toEqual({
      ok: true,
      input: { email: "p@comensha.example", name: "P", role: "policy" },
    });
  });

  it("tells a missing address from a wrong one, and asks for a name and a console role", () => {
    expect(checkUserForm({ email: "", name: "", role: "" })).toEqual({
      ok: false,
      errors: { email: "admin.emailRequired", name: "admin.nameRequired", role: "admin.roleRequired" },
    });
    expect(checkUserForm({ email: "jan@voorbeeld", name: "Jan", role: "partner" })).toEqual({
      ok: false,
      errors: { email: "admin.emailInvalid", role: "admin.roleRequired" },
    });
  });
});

describe("the API's refusals", () => {
  it("recognise a taken e-mail address by the API's message", () => {
    expect(isEmailTaken("is already the address of another user")).toBe(true);
    expect(isEmailTaken("must be an e-mail address")).toBe(false);
  });

  it("recognise the refusal to disable one's own account, and nothing else", () => {
    expect(isCannotDisableSelf(problem(409, ProblemTypes.invalidState))).toBe(true);
    expect(isCannotDisableSelf(problem(409, "https://comensha.nl/problems/conflict"))).toBe(false);
    expect(isCannotDisableSelf(problem(404, ProblemTypes.notFound))).toBe(false);
    expect(isCannotDisableSelf(new Error("offline"))).toBe(false);
  });

  it("recognise the refusal of one's own approval", () => {
    expect(isSecondApproverRequired(problem(403, ProblemTypes.secondApproverRequired))).toBe(true);
    expect(isSecondApproverRequired(problem(403, ProblemTypes.forbidden))).toBe(false);
  });
});

describe("approvals", () => {
  const requested = { requestedBy: { kind: "user", id: "me" }, approvedBy: null, approvedAt: null } as const;

  it("say a key waits while it is asked for, not approved and not revoked", () => {
    expect(isKeyAwaitingApproval({ approval: requested, revokedAt: null })).toBe(true);
    expect(isKeyAwaitingApproval({ approval: requested, revokedAt: "2026-11-20T10:00:00.000Z" })).toBe(false);
    expect(isKeyAwaitingApproval({ approval: null, revokedAt: null })).toBe(false);
    const approved = {
      ...requested,
      approvedBy: { kind: "user", id: "other" },
      approvedAt: "2026-11-20T10:00:00.000Z",
    } as const;
    expect(isKeyAwaitingApproval({ approval: approved, revokedAt: null })).toBe(false);
  });

  it("know one's own request: the same console user, not a key with that id", () => {
    expect(isOwnRequest(requested, "me")).toBe(true);
    expect(isOwnRequest(requested, "other")).toBe(false);
    expect(isOwnRequest(requested, undefined)).toBe(false);
    expect(isOwnRequest({ ...requested, requestedBy: { kind: "api_key", id: "me" } }, "me")).toBe(false);
    expect(isOwnRequest(null, "me")).toBe(false);
  });
});

describe("adminApi, the SDK adapter", () => {
  const recordingClient = (answers: ReadonlyArray<unknown>) => {
    const calls: Array<{ url: string; method: string; headers: Headers; body: unknown }> = [];
    let next = 0;
    const fetch = async (url: string, init: RequestInit) => {
      calls.push({
        url,
        method: init.method ?? "GET",
        headers: new Headers(init.headers),
        body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      });
      const answer = answers[next++];
      return new Response(JSON.stringify(answer), { status: 200, headers: { "content-type": "application/json" } });
    };
    return { api: adminApi(new Comensha({ baseUrl: "http://api.test", session: true, fetch })), calls };
  };
  const organisation = (id: string) => ({ ...sampleOrganisation, id });

  it("lists organisations with the page's limit and cursor", async () => {
    const { api, calls } = recordingClient([{ data: [sampleOrganisation], nextCursor: "c2" }]);
    expect(await api.listOrganisations({ limit: 50, cursor: "c1" })).toEqual({
      data: [sampleOrganisation],
      nextCursor: "c2",
    });
    expect(calls.map((call) => [call.method, call.url])).toEqual([
      ["GET", "http://api.test/v1/organisations?limit=50&cursor=c1"],
    ]);
  });

  it("reads one organisation by its id, and answers null when the API says 404", async () => {
    const wanted = "0193c111-0000-7000-8000-0000c11100ff";
    const found = recordingClient([organisation(wanted)]);
    expect((await found.api.findOrganisation(wanted))?.id).toBe(wanted);
    expect(found.calls.map((call) => [call.method, call.url])).toEqual([
      ["GET", `http://api.test/v1/organisations/${wanted}`],
    ]);
    const fetch = async () =>
      new Response(
        JSON.stringify({ type: "https://comensha.nl/problems/not-found", title: "Not found", status: 404 }),
        {
          status: 404,
          headers: { "content-type": "application/problem+json" },
        },
      );
    const missing = adminApi(new Comensha({ baseUrl: "http://api.test", session: true, fetch }));
    expect(await missing.findOrganisation(wanted)).toBeNull();
  });

  it("creates an organisation and a key with the Idempotency-Key it is given", async () => {
    const { api, calls } = recordingClient([{ organisation: sampleOrganisation }, { key: "k" }]);
    await api.createOrganisation({ name: "Stichting Voorbeeld", kind: "ngo" }, { idempotencyKey: "idem-1" });
    await api.createApiKey(sampleOrganisation.id, { role: "partner" }, { idempotencyKey: "idem-2" });
    expect(calls.map((call) => [call.method, call.url, call.headers.get("idempotency-key"), call.body])).toEqual([
      ["POST", "http://api.test/v1/organisations", "idem-1", { name: "Stichting Voorbeeld", kind: "ngo" }],
      ["POST", `http://api.test/v1/organisations/${sampleOrganisation.id}/api-keys`, "idem-2", { role: "partner" }],
    ]);
  });

  it("lists and revokes keys, and lists, creates and disables users on their routes", async () => {
    const { api, calls } = recordingClient([
      { data: [], nextCursor: null },
      sampleApiKey,
      { data: [], nextCursor: null },
      { user: sampleUser, oneTimePassword: "x" },
      sampleUser,
    ]);
    await api.listApiKeys(sampleOrganisation.id, { limit: 50 });
    await api.revokeApiKey(sampleApiKey.id);
    await api.listUsers({ limit: 50 });
    await api.createUser({ email: "a@b.nl", name: "A", role: "policy" }, { idempotencyKey: "idem-3" });
    await api.disableUser(sampleUser.id);
    expect(calls.map((call) => [call.method, call.url])).toEqual([
      ["GET", `http://api.test/v1/organisations/${sampleOrganisation.id}/api-keys`],
      ["POST", `http://api.test/v1/api-keys/${sampleApiKey.id}/revoke`],
      ["GET", "http://api.test/v1/users?limit=50"],
      ["POST", "http://api.test/v1/users"],
      ["POST", `http://api.test/v1/users/${sampleUser.id}/disable`],
    ]);
    expect(calls[3]?.headers.get("idempotency-key")).toBe("idem-3");
  });

  it("approves keys and users on their routes", async () => {
    const { api, calls } = recordingClient([sampleApiKey, sampleUser]);
    await api.approveApiKey(sampleApiKey.id);
    await api.approveUser(sampleUser.id);
    expect(calls.map((call) => [call.method, call.url])).toEqual([
      ["POST", `http://api.test/v1/api-keys/${sampleApiKey.id}/approve`],
      ["POST", `http://api.test/v1/users/${sampleUser.id}/approve`],
    ]);
  });
});
