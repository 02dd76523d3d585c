import { Counting, type Duplicate, PlacementRequest, Ports, Registration } from "@comensha/domain";
import { sql } from "drizzle-orm";
import { Effect, Exit, ManagedRuntime, Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoVolumeOptions, demoOrganisations, generateDemoData, streamDemoVolume } from "../src/DemoData.js";
import { Database, storageLayer } from "../src/index.js";
import { writeDemoData } from "../src/Seed.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";
import { type VolumeSeedProgress, writeVolumeData } from "../src/VolumeSeed.js";

/** Small enough for PGlite, in batches smaller than the whole, so that batches follow one another. */
const options: DemoVolumeOptions & { readonly batchSize: number } = {
  seed: 7,
  persons: 2000,
  years: 3,
  lastYear: 2025,
  batchSize: 700,
};
const years = [2023, 2024, 2025] as const;

const decodeInput = Schema.decodeUnknownSync(Registration.RegistrationInput);
const encodeInput = Schema.encodeSync(Registration.RegistrationInput);
const organisationNames = new Map(demoOrganisations.map((o) => [o.key, o.name]));

/** A report as one line of text: who reported it, its status and the report itself, identifiers included. */
const lineOf = (organisation: string | undefined, status: string, input: Registration.RegistrationInput) =>
  JSON.stringify({ organisation, status, report: encodeInput(input) });

/** What the generator makes for `options`, counted, with every report as a line (see {@link lineOf}). */
const expected = (() => {
  let persons = 0;
  let blindIndexes = 0;
  const reports: Array<string> = [];
  const duplicates: Array<{ readonly matchedOn: string; readonly status: string }> = [];
  const requests = new Map<string, number>();
  const reasons = new Set<string>();
  for (const generated of streamDemoVolume(options)) {
    persons += 1;
    blindIndexes += generated.indexes.length;
    for (const report of generated.reports) {
      reports.push(
        lineOf(organisationNames.get(report.organisationKey), report.status, decodeInput(report.registration)),
      );
    }
    const request = generated.placementRequest;
    if (request !== undefined) requests.set(request.state, (requests.get(request.state) ?? 0) + 1);
    const duplicate = generated.duplicate;
    if (duplicate !== undefined) {
      persons += 1;
      blindIndexes += duplicate.indexes.length;
      const report = duplicate.report;
      reports.push(
        lineOf(organisationNames.get(report.organisationKey), report.status, decodeInput(report.registration)),
      );
      duplicates.push({ matchedOn: "family_dob", status: duplicate.decision?.status ?? "open" });
      if (duplicate.decision !== undefined) reasons.add(duplicate.decision.reason);
    }
  }
  return { persons, blindIndexes, reports: reports.sort(), duplicates, requests, reasons };
})();

const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
  Array.isArray(result) ? result : ((result as { rows: Array<Record<string, unknown>> }).rows ?? []);

const select = (statement: ReturnType<typeof sql>) =>
  Effect.flatMap(Database, (db) =>
    Effect.map(
      Effect.promise(() => db.drizzle.execute(statement)),
      (result) => JSON.parse(JSON.stringify(rowsOf(result))) as Array<Record<string, unknown>>,
    ),
  );

const countOf = (table: string) =>
  Effect.map(select(sql.raw(`select count(*)::int as n from ${table}`)), ([row]) => Number(row?.n));

/** Every page of a list, through the repository. */
const allPages = <A, E>(
  list: (page: {
    readonly limit: number;
    readonly cursor?: string;
  }) => Effect.Effect<{ readonly data: ReadonlyArray<A>; readonly nextCursor: string | null }, E>,
) =>
  Effect.gen(function* () {
    const all: Array<A> = [];
    let cursor: string | undefined;
    do {
      const page = yield* list({ limit: 500, ...(cursor === undefined ? {} : { cursor }) });
      all.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return all;
  });

/** Seeds a fresh database and reads back what the application would see. */
const seedAndRead = async (kind: "pglite" | "postgres", opened: Array<TestDatabase>) => {
  const database = await createTestDatabase(kind);
  opened.push(database);
  const runtime = ManagedRuntime.make(storageLayer({ database: database.config, keys: testKeys }));
  try {
    return await runtime.runPromise(
      Effect.gen(function* () {
        yield* (yield* Database).migrate;
        const progress: Array<VolumeSeedProgress> = [];
        const summary = yield* writeVolumeData({ ...options, onProgress: (p) => progress.push(p) });
        const again = yield* Effect.exit(writeVolumeData(options));
        const registrations = yield* Ports.RegistrationRepository;
        const organisations = new Map(
          (yield* (yield* Ports.OrganisationRepository).list).map((o) => [o.id as string, o.name]),
        );
        const read = yield* allPages((page) => Effect.orDie(registrations.list({}, page)));
        const lines = read.map((registration) => {
          if (!Registration.isReadable(registration)) throw new Error(`${registration.id} is not readable`);
          return lineOf(organisations.get(registration.organisationId), registration.status, registration);
        });
        const [first] = read;
        const versions = first === undefined ? [] : yield* registrations.listVersions(first.id);
        const counted = yield* Effect.forEach(years, (year) =>
          Effect.map(registrations.listCountable(year), (rows) => ({
            year,
            persons: Counting.countPersons(rows, year).length,
            reports: Counting.countReports(rows, year),
          })),
        );
        const placementRequests = yield* Ports.PlacementRequestRepository;
        const requests = yield* allPages((page) => Effect.orDie(placementRequests.list({}, page)));
        // Every pair of persons that share a blind index, as duplicate matching finds them.
        const shared = yield* select(sql`select a.person_id as person, b.person_id as candidate,
            array_agg(a.name order by a.name) as names
          from person_blind_indexes a
          join person_blind_indexes b on b.name = a.name and b.value = a.value and b.person_id < a.person_id
          group by a.person_id, b.person_id order by 1, 2`);
        const duplicates = yield* select(sql`select d.id, d.person_id as person, d.candidate_person_id as candidate,
            d.matched_on as names, d.status, p.merged_into
          from duplicates d join persons p on p.id = d.person_id order by d.person_id`);
        const matches = yield* Effect.forEach(duplicates, (duplicate) =>
          Effect.gen(function* () {
            const entries = yield* select(
              sql`select name, value from person_blind_indexes where person_id = ${duplicate.person}`,
            );
            return yield* (yield* Ports.PersonRepository).findMatches(
              entries.map((entry) => ({ name: String(entry.name), value: String(entry.value) })),
            );
          }),
        );
        const duplicateRepository = yield* Ports.DuplicateRepository;
        const reasons = yield* Effect.forEach(
          duplicates.filter((duplicate) => duplicate.status !== "open"),
          (duplicate) =>
            Effect.map(
              Effect.orDie(duplicateRepository.findById(duplicate.id as Duplicate.DuplicateId)),
              (found) => found.decisionReason,
            ),
        );
        return {
          summary,
          progress,
          again,
          lines: lines.sort(),
          ids: read.map((registration) => registration.id),
          versions,
          counted,
          // The person-years the reports read, computed once at the end of the seed.
          stored: yield* select(
            sql`select year, count(*)::int as persons from counted_person_years group by year order by year`,
          ),
          requests,
          shared,
          duplicates,
          matches,
          reasons,
          rows: {
            persons: yield* countOf("persons"),
            registrations: yield* countOf("registrations"),
            versions: yield* countOf("registration_versions"),
            blindIndexes: yield* countOf("person_blind_indexes"),
            duplicates: yield* countOf("duplicates"),
            placementRequests: yield* countOf("placement_requests"),
            organisations: yield* countOf("organisations"),
          },
          audit: yield* select(sql`select action, actor_id, resource_type from audit_events`),
        };
      }),
    );
  } finally {
    await runtime.dispose();
  }
};

describe.each(testDatabaseKinds())("seeding demo data at volume on %s", (kind) => {
  const opened: Array<TestDatabase> = [];
  let first: Awaited<ReturnType<typeof seedAndRead>>;
  beforeAll(async () => {
    first = await seedAndRead(kind, opened);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(opened.map((database) => database.drop()));
  });

  it("writes the persons, registrations, versions and blind indexes the generator made", () => {
    const reports = expected.reports.length;
    expect(expected.persons).toBeGreaterThan(options.persons);
    expect(reports).toBeGreaterThan(expected.persons);
    expect(first.summary).toEqual({
      organisations: demoOrganisations.length,
      persons: expected.persons,
      registrations: reports,
      blindIndexes: expected.blindIndexes,
      duplicates: expected.duplicates.length,
      openDuplicates: expected.duplicates.filter((duplicate) => duplicate.status === "open").length,
      placementRequests: [...expected.requests.values()].reduce((sum, n) => sum + n, 0),
      openPlacementRequests: [...expected.requests]
        .filter(([state]) => state !== "cancelled")
        .reduce((s, [, n]) => s + n, 0),
    });
    expect(first.rows).toEqual({
      persons: expected.persons,
      registrations: reports,
      versions: reports,
      blindIndexes: expected.blindIndexes,
      duplicates: expected.duplicates.length,
      placementRequests: first.summary.placementRequests,
      organisations: demoOrganisations.length,
    });
    expect(first.progress.map((p) => p.generated)).toEqual([700, 1400, 2000]);
    expect(first.audit).toEqual([{ action: "demo_data.seed", actor_id: "seed", resource_type: "database" }]);
  });

  it("stores every report so that the repository decrypts it to the generated identifiers", () => {
    expect(first.lines).toEqual(expected.reports);
    expect(first.versions).toHaveLength(1);
    expect(first.versions[0]?.version).toBe(1);
  });

  it("finds through the blind indexes exactly the duplicates it generated, each with its candidate", () => {
    const planted = first.duplicates.map(({ person, candidate, names }) => ({ person, candidate, names }));
    expect(first.shared).toEqual(planted);
    expect(
      first.duplicates
        .map(({ names, status }) => ({ matchedOn: (names as Array<string>).join(), status: String(status) }))
        .sort((a, b) => a.status.localeCompare(b.status)),
    ).toEqual([...expected.duplicates].sort((a, b) => a.status.localeCompare(b.status)));
    expect(expected.duplicates.length).toBeGreaterThan(3);
    for (const [i, duplicate] of first.duplicates.entries()) {
      const survivor = duplicate.status === "merged" ? duplicate.candidate : duplicate.person;
      expect(duplicate.merged_into ?? null).toBe(duplicate.status === "merged" ? duplicate.candidate : null);
      expect(first.matches[i]?.map((match) => match.personId).sort()).toEqual(
        [...new Set([survivor, duplicate.candidate])].sort(),
      );
    }
    expect(new Set(first.reasons)).toEqual(expected.reasons);
  });

  it("writes placement requests the repository reads, in the generated states", () => {
    const states = new Map<string, number>();
    for (const request of first.requests) states.set(request.state, (states.get(request.state) ?? 0) + 1);
    expect(states).toEqual(expected.requests);
    expect(first.requests.some((request) => PlacementRequest.isWaiting(request.state))).toBe(true);
  });

  it("counts persons every year, and refuses a second seed into a database with registrations", () => {
    for (const { persons } of first.counted) expect(persons).toBeGreaterThan(400);
    expect(first.stored).toEqual(first.counted.map(({ year, persons }) => ({ year, persons })));
    expect(Exit.isFailure(first.again) && JSON.stringify(first.again.cause)).toContain("DatabaseHasRegistrations");
  });

  it("makes the same database, ids and figures included, from the same seed", async () => {
    const second = await seedAndRead(kind, opened);
    expect(second.summary).toEqual(first.summary);
    expect(second.ids).toEqual(first.ids);
    expect(second.lines).toEqual(first.lines);
    expect(JSON.stringify(second.counted)).toBe(JSON.stringify(first.counted));
    expect(second.duplicates).toEqual(first.duplicates);
  }, 180_000);
});

describe.each(testDatabaseKinds())("a volume seed after the demo seed on %s", (kind) => {
  it("reuses the demo organisations by name and adds none", async () => {
    const database = await createTestDatabase(kind);
    const runtime = ManagedRuntime.make(storageLayer({ database: database.config, keys: testKeys }));
    try {
      const summary = await runtime.runPromise(
        Effect.gen(function* () {
          yield* (yield* Database).migrate;
          const demo = generateDemoData({ seed: 1, years: 1, lastYear: 2025, personsPerYear: 0 });
          yield* writeDemoData({ ...demo, registrations: [], placementRequests: [], duplicates: [] });
          return yield* writeVolumeData({ seed: 1, persons: 50, years: 1, lastYear: 2025 });
        }),
      );
      expect(summary.organisations).toBe(0);
      expect(summary.persons).toBeGreaterThanOrEqual(50);
    } finally {
      await runtime.dispose();
      await database.drop();
    }
  }, 120_000);
});
