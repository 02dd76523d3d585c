import { randomUUID } from "node:crypto";
import { AnnualMonitor, CountedYear, Counting, EurostatCrimThb, HtcdsExport, Ports } from "@comensha/domain";
import { sql } from "drizzle-orm";
import { Effect, ManagedRuntime } from "effect";
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database, storageLayer } from "../src/index.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";

const years = { from: 2023, to: 2026 } as const;

/** Reporting organisations: police with and without a unit, and others with a region that must not count as one. */
const organisations = [
  { kind: "police", region: "amsterdam" },
  { kind: "police", region: "den_haag" },
  { kind: "police", region: null },
  { kind: "kmar", region: null },
  { kind: "care_coordination", region: "limburg" },
  { kind: "ngo", region: null },
  { kind: "labour_inspectorate", region: null },
].map((organisation) => ({ ...organisation, id: randomUUID() }));

/** Few days, so that persons are often reported twice on one day (ties go to the lower id), around 1 July. */
const days = ["01-01", "03-14", "06-30", "07-01", "12-31"];

const registrationArbitrary = fc.record({
  person: fc.integer({ min: 0, max: 39 }),
  organisation: fc.integer({ min: 0, max: organisations.length - 1 }),
  status: fc.constantFrom("received", "registered", "registered", "withdrawn", "rejected"),
  reportedOn: fc
    .tuple(fc.constantFrom(2023, 2024, 2025, 2026), fc.constantFrom(...days))
    .map(([year, day]) => `${year}-${day}`),
  birthYear: fc.option(fc.constantFrom(1950, 1990, 2000, 2003, 2005, 2007, 2008, 2016, 2024, 2025, 2027), {
    nil: null,
  }),
  sex: fc.constantFrom("female", "male", "x", "unknown", "unknown"),
  nationalities: fc.array(fc.constantFrom("NL", "PL", "RO", "NG", "UA", "ER", "stateless", "unknown"), {
    maxLength: 3,
  }),
  forms: fc.array(fc.constantFrom("sexual", "labour", "criminal", "forced_begging", "other", "unknown"), {
    minLength: 1,
    maxLength: 3,
  }),
  sector: fc.option(fc.constantFrom("agriculture", "hospitality", "construction", "unknown"), { nil: undefined }),
  policeRegion: fc.option(fc.constantFrom("amsterdam", "rotterdam", "limburg"), { nil: undefined }),
  country: fc.option(fc.constantFrom("NL", "BE", "DE"), { nil: undefined }),
});

type Spec = typeof registrationArbitrary extends fc.Arbitrary<infer A> ? A : never;

/** Writes organisations, 40 persons (some merged into others) and the registrations straight into empty tables. */
const writeData = (specs: ReadonlyArray<Spec>) =>
  Effect.gen(function* () {
    const database = yield* Database;
    const run = (statement: ReturnType<typeof sql>) => Effect.promise(() => database.drizzle.execute(statement));
    yield* run(sql`truncate registrations, persons, organisations cascade`);
    yield* run(sql`insert into organisations (id, name, kind, region)
      select id, 'Organisation ' || kind, kind, region
      from jsonb_to_recordset(${JSON.stringify(organisations)}::jsonb) as o(id uuid, kind text, region text)`);
    const persons = Array.from({ length: 40 }, () => randomUUID());
    // Every fifth person was merged into the person before: their reports count for that one.
    const personRows = persons.map((id, index) => ({ id, mergedInto: index % 5 === 4 ? persons[index - 1] : null }));
    yield* run(sql`insert into persons (id, sex, nationalities, merged_into)
      select id, 'unknown', '{}', "mergedInto"
      from jsonb_to_recordset(${JSON.stringify(personRows)}::jsonb) as p(id uuid, "mergedInto" uuid)`);
    const registrationRows = specs.map((spec) => ({
      id: randomUUID(),
      organisationId: (organisations[spec.organisation] ?? organisations[0])?.id,
      personId: persons[spec.person],
      status: spec.status,
      reportedOn: spec.reportedOn,
      birthYear: spec.birthYear,
      data: {
        reportedOn: spec.reportedOn,
        person: { sex: spec.sex, nationalities: spec.nationalities },
        exploitation: {
          forms: spec.forms,
          ...(spec.sector === undefined ? {} : { sector: spec.sector }),
          ...(spec.policeRegion === undefined ? {} : { policeRegion: spec.policeRegion }),
          ...(spec.country === undefined ? {} : { country: spec.country }),
        },
        dossierType: "registration",
        legalBasis: "consent",
        consentToShareWithShelter: false,
      },
    }));
    yield* run(sql`insert into registrations
      (id, organisation_id, person_id, status, version, reported_on, birth_year, data, identifiers)
      select id, "organisationId", "personId", status, 1, "reportedOn", "birthYear", data, '\\x00'::bytea
      from jsonb_to_recordset(${JSON.stringify(registrationRows)}::jsonb) as r(id uuid, "organisationId" uuid,
        "personId" uuid, status text, "reportedOn" date, "birthYear" int, data jsonb)`);
  });

/** What the database counts, and what the rule in JavaScript counts from every registration. */
const countBoth = Effect.gen(function* () {
  const statistics = yield* Ports.StatisticsSource;
  const registrations = yield* Ports.RegistrationRepository;
  const all = (yield* Effect.forEach([2023, 2024, 2025, 2026], (year) => registrations.listCountable(year))).flat();
  const yearList = [2023, 2024, 2025, 2026];
  return {
    database: {
      counted: yield* statistics.countedYears({ ...years, records: true }),
      plain: yield* statistics.countedYears({ from: 2025, to: 2025 }),
      classes: yield* statistics.personYearClasses(years),
    },
    reference: {
      counted: yearList.map((year) => CountedYear.countedYearOf(all, year, { records: true })),
      plain: [CountedYear.countedYearOf(all, 2025)],
      classes: CountedYear.canonicalClasses(yearList.flatMap((year) => CountedYear.personYearClassesOf(all, year))),
    },
    registrations: all,
  };
});

const openRuntime = (database: TestDatabase) =>
  ManagedRuntime.make(storageLayer({ database: database.config, keys: testKeys }));

describe.each(testDatabaseKinds())("the counting rule in SQL (%s)", (kind) => {
  let database: TestDatabase | undefined;
  let runtime: ReturnType<typeof openRuntime>;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    runtime = openRuntime(database);
    await runtime.runPromise(Effect.flatMap(Database, (db) => db.migrate));
  }, 60_000);
  afterAll(async () => {
    await runtime?.dispose();
    await database?.drop();
  });

  const countOn = (specs: ReadonlyArray<Spec>) => runtime.runPromise(Effect.andThen(writeData(specs), countBoth));

  it("counts every year as the rule in JavaScript does, for random registrations", async () => {
    for (const seed of [1, 2, 3]) {
      const specs =
        fc.sample(fc.array(registrationArbitrary, { minLength: 150, maxLength: 250 }), { seed, numRuns: 1 })[0] ?? [];
      const { database, reference, registrations } = await countOn(specs);
      expect(database.counted).toEqual(reference.counted);
      expect(database.plain).toEqual(reference.plain);
      expect(database.classes).toEqual(reference.classes);
      // Something was counted in each year, and the tables made of either are the same.
      for (const counted of database.counted) expect(CountedYear.personsIn(counted)).toBeGreaterThan(0);
      const [previous, current] = database.counted.slice(2) as [CountedYear.CountedYear, CountedYear.CountedYear];
      expect(AnnualMonitor.annualMonitorTablesOf({ year: 2026, counts: [previous, current] })).toEqual(
        AnnualMonitor.annualMonitorTables({ year: 2026, registrations }),
      );
      expect(EurostatCrimThb.eurostatCrimThbTablesOf(current)).toEqual(
        EurostatCrimThb.eurostatCrimThbTables({ year: 2026, registrations }),
      );
      const persons = Counting.countPersons(registrations, 2026);
      const combinations = HtcdsExport.htcdsCombinations(persons, 2026, 3);
      expect(combinations.length).toBeGreaterThan(1);
      expect(HtcdsExport.htcdsCombinations(HtcdsExport.htcdsSubjectsOf(current), 2026, 3)).toEqual(combinations);
      expect(HtcdsExport.htcdsRecordTable(HtcdsExport.htcdsSubjectsOf(current), 2026, combinations)).toEqual(
        HtcdsExport.htcdsRecordTable(persons, 2026, combinations),
      );
    }
  }, 120_000);

  it("answers an empty year for a year without registrations", async () => {
    const { database } = await countOn([]);
    expect(database.counted).toEqual(
      [2023, 2024, 2025, 2026].map(CountedYear.emptyYear).map((year) => ({
        ...year,
        records: [],
      })),
    );
    expect(database.classes).toEqual([]);
  });
});
