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

const formCodes = sql`${arrayLiteral(ExploitationForm.codeList.codes)}::text[]`;

/**
 * The forms of a registration `r` as a bit mask over the code list: one `= any` test per code, an expression that
 * costs far less per row than unnesting the array. The codes are the domain's own, as literals.
 */
const formsMask = sql.raw(
  `(${ExploitationForm.codeList.codes
    .map((code, index) => `case when '${code}' = any(r.counted_forms) then ${1 << index} else 0 end`)
    .join(" | ")})`,
);
const sectorCodes = sql`${arrayLiteral(Sector.codeList.codes)}::text[]`;
const ageBounds = sql`${arrayLiteral(CountedYear.ageClassBounds)}::int[]`;
const labourBit = sql`(1 << (array_position(${formCodes}, 'labour') - 1))`;

/** Whether a registration `r` counts (`Counting.isCountedIn`) in a year from `from` (included) to `to` (excluded). */
const isCounted = (from: string, to: string): SQL =>
  sql`r.reported_on >= ${from}::date and r.reported_on < ${to}::date and r.status in ('received', 'registered')`;

/**
 * The counting rule (`Counting.countPersons`) in SQL, for the registrations reported from `from` (included) to `to`
 * (excluded): one row per person and calendar year, as `person_years`, with these columns:
 *
 * - `counted`: the registrations that count (`Counting.isCountedIn`: received or registered), each with its person
 *   resolved after merges and the facts of its generated `counted_*` columns (migration 0020); its forms and, for a
 *   report of labour exploitation, its sector (`unknown` when none) as bit masks over the domain's code lists, so that
 *   a union of sets is a `bit_or` and codes outside the lists drop out, as `codeList.codes.filter` drops them.
 * - `ranked`: the person's reports of the year in the rule's order, earliest `reported_on` first and, on the same
 *   day, the lowest id (UUIDv7: created first), numbered by `row_number()`; one sort serves every "first" below.
 * - `person_years`: the first report's organisation kind, date, police region and country (`rank = 1`); the sex,
 *   birth year and nationalities of the first report that knows them: the first report's when it does (so for most
 *   persons, reported once, nothing more is computed), else that of the smallest rank among the later reports that
 *   know it (the rank packed in front of the value, so that `min` picks it); the union of the forms and sectors.
 * - `classes`: the age on the first report (`AgeGroup.ageOn` with a birth year: a birthday on 1 July) as its class
 *   (`CountedYear.ageClassOf`), and the sectors only for persons exploited for their labour.
 *
 * With `reporters`, each person-year also has the reporters of its reports (`CountedYear.compareReporters` order).
 */
const personYears = (from: string, to: string, reporters: boolean): SQL => sql`
  with counted as (
    select r.id, coalesce(m.merged_into, r.person_id) as person_id,
      extract(year from r.reported_on)::int as year, r.reported_on,
      o.kind as organisation_kind,
      case when o.kind = 'police' then o.region end as organisation_region,
      r.birth_year, r.counted_sex as sex, r.counted_nationalities as nationalities,
      ${formsMask} as forms,
      case when 'labour' = any(r.counted_forms)
        then 1 << (array_position(${sectorCodes}, coalesce(r.counted_sector, 'unknown')) - 1) end as sectors,
      r.counted_police_region as police_region, r.counted_country as country
    from registrations r
    join organisations o on o.id = r.organisation_id
    left join persons m on m.id = r.person_id and m.merged_into is not null
    where ${isCounted(from, to)}
  ),
  ranked as (
    select counted.*, row_number() over (partition by year, person_id order by reported_on, id) as rank
    from counted
  ),
  person_years as (
    select year, person_id,
      max(organisation_kind) filter (where rank = 1) as first_kind,
      max(reported_on) filter (where rank = 1) as first_on,
      max(police_region) filter (where rank = 1) as police_region,
      max(country) filter (where rank = 1) as country,
      coalesce(
        max(sex) filter (where rank = 1 and sex <> 'unknown'),
        substr(min(lpad(rank::text, 10, '0') || sex) filter (where rank > 1 and sex <> 'unknown'), 11),
        'unknown'
      ) as sex,
      coalesce(
        max(birth_year) filter (where rank = 1),
        (min(array[rank, birth_year]) filter (where rank > 1 and birth_year is not null))[2]
      ) as birth_year,
      coalesce(
        max(nationalities) filter (where rank = 1 and cardinality(nationalities) > 0),
        (min(array[lpad(rank::text, 10, '0')] || nationalities)
          filter (where rank > 1 and cardinality(nationalities) > 0))[2:]
      ) as nationalities,
      bit_or(forms) as forms,
      coalesce(bit_or(sectors), 0) as sectors
      ${
        reporters
          ? sql`, array_agg(organisation_kind order by organisation_kind collate "C", organisation_region collate "C" nulls last) as report_kinds,
              array_agg(coalesce(organisation_region, '') order by organisation_kind collate "C", organisation_region collate "C" nulls last) as report_regions`
          : sql``
      }
    from ranked
    group by year, person_id
  ),
  classes as (
    select aged.*, (${ageBounds})[width_bucket(age, ${ageBounds})] as age_class,
      case when forms & ${labourBit} <> 0 then sectors end as labour_sectors
    from (
      select person_years.*,
        case when birth_year <= first_year then
          greatest(0, first_year - birth_year - case when first_month >= 7 then 0 else 1 end)
        end as age
      from (
        select person_years.*, date_part('year', first_on)::int as first_year,
          date_part('month', first_on)::int as first_month
        from person_years
      ) person_years
    ) aged
  )`;

/**
 * Runs one aggregate with room to sort: the window sorts every counted registration of the years, which at a
 * million registrations spills to disk under PostgreSQL's default `work_mem` (4 MB). Without JIT compilation: the
 * statement's cost is far above `jit_optimize_above_cost`, and compiling its many expressions took longer than it
 * saved (about 0.5 s of 6 s at a million registrations, measured with psql). `set local` keeps both to this
 * statement's transaction (nested in the caller's, if any).
 */
const aggregate = (db: Executor, statement: SQL) =>
  db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('work_mem', '128MB', true), set_config('jit', 'off', true)`);
    return tx.execute(statement);
  });

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

const rangeOf = (from: number, to: number) => [`${String(from).padStart(4, "0")}-01-01`, `${to + 1}-01-01`] as const;

/**
 * The counted years from `from` to `to` (`StatisticsSource.countedYears`) in one statement, so in one snapshot:
 * the person-years aggregated by `GROUP BY GROUPING SETS`, one grouping set per list of `CountedYear` (which set a row
 * belongs to, `grouping()` tells), and the counted registrations by reporter (read again from the table rather than
 * from `counted`, which PostgreSQL would then write out to read it twice). Only groups leave the database.
 */
export const countedYears = (
  run: <A>(query: (db: Executor) => PromiseLike<A>) => Effect.Effect<A>,
  request: { readonly from: number; readonly to: number; readonly records?: boolean },
): Effect.Effect<ReadonlyArray<CountedYear.CountedYear>> => {
  const [from, to] = rangeOf(request.from, request.to);
  const records = request.records === true;
  return Effect.map(
    run((db) =>
      aggregate(
        db,
        sql`${personYears(from, to, false)}
        select false as is_report, year, forms, sex, age_class, nationalities, first_kind, police_region,
          labour_sectors, ${records ? sql`country` : sql`null::text`} as country, grouping(forms) as g_forms, grouping(age_class) as g_age,
          grouping(first_kind) as g_kind, grouping(police_region) as g_region, grouping(labour_sectors) as g_sectors,
          ${records ? sql`grouping(country)` : sql`1`} as g_country, count(*)::int as count
        from classes
        group by grouping sets (
          (year, forms, sex),
          (year, age_class, nationalities, sex),
          (year, first_kind),
          (year, police_region),
          (year, labour_sectors)
          ${records ? sql`, (year, sex, age_class, nationalities, country, forms)` : sql``}
        )
        union all
        select true, extract(year from r.reported_on)::int, null, null, null, null, o.kind,
          case when o.kind = 'police' then o.region end, null, null, 1, 1, 1, 1, 1, 1, count(*)::int
        from registrations r
        join organisations o on o.id = r.organisation_id
        where ${isCounted(from, to)}
        group by 2, 7, 8`,
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
        if (row.is_report === true) {
          year.reports.push({
            organisationKind: row.first_kind,
            ...present("organisationRegion", row.police_region),
            count,
          });
        } else if (Number(row.g_country) === 0) {
          year.records?.push({
            sex: row.sex,
            ...present("ageClass", row.age_class),
            nationalities: nationalitiesOf(row.nationalities),
            ...present("country", row.country),
            forms: formsOf(row.forms),
            count,
          });
        } else if (Number(row.g_forms) === 0) {
          year.byFormsAndSex.push({ forms: formsOf(row.forms), sex: row.sex, count });
        } else if (Number(row.g_age) === 0) {
          year.byAgeNationalitiesAndSex.push({
            ...present("ageClass", row.age_class),
            nationalities: nationalitiesOf(row.nationalities),
            sex: row.sex,
            count,
          });
        } else if (Number(row.g_kind) === 0) {
          year.byFirstOrganisationKind.push({ organisationKind: row.first_kind, count });
        } else if (Number(row.g_region) === 0) {
          year.byPoliceRegion.push({ ...present("policeRegion", row.police_region), count });
        } else if (Number(row.g_sectors) === 0 && row.labour_sectors !== null) {
          year.labourBySectors.push({ sectors: sectorsOf(row.labour_sectors), count });
        }
      }
      return decodeCountedYears([...years.values()]).map(CountedYear.canonicalCountedYear);
    },
  );
};

/**
 * The person-year classes from `from` to `to` (`StatisticsSource.personYearClasses`): the person-years grouped by
 * every attribute a report of the registrations family looks at, with the reporters of their reports.
 */
export const personYearClasses = (
  run: <A>(query: (db: Executor) => PromiseLike<A>) => Effect.Effect<A>,
  request: { readonly from: number; readonly to: number },
): Effect.Effect<ReadonlyArray<CountedYear.PersonYearClass>> => {
  const [from, to] = rangeOf(request.from, request.to);
  return Effect.map(
    run((db) =>
      aggregate(
        db,
        sql`${personYears(from, to, true)}
        select year, sex, age_class, nationalities, forms, sectors, police_region, country, first_kind,
          report_kinds, report_regions, count(*)::int as count
        from classes
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
};
