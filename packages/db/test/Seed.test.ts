import { Counting, Ports } from "@comensha/domain";
import { Effect, ManagedRuntime, Redacted } from "effect";
import { afterAll, describe, expect, it } from "vitest";
import { generateDemoData } from "../src/DemoData.js";
import { Database, seededIdGenerator, storageLayer } from "../src/index.js";
import { writeDemoData } from "../src/Seed.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";

const options = { seed: 42, years: 2, lastYear: 2025, personsPerYear: 80 };

/** Seeds a fresh database and reads everything back through the repositories, decrypted. */
const seedAndDump = async (kind: "pglite" | "postgres", opened: Array<TestDatabase>) => {
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
        const summary = yield* writeDemoData(generateDemoData(options));
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
          registrations: all.map(({ createdAt: _c, updatedAt: _u, ...rest }) => ({
            ...rest,
            person: {
              ...rest.person,
              familyName: Redacted.value(rest.person.familyName),
              givenNames: Redacted.value(rest.person.givenNames),
            },
          })),
          counted,
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

  it("yields identical data, ids included, when run twice with the same seed", async () => {
    const first = await seedAndDump(kind, opened);
    const second = await seedAndDump(kind, opened);
    expect(first.summary.registrations).toBeGreaterThan(100);
    expect(second.organisations).toEqual(first.organisations);
    expect(second.registrations).toEqual(first.registrations);
    expect(JSON.stringify(second.counted)).toBe(JSON.stringify(first.counted));
  });

  it("counts a person reported by several organisations in one year once", async () => {
    const dump = await seedAndDump(kind, opened);
    const byPersonAndYear = new Map<string, Set<string>>();
    for (const registration of dump.registrations) {
      if (registration.status === "withdrawn" || registration.status === "rejected") continue;
      const key = `${registration.personId}|${registration.reportedOn.slice(0, 4)}`;
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
});
