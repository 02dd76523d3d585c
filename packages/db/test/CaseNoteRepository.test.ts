import { CaseNote, Ports } from "@comensha/domain";
import { sql } from "drizzle-orm";
import { Effect, Exit, ManagedRuntime, Redacted, Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database, rowsOf, storageLayer } from "../src/index.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";

type Services =
  | Database
  | Ports.PersonRepository
  | Ports.CaseNoteRepository
  | Ports.ErasureRepository
  | Ports.SubjectExportSource;

const note = (text: string) => Schema.decodeUnknownSync(CaseNote.NewCaseNote)({ text });
const author = { kind: "user", id: "0190c0de-0000-7000-8000-00000000c0de" } as const;
const other = { kind: "api_key", id: "0190c0de-0000-7000-8000-0000000a11ce" } as const;

/** The words of a content, or its state when there are none to read. */
const wordsOf = (content: CaseNote.CaseNoteContent) =>
  content.state === "readable" ? Redacted.value(content.text) : content.state;

describe.each(testDatabaseKinds())("case notes on %s", (kind) => {
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
  const notes = Effect.flatMap(Ports.CaseNoteRepository, Effect.succeed);

  it("writes a note encrypted, corrects it as a new version, and keeps every version", async () => {
    const person = await run(newPerson);
    const first = await run(
      Effect.flatMap(notes, (r) =>
        r.create({ personId: person.id, note: note("  Intake with Ms. Testperson, interpreter present.  "), author }),
      ),
    );
    expect([first.version, wordsOf(first.content), first.createdBy, first.updatedBy]).toEqual([
      1,
      "Intake with Ms. Testperson, interpreter present.",
      author,
      author,
    ]);
    const second = await run(
      Effect.flatMap(notes, (r) =>
        r.update({
          personId: person.id,
          id: first.id,
          expectedVersion: 1,
          note: note("Intake with Ms. Testperson; interpreter arranged by the shelter."),
          author: other,
        }),
      ),
    );
    expect([second.version, second.createdBy, second.updatedBy]).toEqual([2, author, other]);

    const found = await run(Effect.flatMap(notes, (r) => r.find(person.id, first.id)));
    expect(wordsOf(found.note.content)).toBe("Intake with Ms. Testperson; interpreter arranged by the shelter.");
    expect(found.versions.map((version) => [version.version, wordsOf(version.content), version.writtenBy])).toEqual([
      [1, "Intake with Ms. Testperson, interpreter present.", author],
      [2, "Intake with Ms. Testperson; interpreter arranged by the shelter.", other],
    ]);

    // At rest every version is ciphertext: neither the words nor a part of them are in the row.
    const stored = await sqlRows(
      sql`select encode(text, 'escape') as text from case_note_versions where note_id = ${first.id}`,
    );
    expect(stored).toHaveLength(2);
    for (const row of stored) expect(String(row.text)).not.toContain("Testperson");
  });

  it("lists a person's notes newest first, with the notes of everyone merged into them", async () => {
    const survivor = await run(newPerson);
    const merged = await run(newPerson);
    const older = await run(
      Effect.flatMap(notes, (r) => r.create({ personId: merged.id, note: note("Written before the merge."), author })),
    );
    await sqlRows(sql`update persons set merged_into = ${survivor.id} where id = ${merged.id}`);
    const newer = await run(
      Effect.flatMap(notes, (r) => r.create({ personId: survivor.id, note: note("Written after."), author })),
    );
    const listed = await run(Effect.flatMap(notes, (r) => r.list(survivor.id)));
    expect(listed.map((n) => [n.id, wordsOf(n.content)])).toEqual([
      [newer.id, "Written after."],
      [older.id, "Written before the merge."],
    ]);
    // The person merged away has no case of their own any more.
    expect(await failureOf(Effect.flatMap(notes, (r) => r.list(merged.id)))).toContain("PersonMergedAway");
    expect(
      await failureOf(Effect.flatMap(notes, (r) => r.create({ personId: merged.id, note: note("No."), author }))),
    ).toContain("PersonMergedAway");
  });

  it("refuses a stale version, another person's note and an unknown person", async () => {
    const person = await run(newPerson);
    const stranger = await run(newPerson);
    const written = await run(
      Effect.flatMap(notes, (r) => r.create({ personId: person.id, note: note("First words."), author })),
    );
    const update = (personId: typeof person.id, expectedVersion: number) =>
      Effect.flatMap(notes, (r) =>
        r.update({ personId, id: written.id, expectedVersion, note: note("Other words."), author }),
      );
    await run(update(person.id, 1));
    const stale = await failureOf(update(person.id, 1));
    expect(stale).toContain("CaseNoteVersionConflict");
    expect(stale).toContain('"currentVersion":2');
    expect(await failureOf(update(stranger.id, 2))).toContain("CaseNoteNotFound");
    expect(await failureOf(Effect.flatMap(notes, (r) => r.find(stranger.id, written.id)))).toContain(
      "CaseNoteNotFound",
    );
    expect(
      await failureOf(
        Effect.flatMap(notes, (r) => r.list("0190c0de-0000-7000-8000-00000000dead" as unknown as typeof person.id)),
      ),
    ).toContain("PersonNotFound");
  });

  it("marks a version that does not decrypt, without hiding the note's other versions", async () => {
    const person = await run(newPerson);
    const written = await run(
      Effect.flatMap(notes, (r) => r.create({ personId: person.id, note: note("Readable first."), author })),
    );
    await run(
      Effect.flatMap(notes, (r) =>
        r.update({ personId: person.id, id: written.id, expectedVersion: 1, note: note("Damaged later."), author }),
      ),
    );
    // Version 2's ciphertext moved onto version 1: bound to its own note and number, it no longer decrypts there.
    await sqlRows(
      sql`update case_note_versions set text = (select text from case_note_versions where note_id = ${written.id} and version = 2) where note_id = ${written.id} and version = 1`,
    );
    const found = await run(Effect.flatMap(notes, (r) => r.find(person.id, written.id)));
    expect(found.versions.map((version) => wordsOf(version.content))).toEqual(["undecryptable", "Damaged later."]);
  });

  it("erases the words of every version with the person, keeps dates and authors, and refuses a new version", async () => {
    const person = await run(newPerson);
    const written = await run(
      Effect.flatMap(notes, (r) => r.create({ personId: person.id, note: note("To be erased."), author })),
    );
    await run(
      Effect.flatMap(notes, (r) =>
        r.update({ personId: person.id, id: written.id, expectedVersion: 1, note: note("Also erased."), author }),
      ),
    );
    const summary = await run(Effect.flatMap(Ports.ErasureRepository, (r) => r.erasePerson(person.id)));
    expect(summary.caseNoteVersions).toBe(2);
    const found = await run(Effect.flatMap(notes, (r) => r.find(person.id, written.id)));
    expect(found.versions.map((version) => [wordsOf(version.content), version.writtenBy])).toEqual([
      ["erased", author],
      ["erased", author],
    ]);
    const left = await sqlRows(
      sql`select count(*)::int as n from case_note_versions where note_id = ${written.id} and text is not null`,
    );
    expect(Number(left[0]?.n)).toBe(0);
    expect(
      await failureOf(
        Effect.flatMap(notes, (r) =>
          r.update({ personId: person.id, id: written.id, expectedVersion: 2, note: note("Again."), author }),
        ),
      ),
    ).toContain("CaseNoteErased");
    // A second erasure finds nothing left to erase.
    expect((await run(Effect.flatMap(Ports.ErasureRepository, (r) => r.erasePerson(person.id)))).caseNoteVersions).toBe(
      0,
    );
  });

  it("gives the subject access export every note with every version", async () => {
    const person = await run(newPerson);
    const written = await run(
      Effect.flatMap(notes, (r) => r.create({ personId: person.id, note: note("For the export."), author })),
    );
    await run(
      Effect.flatMap(notes, (r) =>
        r.update({ personId: person.id, id: written.id, expectedVersion: 1, note: note("Corrected."), author }),
      ),
    );
    const exported = await run(Effect.flatMap(Ports.SubjectExportSource, (s) => s.caseNotes([person.id])));
    expect(exported.map((n) => [n.id, n.personId, n.versions.map((v) => wordsOf(v.content))])).toEqual([
      [written.id, person.id, ["For the export.", "Corrected."]],
    ]);
  });
});
