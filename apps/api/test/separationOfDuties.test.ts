import { testDatabaseKinds } from "@comensha/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemType } from "../src/problem.js";
import {
  caller,
  inSession,
  logIn,
  makeOrganisation,
  makeUser,
  openTestApi,
  signIn,
  type TestApi,
  type TestSession,
} from "./support.js";

type Json = Record<string, unknown>;

interface AuditRow {
  readonly action: string;
  readonly outcome: string;
  readonly resourceId?: string;
  readonly actor: { readonly kind: string; readonly id: string };
}

/** Issue 13, item 5: a coordinator (or administrator) user or key made through the API needs a second administrator. */
describe.each(testDatabaseKinds())("separation of duties for users and API keys on %s", (kind) => {
  let api: TestApi;
  const password = "a long synthetic passphrase for tests";
  let first: TestSession;
  let second: TestSession;
  let asFirst: ReturnType<typeof inSession>;
  let asSecond: ReturnType<typeof inSession>;
  let auditor: ReturnType<typeof caller>;
  let comenshaId: string;
  let counter = 0;
  const freshEmail = () => `staff${++counter}@comensha.test`;

  beforeAll(async () => {
    api = await openTestApi(kind);
    await makeUser(api, { email: "eerste.beheerder@comensha.test", role: "admin", password });
    await makeUser(api, { email: "tweede.beheerder@comensha.test", role: "admin", password });
    first = await signIn(api, "eerste.beheerder@comensha.test", password);
    second = await signIn(api, "tweede.beheerder@comensha.test", password);
    asFirst = inSession(api, first);
    asSecond = inSession(api, second);
    auditor = caller(api, (await makeOrganisation(api, { name: "Toezicht", kind: "other", role: "auditor" })).apiKey);
    const organisations = (await (await asFirst("/v1/organisations?limit=200")).json()) as { data: Array<Json> };
    comenshaId = String(organisations.data.find((organisation) => organisation.isComensha)?.id);
  });
  afterAll(async () => {
    await api?.close();
  });

  /** An administrator (in `as`) asks for a user of `role`: answers the user and their one-time password. */
  const createUser = async (as: ReturnType<typeof inSession>, role: string) => {
    const email = freshEmail();
    const response = await as("/v1/users", { method: "POST", body: { email, name: "Nieuwe Collega", role } });
    expect(response.status).toBe(201);
    const { user, oneTimePassword } = (await response.json()) as { user: Json; oneTimePassword: string };
    return { email, user, id: String(user.id), oneTimePassword };
  };

  /** An administrator (in `as`) asks for a key of `role` for CoMensha's own organisation. */
  const createKey = async (as: ReturnType<typeof inSession>, role: string, organisationId = comenshaId) => {
    const response = await as(`/v1/organisations/${organisationId}/api-keys`, { method: "POST", body: { role } });
    expect(response.status).toBe(201);
    const key = (await response.json()) as Json;
    return { key, id: String(key.id), apiKey: String(key.key) };
  };

  const approveUser = (as: ReturnType<typeof inSession>, id: string) =>
    as(`/v1/users/${id}/approve`, { method: "POST" });
  const approveKey = (as: ReturnType<typeof inSession>, id: string) =>
    as(`/v1/api-keys/${id}/approve`, { method: "POST" });

  /** The audit events about `resourceId`, oldest first, as an auditor reads them through the API. */
  const auditOf = async (resourceId: string): Promise<Array<AuditRow>> => {
    const response = await auditor("/v1/audit-events?limit=500");
    expect(response.status).toBe(200);
    const page = (await response.json()) as { data: Array<AuditRow> };
    return page.data.filter((event) => event.resourceId === resourceId).reverse();
  };

  const typeOf = async (response: Response) => ((await response.json()) as Json).type;

  it("makes a coordinator asked for by an administrator pending, with who asked, and no login: as a wrong password", async () => {
    const { email, user, oneTimePassword } = await createUser(asFirst, "coordinator");
    expect(user).toMatchObject({
      role: "coordinator",
      status: "pending",
      approval: { requestedBy: { kind: "user", id: first.user.id }, approvedBy: null, approvedAt: null },
    });
    const pending = await logIn(api, email, oneTimePassword);
    const wrong = await logIn(api, email, "not the one-time password at all");
    expect(pending.response.status).toBe(401);
    expect(pending.session).toBeUndefined();
    const body = (await pending.response.json()) as Json;
    const wrongBody = (await wrong.response.json()) as Json;
    expect(body.type).toBe(ProblemType.invalidCredentials);
    expect({ ...body, requestId: undefined, instance: undefined }).toEqual({
      ...wrongBody,
      requestId: undefined,
      instance: undefined,
    });
  });

  it("refuses the requesting administrator's own approval with 403 second-approver-required; another approves", async () => {
    const { email, id, oneTimePassword } = await createUser(asFirst, "coordinator");
    const alone = await approveUser(asFirst, id);
    expect(alone.status).toBe(403);
    expect(await typeOf(alone)).toBe(ProblemType.secondApproverRequired);
    expect((await logIn(api, email, oneTimePassword)).response.status).toBe(401);

    const approved = await approveUser(asSecond, id);
    expect(approved.status).toBe(200);
    const user = (await approved.json()) as Json;
    expect(user).toMatchObject({
      id,
      status: "active",
      approval: {
        requestedBy: { kind: "user", id: first.user.id },
        approvedBy: { kind: "user", id: second.user.id },
      },
    });
    expect(typeof (user.approval as Json).approvedAt).toBe("string");
    const { response, session } = await logIn(api, email, oneTimePassword);
    expect(response.status).toBe(200);
    expect(session?.user).toMatchObject({ status: "active", mustChangePassword: true });

    const again = await approveUser(asSecond, id);
    expect(again.status).toBe(409);
    expect(await typeOf(again)).toBe(ProblemType.invalidState);
    const listed = (await (await asFirst("/v1/users?limit=200")).json()) as { data: Array<Json> };
    expect(listed.data.find((listedUser) => listedUser.id === id)).toMatchObject({ status: "active" });
  });

  it("holds a coordinator key back (401) until another administrator approves it; then it works", async () => {
    const { key, id, apiKey } = await createKey(asFirst, "coordinator");
    expect(key).toMatchObject({
      role: "coordinator",
      revokedAt: null,
      approval: { requestedBy: { kind: "user", id: first.user.id }, approvedBy: null, approvedAt: null },
    });
    const useKey = caller(api, apiKey);
    const refused = await useKey("/v1/registrations");
    expect(refused.status).toBe(401);
    expect(await typeOf(refused)).toBe(ProblemType.unauthorized);

    const alone = await approveKey(asFirst, id);
    expect(alone.status).toBe(403);
    expect(await typeOf(alone)).toBe(ProblemType.secondApproverRequired);
    expect((await useKey("/v1/registrations")).status).toBe(401);

    const approved = await approveKey(asSecond, id);
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({
      id,
      approval: { requestedBy: { kind: "user", id: first.user.id }, approvedBy: { kind: "user", id: second.user.id } },
    });
    expect((await useKey("/v1/registrations")).status).toBe(200);
    expect((await approveKey(asFirst, id)).status).toBe(409);
    const listed = (await (await asSecond(`/v1/organisations/${comenshaId}/api-keys`)).json()) as { data: Array<Json> };
    expect(listed.data.find((listedKey) => listedKey.id === id)).toMatchObject({
      approval: { approvedAt: expect.any(String) },
    });
  });

  it("holds administrators back too, so that no administrator can make a second one to approve their own requests", async () => {
    const { email, user, id, oneTimePassword } = await createUser(asFirst, "admin");
    expect(user.status).toBe("pending");
    expect((await logIn(api, email, oneTimePassword)).response.status).toBe(401);
    const adminKey = await createKey(asFirst, "admin");
    expect((await caller(api, adminKey.apiKey)("/v1/users")).status).toBe(401);
    expect((await approveKey(asFirst, adminKey.id)).status).toBe(403);
    expect((await approveUser(asFirst, id)).status).toBe(403);
    expect((await approveUser(asSecond, id)).status).toBe(200);
    expect((await approveKey(asSecond, adminKey.id)).status).toBe(200);
    expect((await caller(api, adminKey.apiKey)("/v1/users")).status).toBe(200);
  });

  it("treats a key as a principal of its own: an administrator key's request is approved by a user, not by itself", async () => {
    const adminKey = caller(
      api,
      (await makeOrganisation(api, { name: "Beheerkoppeling", kind: "other", role: "admin" })).apiKey,
    );
    const response = await adminKey(`/v1/organisations/${comenshaId}/api-keys`, {
      method: "POST",
      body: { role: "coordinator" },
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    expect(response.status).toBe(201);
    const key = (await response.json()) as { id: string; approval: { requestedBy: Json } };
    expect(key.approval.requestedBy.kind).toBe("api_key");
    const alone = await adminKey(`/v1/api-keys/${key.id}/approve`, { method: "POST" });
    expect(alone.status).toBe(403);
    expect(await typeOf(alone)).toBe(ProblemType.secondApproverRequired);
    expect((await approveKey(asFirst, key.id)).status).toBe(200);
  });

  it("needs no approval for policy and auditor users or for partner keys", async () => {
    for (const role of ["policy", "auditor"]) {
      const { email, user, oneTimePassword } = await createUser(asFirst, role);
      expect(user).toMatchObject({ status: "active", approval: null });
      expect((await logIn(api, email, oneTimePassword)).response.status).toBe(200);
      expect((await approveUser(asSecond, String(user.id))).status).toBe(409);
    }
    const { organisation } = await makeOrganisation(api, { name: "Politie Vier Ogen", kind: "police" });
    const { key, id, apiKey } = await createKey(asFirst, "partner", organisation.id);
    expect(key.approval).toBeNull();
    expect((await caller(api, apiKey)("/v1/registrations")).status).toBe(200);
    expect((await approveKey(asSecond, id)).status).toBe(409);
    const created = await asFirst("/v1/organisations", {
      method: "POST",
      body: { name: "Stichting Ogen", kind: "ngo" },
    });
    const { apiKey: firstKey } = (await created.json()) as { apiKey: Json };
    expect(firstKey.approval).toBeNull();
  });

  it("makes users and keys on the command line (the system) active at once, even coordinators", async () => {
    const email = freshEmail();
    const { credential } = await makeUser(api, { email, role: "coordinator", password });
    expect(credential.user).toMatchObject({ status: "active", approval: null });
    expect((await logIn(api, email, password)).response.status).toBe(200);
  });

  it("turns a request down by disabling the user or revoking the key; neither can be approved afterwards", async () => {
    const { email, id, oneTimePassword } = await createUser(asFirst, "coordinator");
    const disabled = await asSecond(`/v1/users/${id}/disable`, { method: "POST" });
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ status: "disabled", approval: { approvedAt: null } });
    const late = await approveUser(asSecond, id);
    expect(late.status).toBe(409);
    expect(await typeOf(late)).toBe(ProblemType.invalidState);
    expect((await logIn(api, email, oneTimePassword)).response.status).toBe(401);

    const { id: keyId, apiKey } = await createKey(asFirst, "coordinator");
    expect((await asFirst(`/v1/api-keys/${keyId}/revoke`, { method: "POST" })).status).toBe(200);
    expect((await approveKey(asSecond, keyId)).status).toBe(409);
    expect((await caller(api, apiKey)("/v1/registrations")).status).toBe(401);
  });

  it("lets only administrators approve, and answers 404 for an unknown or malformed id", async () => {
    const { id } = await createUser(asFirst, "coordinator");
    const { id: keyId } = await createKey(asFirst, "coordinator");
    const coordinatorKey = caller(
      api,
      (await makeOrganisation(api, { name: "Coordinatie", kind: "other", role: "coordinator" })).apiKey,
    );
    for (const path of [`/v1/users/${id}/approve`, `/v1/api-keys/${keyId}/approve`]) {
      const refused = await coordinatorKey(path, { method: "POST" });
      expect(refused.status).toBe(403);
      expect(await typeOf(refused)).toBe(ProblemType.forbidden);
      expect((await auditor(path, { method: "POST" })).status).toBe(403);
    }
    const unknown = "01900000-0000-7000-8000-000000000000";
    expect((await approveUser(asSecond, unknown)).status).toBe(404);
    expect((await approveKey(asSecond, unknown)).status).toBe(404);
    expect((await approveUser(asSecond, "not-an-id")).status).toBe(404);
    expect((await approveKey(asSecond, "not-an-id")).status).toBe(404);
  });

  it("audits the request, the refusal and the approval, and shows them to an auditor", async () => {
    const { id } = await createUser(asFirst, "coordinator");
    await approveUser(asFirst, id);
    await approveUser(asSecond, id);
    await approveUser(asSecond, id);
    const firstActor = { kind: "user", id: first.user.id };
    const secondActor = { kind: "user", id: second.user.id };
    expect(
      (await auditOf(id)).map((event) => ({ action: event.action, outcome: event.outcome, actor: event.actor })),
    ).toEqual([
      { action: "user.create", outcome: "success", actor: expect.objectContaining(firstActor) },
      { action: "user.approval_request", outcome: "success", actor: expect.objectContaining(firstActor) },
      { action: "user.approve", outcome: "denied", actor: expect.objectContaining(firstActor) },
      { action: "user.approve", outcome: "success", actor: expect.objectContaining(secondActor) },
      { action: "user.approve", outcome: "failure", actor: expect.objectContaining(secondActor) },
    ]);

    const { id: keyId } = await createKey(asFirst, "coordinator");
    await approveKey(asFirst, keyId);
    await approveKey(asSecond, keyId);
    expect(
      (await auditOf(keyId)).map((event) => ({ action: event.action, outcome: event.outcome, actor: event.actor })),
    ).toEqual([
      { action: "api_key.create", outcome: "success", actor: expect.objectContaining(firstActor) },
      { action: "api_key.approval_request", outcome: "success", actor: expect.objectContaining(firstActor) },
      { action: "api_key.approve", outcome: "denied", actor: expect.objectContaining(firstActor) },
      { action: "api_key.approve", outcome: "success", actor: expect.objectContaining(secondActor) },
    ]);
  });
});
