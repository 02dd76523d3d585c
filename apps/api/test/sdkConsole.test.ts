import { testDatabaseKinds } from "@comensha/db/testing";
import type { Duplicate as DomainDuplicate, Organisation as DomainOrganisation, Shelter } from "@comensha/domain";
import { IsoDate } from "@comensha/domain";
import {
  type ApiKey,
  type AuditEvent,
  BadRequestError,
  Comensha,
  ConflictError,
  type CreatedApiKey,
  type CreatedOrganisation,
  type CreateRegistrationInput,
  type Duplicate,
  ForbiddenError,
  NotFoundError,
  type Organisation,
  type OrganisationInput,
  type Person,
  type Shelter as SdkShelter,
  type SignalList,
  UnauthorizedError,
  UnprocessableEntityError,
} from "@comensha/sdk";
import type { Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEventResponse } from "../src/routes/auditEvents.js";
import type {
  ApiKeyResponse,
  CreatedApiKeyResponse,
  CreatedOrganisationResponse,
  OrganisationResponse,
} from "../src/routes/organisations.js";
import type { PersonResponse } from "../src/routes/persons.js";
import type { CreateRegistrationRequest } from "../src/routes/registrations.js";
import { makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

type DeepMutable<T> =
  T extends ReadonlyArray<infer U>
    ? Array<DeepMutable<U>>
    : T extends object
      ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
      : T;
type Wire<S extends Schema.Top> = DeepMutable<S["Encoded"]>;
type Assignable<A, B> = [A] extends [B] ? true : false;
type NoExtraKeys<A, B> = [Exclude<keyof A, keyof B>] extends [never] ? true : false;

/**
 * Compile-time proof that the SDK's (generated) types of the console's resources agree with the API's schemas:
 * what the API answers fits them, and the SDK invents no field.
 */
const proofs: Readonly<Record<string, true>> = {
  organisationFits: true satisfies Assignable<Wire<typeof OrganisationResponse>, Organisation>,
  organisationNoExtra: true satisfies NoExtraKeys<Organisation, Wire<typeof OrganisationResponse>>,
  organisationInputFits: true satisfies Assignable<Wire<typeof DomainOrganisation.NewOrganisation>, OrganisationInput>,
  organisationInputValid: true satisfies Assignable<OrganisationInput, Wire<typeof DomainOrganisation.NewOrganisation>>,
  apiKeyFits: true satisfies Assignable<Wire<typeof ApiKeyResponse>, ApiKey>,
  apiKeyNoExtra: true satisfies NoExtraKeys<ApiKey, Wire<typeof ApiKeyResponse>>,
  createdKeyFits: true satisfies Assignable<Wire<typeof CreatedApiKeyResponse>, CreatedApiKey>,
  createdOrganisationFits: true satisfies Assignable<Wire<typeof CreatedOrganisationResponse>, CreatedOrganisation>,
  personFits: true satisfies Assignable<Wire<typeof PersonResponse>, Person>,
  personNoExtra: true satisfies NoExtraKeys<Person, Wire<typeof PersonResponse>>,
  auditEventFits: true satisfies Assignable<Wire<typeof AuditEventResponse>, AuditEvent>,
  auditEventNoExtra: true satisfies NoExtraKeys<AuditEvent, Wire<typeof AuditEventResponse>>,
  duplicateFits: true satisfies Assignable<Wire<typeof DomainDuplicate.Duplicate>, Duplicate>,
  shelterFits: true satisfies Assignable<Wire<typeof Shelter.Shelter>, SdkShelter>,
  createInputValid: true satisfies Assignable<Wire<typeof CreateRegistrationRequest>, CreateRegistrationInput>,
  createInputNoExtra: true satisfies NoExtraKeys<CreateRegistrationInput, Wire<typeof CreateRegistrationRequest>>,
};

describe.each(testDatabaseKinds())("the SDK's console resources against the API on %s", (kind) => {
  let api: TestApi;
  let client: (apiKey: string) => Comensha;
  let admin: Comensha;
  let coordinator: Comensha;
  let auditor: Comensha;
  let police: { readonly id: string; readonly client: Comensha };

  beforeAll(async () => {
    api = await openTestApi(kind);
    client = (apiKey: string) =>
      new Comensha({
        apiKey,
        baseUrl: "http://api.test",
        maxRetries: 0,
        fetch: async (url, init) => api.app.request(url, init),
      });
    const role = async (name: string, role: string) =>
      client((await makeOrganisation(api, { name, kind: "other", role })).apiKey);
    admin = await role("Beheer SDK-test", "admin");
    coordinator = await role("CoMensha SDK-test", "coordinator");
    auditor = await role("Audit SDK-test", "auditor");
    const politie = await makeOrganisation(api, { name: "Politie SDK-test", kind: "police" });
    police = { id: politie.organisation.id, client: client(politie.apiKey) };
  });
  afterAll(async () => {
    await api?.close();
  });

  it("proves its types against the API's schemas", () => {
    expect(Object.values(proofs).every((proof) => proof)).toBe(true);
  });

  it("manages organisations and their keys: create with a key shown once, list, more keys, revoke", async () => {
    const { organisation, apiKey } = await admin.organisations.create({
      name: "Stichting SDK-voorbeeld",
      kind: "ngo",
    });
    expect(organisation).toMatchObject({ name: "Stichting SDK-voorbeeld", kind: "ngo", region: null });
    expect(apiKey).toMatchObject({ organisationId: organisation.id, role: "partner", revokedAt: null });
    const partner = client(apiKey.key);
    expect((await partner.registrations.list()).data).toEqual([]);

    const names: Array<string> = [];
    for await (const listed of coordinator.organisations.list({ limit: 2 })) names.push(listed.name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain("Stichting SDK-voorbeeld");

    const second = await admin.organisations.keys.create(organisation.id, { role: "partner" });
    const keys = await admin.organisations.keys.list(organisation.id);
    expect(keys.data.map((key) => key.id)).toEqual([second.id, apiKey.id]);
    expect(keys.hasNextPage()).toBe(false);

    const revoked = await admin.organisations.keys.revoke(apiKey.id);
    expect(revoked.revokedAt).not.toBeNull();
    await expect(partner.registrations.list()).rejects.toBeInstanceOf(UnauthorizedError);
    expect((await admin.organisations.keys.revoke(apiKey.id)).revokedAt).toBe(revoked.revokedAt);
    expect((await client(second.key).registrations.list()).data).toEqual([]);

    await expect(admin.organisations.create({ name: "X", kind: "bakery" as never })).rejects.toMatchObject({
      status: 422,
      errors: [{ path: "/kind" }],
    });
    await expect(coordinator.organisations.create({ name: "Y", kind: "ngo" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(admin.organisations.keys.list("01900000-0000-7000-8000-000000000000")).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("registers on behalf of an organisation, reviews a duplicate side by side, and reads the trail", async () => {
    const base = { familyName: "Zijaanzij", givenNames: "Mira", aliases: [], sex: "female", nationalities: ["UA"] };
    const first = await coordinator.registrations.create({
      ...(registrationBody({ person: { ...base, dateOfBirth: "1993-03-03" } }) as never as CreateRegistrationInput),
      organisationId: police.id,
    });
    await expect(
      police.client.registrations.create({
        ...(registrationBody() as never as CreateRegistrationInput),
        organisationId: police.id,
      }),
    ).rejects.toBeInstanceOf(UnprocessableEntityError);
    const second = await police.client.registrations.create(
      registrationBody({ person: { ...base, givenNames: "Myra", dateOfBirth: "1993-03-03" } }) as never,
    );

    const open: Array<Duplicate> = [];
    for await (const duplicate of coordinator.duplicates.list({ status: "open" })) open.push(duplicate);
    const duplicate = open.find((candidate) => candidate.registrationId === second.id);
    if (duplicate === undefined) throw new Error("the duplicate is missing");
    const [left, right] = await Promise.all([
      coordinator.persons.get(duplicate.personId),
      coordinator.persons.get(duplicate.candidatePersonId),
    ]);
    expect([left.person.givenNames, right.person.givenNames]).toEqual(["Myra", "Mira"]);
    expect(right.registrations).toEqual([
      { id: first.id, reportedOn: "2026-11-20", status: "received", organisationId: police.id, forms: ["sexual"] },
    ]);
    await expect(police.client.persons.get(duplicate.personId)).rejects.toBeInstanceOf(ForbiddenError);

    const dismissed = await coordinator.duplicates.dismiss(duplicate.id, { reason: "Sisters, not the same person" });
    expect(dismissed.status).toBe("dismissed");
    await expect(coordinator.duplicates.merge(duplicate.id, { reason: "after all" })).rejects.toBeInstanceOf(
      ConflictError,
    );

    const versions = await coordinator.registrations.versions(first.id);
    expect(versions.data.map((version) => [version.version, version.organisationId])).toEqual([[1, police.id]]);
    const trail: Array<AuditEvent> = [];
    for await (const event of coordinator.registrations.auditTrail(first.id, { limit: 1 })) trail.push(event);
    expect(trail.map((event) => event.action)).toEqual(["registration.versions", "registration.create"]);
    const log = await auditor.auditEvents.list({ limit: 5 });
    expect(log.data[0]?.action).toBe("registration.audit_trail");
    expect(log.data).toHaveLength(5);
    const changes = await coordinator.registrations.auditTrail(first.id, { kind: "change" });
    expect(changes.data.map((event) => event.action)).toEqual(["registration.create"]);
    const selected: Array<AuditEvent> = [];
    for await (const event of auditor.auditEvents.list({ resourceId: first.id, kind: "read", limit: 1 })) {
      selected.push(event);
    }
    // The trail read page by page (twice) and for its changes (once), and the versions: all reads, none a change.
    expect(selected.map((event) => event.action)).toEqual([
      "registration.audit_trail",
      "registration.audit_trail",
      "registration.audit_trail",
      "registration.versions",
    ]);
    const csv = await auditor.auditEvents.export({ resourceId: first.id, kind: "change", lang: "en" });
    expect(csv.split("\r\n")[1]).toContain(",change,registration.create,Registration created,success,api_key,");
    await expect(auditor.auditEvents.list({ kind: "both" as never })).rejects.toBeInstanceOf(BadRequestError);
  });

  it("lists signals and shelters", async () => {
    const signals: SignalList = await coordinator.signals.list();
    expect(signals.asOf).toBe(IsoDate.ofInstant(Date.now()));
    expect(signals.data).toEqual([]);
    const place = {
      label: "K1",
      targetGroup: "women",
      securityLevel: "high",
      accessible: true,
      roomForChildren: false,
    };
    await admin.request({
      method: "POST",
      path: "/v1/shelters",
      body: { name: "COSM Voorbeeld", kind: "cosm", region: "amsterdam", places: [place] },
    });
    const { data: shelters } = await coordinator.shelters.list();
    expect(shelters).toHaveLength(1);
    expect(shelters[0]).toMatchObject({ name: "COSM Voorbeeld", kind: "cosm", status: "active", places: [place] });
    await expect(police.client.signals.list()).rejects.toBeInstanceOf(ForbiddenError);
  });
});
