import { randomUUID } from "node:crypto";
import { AnnualMonitor, CountedYear, Counting, EurostatCrimThb, HtcdsExport, Ports } from "@comensha/domain";
import { sql } from "drizzle-orm";
import { Effect, ManagedRuntime } from "effect";
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../src/Database.js";
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

/**
 * Changes the data the way later writes do, each as its own statement: statuses (withdrawn, then some registered
 * again), report dates moved to another year, the reported facts corrected (generated columns), a registration moved
 * to another person, persons merged and a merge undone, registrations deleted, an organisation of another kind.
 */
const changeData = (seed: number) =>
  Effect.gen(function* () {
    const database = yield* Database;
    const run = (statement: ReturnType<typeof sql>) => Effect.promise(() => database.drizzle.execute(statement));
    const pick = (modulo: number) =>
      sql.raw(`(('x' || substr(md5(id::text || '${seed}'), 1, 8))::bit(32)::int & 2147483647) % ${modulo}`);
    yield* run(sql`update registrations set status = 'withdrawn' where ${pick(7)} = 0`);
    yield* run(sql`update registrations set status = 'registered' where status = 'withdrawn' and ${pick(3)} = 0`);
    yield* run(sql`update registrations set reported_on = reported_on - interval '1 year' where ${pick(9)} = 1
      and reported_on >= '2024-01-01'`);
    yield* run(sql`update registrations set data = jsonb_set(jsonb_set(data, '{person,sex}', '"female"'),
      '{exploitation,forms}', '["labour"]') where ${pick(8)} = 2`);
    yield* run(
      sql`update registrations set person_id = (select id from persons order by id limit 1) where ${pick(11)} = 3`,
    );
    yield* run(
      sql`update persons set merged_into = null where id = (select id from persons where merged_into is not null order by id limit 1)`,
    );
    yield* run(sql`update persons set merged_into = (select id from persons where merged_into is null order by id desc limit 1)
      where id in (select id from persons where merged_into is null order by id limit 2)`);
    yield* run(sql`delete from registrations where ${pick(13)} = 4`);
    // Single reports, as the API writes them: of new persons (one merged into another), of persons reported before,
    // in another year than before, not counted, and two of one new person in one statement.
    const fresh = Array.from({ length: 4 }, () => randomUUID());
    yield* run(sql`insert into persons (id, sex, nationalities, merged_into)
      select id, 'unknown', '{}', case when n = 4 then (select id from persons where merged_into is null order by id limit 1) end
      from unnest(${`{${fresh.join(",")}}`}::uuid[]) with ordinality as f(id, n)`);
    const single = (person: string, reportedOn: string, status = "registered", copies = 1) =>
      run(sql`insert into registrations
        (id, organisation_id, person_id, status, version, reported_on, birth_year, data, identifiers)
        select gen_random_uuid(), (select id from organisations order by id limit 1), ${person}::uuid, ${status}, 1,
          ${reportedOn}::date, 1990,
          jsonb_build_object('reportedOn', ${reportedOn}::text, 'person', jsonb_build_object('sex', 'male',
            'nationalities', '["PL","NL","PL"]'::jsonb), 'exploitation', jsonb_build_object('forms',
            '["labour","criminal","labour"]'::jsonb, 'policeRegion', 'limburg')),
          '\\x00'::bytea
        from generate_series(1, ${copies})`);
    const [first, second, third, fourth] = fresh as [string, string, string, string];
    yield* single(first, "2025-03-14");
    yield* single(first, "2025-03-14");
    yield* single(first, "2026-07-01");
    yield* single(second, "2024-12-31", "withdrawn");
    yield* single(third, "2023-01-01", "registered", 2);
    yield* single(fourth, "2026-01-01");
    const known = rowsOf<{ id: string }>(
      yield* run(sql`select id from persons where merged_into is null order by id desc limit 1`),
    )[0]?.id;
    if (known !== undefined) yield* single(known, "2025-06-30");
    yield* run(sql`update organisations set kind = 'shelter', region = null where kind = 'ngo'`);
  });

/** The stored person-years, in one order. */
const storedPersonYears = Effect.flatMap(Database, (database) =>
  Effect.promise(() =>
    database.drizzle
      .execute(sql`select * from counted_person_years order by person_id, year`)
      .then((result) => rowsOf(result)),
  ),
);

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

  it("keeps the person-years up to date as registrations, merges and organisations change", async () => {
    for (const seed of [4, 5]) {
      const specs =
        fc.sample(fc.array(registrationArbitrary, { minLength: 150, maxLength: 250 }), { seed, numRuns: 1 })[0] ?? [];
      const { database, reference } = await runtime.runPromise(
        Effect.gen(function* () {
          yield* writeData(specs);
          yield* changeData(seed);
          return yield* countBoth;
        }),
      );
      expect(database.counted).toEqual(reference.counted);
      expect(database.classes).toEqual(reference.classes);
      // What the writes left is what the rule makes afresh of every person.
      const [kept, afresh] = await runtime.runPromise(
        Effect.gen(function* () {
          const kept = yield* storedPersonYears;
          const db = yield* Database;
          yield* Effect.promise(() =>
            db.drizzle.execute(sql`select comensha_refresh_counted_person_years(array(select id from persons))`),
          );
          return [kept, yield* storedPersonYears] as const;
        }),
      );
      expect(kept).toEqual(afresh);
      expect(kept.length).toBeGreaterThan(10);
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
