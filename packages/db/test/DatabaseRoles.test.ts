import { randomBytes } from "node:crypto";
import { Ports } from "@comensha/domain";
import { Cause, Effect, Exit, type Layer, ManagedRuntime } from "effect";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApplicationRoleError,
  createApplicationRole,
  Database,
  type DatabaseConfig,
  DatabaseUnavailable,
  JobQueue,
  storageLayer,
} from "../src/index.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";
import { sampleReport } from "./fixtures.js";

const system = { kind: "system", id: "roles-test" } as const;

describe.runIf(testDatabaseKinds().includes("postgres"))("the application role on PostgreSQL", () => {
  const role = `comensha_app_${randomBytes(6).toString("hex")}`;
  let database: TestDatabase;
  let ownerUrl: string;
  let appUrl: string;
  let config: DatabaseConfig;
  let runtime: ManagedRuntime.ManagedRuntime<Layer.Success<ReturnType<typeof storageLayer>>, unknown>;
  let app: postgres.Sql;

  /** The reason an owner's migration gave for refusing the application role. */
  const refusal = (exit: Exit.Exit<unknown, unknown>) => {
    const error = Exit.isFailure(exit) ? Cause.squash(exit.cause) : undefined;
    return error instanceof DatabaseUnavailable && error.cause instanceof ApplicationRoleError
      ? error.cause.message
      : undefined;
  };

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    if (database.config.kind !== "postgres") throw new Error("expected PostgreSQL");
    ownerUrl = database.config.url;
    const url = new URL(ownerUrl);
    url.username = role;
    appUrl = url.toString();
    config = { kind: "postgres", url: appUrl, maxConnections: 5, applicationRole: { name: role, ownerUrl } };
    app = postgres(appUrl, { max: 1, onnotice: () => undefined });
  });

  afterAll(async () => {
    await app?.end({ timeout: 5 });
    await runtime?.dispose();
    await database?.drop();
    const server = postgres(process.env.DATABASE_URL ?? "", { max: 1, onnotice: () => undefined });
    try {
      await server.unsafe(`drop role if exists ${role}`);
    } finally {
      await server.end();
    }
  });

  it("stops the owner's migration with the SQL to create the role while the role is missing", async () => {
    const missing = ManagedRuntime.make(Database.layer(config));
    try {
      const exit = await missing.runPromiseExit(Effect.flatMap(Database, (db) => db.migrate));
      expect(refusal(exit)).toContain(`CREATE ROLE "${role}" LOGIN`);
    } finally {
      await missing.dispose();
    }
  });

  it("creates the role once when asked to, with no rights of its own", async () => {
    expect(await Effect.runPromise(createApplicationRole(ownerUrl, role, undefined))).toBe(true);
    expect(await Effect.runPromise(createApplicationRole(ownerUrl, role, undefined))).toBe(false);
    const [attributes] = await app`select rolsuper, rolcreaterole, rolcreatedb, rolbypassrls from pg_roles
      where rolname = current_user`;
    expect(attributes).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
  });

  it("migrates as the owner and grants the role its rights, again without harm", async () => {
    runtime = ManagedRuntime.make(storageLayer({ database: config, keys: testKeys, queueSuperviseIntervalSeconds: 2 }));
    await runtime.runPromise(Effect.flatMap(Database, (db) => db.migrate));
    await runtime.runPromise(Effect.flatMap(Database, (db) => db.migrate));
    const owned = await app`select relname from pg_class where pg_get_userbyid(relowner) = current_user
      and relnamespace in ('public'::regnamespace, 'drizzle'::regnamespace)`;
    expect(owned).toEqual([]);
    const status = await runtime.runPromise(Effect.flatMap(Database, (db) => db.migrationStatus));
    expect(status.state).toBe("current");
  });

  it("lets a process connected as the role start without migrating, once the owner has", async () => {
    const appOnly = ManagedRuntime.make(Database.layer({ kind: "postgres", url: appUrl, maxConnections: 2 }));
    try {
      await appOnly.runPromise(Effect.flatMap(Database, (db) => db.migrate));
      const status = await appOnly.runPromise(Effect.flatMap(Database, (db) => db.migrationStatus));
      expect(status.state).toBe("current");
    } finally {
      await appOnly.dispose();
    }
  });

  it("writes registrations and audit events, and updates registrations, as the role", async () => {
    const result = await runtime.runPromise(
      Effect.gen(function* () {
        const transactor = yield* Ports.Transactor;
        return yield* transactor.transaction(
          Effect.gen(function* () {
            const police = yield* (yield* Ports.OrganisationRepository).create({ name: "Politie Rol", kind: "police" });
            const person = yield* (yield* Ports.PersonRepository).create({
              sex: "female",
              birthYear: 1999,
              nationalities: ["NG"],
              blindIndexes: [{ name: "name_dob", value: "00ff00ff00ff00ff" }],
            });
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
              registration: sampleReport(),
            });
            const event = yield* (yield* Ports.AuditLog).append({
              actor: system,
              action: "registration.create",
              resourceType: "registration",
              resourceId: created.id,
              outcome: "success",
            });
            return { version: updated.version, event };
          }),
        );
      }),
    );
    expect(result.version).toBe(2);
    const events = await runtime.runPromise(Effect.flatMap(Ports.AuditLog, (log) => log.list({ limit: 10 })));
    expect(events.data.map((event) => event.id)).toContain(result.event.id);
  });

  it("runs the job queue as the role", async () => {
    const queue = { name: "roles-echo", retryLimit: 1, heartbeatSeconds: 10, expireInSeconds: 60 };
    const received = new Promise<unknown>((resolve) => {
      runtime.runFork(Effect.flatMap(JobQueue, (jobs) => jobs.work<unknown>(queue, async (data) => resolve(data))));
    });
    await runtime.runPromise(Effect.flatMap(JobQueue, (jobs) => jobs.send(queue, { n: 7 })));
    expect(await received).toEqual({ n: 7 });
    const [schema] = await app`select pg_get_userbyid(nspowner) as owner from pg_namespace where nspname = 'pgboss'`;
    expect(schema?.owner).toBe(role);
  });

  const refused = [
    "ALTER TABLE audit_events DISABLE TRIGGER ALL",
    "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only",
    "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_truncate",
    "ALTER TABLE audit_events OWNER TO CURRENT_USER",
    "DROP TRIGGER audit_events_append_only ON audit_events",
    "UPDATE audit_events SET outcome = 'denied'",
    "DELETE FROM audit_events",
    "TRUNCATE audit_events",
    "DROP TABLE audit_events",
    "DROP TABLE registrations",
    "TRUNCATE registrations",
    "ALTER TABLE registrations ADD COLUMN x text",
    "CREATE TABLE public.shadow (id int)",
    "SET session_replication_role = replica",
    "SET ROLE postgres",
    "CREATE OR REPLACE FUNCTION comensha_audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$",
    "DROP FUNCTION comensha_audit_events_append_only() CASCADE",
    "DELETE FROM drizzle.__drizzle_migrations",
  ];

  it.each(refused)("refuses the role: %s", async (statement) => {
    const count = async () => Number((await app`select count(*)::int as n from audit_events`)[0]?.n);
    const before = await count();
    const error = await app.unsafe(statement).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect((error as { code?: string } | undefined)?.code).toBe("42501");
    expect(await count()).toBe(before);
  });

  it("keeps the audit trigger in place and enabled", async () => {
    const triggers = await app`select tgname, tgenabled from pg_trigger
      where tgrelid = 'audit_events'::regclass and not tgisinternal order by tgname`;
    expect(triggers).toEqual([
      { tgname: "audit_events_append_only", tgenabled: "O" },
      { tgname: "audit_events_no_truncate", tgenabled: "O" },
    ]);
  });

  it("refuses to grant rights to a role that owns the audit log", async () => {
    const server = postgres(ownerUrl, { max: 1, onnotice: () => undefined });
    try {
      await server.unsafe(`alter table audit_events owner to ${role}`);
      const exit = await runtime.runPromiseExit(Effect.flatMap(Database, (db) => db.migrate));
      expect(refusal(exit)).toContain("owns public.audit_events");
      await server.unsafe("alter table audit_events owner to current_user");
    } finally {
      await server.end();
    }
  });
});
