import { createHash } from "node:crypto";
import { Database, queryWith, Schema as Tables } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { type Person, Ports } from "@comensha/domain";
import { inArray } from "drizzle-orm";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemType } from "../src/problem.js";
import { caller, makeOrganisation, openTestApi, reportPerson, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

describe.each(testDatabaseKinds())("attachments on %s", (kind) => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  let coordinatorKey: string;
  let policeKey: string;
  let n = 0;

  beforeAll(async () => {
    api = await openTestApi(kind);
    policeKey = (await makeOrganisation(api, { name: "Politie (bijlagen)", kind: "police" })).apiKey;
    police = caller(api, policeKey);
    coordinatorKey = (await makeOrganisation(api, { name: "CoMensha (bijlagen)", kind: "other", role: "coordinator" }))
      .apiKey;
    coordinator = caller(api, coordinatorKey);
  });
  afterAll(() => api?.close());

  const newPerson = () => {
    n += 1;
    return reportPerson(police, coordinator, { familyName: `Bijlage${n}`, dateOfBirth: `1992-03-${10 + n}` });
  };
  const upload = (
    personId: string,
    bytes: Uint8Array | string,
    options: { type?: string; name?: string | null; key?: string; apiKey?: string } = {},
  ) =>
    api.app.request(`/v1/persons/${personId}/attachments`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${options.apiKey ?? coordinatorKey}`,
        "Content-Type": options.type ?? "application/pdf",
        ...(options.name === null ? {} : { "X-File-Name": encodeURIComponent(options.name ?? "Verklaring.pdf") }),
        ...(options.key === undefined ? {} : { "Idempotency-Key": options.key }),
      },
      body: typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes,
    });
  const auditOf = async (ids: ReadonlyArray<string>) =>
    (
      await api.runtime.runPromise(
        Effect.flatMap(Database, (database) =>
          queryWith(database)((db) =>
            db
              .select()
              .from(Tables.auditEvents)
              .where(inArray(Tables.auditEvents.resourceId, [...ids])),
          ),
        ),
      )
    ).map((event) => `${event.action}:${event.outcome}`);

  it("uploads a file, lists it described, and downloads the same bytes as an attachment", async () => {
    const personId = await newPerson();
    const created = await upload(personId, pdf, { name: "Verklaring politie – Kovač.pdf" });
    expect(created.status).toBe(201);
    const attachment = (await created.json()) as Json;
    expect(attachment).toMatchObject({
      personId,
      name: { state: "readable", fileName: "Verklaring politie – Kovač.pdf" },
      mediaType: "application/pdf",
      size: pdf.length,
      sha256: createHash("sha256").update(pdf).digest("hex"),
      createdBy: { kind: "api_key" },
    });
    const second = (await (await upload(personId, png, { type: "image/png", name: "scan.png" })).json()) as Json;

    const list = await coordinator(`/v1/persons/${personId}/attachments`);
    expect(list.status).toBe(200);
    const items = ((await list.json()) as { items: Array<Json> }).items;
    expect(items.map((item) => [item.id, item.mediaType])).toEqual([
      [second.id, "image/png"],
      [attachment.id, "application/pdf"],
    ]);

    const download = await coordinator(`/v1/persons/${personId}/attachments/${attachment.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("content-disposition")).toBe(
      `attachment; filename="Verklaring politie _ Kova_.pdf"; filename*=UTF-8''${encodeURIComponent("Verklaring politie – Kovač.pdf")}`,
    );
    expect(download.headers.get("etag")).toBe(`"${attachment.sha256}"`);
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);

    const text = await upload(personId, "Gesprek met tolk.\n", { type: "text/plain; charset=utf-8", name: "a.txt" });
    const textId = ((await text.json()) as Json).id;
    const textDownload = await coordinator(`/v1/persons/${personId}/attachments/${textId}`);
    expect(textDownload.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await textDownload.text()).toBe("Gesprek met tolk.\n");

    expect(await auditOf([personId, String(attachment.id)])).toEqual(
      expect.arrayContaining(["attachment.create:success", "attachment.list:success", "attachment.download:success"]),
    );
  });

  it("refuses a file that is not what its type says, a type not on the list, and a bad file name", async () => {
    const personId = await newPerson();
    const mismatch = await upload(personId, png, { type: "application/pdf" });
    expect(mismatch.status).toBe(422);
    expect(((await mismatch.json()) as Json).type).toBe(ProblemType.attachmentContentRejected);
    const empty = await upload(personId, new Uint8Array(), { type: "text/plain" });
    expect([empty.status, ((await empty.json()) as Json).detail]).toEqual([422, "The file is empty."]);
    expect((await upload(personId, new Uint8Array([0x61, 0, 0x62]), { type: "text/plain" })).status).toBe(422);

    for (const type of ["text/html", "application/octet-stream", "application/json", "text/plain; charset=latin1"]) {
      const refused = await upload(personId, "hello", { type });
      expect(refused.status, type).toBe(415);
      expect(((await refused.json()) as Json).type).toBe(ProblemType.unsupportedMediaType);
    }
    expect((await upload(personId, pdf, { name: null })).status).toBe(400);
    const malformed = await api.app.request(`/v1/persons/${personId}/attachments`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${coordinatorKey}`,
        "Content-Type": "application/pdf",
        "X-File-Name": "%E0%A4%A",
      },
      body: pdf,
    });
    expect(malformed.status).toBe(400);
    for (const name of ["../../etc/passwd", "a\\b.pdf", "", "x".repeat(201), "line\nbreak.pdf"]) {
      const refused = await upload(personId, pdf, { name });
      expect(refused.status, JSON.stringify(name).slice(0, 20)).toBe(422);
      const problem = (await refused.json()) as { errors: Array<Json> };
      expect(problem.errors[0]?.path).toBe("/headers/X-File-Name");
    }
    const list = (await (await coordinator(`/v1/persons/${personId}/attachments`)).json()) as { items: Array<Json> };
    expect(list.items).toHaveLength(0);
  });

  it("refuses a body over 10 MiB with 413 before reading it all, and takes one of exactly 10 MiB", async () => {
    const personId = await newPerson();
    const limit = 10 * 1024 * 1024;
    const exact = new Uint8Array(limit).fill(0x61);
    const stored = await upload(personId, exact, { type: "text/plain", name: "big.txt" });
    expect(stored.status).toBe(201);
    expect(((await stored.json()) as Json).size).toBe(limit);

    const over = await upload(personId, new Uint8Array(limit + 1).fill(0x61), { type: "text/plain" });
    expect(over.status).toBe(413);
    expect(((await over.json()) as Json).type).toBe(ProblemType.payloadTooLarge);
    // Declared too large: refused on the header alone, whatever follows.
    const declared = await api.app.request(`/v1/persons/${personId}/attachments`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${coordinatorKey}`,
        "Content-Type": "text/plain",
        "Content-Length": String(limit + 1),
        "X-File-Name": "big.txt",
      },
      body: "a",
    });
    expect(declared.status).toBe(413);
    // Other routes keep their 1 MiB limit.
    const note = await coordinator(`/v1/persons/${personId}/notes`, {
      method: "POST",
      body: { text: "x".repeat(1024 * 1024 + 10) },
    });
    expect(note.status).toBe(413);
  });

  it("stores a file once for a retried Idempotency-Key, and refuses the key for another file", async () => {
    const personId = await newPerson();
    const key = crypto.randomUUID();
    const first = await upload(personId, pdf, { key });
    const again = await upload(personId, pdf, { key });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as Json).id).toBe(((await first.json()) as Json).id);
    expect((await upload(personId, pdf, { key, name: "Other name.pdf" })).status).toBe(422);
    const list = (await (await coordinator(`/v1/persons/${personId}/attachments`)).json()) as { items: Array<Json> };
    expect(list.items).toHaveLength(1);
  });

  it("is for coordinators only; a merged person's files are the survivor's; unknown ids are 404", async () => {
    const survivor = await newPerson();
    const merged = await newPerson();
    const attachment = (await (await upload(merged, pdf)).json()) as Json;
    await api.runtime.runPromise(
      Effect.flatMap(Ports.PersonRepository, (persons) =>
        persons.merge(merged as Person.PersonId, survivor as Person.PersonId),
      ),
    );
    const list = (await (await coordinator(`/v1/persons/${survivor}/attachments`)).json()) as { items: Array<Json> };
    expect(list.items.map((item) => item.id)).toEqual([attachment.id]);
    const refused = await upload(merged, pdf);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Json).detail).toContain(survivor);
    expect((await coordinator(`/v1/persons/${merged}/attachments`)).status).toBe(409);
    expect((await coordinator(`/v1/persons/${survivor}/attachments/${attachment.id}`)).status).toBe(200);

    expect((await police(`/v1/persons/${survivor}/attachments`)).status).toBe(403);
    expect((await police(`/v1/persons/${survivor}/attachments/${attachment.id}`)).status).toBe(403);
    expect((await upload(survivor, pdf, { apiKey: policeKey })).status).toBe(403);
    expect((await coordinator("/v1/persons/0193a0b0-0000-7000-8000-000000000999/attachments")).status).toBe(404);
    expect((await coordinator(`/v1/persons/${survivor}/attachments/not-an-id`)).status).toBe(404);
    const stranger = await newPerson();
    expect((await coordinator(`/v1/persons/${stranger}/attachments/${attachment.id}`)).status).toBe(404);
    expect(await auditOf([String(attachment.id)])).toEqual(
      expect.arrayContaining(["attachment.download:success", "attachment.download:denied"]),
    );
  });

  it("erases the files with the person's data: downloads are refused, the description stays", async () => {
    const personId = await newPerson();
    const attachment = (await (await upload(personId, pdf)).json()) as Json;
    const summary = await api.runtime.runPromise(
      Effect.flatMap(Ports.ErasureRepository, (erasures) => erasures.erasePerson(personId as Person.PersonId)),
    );
    expect(summary.attachments).toBe(1);
    const download = await coordinator(`/v1/persons/${personId}/attachments/${attachment.id}`);
    expect(download.status).toBe(409);
    expect(((await download.json()) as Json).type).toBe(ProblemType.invalidState);
    const list = (await (await coordinator(`/v1/persons/${personId}/attachments`)).json()) as { items: Array<Json> };
    expect(list.items.map((item) => [item.id, item.name, item.size])).toEqual([
      [attachment.id, { state: "erased" }, pdf.length],
    ]);
  });
});
