import { execFileSync } from "node:child_process";
import { Database, encryptedColumns, queryWith, Schema as Tables } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { PersonMatching, Ports } from "@comensha/domain";
import { eq } from "drizzle-orm";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonLogger } from "../src/logger.js";
import { caller, makeOrganisation, makeUser, openTestApi, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

/** A unique marker per run, so that a hit in the dump can only come from this test's input. */
const tag = crypto.randomUUID().replaceAll("-", "").slice(0, 10);
const marker = (field: string) => `Mrk${field}${tag}`;

/**
 * Every personal or free-text field of the API's request bodies, with the marker sent in it. A date of birth cannot
 * carry letters: its marker is a date used nowhere else in the test.
 */
const markers = {
  familyName: `Zélig${marker("Family")}`,
  givenNames: `${marker("Given")} Ännchen`,
  alias: marker("Alias"),
  documentNumber: `DOC-${tag}-77`,
  dateOfBirth: "1983-07-29",
  correctedFamilyName: marker("Corrected"),
  correctedGivenNames: marker("CorrectedGiven"),
  correctedAlias: marker("CorrectedAlias"),
  correctedDocumentNumber: `COR-${tag}-88`,
  correctedDateOfBirth: "1984-08-30",
  withdrawalReason: `${marker("Withdrawal")} reported by Mr. Kovač`,
  medicalNeeds: `${marker("Medical")} insulin for Ms. Kovač`,
  mergeReason: `${marker("Merge")} same person as Ms. Kovač`,
  dismissReason: `${marker("Dismiss")} not Ms. Kovač`,
  duplicateFamilyName: marker("DupFamily"),
  duplicateGivenNames: marker("DupGiven"),
  duplicateDateOfBirth: "1979-02-13",
  overrideReason: `${marker("Override")} Ms. Kovač is in acute danger`,
  erasureReason: `${marker("Erasure")} Ms. Kovač asked to be forgotten`,
  rejectionReason: `${marker("Rejection")} Ms. Kovač's case is still open`,
  caseNote: `${marker("CaseNote")} Ms. Kovač told us about her employer`,
  correctedCaseNote: `${marker("CaseNoteCorrected")} Ms. Kovač's employer, corrected`,
  // An attachment's name (the X-File-Name header) and its bytes (a raw body, not JSON: no field of the document).
  attachmentFileName: `${marker("AttachmentName")} Verklaring Kovač.txt`,
  attachmentContent: `${marker("AttachmentContent")} Ms. Kovač's statement to the police, in full.\n`,
  followUpTitle: `${marker("FollowUp")} call Ms. Kovač's lawyer`,
} as const;

/**
 * Request-body fields that take text but say nothing about a possible victim: names of organisations, shelters and
 * places, the place of exploitation, credentials (stored only as hashes), and console users (staff accounts, looked
 * up by e-mail address at login).
 */
const notAboutAVictim = new Set([
  "POST /v1/auth/login /email",
  "POST /v1/auth/login /password",
  "POST /v1/auth/password /currentPassword",
  "POST /v1/auth/password /newPassword",
  "POST /v1/auth/login /code",
  "POST /v1/auth/login /recoveryCode",
  "POST /v1/auth/second-factor/confirm /code",
  "POST /v1/auth/second-factor/recovery-codes /code",
  "POST /v1/registrations /exploitation/municipality",
  "PUT /v1/registrations/{id} /exploitation/municipality",
  "POST /v1/shelters /name",
  "POST /v1/shelters /places/*/label",
  "POST /v1/users /email",
  "POST /v1/users /name",
  "POST /v1/organisations /name",
  // What an administrator calls an API key (the system that uses it): stored in the clear like a shelter's name.
  "POST /v1/organisations/{id}/api-keys /label",
  // A partner's receiver and what the partner calls it (its own system): stored in the clear like an API key's label.
  "POST /v1/webhook-endpoints /url",
  "POST /v1/webhook-endpoints /description",
]);

/** The request-body fields this test fills with markers. */
const marked = new Set([
  ...["POST /v1/registrations", "PUT /v1/registrations/{id}"].flatMap((operation) =>
    ["familyName", "givenNames", "aliases/*", "documentNumber", "dateOfBirth"].map((f) => `${operation} /person/${f}`),
  ),
  "POST /v1/registrations/{id}/withdraw /reason",
  "POST /v1/duplicates/{id}/merge /reason",
  "POST /v1/duplicates/{id}/dismiss /reason",
  "POST /v1/placement-requests /needs/medicalNeeds",
  "POST /v1/placement-requests/{id}/offers /override/reason",
  "POST /v1/persons/{id}/erasure-requests /reason",
  "POST /v1/erasure-requests/{id}/reject /reason",
  "POST /v1/persons/{id}/notes /text",
  "PUT /v1/persons/{id}/notes/{noteId} /text",
  "POST /v1/persons/{id}/follow-ups /title",
]);

type JsonSchema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** The string fields of every request body in the OpenAPI document that can hold text (not codes, ids or dates). */
const textFieldsOf = (document: {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
  components: { schemas: Record<string, JsonSchema> };
}) => {
  const fields: Array<string> = [];
  const walk = (schema: JsonSchema | undefined, path: string, depth: number) => {
    if (schema === undefined || depth > 20) return;
    const resolved =
      schema.$ref === undefined ? schema : document.components.schemas[schema.$ref.split("/").pop() ?? ""];
    if (resolved === undefined) return;
    for (const branch of [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.allOf ?? [])]) {
      walk(branch, path, depth + 1);
    }
    for (const [name, property] of Object.entries(resolved.properties ?? {}))
      walk(property, `${path}/${name}`, depth + 1);
    if (resolved.items !== undefined) walk(resolved.items, `${path}/*`, depth + 1);
    const isCode = resolved.enum !== undefined || /\[0-9a-f(?:A-F)?\]\{8\}/.test(resolved.pattern ?? "");
    const isTime = path.endsWith("/expiresAt") || path.endsWith("/languages/*");
    if (resolved.type === "string" && !isCode && !isTime && resolved.format !== "date") fields.push(path);
    if (resolved.type === "string" && resolved.format === "date" && path.endsWith("/dateOfBirth")) fields.push(path);
  };
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const schema = operation.requestBody?.content["application/json"]?.schema;
      walk(schema, `${method.toUpperCase()} ${path} `, 0);
    }
  }
  return [...new Set(fields)].map((field) => field.replace(/ {2}/, " "));
};

/** The readable forms of a marker that a leak could take: as sent, in other cases, and as blind indexes normalise. */
const formsOf = (value: string) =>
  [
    value,
    value.toUpperCase(),
    PersonMatching.normaliseName(value),
    PersonMatching.normaliseDocumentNumber(value),
    value.normalize("NFD").replace(/\p{Diacritic}/gu, ""),
  ].filter((form) => form.length >= 6);

describe.runIf(testDatabaseKinds().includes("postgres"))("a pg_dump of PostgreSQL after every personal route", () => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  let admin: ReturnType<typeof caller>;
  let n = 0;
  const logLines: Array<string> = [];

  beforeAll(async () => {
    api = await openTestApi(
      "postgres",
      jsonLogger((line) => {
        logLines.push(line);
      }),
    );
    police = caller(api, (await makeOrganisation(api, { name: "Politie Scan", kind: "police" })).apiKey);
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha", kind: "other", role: "coordinator" })).apiKey,
    );
    admin = caller(api, (await makeOrganisation(api, { name: "Beheer", kind: "other", role: "admin" })).apiKey);
  });
  afterAll(async () => {
    await api?.close();
  });

  /** Sends `body` twice with one Idempotency-Key: the replay must repeat the first answer byte for byte. */
  const twice = async (
    as: ReturnType<typeof caller>,
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    const init = { method, body, headers: { "Idempotency-Key": `scan-${tag}-${++n}`, ...headers } };
    const first = await as(path, init);
    const text = await first.text();
    const replay = await as(path, init);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(replay.status).toBe(first.status);
    expect(await replay.text()).toBe(text);
    return { status: first.status, json: JSON.parse(text) as Json };
  };

  it("fills every request-body field that can name a person, and the OpenAPI document has no other", async () => {
    const document = (await (await api.app.request("/openapi.json")).json()) as Parameters<typeof textFieldsOf>[0];
    const unclassified = textFieldsOf(document).filter((field) => !marked.has(field) && !notAboutAVictim.has(field));
    expect(unclassified).toEqual([]);
  });

  it("finds none of the markers anywhere in the database", async () => {
    const person = {
      familyName: markers.familyName,
      givenNames: markers.givenNames,
      aliases: [markers.alias],
      documentNumber: markers.documentNumber,
      dateOfBirth: markers.dateOfBirth,
      sex: "female",
      nationalities: ["NG"],
    };
    // A webhook endpoint first, so every event below writes a delivery (ids and states only) and its secret is
    // stored (encrypted, and sealed in the stored answer of its creation).
    const endpoint = await twice(police, "POST", "/v1/webhook-endpoints", {
      url: "https://partner.example/hooks",
      events: ["registration.received", "registration.status_changed", "placement_request.offered"],
    });
    expect(endpoint.status).toBe(201);
    const signingSecret = String(endpoint.json.secret);
    expect(signingSecret).toMatch(/^whsec_/);

    const created = await twice(police, "POST", "/v1/registrations", registrationBody({ person }));
    expect(created.status).toBe(201);
    const id = created.json.id as string;

    const request = await twice(police, "POST", "/v1/placement-requests", {
      registrationId: id,
      needs: {
        targetGroup: "women",
        children: 0,
        urgency: "tonight",
        security: "high",
        languages: ["en"],
        medicalNeeds: markers.medicalNeeds,
      },
    });
    expect(request.status).toBe(201);
    expect((request.json.needs as Json).medicalNeeds).toBe(markers.medicalNeeds);

    const corrected = await twice(
      police,
      "PUT",
      `/v1/registrations/${id}`,
      registrationBody({
        person: {
          ...person,
          familyName: markers.correctedFamilyName,
          givenNames: markers.correctedGivenNames,
          aliases: [markers.correctedAlias],
          documentNumber: markers.correctedDocumentNumber,
          dateOfBirth: markers.correctedDateOfBirth,
        },
      }),
      { "If-Match": '"1"' },
    );
    expect(corrected.status).toBe(200);

    const duplicatePerson = (dateOfBirth: string, givenNames: string) =>
      registrationBody({
        person: {
          familyName: markers.duplicateFamilyName,
          givenNames,
          aliases: [],
          dateOfBirth,
          sex: "female",
          nationalities: ["BG"],
        },
      });
    for (const [dateOfBirth, decision, reason] of [
      [markers.duplicateDateOfBirth, "merge", markers.mergeReason],
      ["1979-03-14", "dismiss", markers.dismissReason],
    ] as const) {
      await twice(police, "POST", "/v1/registrations", duplicatePerson(dateOfBirth, markers.duplicateGivenNames));
      const second = await twice(police, "POST", "/v1/registrations", duplicatePerson(dateOfBirth, `${decision}x`));
      const queue = (await (await coordinator("/v1/duplicates?status=open&limit=200")).json()) as {
        data: Array<Json>;
      };
      const duplicate = queue.data.find((d) => d.registrationId === second.json.id);
      expect(duplicate).toBeDefined();
      const decided = await coordinator(`/v1/duplicates/${duplicate?.id}/${decision}`, {
        method: "POST",
        body: { reason },
      });
      expect(decided.status).toBe(200);
      expect(((await decided.json()) as Json).decisionReason).toBe(reason);
      const read = (await (await coordinator(`/v1/duplicates/${duplicate?.id}`)).json()) as Json;
      expect(read.decisionReason).toBe(reason);
    }

    const shelter = (await (
      await admin("/v1/shelters", {
        method: "POST",
        headers: { "Idempotency-Key": `scan-${tag}-shelter` },
        body: {
          name: "COSM Scan",
          kind: "cosm",
          region: "midden_nederland",
          places: [
            { label: "S1", targetGroup: "women", securityLevel: "high", accessible: false, roomForChildren: false },
          ],
        },
      })
    ).json()) as { places: Array<{ id: string }> };
    const dutch = (
      await twice(
        police,
        "POST",
        "/v1/registrations",
        registrationBody({
          person: {
            familyName: "Jansen",
            givenNames: "Eva",
            aliases: [],
            dateOfBirth: "1990-01-01",
            sex: "female",
            nationalities: ["NL"],
          },
        }),
      )
    ).json;
    const dutchRequest = (
      await twice(police, "POST", "/v1/placement-requests", {
        registrationId: dutch.id,
        needs: { targetGroup: "women", children: 0, urgency: "tonight", security: "high", languages: ["en"] },
      })
    ).json;
    await coordinator(`/v1/placement-requests/${dutchRequest.id}/start-search`, { method: "POST" });
    const offered = await coordinator(`/v1/placement-requests/${dutchRequest.id}/offers`, {
      method: "POST",
      body: {
        placeId: shelter.places[0]?.id,
        startsOn: "2026-11-21",
        expiresAt: "2099-01-01T00:00:00Z",
        override: { reason: markers.overrideReason },
      },
    });
    expect(offered.status).toBe(201);
    // The reason is stored (encrypted), not only answered: it decrypts from its row to the marker.
    const offerId = ((await offered.json()) as Json).id as string;
    const overrideColumn = encryptedColumns.find((column) => column.name === "placement_offers.override_reason");
    if (overrideColumn === undefined) throw new Error("placement_offers.override_reason is not an encrypted column");
    const storedReason = await api.runtime.runPromise(
      Effect.gen(function* () {
        const crypto = yield* Ports.Crypto;
        const [row] = yield* queryWith(yield* Database)((db) =>
          db
            .select({ reason: Tables.placementOffers.overrideReason })
            .from(Tables.placementOffers)
            .where(eq(Tables.placementOffers.id, offerId)),
        );
        if (row?.reason == null) return undefined;
        return yield* Effect.orDie(crypto.decrypt(row.reason, overrideColumn.context({ id: offerId })));
      }),
    );
    expect(storedReason).toBe(markers.overrideReason);

    const withdrawn = await twice(
      police,
      "POST",
      `/v1/registrations/${id}/withdraw`,
      { reason: markers.withdrawalReason },
      { "If-Match": '"2"' },
    );
    expect(withdrawn.status).toBe(200);

    // An erasure request, rejected: both reasons stay stored (encrypted) for accountability.
    const dutchPerson = ((await (await coordinator(`/v1/registrations/${dutch.id}`)).json()) as Json).personId;
    const erasure = await twice(coordinator, "POST", `/v1/persons/${dutchPerson}/erasure-requests`, {
      reason: markers.erasureReason,
    });
    expect(erasure.status).toBe(201);
    const rejected = await twice(coordinator, "POST", `/v1/erasure-requests/${erasure.json.id}/reject`, {
      reason: markers.rejectionReason,
    });
    expect(rejected.status).toBe(200);
    expect(rejected.json.rejectionReason).toBe(markers.rejectionReason);

    // A case note and its correction: both versions stay stored (encrypted), as does the answer of each.
    const note = await twice(coordinator, "POST", `/v1/persons/${dutchPerson}/notes`, { text: markers.caseNote });
    expect(note.status).toBe(201);
    const noteCorrected = await twice(
      coordinator,
      "PUT",
      `/v1/persons/${dutchPerson}/notes/${note.json.id}`,
      { text: markers.correctedCaseNote },
      { "If-Match": '"1"' },
    );
    expect(noteCorrected.status).toBe(200);
    expect(noteCorrected.json.content).toEqual({ state: "readable", text: markers.correctedCaseNote });

    // An attachment, uploaded twice with one key: its name and bytes stay stored (encrypted), as does the answer.
    const attachment = await twice(
      coordinator,
      "POST",
      `/v1/persons/${dutchPerson}/attachments`,
      markers.attachmentContent,
      {
        "Content-Type": "text/plain; charset=utf-8",
        "X-File-Name": encodeURIComponent(markers.attachmentFileName),
      },
    );
    expect(attachment.status).toBe(201);
    expect(attachment.json.name).toEqual({ state: "readable", fileName: markers.attachmentFileName });
    const downloaded = await coordinator(`/v1/persons/${dutchPerson}/attachments/${attachment.json.id}`);
    expect(await downloaded.text()).toBe(markers.attachmentContent);

    // A follow-up task with a title (free text, encrypted like a note), then closed: the answers are stored too.
    const owner = await makeUser(api, { email: `scan-${tag.toLowerCase()}@comensha.test`, role: "coordinator" });
    const task = await twice(coordinator, "POST", `/v1/persons/${dutchPerson}/follow-ups`, {
      kind: "custom",
      dueOn: "2026-01-15",
      owner: owner.credential.user.id,
      title: markers.followUpTitle,
    });
    expect(task.status).toBe(201);
    expect(task.json.title).toEqual({ state: "readable", text: markers.followUpTitle });
    const closed = await twice(coordinator, "POST", `/v1/follow-ups/${task.json.id}/complete`, undefined);
    expect(closed.status).toBe(200);
    const worklist = (await (await coordinator("/v1/follow-ups?overdue=false")).json()) as { data: Array<Json> };
    expect(worklist.data.map((entry) => entry.id)).toContain(task.json.id);

    const connection = await api.runtime.runPromise(Database.useSync((database) => database.connection));
    if (connection.kind !== "postgres") throw new Error("expected PostgreSQL");
    const dump = execFileSync("pg_dump", ["--data-only", "--format=plain", connection.url], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    const lines = dump.split("\n");
    const found = Object.entries(markers).flatMap(([field, value]) => {
      const forms = formsOf(value).map((form) => form.toLowerCase());
      let table = "?";
      const tables = new Set<string>();
      for (const line of lines) {
        if (line.startsWith("COPY ")) table = line.split(" ")[1] ?? "?";
        const lower = line.toLowerCase();
        if (forms.some((form) => lower.includes(form))) tables.add(table);
      }
      return [...tables].map((where) => `${field} in ${where}`);
    });
    expect([...new Set(found)]).toEqual([]);
    // Nor in the log of every request above.
    expect(logLines.length).toBeGreaterThan(0);
    const log = logLines.join("\n").toLowerCase();
    expect(
      Object.entries(markers).filter(([, value]) => formsOf(value).some((form) => log.includes(form.toLowerCase()))),
    ).toEqual([]);
    // The deliveries were written, and the signing secret is nowhere in the clear (nor its key bytes).
    expect(dump).toContain("registration.status_changed");
    expect(dump).not.toContain(signingSecret);
    expect(dump).not.toContain(signingSecret.slice("whsec_".length));
    expect(dump).not.toContain(Buffer.from(signingSecret.slice("whsec_".length), "base64").toString("hex"));
  });
});
