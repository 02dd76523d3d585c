import { CryptoLive, Database, queryWith, Schema as Tables } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { Ports, SubjectExport } from "@comensha/domain";
import {
  Comensha,
  ForbiddenError,
  NotFoundError,
  type SubjectExport as SdkSubjectExport,
  type SubjectExportRegistrationVersion,
} from "@comensha/sdk";
import { and, eq } from "drizzle-orm";
import { Effect, Redacted, Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemType } from "../src/problem.js";
import {
  caller,
  inSession,
  makeOrganisation,
  makeUser,
  openTestApi,
  registrationBody,
  signIn,
  type TestApi,
} from "./support.js";

type Json = Record<string, unknown>;
type Export = typeof SubjectExport.SubjectExport.Encoded;

type DeepMutable<T> =
  T extends ReadonlyArray<infer U>
    ? Array<DeepMutable<U>>
    : T extends object
      ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
      : T;
type Assignable<A, B> = [A] extends [B] ? true : false;
type NoExtraKeys<A, B> = [Exclude<keyof A, keyof B>] extends [never] ? true : false;

/** Compile-time proof that the SDK's (generated) export type agrees with the domain's schema of the export. */
const proofs: {
  readonly exportFitsSdk: Assignable<DeepMutable<Export>, SdkSubjectExport>;
  readonly noInventedFields: NoExtraKeys<SdkSubjectExport, Export>;
  readonly sdkKnowsEveryField: NoExtraKeys<Export, SdkSubjectExport>;
  readonly versionFitsSdk: Assignable<
    DeepMutable<Export["registrations"][number]["versions"][number]>,
    SubjectExportRegistrationVersion
  >;
} = { exportFitsSdk: true, noInventedFields: true, sdkKnowsEveryField: true, versionFitsSdk: true };

/** Markers that must reach the export, each with characters HTML must escape. */
const marker = {
  family: `Familie<script>alert("f")</script>`,
  givenV1: "Eerste <b>Versie</b>",
  givenV2: `Tweede "&' Versie`,
  merged: "Samengevoegd <i>Drie</i>",
  withdrawal: `Ingetrokken want "dubbel" <x> & klaar`,
  noteV1: `Gesprek <script>n</script> met "tolk" & tante`,
  noteV2: `Gesprek <b>gecorrigeerd</b> & 'aangevuld'`,
  followUpTitle: `Bel <script>t</script> de "advocaat" & tolk`,
  medical: `Insuline <script>m</script> & "dieet"`,
  override: `Acuut gevaar <script>o</script>, geen andere plek`,
  mergeReason: `Zelfde persoon <script>r</script> & 'bevestigd'`,
  coordinatorName: `Coördinator <Test> "Één"`,
  attachmentName: `Verklaring <x> & "tolk" 'Kovač'.txt`,
} as const;

const needs = {
  targetGroup: "women",
  children: 0,
  urgency: "tonight",
  security: "high",
  languages: ["en"],
  medicalNeeds: marker.medical,
};

const cosm = {
  name: "COSM Inzage",
  kind: "cosm",
  region: "midden_nederland",
  places: [{ label: "I1", targetGroup: "women", securityLevel: "high", accessible: false, roomForChildren: false }],
};

const otherKeys = {
  encryptionKey: Redacted.make(new Uint8Array(32).fill(41)),
  indexKey: Redacted.make(new Uint8Array(32).fill(42)),
};

const person = (givenNames: string) => ({
  familyName: marker.family,
  givenNames,
  aliases: [],
  dateOfBirth: "1990-04-12",
  sex: "female",
  nationalities: ["NL"],
});

describe.each(testDatabaseKinds())("the data-subject access export (%s)", (kind) => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let ngo: ReturnType<typeof caller>;
  let admin: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof inSession>;
  let policeKeyId: string;
  let coordinatorUserId: string;
  let personId: string;
  let mergedPersonId: string;
  let noteId: string;
  let attachmentId: string;
  let followUpId: string;
  let referralId: string;
  let registrationId: string;
  let ngoRegistrationId: string;
  let requestId: string;
  let n = 0;

  const post = (as: ReturnType<typeof caller>, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    as(path, {
      method: "POST",
      ...(body === undefined ? {} : { body }),
      headers: { "Idempotency-Key": `se-${kind}-${++n}`, ...headers },
    });

  const personOf = async (id: string) => {
    const [row] = await api.runtime.runPromise(
      Effect.flatMap(Database, (database) =>
        queryWith(database)((db) =>
          db
            .select({ personId: Tables.registrations.personId })
            .from(Tables.registrations)
            .where(eq(Tables.registrations.id, id)),
        ),
      ),
    );
    return row?.personId as string;
  };

  const exportOf = async (id: string, query = "") => {
    const response = await coordinator(`/v1/persons/${id}/export${query}`);
    expect(response.status).toBe(200);
    return { response, body: (await response.json()) as Export };
  };

  beforeAll(async () => {
    api = await openTestApi(kind);
    const policeOrg = await makeOrganisation(api, { name: "Politie Inzage", kind: "police" });
    police = caller(api, policeOrg.apiKey);
    ngo = caller(api, (await makeOrganisation(api, { name: "FairWork Inzage", kind: "fairwork" })).apiKey);
    admin = caller(api, (await makeOrganisation(api, { name: "Beheer Inzage", kind: "other", role: "admin" })).apiKey);
    const user = await makeUser(api, {
      email: "coordinator@inzage.test",
      role: "coordinator",
      name: marker.coordinatorName,
      password: "een lang genoeg wachtwoord 123",
    });
    coordinatorUserId = user.credential.user.id;
    coordinator = inSession(api, await signIn(api, "coordinator@inzage.test", "een lang genoeg wachtwoord 123"));
    policeKeyId = await api.runtime.runPromise(
      Effect.map(
        Effect.flatMap(Ports.ApiKeyRepository, (keys) => keys.list(policeOrg.organisation.id)),
        (keys) => keys[0]?.id as string,
      ),
    );

    // The police report her, then correct the report: two versions.
    const created = await post(police, "/v1/registrations", registrationBody({ person: person(marker.givenV1) }));
    expect(created.status).toBe(201);
    registrationId = ((await created.json()) as Json).id as string;
    const corrected = await police(`/v1/registrations/${registrationId}`, {
      method: "PUT",
      body: registrationBody({ person: person(marker.givenV2) }),
      headers: { "If-Match": '"1"' },
    });
    expect(corrected.status).toBe(200);
    personId = await personOf(registrationId);

    // An NGO reports someone with the same family name and date of birth: a possible duplicate, merged into her.
    const second = await post(
      ngo,
      "/v1/registrations",
      registrationBody({ person: person(marker.merged), legalBasis: "consent" }),
    );
    expect(second.status).toBe(201);
    ngoRegistrationId = ((await second.json()) as Json).id as string;
    mergedPersonId = await personOf(ngoRegistrationId);
    expect(mergedPersonId).not.toBe(personId);
    const withdrawn = await post(
      ngo,
      `/v1/registrations/${ngoRegistrationId}/withdraw`,
      { reason: marker.withdrawal },
      { "If-Match": '"1"' },
    );
    expect(withdrawn.status).toBe(200);
    const duplicates = (await (await coordinator("/v1/duplicates?status=open")).json()) as { data: Array<Json> };
    const duplicate = duplicates.data.find((entry) => entry.registrationId === ngoRegistrationId);
    expect(duplicate).toBeDefined();
    const merged = await coordinator(`/v1/duplicates/${duplicate?.id}/merge`, {
      method: "POST",
      body: { reason: marker.mergeReason },
    });
    expect(merged.status).toBe(200);

    // First shelter: a request with medical needs, a COSM offer overridden with a reason, a placement that ended.
    const shelter = (await (await post(admin, "/v1/shelters", cosm)).json()) as { places: Array<{ id: string }> };
    const request = await post(police, "/v1/placement-requests", { registrationId, needs });
    expect(request.status).toBe(201);
    requestId = ((await request.json()) as Json).id as string;
    expect((await coordinator(`/v1/placement-requests/${requestId}/start-search`, { method: "POST" })).status).toBe(
      200,
    );
    const offered = await coordinator(`/v1/placement-requests/${requestId}/offers`, {
      method: "POST",
      body: {
        placeId: shelter.places[0]?.id,
        startsOn: "2026-11-21",
        expiresAt: "2099-01-01T00:00:00Z",
        override: { reason: marker.override },
      },
    });
    expect(offered.status).toBe(201);
    expect((await post(police, `/v1/placement-requests/${requestId}/accept`)).status).toBe(201);
    const ended = await coordinator(`/v1/placement-requests/${requestId}/end`, {
      method: "POST",
      body: { endsOn: "2026-12-01", reason: "moved_on" },
    });
    expect(ended.status).toBe(200);

    // The partner reads its registration: an audit event the export must show.
    expect((await police(`/v1/registrations/${registrationId}`)).status).toBe(200);

    // Her case went to follow-up: the export names the change and her status now.
    const followUp = await coordinator(`/v1/persons/${personId}/case-status`, {
      method: "POST",
      body: { status: "follow_up", reason: "follow_up_planned" },
    });
    expect(followUp.status).toBe(200);

    // A case note about her, corrected once: the export holds both versions' words.
    const note = await coordinator(`/v1/persons/${personId}/notes`, { method: "POST", body: { text: marker.noteV1 } });
    expect(note.status).toBe(201);
    noteId = ((await note.json()) as Json).id as string;
    const noteCorrected = await coordinator(`/v1/persons/${personId}/notes/${noteId}`, {
      method: "PUT",
      body: { text: marker.noteV2 },
      headers: { "If-Match": '"1"' },
    });
    expect(noteCorrected.status).toBe(200);

    // A file in her case: the export describes it (its name too) and says how to get it.
    const uploaded = await coordinator(`/v1/persons/${personId}/attachments`, {
      method: "POST",
      headers: { "Content-Type": "text/plain", "X-File-Name": encodeURIComponent(marker.attachmentName) },
      body: "Verklaring afgelegd bij de politie.",
    });
    expect(uploaded.status).toBe(201);
    attachmentId = ((await uploaded.json()) as Json).id as string;

    // She was referred to care coordination with her consent: the export names who received her data.
    const care = await makeOrganisation(api, {
      name: "Zorgcoördinatie <Inzage>",
      kind: "care_coordination",
      role: "care",
    });
    const referred = await coordinator("/v1/referrals", {
      method: "POST",
      body: {
        personId,
        toOrganisationId: care.organisation.id,
        service: "care_coordination",
        shareIdentifiers: true,
        sharingBasis: "consent",
        consentGivenOn: "2026-11-30",
      },
    });
    expect(referred.status).toBe(201);
    referralId = ((await referred.json()) as Json).id as string;

    // A follow-up task about her, owned by the coordinator: the export holds it with its title.
    const task = await coordinator(`/v1/persons/${personId}/follow-ups`, {
      method: "POST",
      body: { kind: "residence_decision_b8_3", dueOn: "2027-01-31", title: marker.followUpTitle },
    });
    expect(task.status).toBe(201);
    followUpId = ((await task.json()) as Json).id as string;
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it("holds every version with its decrypted names, the merged person's data and the reasons given", async () => {
    const { body } = await exportOf(personId);
    expect(body.personId).toBe(personId);
    expect(body.persons.map((entry) => entry.id)).toEqual([personId, mergedPersonId]);
    expect(body.persons[1]).toMatchObject({ mergedInto: personId, sex: "female", birthYear: 1990 });
    expect(body.persons.map((entry) => entry.caseStatus)).toEqual(["follow_up", "active"]);
    expect(body.caseStatusChanges.map((change) => [change.personId, change.from, change.to, change.reason])).toEqual([
      [personId, "active", "follow_up", "follow_up_planned"],
    ]);
    expect(
      body.caseNotes.map((note) => [
        note.id,
        note.personId,
        note.versions.map((version) => (version.content.state === "readable" ? version.content.text : undefined)),
      ]),
    ).toEqual([[noteId, personId, [marker.noteV1, marker.noteV2]]]);
    expect(
      body.referrals.map((referral) => [
        referral.id,
        referral.toOrganisation.name,
        referral.sharingBasis,
        referral.consentGivenOn,
        referral.state,
      ]),
    ).toEqual([[referralId, "Zorgcoördinatie <Inzage>", "consent", "2026-11-30", "pending"]]);
    expect(body.auditEvents.filter((event) => event.resourceId === referralId).map((event) => event.action)).toEqual([
      "referral.create",
    ]);
    expect(
      body.attachments.map((attachment) => [
        attachment.id,
        attachment.personId,
        attachment.name.state === "readable" ? attachment.name.fileName : attachment.name.state,
        attachment.mediaType,
        attachment.size,
      ]),
    ).toEqual([[attachmentId, personId, marker.attachmentName, "text/plain", 35]]);
    expect(body.auditEvents.filter((event) => event.resourceId === attachmentId).map((event) => event.action)).toEqual([
      "attachment.create",
    ]);
    expect(
      body.followUps.map((task) => [
        task.id,
        task.personId,
        task.kind,
        task.dueOn,
        task.owner,
        task.state,
        task.title.state === "readable" ? task.title.text : task.title.state,
      ]),
    ).toEqual([
      [followUpId, personId, "residence_decision_b8_3", "2027-01-31", coordinatorUserId, "open", marker.followUpTitle],
    ]);
    expect(body.auditEvents.filter((event) => event.resourceId === followUpId).map((event) => event.action)).toEqual([
      "follow_up.create",
    ]);
    expect(body.auditEvents.filter((event) => event.resourceId === noteId).map((event) => event.action)).toEqual([
      "case_note.create",
      "case_note.update",
    ]);

    const own = body.registrations.find((entry) => entry.id === registrationId);
    expect(own?.organisation.name).toBe("Politie Inzage");
    expect(own?.versions.map((version) => version.version)).toEqual([1, 2]);
    const givenNames = own?.versions.map((version) =>
      version.state === "readable" ? version.registration.person.givenNames : undefined,
    );
    expect(givenNames).toEqual([marker.givenV1, marker.givenV2]);
    expect(own?.versions[0]?.state === "readable" && own.versions[0].registration.person.familyName).toBe(
      marker.family,
    );

    const theirs = body.registrations.find((entry) => entry.id === ngoRegistrationId);
    expect(theirs).toMatchObject({ personId: mergedPersonId, status: "withdrawn", organisation: { kind: "fairwork" } });
    const last = theirs?.versions.at(-1);
    expect(last?.state === "readable" && last.registration.person.givenNames).toBe(marker.merged);
    expect(last?.state === "readable" && last.withdrawalReason).toBe(marker.withdrawal);

    const [duplicate] = body.duplicates;
    expect(body.duplicates).toHaveLength(1);
    expect(duplicate).toMatchObject({ personId: mergedPersonId, candidatePersonId: personId, status: "merged" });
    expect(duplicate?.decision?.reason).toEqual({ state: "readable", text: marker.mergeReason });
    expect(duplicate?.decision?.decidedBy).toMatchObject({
      kind: "user",
      id: coordinatorUserId,
      name: marker.coordinatorName,
    });

    const [request] = body.placementRequests;
    expect(request).toMatchObject({ id: requestId, registrationId, state: "ended", needs: { targetGroup: "women" } });
    expect(request?.medicalNeeds).toEqual({ state: "readable", text: marker.medical });
    expect(request?.offers).toHaveLength(1);
    expect(request?.offers[0]).toMatchObject({
      status: "accepted",
      place: { label: "I1", shelterName: "COSM Inzage" },
    });
    expect(request?.offers[0]?.overrideReason).toEqual({ state: "readable", text: marker.override });
    expect(request?.placements).toEqual([
      expect.objectContaining({ startsOn: "2026-11-21", endsOn: "2026-12-01", endReason: "moved_on" }),
    ]);

    // Decodes with the domain's schema: what the SDK and the console type it by.
    expect(() => Schema.decodeUnknownSync(SubjectExport.SubjectExport)(body)).not.toThrow();
  });

  it("shows who saw the data: the partner's read of its registration, with its organisation", async () => {
    const { body } = await exportOf(personId);
    const read = body.auditEvents.find(
      (event) => event.action === "registration.read" && event.actor.kind === "api_key",
    );
    expect(read).toMatchObject({
      resourceType: "registration",
      resourceId: registrationId,
      outcome: "success",
      actor: { kind: "api_key", id: policeKeyId, organisation: { name: "Politie Inzage", kind: "police" } },
    });
    const actions = new Set(body.auditEvents.map((event) => `${event.resourceType}:${event.action}`));
    for (const expected of [
      "registration:registration.create",
      "registration:registration.update",
      "registration:registration.withdraw",
      "duplicate:duplicate.merge",
      "placement_request:placement_request.create",
      "placement_request:placement_request.offer",
      "placement_request:placement_request.end",
    ]) {
      expect(actions, expected).toContain(expected);
    }
    const merge = body.auditEvents.find((event) => event.action === "duplicate.merge");
    expect(merge?.actor).toMatchObject({ kind: "user", name: marker.coordinatorName });
    const times = body.auditEvents.map((event) => event.occurredAt);
    expect([...times].sort()).toEqual(times);
  });

  it("answers an attachment named after the person's id only, never stored, and audits the export without data", async () => {
    const { response } = await exportOf(personId);
    expect(response.headers.get("Content-Type")).toContain("application/json");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="subject-export-${personId}.json"`);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const events = await api.runtime.runPromise(Effect.flatMap(Ports.AuditLog, (log) => log.list({ limit: 500 })));
    const exports = events.data.filter((event) => event.action === "person.export");
    expect(exports.length).toBeGreaterThan(0);
    expect(exports[0]).toMatchObject({
      resourceType: "person",
      resourceId: personId,
      outcome: "success",
      actor: { kind: "user", id: coordinatorUserId },
    });
    expect(JSON.stringify(exports)).not.toMatch(/Familie|Eerste|Tweede|Insuline/);
    // An earlier export is itself part of what the next export shows.
    const { body } = await exportOf(personId);
    expect(body.auditEvents.some((event) => event.action === "person.export" && event.resourceId === personId)).toBe(
      true,
    );
  });

  it("renders a readable page in Dutch and English that escapes every value and runs no script", async () => {
    const dutch = await coordinator(`/v1/persons/${personId}/export?format=html`);
    expect(dutch.status).toBe(200);
    expect(dutch.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(dutch.headers.get("Content-Disposition")).toBe(`attachment; filename="subject-export-${personId}.html"`);
    expect(dutch.headers.get("Cache-Control")).toBe("no-store");
    expect(dutch.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const csp = dutch.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    const html = await dutch.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain("Inzageverzoek: overzicht van persoonsgegevens");
    expect(html).toContain("Wie heeft de gegevens ingezien of gewijzigd");
    expect(html).toContain("Verloop van de casusstatus");
    expect(html).toContain("Doorverwijzingen");
    expect(html).toContain("Bijlagen");
    expect(html).toContain("De bestanden zelf staan niet in deze export");
    expect(html).toContain("Opvolgtaken");
    expect(html).toContain("Besluit verblijfsvergunning B8/3");
    expect(html).toContain("Zorgcoördinatie &#60;Inzage&#62;");
    expect(html).toContain("Ja, op grond van Toestemming van de persoon (2026-11-30)");
    expect(html).toContain("Nazorg afgesproken");
    expect(html).toContain('<meta http-equiv="Content-Security-Policy"');
    expect(html).toContain("@media print");
    expect(html).not.toMatch(/<script|<b>|<i>|<x>|<Test>/i);
    const escaped = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    for (const value of Object.values(marker)) expect(html, value).toContain(escaped(value));

    const english = await coordinator(`/v1/persons/${personId}/export?format=html&lang=en`);
    expect(english.status).toBe(200);
    const page = await english.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain("Subject access request: personal data export");
    expect(page).toContain("Who saw or changed the data");
    expect(page).not.toContain("Inzageverzoek");
  });

  it("refuses every role but the coordinator with a 403 problem, audited as denied", async () => {
    for (const role of ["partner", "policy", "admin", "auditor"]) {
      const key = (await makeOrganisation(api, { name: `Rol ${role}`, kind: "other", role })).apiKey;
      const response = await caller(api, key)(`/v1/persons/${personId}/export`);
      expect(response.status, role).toBe(403);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
      const problem = (await response.json()) as Json;
      expect(problem.type).toBe(ProblemType.forbidden);
      expect(JSON.stringify(problem)).not.toContain("Familie");
    }
    const events = await api.runtime.runPromise(Effect.flatMap(Ports.AuditLog, (log) => log.list({ limit: 500 })));
    expect(
      events.data.filter((event) => event.action === "person.export" && event.outcome === "denied").length,
    ).toBeGreaterThanOrEqual(4);
  });

  it("answers an unknown or malformed person id with 404, and a bad format or language with 422", async () => {
    const unknown = await coordinator("/v1/persons/01900000-0000-7000-8000-000000000000/export");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as Json).type).toBe(ProblemType.notFound);
    const malformed = await coordinator("/v1/persons/not-a-person/export");
    expect(malformed.status).toBe(404);
    expect(malformed.headers.get("Content-Type")).toBe("application/problem+json");
    for (const query of ["?format=pdf", "?format=html&lang=de"]) {
      const response = await coordinator(`/v1/persons/${personId}/export${query}`);
      expect(response.status, query).toBe(422);
      expect(((await response.json()) as Json).type).toBe(ProblemType.validationFailed);
    }
  });

  it("is typed in the SDK: persons.export gives the export object, or the page as text", async () => {
    expect(Object.values(proofs).every(Boolean)).toBe(true);
    const key = (await makeOrganisation(api, { name: "CoMensha SDK", kind: "other", role: "coordinator" })).apiKey;
    const client = new Comensha({
      apiKey: key,
      baseUrl: "http://comensha.test",
      fetch: (url, init) => Promise.resolve(api.app.request(url, init)),
      maxRetries: 0,
    });
    const exported = await client.persons.export(personId);
    expect(exported.personId).toBe(personId);
    const version = exported.registrations.find((entry) => entry.id === registrationId)?.versions.at(-1);
    expect(version?.state === "readable" ? version.registration.person.givenNames : undefined).toBe(marker.givenV2);
    expect(exported.placementRequests[0]?.medicalNeeds).toEqual({ state: "readable", text: marker.medical });
    const page: string = await client.persons.export(personId, { format: "html", lang: "en" });
    expect(page).toContain("Subject access request");
    expect(page).toContain('<html lang="en">');
    const { response } = await client.persons.export(personId, { format: "html" }).withResponse();
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="subject-export-${personId}.html"`);
    await expect(client.persons.export("01900000-0000-7000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    const partner = new Comensha({
      apiKey: (await makeOrganisation(api, { name: "Partner SDK", kind: "ngo" })).apiKey,
      baseUrl: "http://comensha.test",
      fetch: (url, init) => Promise.resolve(api.app.request(url, init)),
      maxRetries: 0,
    });
    await expect(partner.persons.export(personId)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("marks a version that does not decrypt instead of failing, and audits it", async () => {
    await api.runtime.runPromise(
      Effect.gen(function* () {
        const ciphertext = yield* Effect.flatMap(Ports.Crypto, (other) =>
          other.encrypt(
            JSON.stringify({ familyName: "X", givenNames: "Y", aliases: [] }),
            `registration:${registrationId}:1`,
          ),
        ).pipe(Effect.provide(CryptoLive(otherKeys)));
        yield* queryWith(yield* Database)((db) =>
          db
            .update(Tables.registrationVersions)
            .set({ identifiers: ciphertext })
            .where(
              and(
                eq(Tables.registrationVersions.registrationId, registrationId),
                eq(Tables.registrationVersions.version, 1),
              ),
            ),
        );
      }),
    );
    const { body } = await exportOf(personId);
    const own = body.registrations.find((entry) => entry.id === registrationId);
    expect(own?.versions.map((version) => version.state)).toEqual(["undecryptable", "readable"]);
    expect(JSON.stringify(own?.versions[0])).not.toContain(marker.givenV1);
    const html = await (await coordinator(`/v1/persons/${personId}/export?format=html&lang=en`)).text();
    expect(html).toContain("Cannot be decrypted");
    const events = await api.runtime.runPromise(Effect.flatMap(Ports.AuditLog, (log) => log.list({ limit: 500 })));
    expect(
      events.data.some((event) => event.action === "registration.undecryptable" && event.resourceId === registrationId),
    ).toBe(true);
  });

  it("names who received a transferred registration, from whom and why, in JSON and on the page", async () => {
    const receiver = await makeOrganisation(api, { name: "Zorg <Overdracht>", kind: "care_coordination" });
    const moved = await post(coordinator, `/v1/registrations/${registrationId}/transfers`, {
      toOrganisationId: receiver.organisation.id,
      reason: "care_takes_over",
    });
    expect(moved.status).toBe(201);
    const transferId = ((await moved.json()) as Json).id as string;
    const { body } = await exportOf(personId);
    expect(
      body.transfers.map((transfer) => [
        transfer.id,
        transfer.registrationId,
        transfer.fromOrganisation.name,
        transfer.toOrganisation.name,
        transfer.reason,
        transfer.version,
      ]),
    ).toEqual([[transferId, registrationId, "Politie Inzage", "Zorg <Overdracht>", "care_takes_over", 2]]);
    expect(
      body.auditEvents.filter((event) => event.resourceId === registrationId).map((event) => event.action),
    ).toContain("registration.transfer");
    const dutch = await (await coordinator(`/v1/persons/${personId}/export?format=html`)).text();
    expect(dutch).toContain("<h2>Overdrachten</h2>");
    expect(dutch).toContain("Zorg &#60;Overdracht&#62; (Zorgcoördinatie)");
    expect(dutch).toContain("Zorg neemt het over");
    const english = await (await coordinator(`/v1/persons/${personId}/export?format=html&lang=en`)).text();
    expect(english).toContain("<h2>Transfers</h2>");
    expect(english).toContain("Care takes over");
  });
});
