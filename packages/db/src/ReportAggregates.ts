import { CountedYear, ExploitationForm, Sector } from "@comensha/domain";
import { type SQL, sql } from "drizzle-orm";
import { Effect, Schema } from "effect";
import { type Executor, rowsOf } from "./Database.js";

/** A code list as a PostgreSQL array literal (`{a,b}`); codes are lower snake_case, so nothing needs quoting. */
const arrayLiteral = (values: ReadonlyArray<string | number>): string => `{${values.join(",")}}`;

// The forms and sectors of a person-year are bit masks in an `int`: one bit per code.
if (ExploitationForm.codeList.codes.length > 30 || Sector.codeList.codes.length > 30) {
  throw new Error("ReportAggregates: a code list has outgrown the bit masks of the counting rule");
}

/**
 * The codes of a text array column as a bit mask over a code list (null stays null): one `= any` test per code; codes
 * outside the list drop out, as `codeList.codes.filter` drops them. The codes are the domain's own, as literals.
 */
const maskOf = (codes: ReadonlyArray<string>, column: string) =>
  `case when ${column} is not null then ${codes
    .map((code, index) => `case when '${code}' = any(${column}) then ${1 << index} else 0 end`)
    .join(" | ")} end`;

const formsMask = (column: string) => maskOf(ExploitationForm.codeList.codes, column);
const sectorsMask = (column: string) => maskOf(Sector.codeList.codes, column);

/** An age as its class (`CountedYear.ageClassOf`); no age, no class. */
const ageClassOf = (column: string) => {
  const bounds = `'${arrayLiteral(CountedYear.ageClassBounds)}'::int[]`;
  return `(${bounds})[width_bucket(${column}, ${bounds})]`;
};

/**
 * The stored person-years (table `counted_person_years`, migration 0021: the counting rule `Counting.countPersons`
 * kept by the database for every person a write touches) of the years from `from` to `to`, as `person_years`, with
 * the age on the first report (`AgeGroup.ageOn` with a birth year: a birthday on 1 July) and the sectors only of
 * persons exploited for their labour. The person-years are grouped by their codes as stored; what the groups are in
 * the domain's terms (bit masks of forms and sectors, age classes, kinds of organisations) is worked out afterwards,
 * on the few groups rather than on every person-year.
 */
const personYears = (from: number, to: number): SQL => sql`
  with person_years as not materialized (
    select c.person_id, c.year, c.forms, c.sex,
      case when c.birth_year <= date_part('year', c.first_on)::int then
        greatest(0, date_part('year', c.first_on)::int - c.birth_year
          - case when date_part('month', c.first_on)::int >= 7 then 0 else 1 end)
      end as age,
      c.nationalities, c.first_organisation_id, c.police_region, c.country, c.sectors,
      case when 'labour' = any(c.forms) then c.sectors end as labour_sectors, c.report_organisations
    from counted_person_years c
    where c.year >= ${from} and c.year <= ${to}
  )`;

/**
 * The person-years are grouped in two shards of persons, appended: PostgreSQL runs the shards side by side on its
 * parallel workers (a `GROUPING SETS` aggregate is not split over workers itself), and the groups are added up after.
 */
const shards = [0, 1] as const;
const inShard = (shard: number) => `(uuid_hash(person_id) & 1) = ${shard}`;

/**
 * Runs one aggregate with `settings` local to its transaction (nested in the caller's, if any): room to hash its
 * groups, and no JIT compilation (the statement's cost is far above `jit_optimize_above_cost`, and compiling its many
 * expressions took longer than it saved).
 */
const aggregate = (db: Executor, statement: SQL, settings: Readonly<Record<string, string>> = {}) =>
  db.transaction(async (tx) => {
    const all = Object.entries({ work_mem: "64MB", jit: "off", ...settings });
    await tx.execute(
      sql`select ${sql.join(
        all.map(([name, value]) => sql`set_config(${name}, ${value}, true)`),
        sql`, `,
      )}`,
    );
    return tx.execute(statement);
  });

/**
 * How {@link countedYears}'s shards run side by side (measured at a million registrations, 2 cores: 1.4 s against
 * 2.6 s as the planner chose by itself): each shard hashes all its groups at once (no sort, which the planner
 * otherwise picks for one set and feeds through a Gather Merge) and reads the table in one process, so that the
 * shards rather than the scans are what PostgreSQL spreads over its parallel workers (a Parallel Append), without
 * charging them for starting.
 */
const shardSettings = {
  enable_sort: "off",
  min_parallel_table_scan_size: "1TB",
  parallel_setup_cost: "0",
  parallel_tuple_cost: "0",
};

/** The codes of `codes` whose bit is set in `mask`, in list order. */
const codesOf = <C extends string>(codes: ReadonlyArray<C>, mask: unknown): ReadonlyArray<C> =>
  codes.filter((_, index) => (Number(mask ?? 0) & (1 << index)) !== 0);

const formsOf = (mask: unknown) => codesOf(ExploitationForm.codeList.codes, mask);
const sectorsOf = (mask: unknown) => codesOf(Sector.codeList.codes, mask);

/** The nationalities as the counting rule gives them: the known ones, or `["unknown"]` when none is known. */
const nationalitiesOf = (value: unknown): ReadonlyArray<string> =>
  Array.isArray(value) && value.length > 0 ? (value as ReadonlyArray<string>) : ["unknown"];

const present = <K extends string>(key: K, value: unknown): { readonly [P in K]?: unknown } =>
  (value === null || value === undefined ? {} : { [key]: value }) as { readonly [P in K]?: unknown };

const decodeCountedYears = Schema.decodeUnknownSync(Schema.Array(CountedYear.CountedYear));
const decodeClasses = Schema.decodeUnknownSync(Schema.Array(CountedYear.PersonYearClass));

const yearsFrom = (from: number, to: number): ReadonlyArray<number> =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);

/**
 * The lists of a `CountedYear` that {@link countedYears}'s statement groups the person-years for, each with the columns
 * it groups by (and the year), in the order the statement numbers them (`part`).
 */
const parts = [
  ["byFormsAndSex", ["forms", "sex"]],
  ["byAgeNationalitiesAndSex", ["age", "nationalities", "sex"]],
  ["byFirstOrganisationKind", ["first_organisation_id"]],
  ["byPoliceRegion", ["police_region"]],
  ["labourBySectors", ["labour_sectors"]],
  ["reports", ["report_organisations"]],
  ["records", ["sex", "age", "nationalities", "country", "forms"]],
] as const;

/** The columns that `parts` group by (the year aside). */
const groupedColumns = [
  "forms",
  "sex",
  "age",
  "nationalities",
  "first_organisation_id",
  "police_region",
  "labour_sectors",
  "report_organisations",
  "country",
] as const;

/**
 * What `grouping(...columns)` answers for a row grouped by `keys`: a bit for each of the columns not among the keys
 * (the last column is bit 0).
 */
const groupingOf = (columns: ReadonlyArray<string>, keys: ReadonlyArray<string>) =>
  columns.reduce(
    (bits, column, index) => (keys.includes(column) ? bits : bits | (1 << (columns.length - 1 - index))),
    0,
  );

/**
 * The counted years from `from` to `to` (`StatisticsSource.countedYears`) in one statement, so in one snapshot: the
 * stored person-years grouped by `GROUPING SETS`, one set per list of `CountedYear` (`part` tells which, from
 * `grouping()`), per shard of persons; then the groups in the domain's terms, added up over the shards, and the
 * reports by reporter from the groups of the person-years' organisations. Only groups leave the database.
 */
export const countedYears = (
  run: <A>(query: (db: Executor) => PromiseLike<A>) => Effect.Effect<A>,
  request: { readonly from: number; readonly to: number; readonly records?: boolean },
): Effect.Effect<ReadonlyArray<CountedYear.CountedYear>> => {
  const records = request.records === true;
  const chosen = parts.filter(([list]) => records || list !== "records");
  // grouping() takes only columns that some set groups by: without records, not the country.
  const columns = groupedColumns.filter((column) =>
    chosen.some(([, keys]) => (keys as ReadonlyArray<string>).includes(column)),
  );
  const partOf = `case grouping(${columns.join(", ")}) ${chosen
    .map(([list, keys]) => `when ${groupingOf(columns, keys)} then ${parts.findIndex(([other]) => other === list)}`)
    .join(" ")} end`;
  const grouped = shards
    .map(
      (shard) => `select ${partOf} as part, year, ${groupedColumns
        .map((column) => (columns.includes(column) ? column : `null as ${column}`))
        .join(", ")}, count(*) as count
      from person_years where ${inShard(shard)}
      group by grouping sets (${chosen.map(([, keys]) => `(year, ${keys.join(", ")})`).join(", ")})`,
    )
    .join(" union all ");
  const reports = parts.findIndex(([list]) => list === "reports");
  const labour = parts.findIndex(([list]) => list === "labourBySectors");
  return Effect.map(
    run((db) =>
      aggregate(
        db,
        sql`${personYears(request.from, request.to)},
        groups as materialized (${sql.raw(grouped)}),
        mapped as (
          select part, year, ${sql.raw(formsMask("forms"))} as forms, sex, ${sql.raw(ageClassOf("age"))} as age_class,
            nationalities, o.kind as first_kind, police_region, ${sql.raw(sectorsMask("labour_sectors"))} as labour_sectors,
            country, count
          from groups
          left join organisations o on o.id = groups.first_organisation_id
          where part <> ${reports} and not (part = ${labour} and labour_sectors is null)
          union all
          select part, year, null, null, null, null, o.kind, case when o.kind = 'police' then o.region end, null, null,
            count
          from groups
          cross join unnest(groups.report_organisations) as reports(organisation_id)
          join organisations o on o.id = reports.organisation_id
          where part = ${reports}
        )
        select part, year, forms, sex, age_class, nationalities, first_kind, police_region, labour_sectors, country,
          sum(count)::int as count
        from mapped
        group by part, year, forms, sex, age_class, nationalities, first_kind, police_region, labour_sectors, country`,
        shardSettings,
      ),
    ),
    (result) => {
      const years = new Map(
        yearsFrom(request.from, request.to).map((year) => [
          year,
          {
            year,
            byFormsAndSex: [] as Array<unknown>,
            byAgeNationalitiesAndSex: [] as Array<unknown>,
            byFirstOrganisationKind: [] as Array<unknown>,
            byPoliceRegion: [] as Array<unknown>,
            labourBySectors: [] as Array<unknown>,
            reports: [] as Array<unknown>,
            ...(records ? { records: [] as Array<unknown> } : {}),
          },
        ]),
      );
      for (const row of rowsOf(result)) {
        const year = years.get(Number(row.year));
        if (year === undefined) continue;
        const count = Number(row.count);
        switch (parts[Number(row.part)]?.[0]) {
          case "byFormsAndSex":
            year.byFormsAndSex.push({ forms: formsOf(row.forms), sex: row.sex, count });
            break;
          case "byAgeNationalitiesAndSex":
            year.byAgeNationalitiesAndSex.push({
              ...present("ageClass", row.age_class),
              nationalities: nationalitiesOf(row.nationalities),
              sex: row.sex,
              count,
            });
            break;
          case "byFirstOrganisationKind":
            year.byFirstOrganisationKind.push({ organisationKind: row.first_kind, count });
            break;
          case "byPoliceRegion":
            year.byPoliceRegion.push({ ...present("policeRegion", row.police_region), count });
            break;
          case "labourBySectors":
            year.labourBySectors.push({ sectors: sectorsOf(row.labour_sectors), count });
            break;
          case "reports":
            year.reports.push({
              organisationKind: row.first_kind,
              ...present("organisationRegion", row.police_region),
              count,
            });
            break;
          case "records":
            year.records?.push({
              sex: row.sex,
              ...present("ageClass", row.age_class),
              nationalities: nationalitiesOf(row.nationalities),
              ...present("country", row.country),
              forms: formsOf(row.forms),
              count,
            });
            break;
        }
      }
      return decodeCountedYears([...years.values()]).map(CountedYear.canonicalCountedYear);
    },
  );
};

/**
 * The person-year classes from `from` to `to` (`StatisticsSource.personYearClasses`): the person-years grouped by
 * every attribute a report of the registrations family looks at, with the reporters of their reports: grouped first
 * by their organisations, then by the reporters these are (organisations of one kind, outside the police, are one
 * reporter), in `CountedYear.compareReporters` order.
 */
export const personYearClasses = (
  run: <A>(query: (db: Executor) => PromiseLike<A>) => Effect.Effect<A>,
  request: { readonly from: number; readonly to: number },
): Effect.Effect<ReadonlyArray<CountedYear.PersonYearClass>> =>
  Effect.map(
    run((db) =>
      aggregate(
        db,
        sql`${personYears(request.from, request.to)},
        by_organisations as (
          select year, sex, age, nationalities, forms, sectors, police_region, country, first_organisation_id,
            report_organisations, count(*) as count
          from person_years
          group by year, sex, age, nationalities, forms, sectors, police_region, country, first_organisation_id,
            report_organisations
        ),
        by_reporters as (
          select year, sex, ${sql.raw(ageClassOf("age"))} as age_class, nationalities, ${sql.raw(formsMask("forms"))} as forms,
            ${sql.raw(sectorsMask("sectors"))} as sectors, police_region, country, o.kind as first_kind,
            reporters.kinds as report_kinds, reporters.regions as report_regions, count
          from by_organisations
          join organisations o on o.id = by_organisations.first_organisation_id
          cross join lateral (
            select array_agg(o.kind order by o.kind collate "C", reporter.region collate "C" nulls last) as kinds,
              array_agg(coalesce(reporter.region, '') order by o.kind collate "C", reporter.region collate "C" nulls last)
                as regions
            from unnest(by_organisations.report_organisations) as reports(organisation_id)
            join organisations o on o.id = reports.organisation_id
            cross join lateral (select case when o.kind = 'police' then o.region end as region) reporter
          ) reporters
        )
        select year, sex, age_class, nationalities, forms, sectors, police_region, country, first_kind,
          report_kinds, report_regions, sum(count)::int as count
        from by_reporters
        group by year, sex, age_class, nationalities, forms, sectors, police_region, country, first_kind,
          report_kinds, report_regions`,
      ),
    ),
    (result) =>
      CountedYear.canonicalClasses(
        decodeClasses(
          rowsOf(result).map((row) => {
            const kinds = (row.report_kinds ?? []) as ReadonlyArray<string>;
            // No region is '' in the array: postgres.js does not read a NULL element of an array back as null.
            const regions = (row.report_regions ?? []) as ReadonlyArray<string>;
            return {
              year: Number(row.year),
              sex: row.sex,
              ...present("ageClass", row.age_class),
              nationalities: nationalitiesOf(row.nationalities),
              forms: formsOf(row.forms),
              sectors: sectorsOf(row.sectors),
              ...present("policeRegion", row.police_region),
              ...present("country", row.country),
              firstOrganisationKind: row.first_kind,
              reports: kinds.map((organisationKind, index) => ({
                organisationKind,
                ...present("organisationRegion", regions[index] || undefined),
              })),
              count: Number(row.count),
            };
          }),
        ),
      ),
  );
