import type { AuditEvent, Organisation, Person, Registration } from "@comensha/domain";
import { Ports } from "@comensha/domain";
import type { Logger } from "drizzle-orm/logger";
import { drizzle } from "drizzle-orm/postgres-js";
import { Effect, Layer, ManagedRuntime } from "effect";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IdGeneratorLive } from "../src/IdGenerator.js";
import { Database, type DatabaseConfig, type Executor, RepositoriesLive } from "../src/index.js";
import { KeyFingerprints } from "../src/KeyCheck.js";
import { CryptoLive } from "../src/NodeCrypto.js";
import { PasswordHasherLive } from "../src/PasswordHasher.js";
import * as schema from "../src/schema.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";
import { writeVolumeData } from "../src/VolumeSeed.js";

/** The tables that grow with the reports: a list must not read one of them whole for a page. */
const bigTables = [
  "registrations",
  "registration_versions",
  "persons",
  "person_blind_indexes",
  "audit_events",
  "placement_requests",
] as const;

interface PlanNode {
  readonly "Node Type": string;
  readonly "Relation Name"?: string;
  readonly "Index Name"?: string;
  readonly "Actual Rows"?: number;
  readonly "Actual Loops"?: number;
  readonly "Rows Removed by Filter"?: number;
  readonly "Rows Removed by Index Recheck"?: number;
  readonly Plans?: ReadonlyArray<PlanNode>;
}

const nodesOf = (node: PlanNode): ReadonlyArray<PlanNode> => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** The rows a scan node looked at: those it answered and those its filter or recheck threw away. */
const rowsRead = (node: PlanNode) =>
  (node["Actual Rows"] ?? 0) * (node["Actual Loops"] ?? 1) +
  (node["Rows Removed by Filter"] ?? 0) +
  (node["Rows Removed by Index Recheck"] ?? 0);

/**
 * The storage layer as the apps build it (`storageLayer` without the job queue), on a database whose drizzle tells
 * `logger` each statement it sends.
 */
const loggingStorage = (config: DatabaseConfig, client: postgres.Sql, logger: Logger) =>
  RepositoriesLive.pipe(
    Layer.provideMerge(
      Layer.mergeAll(CryptoLive(testKeys), KeyFingerprints.layer(testKeys), PasswordHasherLive, IdGeneratorLive),
    ),
    Layer.provideMerge(
      Layer.effect(
        Database,
        Effect.map(Database, (real) =>
          Database.of({ ...real, drizzle: drizzle(client, { schema, logger }) as unknown as Executor }),
        ),
      ).pipe(Layer.provide(Database.layer(config))),
    ),
  );

type Services = Layer.Success<ReturnType<typeof loggingStorage>>;
type PlacementRequestFilter = Parameters<Ports.PlacementRequestRepository["Service"]["list"]>[0];
type PageRequest = { readonly limit: number; readonly cursor?: string };
type Page<A> = { readonly data: ReadonlyArray<A>; readonly nextCursor: string | null };

/**
 * The repositories' list queries as they run on a seeded PostgreSQL (20,000 persons of the volume seed, with audit
 * events around their registrations): each filter a list route accepts, with the default order, on its first page
 * and on the page after it. The statements are the repositories' own, caught from drizzle's logger as they are sent,
 * then explained with their parameters and run (`EXPLAIN ANALYZE`): a plan must not scan a big table sequentially,
 * nor read more than a tenth of it through an index whose filter throws the rows away.
 */
describe.runIf(testDatabaseKinds().includes("postgres"))("the lists at volume on PostgreSQL", () => {
  let database: TestDatabase;
  let client: postgres.Sql;
  let runtime: ManagedRuntime.ManagedRuntime<Services, unknown>;
  const sent: Array<{ readonly query: string; readonly params: ReadonlyArray<unknown> }> = [];
  const tableRows = new Map<string, number>();
  let sample: { id: string; organisation_id: string; person_id: string };

  const raw = async (statement: string, params: ReadonlyArray<unknown> = []) =>
    [...(await client.unsafe(statement, params as Array<postgres.ParameterOrJSON<never>>))] as Array<
      Record<string, unknown>
    >;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    if (database.config.kind !== "postgres") throw new Error("a PostgreSQL database was expected");
    client = postgres(database.config.url, { max: 2, onnotice: () => undefined });
    runtime = ManagedRuntime.make(
      loggingStorage(database.config, client, {
        logQuery: (query: string, params: Array<unknown>) => {
          sent.push({ query, params });
        },
      }),
    );
    await runtime.runPromise(
      Effect.gen(function* () {
        yield* (yield* Database).migrate;
        yield* writeVolumeData({ seed: 3, persons: 20_000, years: 3, lastYear: 2025 });
      }),
    );
    await raw(auditEventsAroundRegistrations);
    await raw("analyze audit_events");
    for (const table of bigTables) {
      const [row] = await raw(`select count(*)::int as n from ${table}`);
      tableRows.set(table, Number(row?.n));
    }
    const [row] = await raw(
      "select id::text, organisation_id::text, person_id::text from registrations order by id desc offset 500 limit 1",
    );
    sample = row as typeof sample;
  }, 600_000);

  afterAll(async () => {
    await runtime?.dispose();
    await client?.end({ timeout: 5 });
    await database?.drop();
  });

  /** What `effect` answers, and what is wrong with the plans of the reads it sent. */
  const examine = async <A, E>(effect: Effect.Effect<A, E, Services>) => {
    sent.length = 0;
    const result = await runtime.runPromise(effect);
    const reads = sent.filter(({ query }) => /^\s*select/i.test(query));
    const problems: Array<string> = [];
    const tables = new Set<string>();
    const indexes = new Set<string>();
    for (const { query, params } of reads) {
      const [row] = await raw(`explain (analyze, format json) ${query}`, params);
      const plan = (row?.["QUERY PLAN"] as Array<{ Plan: PlanNode }> | undefined)?.[0]?.Plan;
      if (plan === undefined) throw new Error(`no plan for ${query}`);
      for (const node of nodesOf(plan)) {
        if (node["Index Name"] !== undefined) indexes.add(node["Index Name"]);
        const table = node["Relation Name"] ?? "";
        if (!(bigTables as ReadonlyArray<string>).includes(table)) continue;
        tables.add(table);
        const total = tableRows.get(table) ?? 0;
        if (node["Node Type"] === "Seq Scan") problems.push(`Seq Scan on ${table} in: ${query}`);
        else if (rowsRead(node) > Math.max(1000, total / 10)) {
          problems.push(`${node["Node Type"]} reads ${rowsRead(node)} of ${total} rows of ${table} in: ${query}`);
        }
      }
    }
    return { result, reads: reads.length, tables: [...tables].sort(), indexes: [...indexes].sort(), problems };
  };

  /** A list's first page and the page after it (by its cursor), examined. */
  const examinePages = async <A, E>(list: (page: PageRequest) => Effect.Effect<Page<A>, E, Services>) => {
    const first = await examine(list({ limit: 50 }));
    const cursor = first.result.nextCursor;
    const next = cursor === null ? undefined : await examine(list({ limit: 50, cursor }));
    return {
      rows: first.result.data.length,
      pages: next === undefined ? 1 : 2,
      tables: first.tables,
      /** The indexes that both pages read. */
      indexes: first.indexes.filter((index) => next === undefined || next.indexes.includes(index)),
      problems: [...first.problems, ...(next?.problems ?? [])],
    };
  };

  /**
   * Examines each case of a list: its filter, and the indexes of which a plan must read one (on both pages), where
   * the filter has an index of its own. Answers what was found per case, to compare with what was expected at once.
   */
  const examineCases = async <F, A, E>(
    table: string,
    cases: Record<string, readonly [F, ReadonlyArray<string>?]>,
    list: (filter: F, page: PageRequest) => Effect.Effect<Page<A>, E, Services>,
  ) => {
    const found: Record<string, { pages: number; served: boolean; problems: Array<string> }> = {};
    const expected: typeof found = {};
    for (const [name, [filter, served]] of Object.entries(cases)) {
      const examined = await examinePages((page) => list(filter, page));
      expect(examined.tables, name).toContain(table);
      expect(examined.rows, name).toBeGreaterThan(0);
      const isServed = served === undefined || served.some((index) => examined.indexes.includes(index));
      found[name] = { pages: examined.pages, served: isServed, problems: examined.problems };
      expected[name] = { pages: examined.pages, served: true, problems: [] };
      if (!isServed)
        found[name].problems.push(`reads none of ${served?.join(", ")} but ${examined.indexes.join(", ")}`);
    }
    expect(found).toEqual(expected);
    return found;
  };

  it("seeds tables big enough that reading one whole is slower than an index", () => {
    expect(tableRows.get("registrations")).toBeGreaterThan(20_000);
    expect(tableRows.get("person_blind_indexes")).toBeGreaterThan(50_000);
    expect(tableRows.get("audit_events")).toBeGreaterThan(60_000);
    expect(tableRows.get("placement_requests")).toBeGreaterThan(1_000);
  });

  it("pages registrations by every filter of the list, each on an index of its own", async () => {
    const organisationId = sample.organisation_id as Organisation.OrganisationId;
    const found = await examineCases(
      "registrations",
      {
        newest: [{}, ["registrations_pkey"]],
        organisation: [{ organisationId }, ["registrations_organisation_idx"]],
        "status received": [{ status: "received" }, ["registrations_status_idx"]],
        "status withdrawn": [{ status: "withdrawn" }, ["registrations_status_idx"]],
        "reported in a month": [
          { reportedFrom: "2024-03-01", reportedTo: "2024-03-31" },
          ["registrations_reported_on_idx"],
        ],
        "reported since": [{ reportedFrom: "2025-06-01" }],
        "reported until": [{ reportedTo: "2025-11-15" }],
        "short reference": [{ reference: sample.id.slice(-8) }, ["registrations_reference_idx"]],
        "whole id": [{ reference: sample.id }, ["registrations_pkey"]],
        "organisation and status": [{ organisationId, status: "rejected" }, ["registrations_organisation_status_idx"]],
        "organisation and month": [
          { organisationId, reportedFrom: "2024-03-01", reportedTo: "2024-03-31" },
          ["registrations_organisation_idx", "registrations_organisation_status_idx", "registrations_reported_on_idx"],
        ],
        "status and month": [
          { status: "registered", reportedFrom: "2024-03-01", reportedTo: "2024-03-31" },
          ["registrations_reported_on_idx", "registrations_status_idx"],
        ],
      } satisfies Record<string, readonly [Ports.RegistrationFilter, ReadonlyArray<string>?]>,
      (filter, page) => Effect.flatMap(Ports.RegistrationRepository, (repository) => repository.list(filter, page)),
    );
    expect(found).toMatchObject({ newest: { pages: 2 }, "status withdrawn": { pages: 2 } });
    // A short period is read by the report date first: the same pages, newest first, as the plain query.
    const month = { reportedFrom: "2024-03-01", reportedTo: "2024-03-31" };
    const pages = await runtime.runPromise(
      Effect.gen(function* () {
        const repository = yield* Ports.RegistrationRepository;
        const first = yield* repository.list(month, { limit: 50 });
        const second = yield* repository.list(month, { limit: 50, cursor: first.nextCursor ?? "" });
        return [...first.data, ...second.data].map((registration) => registration.id);
      }),
    );
    const expected = await raw(
      "select id::text from registrations where reported_on between '2024-03-01' and '2024-03-31' order by id desc limit 100",
    );
    expect(pages).toEqual(expected.map((row) => row.id));
  });

  it("pages a partner's registrations with those it transferred away on indexes, newest first", async () => {
    const organisationId = sample.organisation_id as Organisation.OrganisationId;
    // 300 of the organisation's registrations (not the sample's) move to another organisation, as transfers do.
    await raw(
      `with moved as (
         select r.id, r.version, (select id from organisations where id <> r.organisation_id limit 1) as receiver
         from registrations r where r.organisation_id = $1 and r.id <> $2 order by r.id desc limit 300
       ), recorded as (
         insert into registration_transfers
           (id, registration_id, from_organisation_id, to_organisation_id, reason, version, transferred_by_kind,
            transferred_by_id)
         select gen_random_uuid(), id, $1, receiver, 'other', version, 'system', 'list-plans' from moved
       )
       update registrations set organisation_id = moved.receiver from moved where registrations.id = moved.id`,
      [organisationId, sample.id],
    );
    await raw("analyze registration_transfers");
    await raw("analyze registrations");
    const found = await examineCases(
      "registrations",
      {
        "partner with transfers": [{ organisationId, withTransferredAway: true }, ["registrations_organisation_idx"]],
        "partner with transfers, status": [{ organisationId, withTransferredAway: true, status: "registered" }],
      } satisfies Record<string, readonly [Ports.RegistrationFilter, ReadonlyArray<string>?]>,
      (filter, page) => Effect.flatMap(Ports.RegistrationRepository, (repository) => repository.list(filter, page)),
    );
    expect(found["partner with transfers"]?.pages).toBe(2);
    // The pages hold what it owns and what it transferred away, merged newest first, as one query of both would.
    const pages = await runtime.runPromise(
      Effect.gen(function* () {
        const repository = yield* Ports.RegistrationRepository;
        const filter = { organisationId, withTransferredAway: true };
        const first = yield* repository.list(filter, { limit: 50 });
        const second = yield* repository.list(filter, { limit: 50, cursor: first.nextCursor ?? "" });
        return [...first.data, ...second.data].map((registration) => registration.id);
      }),
    );
    const expected = await raw(
      `select id::text from registrations where organisation_id = $1
         or id in (select registration_id from registration_transfers where from_organisation_id = $1)
       order by id desc limit 100`,
      [organisationId],
    );
    expect(pages).toEqual(expected.map((row) => row.id));
  });

  it("reads a registration's versions, a person's registrations and a person's matches by their indexes", async () => {
    const id = sample.id as Registration.RegistrationId;
    const versions = await examine(
      Effect.flatMap(Ports.RegistrationRepository, (repository) => repository.listVersions(id)),
    );
    expect(versions.result).toHaveLength(1);
    expect(versions.tables).toEqual(["registration_versions", "registrations"]);
    const forPerson = await examine(
      Effect.flatMap(Ports.RegistrationRepository, (repository) =>
        repository.listForPerson(sample.person_id as Person.PersonId),
      ),
    );
    expect(forPerson.result.registrations.length).toBeGreaterThan(0);
    const entries = await raw("select name, value from person_blind_indexes where person_id = $1", [sample.person_id]);
    const matches = await examine(
      Effect.flatMap(Ports.PersonRepository, (repository) =>
        repository.findMatches(entries.map((entry) => ({ name: String(entry.name), value: String(entry.value) }))),
      ),
    );
    expect(matches.result.map((match) => match.personId)).toEqual([sample.person_id]);
    expect(matches.tables).toEqual(["person_blind_indexes", "persons"]);
    expect([...versions.problems, ...forPerson.problems, ...matches.problems]).toEqual([]);
  });

  it("pages placement requests by state, organisation and urgency, each on an index of its own", async () => {
    const organisationId = sample.organisation_id as Organisation.OrganisationId;
    const found = await examineCases(
      "placement_requests",
      {
        newest: [{}, ["placement_requests_pkey"]],
        // Nearly every request of the volume seed is cancelled: the newest of them are read straight off the id.
        cancelled: [{ state: "cancelled" }],
        waitlisted: [{ state: "waitlisted" }, ["placement_requests_state_idx", "placement_requests_state_urgency_idx"]],
        organisation: [{ organisationId }, ["placement_requests_organisation_idx"]],
        urgency: [{ order: "urgency" }, ["placement_requests_urgency_idx"]],
        "urgency, cancelled": [{ order: "urgency", state: "cancelled" }, ["placement_requests_state_urgency_idx"]],
        "urgency, searching": [{ order: "urgency", state: "searching" }, ["placement_requests_state_urgency_idx"]],
        "urgency, organisation": [{ order: "urgency", organisationId }, ["placement_requests_organisation_idx"]],
      } satisfies Record<string, readonly [PlacementRequestFilter, ReadonlyArray<string>?]>,
      (filter, page) => Effect.flatMap(Ports.PlacementRequestRepository, (repository) => repository.list(filter, page)),
    );
    expect(found).toMatchObject({ urgency: { pages: 2 }, "urgency, cancelled": { pages: 2 } });
  });

  it("pages the audit log by every filter, each on an index of its own", async () => {
    const found = await examineCases(
      "audit_events",
      {
        newest: [{}, ["audit_events_pkey"]],
        "api keys": [{ actorKind: "api_key" }],
        system: [{ actorKind: "system" }, ["audit_events_actor_kind_idx"]],
        actor: [{ actorId: "u7" }, ["audit_events_actor_idx"]],
        // Users and organisations by name first, then their events; whether by their indexes or back from the newest
        // event depends on how many there are (here 40 users), but never by reading the whole log.
        "actor's name": [{ actorName: "retention" }],
        organisation: [{ organisationId: sample.organisation_id }, ["audit_events_organisation_idx"]],
        action: [{ action: "registration.create" }, ["audit_events_action_idx"]],
        reads: [{ kind: "read" }],
        changes: [{ kind: "change" }],
        "kind of resource": [
          { resourceType: "database" },
          ["audit_events_resource_type_idx", "audit_events_resource_idx"],
        ],
        record: [{ resourceId: sample.id }, ["audit_events_resource_id_idx", "audit_events_resource_idx"]],
        "a registration's reads": [
          { resourceType: "registration", resourceId: sample.id, kind: "read" },
          ["audit_events_resource_idx", "audit_events_resource_id_idx"],
        ],
        denied: [{ outcome: "denied" }, ["audit_events_outcome_idx"]],
        week: [
          { occurredFrom: "2024-03-01T00:00:00Z", occurredBefore: "2024-03-08T00:00:00Z" },
          ["audit_events_occurred_at_idx"],
        ],
        since: [{ occurredFrom: "2025-12-01T00:00:00Z" }],
      } satisfies Record<string, readonly [AuditEvent.AuditFilter, ReadonlyArray<string>?]>,
      (filter, page) => Effect.flatMap(Ports.AuditLog, (log) => log.search(filter, page)),
    );
    expect(found).toMatchObject({ system: { pages: 2 }, denied: { pages: 2 }, "actor's name": { pages: 2 } });
    // A short period is read by the time first: the same pages, newest first, as the plain query.
    const week = { occurredFrom: "2024-03-01T00:00:00Z", occurredBefore: "2024-03-08T00:00:00Z" };
    const pages = await runtime.runPromise(
      Effect.gen(function* () {
        const log = yield* Ports.AuditLog;
        const first = yield* log.search(week, { limit: 50 });
        const second = yield* log.search(week, { limit: 50, cursor: first.nextCursor ?? "" });
        return [...first.data, ...second.data].map((event) => event.id);
      }),
    );
    const expected = await raw(
      "select id::text from audit_events where occurred_at >= '2024-03-01T00:00:00Z' and occurred_at < '2024-03-08T00:00:00Z' order by id desc limit 100",
    );
    expect(pages).toEqual(expected.map((row) => row.id));
    const named = await runtime.runPromise(
      Effect.flatMap(Ports.AuditLog, (log) => log.search({ actorName: "retention" }, { limit: 500 })),
    );
    expect(named.data.length).toBeGreaterThan(0);
    expect(named.data.every((event) => event.actor.kind === "system" && event.actor.id === "retention")).toBe(true);
    const all = await examinePages((page) => Effect.flatMap(Ports.AuditLog, (log) => log.list(page)));
    const trail = await examinePages((page) =>
      Effect.flatMap(Ports.AuditLog, (log) => log.listForResource({ type: "registration", id: sample.id }, page)),
    );
    expect({ all: all.problems, trail: trail.problems }).toEqual({ all: [], trail: [] });
    expect(trail.indexes).toContain("audit_events_resource_idx");
  });
});

/**
 * Audit events as the API writes them around registrations: each created by its organisation's API key, read by
 * coordinators two or three times (one read in about sixteen denied), and the worker's daily retention run.
 */
const auditEventsAroundRegistrations = `
  with events as (
    select r.created_at as at, 'api_key' as actor_kind, 'key-' || left(r.organisation_id::text, 8) as actor_id,
      r.organisation_id, 'registration.create' as action, 'registration' as resource_type,
      r.id::text as resource_id, 'success' as outcome
    from registrations r
    union all
    select r.created_at + n * interval '1 day', 'user', 'u' || (abs(hashtext(r.id::text || n)) % 40), null,
      'registration.read', 'registration', r.id::text,
      case when n = 3 and right(r.id::text, 1) = 'a' then 'denied' else 'success' end
    from registrations r, generate_series(1, 3) n
    where n < 3 or right(r.id::text, 1) in ('a', 'b')
    union all
    select day, 'system', 'retention', null, 'retention.run', 'database', null, 'success'
    from generate_series('2023-01-01'::timestamptz, '2025-12-31'::timestamptz, '1 day') day
  )
  insert into audit_events (id, occurred_at, actor_kind, actor_id, organisation_id, action, resource_type,
    resource_id, outcome)
  select (lpad(to_hex((extract(epoch from at) * 1000)::bigint), 12, '0') || '7' || substr(h, 1, 3) || '8' ||
      substr(h, 4, 15))::uuid,
    at, actor_kind, actor_id, organisation_id, action, resource_type, resource_id, outcome
  from events, lateral (select md5(actor_id || action || coalesce(resource_id, '') || at::text) as h) hash`;
