import { Counting, type Organisation, Person, Ports, Registration } from "@comensha/domain";
import { sql } from "drizzle-orm";
import { Cause, Effect, Exit, ManagedRuntime, Redacted } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database, storageLayer } from "../src/index.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";
import { sampleReport } from "./fixtures.js";

type Services =
  | Database
  | Ports.OrganisationRepository
  | Ports.PersonRepository
  | Ports.RegistrationRepository
  | Ports.AuditLog
  | Ports.Transactor;

describe.each(testDatabaseKinds())("repositories on %s", (kind) => {
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

  const setup = Effect.gen(function* () {
    const organisations = yield* Ports.OrganisationRepository;
    const persons = yield* Ports.PersonRepository;
    const police = yield* organisations.create({
      name: "Politie Eenheid Testregio",
      kind: "police",
      region: "amsterdam",
    });
    const ngo = yield* organisations.create({ name: "Stichting Testhulp", kind: "ngo" });
    const person = yield* persons.create({
      sex: "female",
      birthYear: 1999,
      nationalities: ["NG"],
      blindIndexes: [{ name: "name_dob", value: "00ff00ff00ff00ff" }],
    });
    return { police, ngo, person };
  });

  it("reports which kind of database it is", async () => {
    const kindSeen = await runtime.runPromise(Effect.map(Database, (db) => db.kind));
    expect(kindSeen).toBe(kind);
  });

  it("stores an organisation and finds it again; an unknown id is OrganisationNotFound", async () => {
    const { police } = await run(setup);
    const found = await run(Effect.flatMap(Ports.OrganisationRepository, (r) => r.findById(police.id)));
    expect(found).toEqual(police);
    expect(found.region).toBe("amsterdam");
    const missing = await runtime.runPromiseExit(
      Effect.flatMap(Ports.OrganisationRepository, (r) =>
        r.findById("01890a5d-ac96-774b-bcce-b302099a8057" as Organisation.OrganisationId),
      ),
    );
    expect(Exit.isFailure(missing) && JSON.stringify(missing.cause)).toContain("OrganisationNotFound");
  });

  it("creates a registration at version 1 and reads the identifiers back decrypted", async () => {
    const registration = await run(
      Effect.gen(function* () {
        const { police, person } = yield* setup;
        const registrations = yield* Ports.RegistrationRepository;
        const created = yield* registrations.create({
          organisationId: police.id,
          personId: person.id,
          status: "received",
          registration: sampleReport(),
        });
        return yield* registrations.findById(created.id);
      }),
    );
    expect(registration.version).toBe(1);
    expect(registration.status).toBe("received");
    if (!Person.hasIdentifiers(registration.person)) throw new Error("expected identifiers");
    expect(Redacted.value(registration.person.familyName)).toBe("Testperson");
    expect(registration.person.dateOfBirth && Redacted.value(registration.person.dateOfBirth)).toBe("1999-04-12");
    expect(registration.exploitation).toEqual({ forms: ["sexual"], country: "NL", policeRegion: "amsterdam" });
  });

  it("keeps every version of a registration and refuses an update from a stale version", async () => {
    const result = await run(
      Effect.gen(function* () {
        const { police, person } = yield* setup;
        const registrations = yield* Ports.RegistrationRepository;
        const created = yield* registrations.create({
          organisationId: police.id,
          personId: person.id,
          status: "received",
          registration: sampleReport(),
        });
        const updated = yield* registrations.update({
          id: created.id,
          expectedVersion: 1,
          status: "registered",
          registration: sampleReport({ exploitation: { forms: ["sexual", "labour"], country: "NL" } }),
        });
        const stale = yield* Effect.flip(
          registrations.update({
            id: created.id,
            expectedVersion: 1,
            status: "withdrawn",
            registration: sampleReport(),
          }),
        );
        const versions = yield* registrations.listVersions(created.id);
        return { updated, stale, versions };
      }),
    );
    expect(result.updated.version).toBe(2);
    expect(result.updated.exploitation.forms).toEqual(["sexual", "labour"]);
    expect(result.stale).toBeInstanceOf(Registration.RegistrationVersionConflict);
    expect(result.versions.map((v) => [v.version, v.status, v.exploitation.forms.length])).toEqual([
      [1, "received", 1],
      [2, "registered", 2],
    ]);
  });

  it("keeps a withdrawal's reason encrypted with the withdrawn version, and nowhere in the clear", async () => {
    const reason = "Reported in error: wrong Testperson";
    const { withdrawn, versions } = await run(
      Effect.gen(function* () {
        const { police, person } = yield* setup;
        const registrations = yield* Ports.RegistrationRepository;
        const created = yield* registrations.create({
          organisationId: police.id,
          personId: person.id,
          status: "received",
          registration: sampleReport(),
        });
        const withdrawn = yield* registrations.update({
          id: created.id,
          expectedVersion: 1,
          status: "withdrawn",
          registration: created as Registration.ReadableRegistration,
          withdrawalReason: Redacted.make(reason),
        });
        return { withdrawn, versions: yield* registrations.listVersions(created.id) };
      }),
    );
    expect(withdrawn.withdrawalReason && Redacted.value(withdrawn.withdrawalReason)).toBe(reason);
    expect(String(withdrawn.withdrawalReason)).not.toContain("Reported");
    expect(
      versions.map((version) => [version.status, version.withdrawalReason && Redacted.value(version.withdrawalReason)]),
    ).toEqual([
      ["received", undefined],
      ["withdrawn", reason],
    ]);
    const found = await run(
      Effect.flatMap(Ports.RegistrationRepository, (registrations) => registrations.findById(withdrawn.id)),
    );
    expect(found.withdrawalReason && Redacted.value(found.withdrawalReason)).toBe(reason);

    const stored = await run(
      Effect.flatMap(Database, (db) =>
        Effect.promise(() =>
          db.drizzle.execute(
            sql`select r.data::text as current, v.data::text as version, encode(v.identifiers, 'escape') as sealed
                from registrations r join registration_versions v on v.registration_id = r.id
                where r.id = ${withdrawn.id}`,
          ),
        ),
      ),
    );
    const rows = ((stored as { rows?: unknown }).rows ?? stored) as Array<Record<string, string>>;
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(Object.values(row).join(" ")).not.toContain("Reported in error");
  });

  it("scopes a registration to its organisation: another organisation gets RegistrationNotFound", async () => {
    const outcome = await run(
      Effect.gen(function* () {
        const { police, ngo, person } = yield* setup;
        const registrations = yield* Ports.RegistrationRepository;
        const created = yield* registrations.create({
          organisationId: police.id,
          personId: person.id,
          status: "received",
          registration: sampleReport(),
        });
        const own = yield* registrations.findById(created.id, { organisationId: police.id });
        const other = yield* Effect.flip(registrations.findById(created.id, { organisationId: ngo.id }));
        const otherList = yield* registrations.list({ organisationId: ngo.id }, { limit: 10 });
        return { own, other, otherList };
      }),
    );
    expect(outcome.own.organisationId).toBeDefined();
    expect(outcome.other).toBeInstanceOf(Registration.RegistrationNotFound);
    expect(outcome.otherList.data).toEqual([]);
  });

  it("pages through registrations newest first with a cursor, and rejects a forged cursor", async () => {
    const pages = await run(
      Effect.gen(function* () {
        const organisations = yield* Ports.OrganisationRepository;
        const { person } = yield* setup;
        const own = yield* organisations.create({ name: "Gemeente Paginastad", kind: "municipality" });
        const registrations = yield* Ports.RegistrationRepository;
        const created = yield* Effect.forEach([1, 2, 3, 4, 5], () =>
          registrations.create({
            organisationId: own.id,
            personId: person.id,
            status: "received",
            registration: sampleReport({ legalBasis: "consent" }),
          }),
        );
        const first = yield* registrations.list({ organisationId: own.id }, { limit: 2 });
        const second = yield* registrations.list(
          { organisationId: own.id },
          { limit: 2, cursor: first.nextCursor ?? "" },
        );
        const third = yield* registrations.list(
          { organisationId: own.id },
          { limit: 2, cursor: second.nextCursor ?? "" },
        );
        const forged = yield* Effect.flip(
          registrations.list({ organisationId: own.id }, { limit: 2, cursor: "bm9wZQ" }),
        );
        return { created, first, second, third, forged };
      }),
    );
    const seen = [...pages.first.data, ...pages.second.data, ...pages.third.data].map((r) => r.id);
    expect(seen).toEqual(pages.created.map((r) => r.id).reverse());
    expect(pages.third.nextCursor).toBeNull();
    expect(pages.forged._tag).toBe("InvalidCursor");
  });

  it("rolls back every write of a failed transaction", async () => {
    const before = await run(Effect.flatMap(Ports.OrganisationRepository, (r) => r.list));
    const exit = await runtime.runPromiseExit(
      Effect.gen(function* () {
        const transactor = yield* Ports.Transactor;
        const organisations = yield* Ports.OrganisationRepository;
        yield* transactor.transaction(
          Effect.gen(function* () {
            yield* organisations.create({ name: "Wordt teruggedraaid", kind: "other" });
            return yield* Effect.fail("boom" as const);
          }),
        );
      }),
    );
    const after = await run(Effect.flatMap(Ports.OrganisationRepository, (r) => r.list));
    expect(Exit.isFailure(exit)).toBe(true);
    expect(after.map((o) => o.name)).toEqual(before.map((o) => o.name));
  });

  it("answers a new person and registration as stored, with the transaction's time, without waiting to write them", async () => {
    const { police } = await run(setup);
    const written = await run(
      Effect.gen(function* () {
        const transactor = yield* Ports.Transactor;
        const persons = yield* Ports.PersonRepository;
        const registrations = yield* Ports.RegistrationRepository;
        return yield* transactor.transaction(
          Effect.gen(function* () {
            const now = yield* transactor.now;
            const person = yield* persons.create({
              sex: "male",
              birthYear: 1988,
              nationalities: ["RO"],
              blindIndexes: [{ name: "name_dob", value: "0123456789abcdef" }],
            });
            const registration = yield* registrations.create({
              organisationId: police.id,
              personId: person.id,
              status: "received",
              registration: sampleReport(),
            });
            const event = yield* (yield* Ports.AuditLog).append({
              actor: { kind: "system", id: "test" },
              action: "registration.create",
              resourceType: "registration",
              resourceId: registration.id,
              outcome: "success",
            });
            return { now, person, registration, event };
          }),
        );
      }),
    );
    const stored = await run(
      Effect.gen(function* () {
        const persons = yield* Ports.PersonRepository;
        const registrations = yield* Ports.RegistrationRepository;
        return {
          person: yield* persons.findById(written.person.id),
          registration: yield* registrations.findById(written.registration.id),
          matches: yield* persons.findMatches([{ name: "name_dob", value: "0123456789abcdef" }]),
          events: yield* (yield* Ports.AuditLog).listForResource(
            { type: "registration", id: written.registration.id },
            { limit: 5 },
          ),
        };
      }),
    );
    expect(stored.person).toEqual(written.person);
    expect(stored.registration).toEqual(written.registration);
    expect(written.person.createdAt).toBe(written.now);
    expect(written.registration.createdAt).toBe(written.now);
    expect(stored.matches.map((match) => match.personId)).toEqual([written.person.id]);
    expect(stored.events.data).toEqual([written.event]);
    expect(written.event.occurredAt).toBe(written.now);
  });

  it("rolls back a transaction whose deferred write fails, and fails with that write's error as a defect", async () => {
    const { police } = await run(setup);
    const exit = await runtime.runPromiseExit(
      Effect.gen(function* () {
        const transactor = yield* Ports.Transactor;
        const persons = yield* Ports.PersonRepository;
        const registrations = yield* Ports.RegistrationRepository;
        return yield* transactor.transaction(
          Effect.gen(function* () {
            const person = yield* persons.create({
              sex: "female",
              nationalities: ["NL"],
              blindIndexes: [{ name: "name_dob", value: "fedcba9876543210" }],
            });
            // A person that does not exist: the registration's deferred insert breaks its foreign key.
            const registration = yield* registrations.create({
              organisationId: police.id,
              personId: "01900000-0000-7000-8000-000000000000" as Person.PersonId,
              status: "received",
              registration: sampleReport(),
            });
            return { person, registration };
          }),
        );
      }),
    );
    expect(Exit.isFailure(exit)).toBe(true);
    // The defect is the insert's own error (drizzle's, caused by PostgreSQL's foreign-key violation, SQLSTATE
    // 23503), not the "transaction is aborted" (25P02) of a statement after it.
    const codes: Array<unknown> = [];
    if (Exit.isFailure(exit)) {
      for (let error: unknown = Cause.squash(exit.cause); error instanceof Error; error = error.cause) {
        codes.push((error as { code?: unknown }).code);
      }
    }
    expect(codes).toContain("23503");
    const matches = await run(
      Effect.flatMap(Ports.PersonRepository, (persons) =>
        persons.findMatches([{ name: "name_dob", value: "fedcba9876543210" }]),
      ),
    );
    expect(matches).toEqual([]);
  });

  it("writes audit events and lists them newest first", async () => {
    const page = await run(
      Effect.gen(function* () {
        const audit = yield* Ports.AuditLog;
        yield* audit.append({
          actor: { kind: "system", id: "test" },
          action: "registration.read",
          resourceType: "registration",
          resourceId: "r-1",
          outcome: "success",
        });
        yield* audit.append({
          actor: { kind: "system", id: "test" },
          action: "registration.update",
          resourceType: "registration",
          resourceId: "r-1",
          outcome: "denied",
        });
        return yield* audit.list({ limit: 2 });
      }),
    );
    expect(page.data.map((e) => [e.action, e.outcome])).toEqual([
      ["registration.update", "denied"],
      ["registration.read", "success"],
    ]);
  });

  it("refuses to change or delete an audit event", async () => {
    const event = await run(
      Effect.flatMap(Ports.AuditLog, (audit) =>
        audit.append({
          actor: { kind: "system", id: "test" },
          action: "organisation.create",
          resourceType: "organisation",
          outcome: "success",
        }),
      ),
    );
    const attempt = (statement: string) =>
      runtime.runPromiseExit(
        Effect.flatMap(Database, (db) => Effect.tryPromise(() => db.drizzle.execute(sql.raw(statement)))),
      );
    const update = await attempt(`update audit_events set outcome = 'failure' where id = '${event.id}'`);
    const remove = await attempt(`delete from audit_events where id = '${event.id}'`);
    expect(Exit.isFailure(update)).toBe(true);
    expect(Exit.isFailure(remove)).toBe(true);
    const page = await run(Effect.flatMap(Ports.AuditLog, (audit) => audit.list({ limit: 50 })));
    expect(page.data.find((e) => e.id === event.id)?.outcome).toBe("success");
  });

  it("flattens registrations for the counting rule, resolving persons and organisation kinds", async () => {
    const counted = await run(
      Effect.gen(function* () {
        const organisations = yield* Ports.OrganisationRepository;
        const persons = yield* Ports.PersonRepository;
        const registrations = yield* Ports.RegistrationRepository;
        const a = yield* organisations.create({ name: "KMar Testbrigade", kind: "kmar" });
        const b = yield* organisations.create({ name: "Arbeidsinspectie Test", kind: "labour_inspectorate" });
        const person = yield* persons.create({ sex: "male", nationalities: ["RO"], blindIndexes: [] });
        for (const [org, reportedOn, form] of [
          [a, "2023-02-01", "labour"],
          [b, "2023-06-01", "criminal"],
        ] as const) {
          yield* registrations.create({
            organisationId: org.id,
            personId: person.id,
            status: "registered",
            registration: sampleReport({
              reportedOn,
              person: {
                familyName: "Testman",
                givenNames: "Ion",
                aliases: [],
                birthYear: 1990,
                sex: "male",
                nationalities: ["RO"],
              },
              exploitation: { forms: [form], country: "NL" },
              reflectionPeriod: undefined,
            }),
          });
        }
        const rows = yield* registrations.listCountable(2023);
        return Counting.countPersons(rows, 2023).filter((p) => p.personId === person.id);
      }),
    );
    expect(counted).toHaveLength(1);
    expect(counted[0]?.forms).toEqual(["labour", "criminal"]);
    expect(counted[0]?.reportCount).toBe(2);
  });
});
