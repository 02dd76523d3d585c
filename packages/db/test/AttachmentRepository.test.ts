import { createHash } from "node:crypto";
import { Attachment, Erasure, Ports } from "@comensha/domain";
import { sql } from "drizzle-orm";
import { Effect, Exit, ManagedRuntime, Redacted, Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachmentChunkBytes, Database, rowsOf, storageLayer } from "../src/index.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";

type Services =
  | Database
  | Ports.PersonRepository
  | Ports.AttachmentRepository
  | Ports.AttachmentStore
  | Ports.ErasureRepository
  | Ports.SubjectExportSource;

const author = { kind: "user", id: "0190c0de-0000-7000-8000-00000000c0de" } as const;
const fileName = (name: string) => Schema.decodeUnknownSync(Attachment.AttachmentFileName)(name);
const text = (value: string) => new TextEncoder().encode(value);

/** A file name as it can be shown, or its state when there is none to read. */
const nameOf = (attachment: Attachment.Attachment) =>
  attachment.name.state === "readable" ? Redacted.value(attachment.name.fileName) : attachment.name.state;

describe.each(testDatabaseKinds())("attachments on %s", (kind) => {
  let database: TestDatabase;
  let runtime: ManagedRuntime.ManagedRuntime<Services, unknown>;
  const run = <A, E>(effect: Effect.Effect<A, E, Services>) => runtime.runPromise(effect);
  const failureOf = async <A, E>(effect: Effect.Effect<A, E, Services>) => {
    const exit = await runtime.runPromiseExit(effect);
    return Exit.isFailure(exit) ? JSON.stringify(exit.cause) : "succeeded";
  };
  const sqlRows = (statement: ReturnType<typeof sql>) =>
    run(Effect.flatMap(Database, (db) => Effect.promise(() => db.drizzle.execute(statement)))).then((result) =>
      rowsOf(result),
    );

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    runtime = ManagedRuntime.make(storageLayer({ database: database.config, keys: testKeys }));
    await runtime.runPromise(Effect.flatMap(Database, (db) => db.migrate));
  });

  afterAll(async () => {
    await runtime?.dispose();
    await database?.drop();
  });

  const newPerson = Effect.flatMap(Ports.PersonRepository, (persons) =>
    persons.create({ sex: "female", birthYear: 1998, nationalities: ["RO"], blindIndexes: [] }),
  );
  const repository = Effect.flatMap(Ports.AttachmentRepository, Effect.succeed);
  const upload = (personId: string, name: string, bytes: Uint8Array) =>
    Effect.flatMap(repository, (r) =>
      r.create({
        personId: personId as Attachment.Attachment["personId"],
        attachment: { fileName: fileName(name), mediaType: "text/plain", bytes },
        author,
      }),
    );

  it("stores a file in encrypted chunks and gives back the same bytes with their size and SHA-256", async () => {
    const person = await run(newPerson);
    // Three chunks: two full ones and a partial one, with a marker in each that must not be found at rest.
    const bytes = text(
      `${"Kovač-A ".repeat(attachmentChunkBytes / 8)}${"Kovač-B ".repeat(attachmentChunkBytes / 8)}Kovač-C end`,
    );
    const created = await run(upload(person.id, "Verklaring Testpersoon.txt", bytes));
    expect([nameOf(created), created.mediaType, created.size, created.sha256, created.createdBy]).toEqual([
      "Verklaring Testpersoon.txt",
      "text/plain",
      bytes.length,
      createHash("sha256").update(bytes).digest("hex"),
      author,
    ]);
    const read = await run(Effect.flatMap(repository, (r) => r.read(person.id, created.id)));
    expect(Buffer.from(read.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(nameOf(read.attachment)).toBe("Verklaring Testpersoon.txt");

    const chunks = await sqlRows(
      sql`select chunk, encode(data, 'escape') as data from attachment_chunks where attachment_id = ${created.id} order by chunk`,
    );
    expect(chunks.map((row) => Number(row.chunk))).toEqual([0, 1, 2]);
    for (const row of chunks) {
      expect(String(row.data)).not.toContain("Kova");
      expect(String(row.data)).not.toContain(Buffer.from("Kovač-").toString("base64").slice(0, 6));
    }
    const [stored] = await sqlRows(
      sql`select encode(file_name, 'escape') as name from attachments where id = ${created.id}`,
    );
    expect(String(stored?.name)).not.toContain("Testpersoon");
  });

  it("lists a person's attachments newest first, with those of everyone merged into them", async () => {
    const survivor = await run(newPerson);
    const merged = await run(newPerson);
    const older = await run(upload(merged.id, "before.txt", text("Before the merge.")));
    await sqlRows(sql`update persons set merged_into = ${survivor.id} where id = ${merged.id}`);
    const newer = await run(upload(survivor.id, "after.txt", text("After the merge.")));
    const listed = await run(Effect.flatMap(repository, (r) => r.list(survivor.id)));
    expect(listed.map((a) => [a.id, nameOf(a)])).toEqual([
      [newer.id, "after.txt"],
      [older.id, "before.txt"],
    ]);
    expect(await failureOf(Effect.flatMap(repository, (r) => r.list(merged.id)))).toContain("PersonMergedAway");
    expect(await failureOf(upload(merged.id, "no.txt", text("No.")))).toContain("PersonMergedAway");
  });

  it("refuses another person's attachment and an unknown person, and says when a file does not decrypt", async () => {
    const person = await run(newPerson);
    const stranger = await run(newPerson);
    const created = await run(upload(person.id, "mine.txt", text("Mine.")));
    const other = await run(upload(person.id, "other.txt", text("Other.")));
    expect(await failureOf(Effect.flatMap(repository, (r) => r.read(stranger.id, created.id)))).toContain(
      "AttachmentNotFound",
    );
    expect(
      await failureOf(
        Effect.flatMap(repository, (r) => r.list("0190c0de-0000-7000-8000-00000000dead" as typeof person.id)),
      ),
    ).toContain("PersonNotFound");
    // Another attachment's chunk moved onto this one: bound to its own attachment, it no longer decrypts here.
    await sqlRows(
      sql`update attachment_chunks set data = (select data from attachment_chunks where attachment_id = ${other.id}) where attachment_id = ${created.id}`,
    );
    expect(await failureOf(Effect.flatMap(repository, (r) => r.read(person.id, created.id)))).toContain(
      "AttachmentUndecryptable",
    );
  });

  it("erases files and names with the person, keeps who uploaded what when, and counts them once", async () => {
    const person = await run(newPerson);
    const created = await run(upload(person.id, "Testpersoon paspoort.txt", text("To be erased.")));
    await run(upload(person.id, "second.txt", text("Also erased.")));
    const summary = await run(Effect.flatMap(Ports.ErasureRepository, (r) => r.erasePerson(person.id)));
    expect(summary.attachments).toBe(2);
    const listed = await run(Effect.flatMap(repository, (r) => r.list(person.id)));
    expect(listed.map((a) => [nameOf(a), a.mediaType, a.createdBy])).toEqual([
      ["erased", "text/plain", author],
      ["erased", "text/plain", author],
    ]);
    expect(await failureOf(Effect.flatMap(repository, (r) => r.read(person.id, created.id)))).toContain(
      "AttachmentErased",
    );
    const left = await sqlRows(
      sql`select (select count(*)::int from attachment_chunks c join attachments a on a.id = c.attachment_id where a.person_id = ${person.id}) as chunks, (select count(*)::int from attachments where person_id = ${person.id} and file_name is not null) as names`,
    );
    expect([Number(left[0]?.chunks), Number(left[0]?.names)]).toEqual([0, 0]);
    expect((await run(Effect.flatMap(Ports.ErasureRepository, (r) => r.erasePerson(person.id)))).attachments).toBe(0);
  });

  it("reads an erasure's summary stored before attachments existed as 0 attachments", async () => {
    const person = await run(newPerson);
    const erasures = Effect.flatMap(Ports.ErasureRepository, Effect.succeed);
    const request = await run(
      Effect.flatMap(erasures, (r) =>
        r.createRequest({
          personId: person.id,
          reason: Schema.decodeUnknownSync(Erasure.ErasureReason)("Art. 17"),
          requestedBy: author,
        }),
      ),
    );
    await sqlRows(
      sql`update erasure_requests set status = 'approved', erased = '{"persons":1,"registrations":0,"versions":0,"blindIndexes":0,"placementRequests":0,"offers":0,"duplicates":0,"idempotentAnswers":0}'::jsonb where id = ${request.id}`,
    );
    const found = await run(Effect.flatMap(erasures, (r) => r.findRequest(request.id)));
    expect(found.erased).toMatchObject({ persons: 1, caseNoteVersions: 0, attachments: 0 });
  });

  it("gives the subject access export every attachment described, not the file", async () => {
    const person = await run(newPerson);
    const created = await run(upload(person.id, "For the export.txt", text("Export me.")));
    const exported = await run(Effect.flatMap(Ports.SubjectExportSource, (s) => s.attachments([person.id])));
    expect(exported.map((a) => [a.id, a.personId, a.size, a.mediaType])).toEqual([
      [created.id, person.id, 10, "text/plain"],
    ]);
    expect(exported[0]?.name).toEqual(created.name);
  });
});
