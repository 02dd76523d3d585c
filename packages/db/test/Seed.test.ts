import { Counting, type Duplicate, PlacementRequest, Ports, type Registration } from "@comensha/domain";
import { sql } from "drizzle-orm";
import { Effect, ManagedRuntime, Redacted } from "effect";
import { afterAll, describe, expect, it } from "vitest";
import { type DemoData, generateDemoData } from "../src/DemoData.js";
import { Database, seededIdGenerator, storageLayer } from "../src/index.js";
import { writeDemoData } from "../src/Seed.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";

const options = { seed: 42, years: 2, lastYear: 2025, personsPerYear: 100 };
const data = generateDemoData(options);

const openStates: ReadonlyArray<string> = PlacementRequest.PlacementState.literals.filter(PlacementRequest.isWaiting);

const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
  Array.isArray(result) ? result : ((result as { rows: Array<Record<string, unknown>> }).rows ?? []);

/** Rows of a query as plain JSON (dates as ISO strings), so both drivers' answers compare equal. */
const select = (statement: ReturnType<typeof sql>) =>
  Effect.flatMap(Database, (db) =>
    Effect.map(
      Effect.promise(() => db.drizzle.execute(statement)),
      (result) => JSON.parse(JSON.stringify(rowsOf(result))) as Array<Record<string, unknown>>,
    ),
  );

/** Seeds a fresh database with `demo` and reads everything back through the repositories, decrypted. */
const seedAndDump = async (kind: "pglite" | "postgres", opened: Array<TestDatabase>, demo: DemoData = data) => {
  const database = await createTestDatabase(kind);
  opened.push(database);
  const runtime = ManagedRuntime.make(
    storageLayer({
      database: database.config,
      keys: testKeys,
      ids: seededIdGenerator(options.seed, Date.UTC(2024, 0, 1)),
    }),
  );
  try {
    return await runtime.runPromise(
      Effect.gen(function* () {
        yield* (yield* Database).migrate;
        const summary = yield* writeDemoData(demo);
        const organisations = yield* (yield* Ports.OrganisationRepository).list;
        const registrations = yield* Ports.RegistrationRepository;
        const all = [];
        let cursor: string | undefined;
        do {
          const page = yield* registrations.list({}, { limit: 500, ...(cursor === undefined ? {} : { cursor }) });
          all.push(...page.data);
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined);
        const counted = {
          2024: Counting.countPersons(yield* registrations.listCountable(2024), 2024),
          2025: Counting.countPersons(yield* registrations.listCountable(2025), 2025),
        };
        return {
          summary,
          organisations: organisations.map(({ createdAt: _, ...rest }) => rest),
          registrations: (all as ReadonlyArray<Registration.ReadableRegistration>).map(
            ({ createdAt: _c, updatedAt: _u, ...rest }) => ({
              ...rest,
              person: {
                ...rest.person,
                familyName: Redacted.value(rest.person.familyName),
                givenNames: Redacted.value(rest.person.givenNames),
              },
            }),
          ),
          counted,
          requests: yield* select(sql`select id, registration_id, organisation_id, person_id, requested_by,
            requested_on::text, preferred_region, state, version, needs from placement_requests order by id`),
          offers: yield* select(sql`select id, request_id, place_id, starts_on::text, expires_at, status
            from placement_offers order by id`),
          placements: yield* select(sql`select id, request_id, place_id, starts_on::text, ends_on::text, end_reason
            from placements order by id`),
          duplicates: yield* Effect.forEach(
            yield* select(sql`select d.id, d.person_id, d.candidate_person_id, d.registration_id,
              d.matched_on, d.status, d.decided_by, p.merged_into
              from duplicates d join persons p on p.id = d.person_id order by d.id`),
            (row) =>
              Effect.map(
                Effect.flatMap(Ports.DuplicateRepository, (repository) =>
                  repository.findById(row.id as Duplicate.DuplicateId),
                ),
                (duplicate): Record<string, unknown> => ({ ...row, decision_reason: duplicate.decisionReason ?? null }),
              ),
          ),
          doubleBookings: yield* select(sql`select a.id from placements a join placements b
            on a.place_id = b.place_id and a.id < b.id
            and daterange(a.starts_on, a.ends_on, '[)') && daterange(b.starts_on, b.ends_on, '[)')`),
        };
      }),
    );
  } finally {
    await runtime.dispose();
  }
};

describe.each(testDatabaseKinds())("demo data seeding on %s", (kind) => {
  const opened: Array<TestDatabase> = [];
  afterAll(async () => {
    await Promise.all(opened.map((database) => database.drop()));
  });
  let shared: ReturnType<typeof seedAndDump> | undefined;
  const sharedDump = () => {
    shared ??= seedAndDump(kind, opened);
    return shared;
  };

  it("yields identical data, ids included, when run twice with the same seed", async () => {
    const first = await sharedDump();
    const second = await seedAndDump(kind, opened);
    expect(first.summary.registrations).toBeGreaterThan(100);
    expect(second.organisations).toEqual(first.organisations);
    expect(second.registrations).toEqual(first.registrations);
    expect(JSON.stringify(second.counted)).toBe(JSON.stringify(first.counted));
    expect(first.requests.length).toBeGreaterThan(5);
    expect(second.requests).toEqual(first.requests);
    expect(second.offers).toEqual(first.offers);
    expect(second.placements).toEqual(first.placements);
    expect(first.duplicates.length).toBeGreaterThan(0);
    expect(second.duplicates).toEqual(first.duplicates);
    // Two whole seeds: on PGlite beside the other packages' tests on 2 cores this took over a minute in CI.
  }, 180_000);

  it("writes the placement requests in their states, their offers and placements, none double-booked", async () => {
    const dump = await sharedDump();
    const expected = (state: string) => data.placementRequests.filter((request) => request.state === state).length;
    for (const state of PlacementRequest.PlacementState.literals) {
      expect(dump.requests.filter((request) => request.state === state).length, state).toBe(expected(state));
    }
    expect(dump.requests.some((request) => openStates.includes(String(request.state)))).toBe(true);
    expect(dump.summary.placementRequests).toBe(data.placementRequests.length);
    expect(dump.summary.openPlacementRequests).toBe(
      data.placementRequests.filter((request) => PlacementRequest.isWaiting(request.state)).length,
    );
    expect(dump.summary.placements).toBe(dump.placements.length);
    expect(dump.placements).toHaveLength(data.placementRequests.filter((request) => request.placement).length);
    expect(dump.placements.filter((placement) => placement.ends_on === null)).toHaveLength(expected("placed"));
    expect(dump.offers.filter((offer) => offer.status === "open")).toHaveLength(expected("offered"));
    expect(dump.doubleBookings).toEqual([]);
    const registrationIds = new Set<string>(dump.registrations.map((registration) => registration.id));
    for (const request of dump.requests) {
      expect(registrationIds.has(String(request.registration_id))).toBe(true);
      expect(request.version).toBeGreaterThanOrEqual(1);
    }
  });

  it("makes the possible duplicates through the blind indexes: weak matches only, open ones and decided ones", async () => {
    const dump = await sharedDump();
    expect(data.duplicates.length).toBeGreaterThanOrEqual(5);
    expect(dump.summary.duplicates).toBe(dump.duplicates.length);
    expect(dump.summary.persons).toBe(data.persons.length + data.duplicates.length);
    expect(dump.summary.registrations).toBe(data.registrations.length + data.duplicates.length);
    expect(dump.duplicates).toHaveLength(data.duplicates.length);
    const open = dump.duplicates.filter((duplicate) => duplicate.status === "open");
    expect(open.length).toBe(dump.summary.openDuplicates);
    expect(open).toHaveLength(data.duplicates.filter((duplicate) => duplicate.decision === undefined).length);
    for (const duplicate of dump.duplicates) {
      expect(duplicate.matched_on).toEqual(["family_dob"]);
      expect(duplicate.person_id).not.toBe(duplicate.candidate_person_id);
    }
    const merged = dump.duplicates.filter((duplicate) => duplicate.status === "merged");
    const dismissed = dump.duplicates.filter((duplicate) => duplicate.status === "dismissed");
    expect(merged).toHaveLength(1);
    expect(dismissed).toHaveLength(1);
    expect(merged[0]?.merged_into).toBe(merged[0]?.candidate_person_id);
    expect(dismissed[0]?.merged_into).toBeNull();
    for (const decided of [...merged, ...dismissed]) {
      expect(String(decided.decision_reason).length).toBeGreaterThan(10);
      expect(decided.decided_by).toBe("seed");
    }
  });

  it("counts a person reported by several organisations in one year once", async () => {
    const dump = await sharedDump();
    const mergedInto = new Map(
      dump.duplicates
        .filter((duplicate) => duplicate.status === "merged")
        .map((duplicate) => [String(duplicate.person_id), String(duplicate.candidate_person_id)]),
    );
    const byPersonAndYear = new Map<string, Set<string>>();
    for (const registration of dump.registrations) {
      if (registration.status === "withdrawn" || registration.status === "rejected") continue;
      const personId = mergedInto.get(registration.personId) ?? registration.personId;
      const key = `${personId}|${registration.reportedOn.slice(0, 4)}`;
      byPersonAndYear.set(key, (byPersonAndYear.get(key) ?? new Set()).add(registration.organisationId));
    }
    const reportedBySeveral = [...byPersonAndYear.entries()].filter(([, organisations]) => organisations.size > 1);
    expect(reportedBySeveral.length).toBeGreaterThan(0);
    for (const [key, organisations] of reportedBySeveral) {
      const [personId, year] = key.split("|") as [string, "2024" | "2025"];
      const entries = dump.counted[year].filter((person) => person.personId === personId);
      expect(entries).toHaveLength(1);
      expect(entries[0]?.reportCount).toBeGreaterThanOrEqual(organisations.size);
    }
    const personsIn2025 = new Set(
      [...byPersonAndYear.keys()].filter((key) => key.endsWith("|2025")).map((key) => key.split("|")[0]),
    );
    expect(dump.counted[2025]).toHaveLength(personsIn2025.size);
  });

  it("seeds a demo up to today: this year's reports, an open offer after today, running placements, none double-booked", async () => {
    const today = "2026-04-15";
    const current = generateDemoData({ ...options, today });
    const dump = await seedAndDump(kind, opened, current);
    const reportDates = dump.registrations.map((registration) => registration.reportedOn);
    expect(reportDates.some((date) => date.startsWith("2026-"))).toBe(true);
    expect(reportDates.every((date) => date <= today)).toBe(true);
    expect(dump.summary.registrations).toBe(current.registrations.length + current.duplicates.length);
    expect(dump.summary.registrations).toBeGreaterThan(data.registrations.length + data.duplicates.length);
    const openOffers = dump.offers.filter((offer) => offer.status === "open");
    expect(openOffers).toHaveLength(1);
    expect(openOffers[0]?.starts_on).toBe(today);
    expect(new Date(String(openOffers[0]?.expires_at)).getTime()).toBeGreaterThan(Date.parse("2026-04-16T00:00:00Z"));
    expect(dump.requests.every((request) => String(request.requested_on) <= today)).toBe(true);
    expect(dump.placements.every((placement) => placement.ends_on === null || String(placement.ends_on) <= today)).toBe(
      true,
    );
    expect(dump.placements.some((placement) => placement.ends_on === null)).toBe(true);
    expect(dump.doubleBookings).toEqual([]);
    expect(dump.duplicates.length).toBeGreaterThan(0);
    for (const duplicate of dump.duplicates) expect(duplicate.matched_on).toEqual(["family_dob"]);
  });
});
