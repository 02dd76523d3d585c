import { type Person, Ports } from "@comensha/domain";
import { sql } from "drizzle-orm";
import { Effect, Exit, ManagedRuntime, Redacted } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database, storageLayer } from "../src/index.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";
import { sampleReport } from "./fixtures.js";

type Services =
  | Database
  | Ports.OrganisationRepository
  | Ports.PersonRepository
  | Ports.RegistrationRepository
  | Ports.AuditLog;

const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
  Array.isArray(result) ? result : ((result as { rows: Array<Record<string, unknown>> }).rows ?? []);

describe.each(testDatabaseKinds())("the console's queries on %s", (kind) => {
  let database: TestDatabase;
  let runtime: ManagedRuntime.ManagedRuntime<Services, unknown>;
  const run = <A, E>(effect: Effect.Effect<A, E, Services>) => runtime.runPromise(effect);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    runtime = ManagedRuntime.make(storageLayer({ database: database.config, keys: testKeys }));
    await runtime.runPromise(Effect.flatMap(Database, (db) => db.migrate));
  });

  afterAll(async () => {
    await runtime?.dispose();
    await database?.drop();
  });

  it("pages organisations by name, then id, across equal names, and rejects a forged cursor", async () => {
    const made = await run(
      Effect.gen(function* () {
        const organisations = yield* Ports.OrganisationRepository;
        return yield* Effect.forEach(["Zeta", "Alfa", "Midden", "Midden", "Beta"], (name) =>
          organisations.create({ name, kind: "ngo" }),
        );
      }),
    );
    const names: Array<string> = [];
    const ids: Array<string> = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await run(
        Effect.flatMap(Ports.OrganisationRepository, (r) =>
          r.listPage({ limit: 2, ...(cursor === undefined ? {} : { cursor }) }),
        ),
      );
      names.push(...page.data.map((o) => o.name));
      ids.push(...page.data.map((o) => o.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined);
    expect(names).toEqual(["Alfa", "Beta", "Midden", "Midden", "Zeta"]);
    expect(pages).toBe(3);
    const middens = made.filter((o) => o.name === "Midden").map((o) => o.id);
    expect(ids.slice(2, 4)).toEqual([...middens].sort());
    expect(made.every((o) => o.isComensha === false)).toBe(true);
    const forged = await runtime.runPromiseExit(
      Effect.flatMap(Ports.OrganisationRepository, (r) => r.listPage({ limit: 2, cursor: "forged" })),
    );
    expect(Exit.isFailure(forged) && JSON.stringify(forged.cause)).toContain("InvalidCursor");
  });

  it("lists the audit events of one resource only, newest first, with a cursor, on an index that orders them", async () => {
    await run(
      Effect.gen(function* () {
        const log = yield* Ports.AuditLog;
        const actor = { kind: "system", id: "test" } as const;
        for (const [action, resourceId] of [
          ["registration.create", "r-1"],
          ["registration.read", "r-2"],
          ["registration.read", "r-1"],
          ["registration.update", "r-1"],
        ] as const) {
          yield* log.append({ actor, action, resourceType: "registration", resourceId, outcome: "success" });
        }
        yield* log.append({
          actor,
          action: "person.read",
          resourceType: "person",
          resourceId: "r-1",
          outcome: "success",
        });
      }),
    );
    const first = await run(
      Effect.flatMap(Ports.AuditLog, (log) => log.listForResource({ type: "registration", id: "r-1" }, { limit: 2 })),
    );
    expect(first.data.map((e) => e.action)).toEqual(["registration.update", "registration.read"]);
    expect(first.nextCursor).not.toBeNull();
    const rest = await run(
      Effect.flatMap(Ports.AuditLog, (log) =>
        log.listForResource({ type: "registration", id: "r-1" }, { limit: 2, cursor: first.nextCursor ?? "" }),
      ),
    );
    expect(rest.data.map((e) => e.action)).toEqual(["registration.create"]);
    expect(rest.nextCursor).toBeNull();
    const indexes = rowsOf(
      await run(
        Effect.flatMap(Database, (db) =>
          Effect.promise(() =>
            db.drizzle.execute(sql`select indexdef from pg_indexes where indexname = 'audit_events_resource_idx'`),
          ),
        ),
      ),
    );
    expect(String(indexes[0]?.indexdef)).toContain("(resource_type, resource_id, id)");
  });

  it("lists a person's registrations newest first, with those of persons merged into them", async () => {
    const { survivor, merged, other, police } = await run(
      Effect.gen(function* () {
        const persons = yield* Ports.PersonRepository;
        const police = yield* (yield* Ports.OrganisationRepository).create({ name: "Politie Test", kind: "police" });
        const person = () => persons.create({ sex: "female", nationalities: ["NG"], blindIndexes: [] });
        return { survivor: yield* person(), merged: yield* person(), other: yield* person(), police };
      }),
    );
    const registered = await run(
      Effect.gen(function* () {
        const registrations = yield* Ports.RegistrationRepository;
        const create = (personId: typeof survivor.id, familyName: string) =>
          registrations.create({
            organisationId: police.id,
            personId,
            status: "received",
            registration: sampleReport({
              person: { familyName, givenNames: "Test", aliases: [], sex: "female", nationalities: ["NG"] },
            }),
          });
        return {
          a: yield* create(survivor.id, "Eerste"),
          b: yield* create(merged.id, "Tweede"),
          c: yield* create(other.id, "Ander"),
          d: yield* create(survivor.id, "Derde"),
        };
      }),
    );
    const before = await run(Effect.flatMap(Ports.RegistrationRepository, (r) => r.listForPerson(survivor.id))).then(
      (found) => found.registrations,
    );
    expect(before.map((r) => r.id)).toEqual([registered.d.id, registered.a.id]);
    await run(Effect.flatMap(Ports.PersonRepository, (r) => r.merge(merged.id, survivor.id)));
    const after = await run(Effect.flatMap(Ports.RegistrationRepository, (r) => r.listForPerson(survivor.id))).then(
      (found) => found.registrations,
    );
    expect(after.map((r) => r.id)).toEqual([registered.d.id, registered.b.id, registered.a.id]);
    expect(after.map((r) => Redacted.value((r.person as Person.ReportedPerson).familyName))).toEqual([
      "Derde",
      "Tweede",
      "Eerste",
    ]);
    const none = await run(
      Effect.flatMap(Ports.RegistrationRepository, (r) =>
        r.listForPerson("01900000-0000-7000-8000-000000000000" as never),
      ),
    );
    expect(none).toEqual({ registrations: [], unreadable: [] });
  });
});
