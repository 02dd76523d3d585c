import {
  Database,
  type EncryptedColumn,
  encryptedColumns,
  generateDemoData,
  queryWith,
  Schema as Tables,
  writeDemoData,
} from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { Counting, type DisclosurePolicy, PersonMatching, Ports, type Report } from "@comensha/domain";
import { produceReport } from "@comensha/reports";
import { eq, inArray, is, or } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { Effect } from "effect";
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
type Caller = ReturnType<typeof caller>;

/** A unique marker per run, so that a hit can only come from this test's input. */
const tag = crypto.randomUUID().replaceAll("-", "").slice(0, 10);
const marker = (field: string) => `Ers${field}${tag}`;

/** Every identifier and free text about the erased person, as sent. */
const markers = {
  familyName: marker("Family"),
  givenNames: marker("Given"),
  alias: marker("Alias"),
  documentNumber: `ERS-${tag}-11`,
  correctedGivenNames: marker("Corrected"),
  mergedGivenNames: marker("Merged"),
  medicalNeeds: `${marker("Medical")} insulin`,
  mergeReason: `${marker("MergeReason")} same person`,
  overrideReason: `${marker("Override")} acute danger`,
  attachmentName: `${marker("AttachmentName")} statement.txt`,
  attachmentContent: `${marker("AttachmentContent")} her statement in full`,
  followUpTitle: `${marker("FollowUp")} call her lawyer`,
} as const;

const reportedOn = "2025-03-10";
const policy: DisclosurePolicy.DisclosurePolicy = { threshold: 5 };
const pastReports: ReadonlyArray<Report.ReportParameters> = [
  { kind: "annual_monitor", year: 2025 },
  { kind: "eurostat_crim_thb", year: 2025 },
  { kind: "htcds_export", year: 2025 },
  { kind: "placement_report", from: "2026-10-01", to: "2027-01-01" },
] as unknown as ReadonlyArray<Report.ReportParameters>;

/** The readable forms a leak of `value` could take: as sent, upper-cased, as blind indexes normalise. */
const formsOf = (value: string) =>
  [value, value.toUpperCase(), PersonMatching.normaliseName(value), PersonMatching.normaliseDocumentNumber(value)]
    .filter((form) => form.length >= 6)
    .map((form) => form.toLowerCase());

describe.each(testDatabaseKinds())("erasing one person on %s", (kind) => {
  let api: TestApi;
  let police: Caller;
  let requester: Caller;
  let approver: ReturnType<typeof inSession>;
  let partnerCoordinatorlessKey: Caller;
  let policyKey: Caller;
  let admin: Caller;
  let n = 0;
  const ids = { registration: "", second: "", merged: "", person: "", request: "", erasure: "" };

  const post = (as: Caller, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    as(path, {
      method: "POST",
      ...(body === undefined ? {} : { body }),
      headers: { "Idempotency-Key": `erasure-${kind}-${tag}-${++n}`, ...headers },
    });
  const json = async (response: Response) => {
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return (await response.json()) as Json;
  };
  const query = <A>(run: (db: Parameters<Parameters<ReturnType<typeof queryWith>>[0]>[0]) => PromiseLike<A>) =>
    api.runtime.runPromise(Effect.flatMap(Database, (database) => queryWith(database)(run)));

  /** The files of every past report, by name, as produced right now. */
  const produceAll = async () => {
    const files = new Map<string, string>();
    for (const parameters of pastReports) {
      const { artifacts } = await api.runtime.runPromise(produceReport(parameters, policy));
      for (const artifact of artifacts) files.set(artifact.name, Buffer.from(artifact.bytes).toString("base64"));
    }
    return files;
  };

  const person = (overrides: Record<string, unknown> = {}) => ({
    familyName: markers.familyName,
    givenNames: markers.givenNames,
    aliases: [markers.alias],
    documentNumber: markers.documentNumber,
    dateOfBirth: "1994-02-03",
    sex: "female",
    nationalities: ["NG"],
    ...overrides,
  });
  const body = (overrides: Record<string, unknown> = {}) =>
    registrationBody({
      reportedOn,
      person: person(overrides),
      reflectionPeriod: { offeredOn: reportedOn, offeredBy: "police", startsOn: reportedOn, dublin: false },
    });

  /**
   * Where the markers can still be read: every encrypted column decrypted with the server's keys, and every table in
   * the clear (what a dump shows, bytes read as text).
   */
  const scan = async () => {
    const hits: Array<string> = [];
    const search = (where: string, text: string) => {
      const lower = text.toLowerCase();
      for (const [field, value] of Object.entries(markers)) {
        if (formsOf(value).some((form) => lower.includes(form))) hits.push(`${field} in ${where}`);
      }
    };
    // Every encrypted column, decrypted with the server's keys.
    const crypto = await api.runtime.runPromise(Effect.map(Ports.Crypto, (service) => service));
    for (const column of encryptedColumns as ReadonlyArray<EncryptedColumn>) {
      const rows = (await query((db) => db.select().from(column.table))) as Array<Record<string, unknown>>;
      const key = Object.entries(column.table).find(([, value]) => value === column.ciphertext)?.[0] ?? "";
      for (const row of rows) {
        const sealed = row[key] as Uint8Array | null;
        if (sealed === null || sealed === undefined) continue;
        const contextRow = Object.fromEntries(
          Object.entries(column.contextColumns).map(([name, contextColumn]) => [
            name,
            row[Object.entries(column.table).find(([, value]) => value === contextColumn)?.[0] ?? ""],
          ]),
        );
        const plaintext = await api.runtime.runPromise(
          crypto.decrypt(sealed, column.context(contextRow)).pipe(Effect.orElseSucceed(() => "")),
        );
        // An attachment's chunk is sealed as base64: searched as the bytes it holds.
        search(
          column.name,
          column.name === "attachment_chunks.data" ? Buffer.from(plaintext, "base64").toString("utf8") : plaintext,
        );
      }
    }
    // Every table in the clear (what a dump shows), bytes read as text.
    for (const [name, table] of Object.entries(Tables)) {
      if (!is(table, PgTable)) continue;
      const rows = await query((db) => db.select().from(table));
      search(
        name,
        JSON.stringify(rows, (_, value) => (value instanceof Uint8Array ? Buffer.from(value).toString("utf8") : value)),
      );
    }
    return [...new Set(hits)].sort();
  };

  let before: Map<string, string>;
  let countedBefore: number;

  beforeAll(async () => {
    api = await openTestApi(kind);
    await api.runtime.runPromise(
      writeDemoData(generateDemoData({ seed: 7, years: 1, lastYear: 2025, personsPerYear: 40 })),
    );
    police = caller(api, (await makeOrganisation(api, { name: "Politie Wissen", kind: "police" })).apiKey);
    requester = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha Wissen", kind: "other", role: "coordinator" })).apiKey,
    );
    const second = await makeUser(api, {
      email: `tweede-${tag}@comensha.test`,
      role: "coordinator",
      password: "a long test password 1",
    });
    approver = inSession(api, await signIn(api, `tweede-${tag}@comensha.test`, "a long test password 1"));
    partnerCoordinatorlessKey = police;
    policyKey = caller(
      api,
      (await makeOrganisation(api, { name: "Beleid Wissen", kind: "other", role: "policy" })).apiKey,
    );
    admin = caller(api, (await makeOrganisation(api, { name: "Beheer Wissen", kind: "other", role: "admin" })).apiKey);

    // The person: reported, corrected (two versions), reported again (the same person, by strong identifiers).
    const first = await json(await post(police, "/v1/registrations", body()));
    ids.registration = first.id as string;
    ids.person = (await json(await requester(`/v1/registrations/${ids.registration}`))).personId as string;
    await json(
      await police(`/v1/registrations/${ids.registration}`, {
        method: "PUT",
        body: body({ givenNames: markers.correctedGivenNames }),
        headers: { "If-Match": '"1"', "Idempotency-Key": `erasure-${kind}-${tag}-put` },
      }),
    );
    ids.second = (
      await json(await post(police, "/v1/registrations", body({ givenNames: markers.correctedGivenNames })))
    ).id as string;

    // A report of another spelling: a possible duplicate, merged into the person with a reason.
    const mergedReport = await json(
      await post(
        police,
        "/v1/registrations",
        body({ givenNames: markers.mergedGivenNames, aliases: [], documentNumber: undefined }),
      ),
    );
    const queue = (await json(await requester("/v1/duplicates?status=open&limit=200"))) as { data: Array<Json> };
    const duplicate = queue.data.find((candidate) => candidate.registrationId === mergedReport.id);
    expect(duplicate?.candidatePersonId).toBe(ids.person);
    ids.merged = duplicate?.personId as string;
    await json(await post(requester, `/v1/duplicates/${duplicate?.id}/merge`, { reason: markers.mergeReason }));

    // A file in her case: its name and bytes must go with the erasure.
    const uploaded = await requester(`/v1/persons/${ids.person}/attachments`, {
      method: "POST",
      headers: { "Content-Type": "text/plain", "X-File-Name": encodeURIComponent(markers.attachmentName) },
      body: markers.attachmentContent,
    });
    expect(uploaded.status).toBe(201);

    // First shelter: medical needs, a COSM offer with an override reason, and a placement.
    const shelter = await json(
      await post(admin, "/v1/shelters", {
        name: "COSM Wissen",
        kind: "cosm",
        region: "midden_nederland",
        places: [
          { label: "W1", targetGroup: "women", securityLevel: "high", accessible: false, roomForChildren: false },
        ],
      }),
    );
    const request = await json(
      await post(police, "/v1/placement-requests", {
        registrationId: ids.registration,
        needs: {
          targetGroup: "women",
          children: 0,
          urgency: "tonight",
          security: "high",
          languages: ["en"],
          medicalNeeds: markers.medicalNeeds,
        },
      }),
    );
    ids.request = request.id as string;
    await json(await post(requester, `/v1/placement-requests/${ids.request}/start-search`));
    await json(
      await post(requester, `/v1/placement-requests/${ids.request}/offers`, {
        placeId: (shelter.places as Array<{ id: string }>)[0]?.id,
        startsOn: "2026-11-21",
        expiresAt: "2099-01-01T00:00:00Z",
        override: { reason: markers.overrideReason },
      }),
    );
    await json(await post(police, `/v1/placement-requests/${ids.request}/accept`));

    // A follow-up task with a title, owned by the second coordinator.
    await json(
      await post(requester, `/v1/persons/${ids.person}/follow-ups`, {
        kind: "custom",
        dueOn: "2026-12-01",
        owner: second.credential.user.id,
        title: markers.followUpTitle,
      }),
    );

    // The scan finds every marker before the erasure: in ciphertexts only, never in the clear.
    const found = await scan();
    for (const field of Object.keys(markers)) expect(found.some((hit) => hit.startsWith(`${field} in `))).toBe(true);
    expect(found.every((hit) => hit.includes("."))).toBe(true);

    before = await produceAll();
    countedBefore = await api.runtime.runPromise(
      Effect.map(
        Effect.flatMap(Ports.RegistrationRepository, (registrations) => registrations.listCountable(2025)),
        (rows) => Counting.countPersons(rows, 2025).length,
      ),
    );
  });

  afterAll(async () => {
    await api?.close();
  });

  it("lets only coordinators ask for or list erasures", async () => {
    for (const as of [partnerCoordinatorlessKey, policyKey, admin]) {
      const asked = await post(as, `/v1/persons/${ids.person}/erasure-requests`, { reason: "Art. 17 request" });
      expect(asked.status).toBe(403);
      expect((await as("/v1/erasure-requests")).status).toBe(403);
    }
  });

  it("records a request with its reason, and refuses a second one for the same person while it is pending", async () => {
    const created = await post(requester, `/v1/persons/${ids.person}/erasure-requests`, {
      reason: "Art. 17 request received by letter",
    });
    expect(created.status).toBe(201);
    const request = (await created.json()) as Json;
    ids.erasure = request.id as string;
    expect(created.headers.get("location")).toBe(`/v1/erasure-requests/${ids.erasure}`);
    expect(request).toMatchObject({
      personId: ids.person,
      status: "pending",
      reason: "Art. 17 request received by letter",
      decidedBy: null,
      erased: null,
    });
    const again = await post(requester, `/v1/persons/${ids.merged}/erasure-requests`, { reason: "twice" });
    expect(again.status).toBe(201);
    const twice = await post(requester, `/v1/persons/${ids.person}/erasure-requests`, { reason: "Again, by phone" });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as Json).type).toBe(ProblemType.invalidState);
    // The request on the merged person is rejected, with a reason, by the same coordinator (withdrawing it).
    const other = (await again.json()) as Json;
    const rejected = await json(
      await post(requester, `/v1/erasure-requests/${other.id}/reject`, { reason: "Asked twice" }),
    );
    expect(rejected).toMatchObject({ status: "rejected", rejectionReason: "Asked twice", erased: null });
    expect((await post(approver, `/v1/erasure-requests/${other.id}/approve`)).status).toBe(409);

    const pending = (await json(await approver("/v1/erasure-requests?status=pending"))) as { data: Array<Json> };
    expect(pending.data.map((row) => row.id)).toEqual([ids.erasure]);
    expect((await requester("/v1/erasure-requests?status=open")).status).toBe(422);
  });

  it("refuses the requester as approver with second-approver-required", async () => {
    const alone = await post(requester, `/v1/erasure-requests/${ids.erasure}/approve`);
    expect(alone.status).toBe(403);
    expect(((await alone.json()) as Json).type).toBe(ProblemType.secondApproverRequired);
    expect(((await json(await requester(`/v1/erasure-requests/${ids.erasure}`))) as Json).status).toBe("pending");
  });

  it("erases on a second coordinator's approval, and the reports of the past come out byte for byte the same", async () => {
    const approved = await json(await post(approver, `/v1/erasure-requests/${ids.erasure}/approve`));
    expect(approved).toMatchObject({ status: "approved", decidedBy: { kind: "user" } });
    expect(approved.erased).toMatchObject({
      persons: 2,
      registrations: 3,
      versions: 4,
      placementRequests: 1,
      offers: 1,
      duplicates: 1,
      attachments: 1,
      followUpTitles: 1,
    });
    expect((approved.erased as Json).blindIndexes).toBeGreaterThan(0);
    expect((approved.erased as Json).idempotentAnswers).toBeGreaterThanOrEqual(4);

    const after = await produceAll();
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of before) expect(after.get(name), name).toBe(bytes);
    const countedAfter = await api.runtime.runPromise(
      Effect.map(
        Effect.flatMap(Ports.RegistrationRepository, (registrations) => registrations.listCountable(2025)),
        (rows) => Counting.countPersons(rows, 2025).length,
      ),
    );
    expect(countedAfter).toBe(countedBefore);
    expect(countedBefore).toBeGreaterThan(40);
  });

  it("still reads the erased registrations and person, without identifiers, and refuses to change them", async () => {
    const read = await json(await police(`/v1/registrations/${ids.registration}`));
    expect(read.erasedAt).toEqual(expect.any(String));
    expect(read.person).toEqual({ birthYear: 1994, sex: "female", nationalities: ["NG"] });
    expect(read.withdrawalReason).toBeUndefined();
    const versions = (await json(await requester(`/v1/registrations/${ids.registration}/versions`))) as {
      data: Array<Json>;
    };
    expect(versions.data.map((version) => version.version)).toEqual([1, 2]);
    expect(versions.data.every((version) => !("familyName" in (version.person as Json)))).toBe(true);
    const list = (await json(await police("/v1/registrations?limit=200"))) as { data: Array<Json> };
    expect(list.data.find((row) => row.id === ids.second)?.erasedAt).toEqual(expect.any(String));
    const personView = await json(await requester(`/v1/persons/${ids.person}`));
    expect(personView.person).toEqual({ birthYear: 1994, sex: "female", nationalities: ["NG"] });
    expect((personView.registrations as Array<Json>).length).toBe(3);
    const change = await police(`/v1/registrations/${ids.second}/withdraw`, {
      method: "POST",
      body: {},
      headers: { "If-Match": '"1"' },
    });
    expect(change.status).toBe(409);
    const request = await json(await requester(`/v1/placement-requests/${ids.request}`));
    expect((request.needs as Json).medicalNeeds).toBeUndefined();
  });

  it("leaves nothing that decrypts to, or reads as, the person's identifiers or free text", async () => {
    expect(await scan()).toEqual([]);
  });

  it("deletes the blind indexes, so a new report of the same identifiers is a new person and no duplicate", async () => {
    const left = await query((db) =>
      db
        .select()
        .from(Tables.personBlindIndexes)
        .where(inArray(Tables.personBlindIndexes.personId, [ids.person, ids.merged])),
    );
    expect(left).toEqual([]);
    const again = await json(await post(police, "/v1/registrations", body()));
    const read = await json(await requester(`/v1/registrations/${again.id}`));
    expect(read.personId).not.toBe(ids.person);
    const duplicates = await query((db) =>
      db
        .select()
        .from(Tables.duplicates)
        .where(
          or(
            eq(Tables.duplicates.registrationId, again.id as string),
            inArray(Tables.duplicates.candidatePersonId, [ids.person, ids.merged]),
          ),
        ),
    );
    expect(duplicates.filter((row) => row.registrationId === again.id)).toEqual([]);
  });

  it("audits the request, the approval and the erasure, without data", async () => {
    const events = await query((db) =>
      db
        .select()
        .from(Tables.auditEvents)
        .where(inArray(Tables.auditEvents.resourceId, [ids.erasure, ids.person])),
    );
    const actions = events.map((event) => `${event.action}:${event.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        "erasure_request.create:success",
        "erasure_request.approve:denied",
        "erasure_request.approve:success",
        "person.erase:success",
      ]),
    );
    const erase = events.find((event) => event.action === "person.erase");
    expect(erase).toMatchObject({ actorKind: "user", resourceType: "person", resourceId: ids.person });
  });
});
