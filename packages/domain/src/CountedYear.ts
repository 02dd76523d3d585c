import { Schema } from "effect";
import { type CountableRegistration, type CountedPerson, countPersons, isCountedIn } from "./Counting.js";
import { CountryCode } from "./Country.js";
import * as ExploitationForm from "./ExploitationForm.js";
import { Nationality } from "./Nationality.js";
import * as OrganisationKind from "./OrganisationKind.js";
import { PoliceRegion } from "./PoliceRegion.js";
import { Sector } from "./Sector.js";
import { Sex } from "./Sex.js";

/**
 * The least age of each age class: the ages that no report of the registrations family tells apart fall in one class.
 * The bounds are every bound the reports draw: the age groups (18, 23), Eurostat's (18), and the HTCDS age bands and
 * majority status (9, 18, 21, 24, 27, 30, 39, 48). A report given the least age of a person's class so counts them
 * as it would with their age, and counting by class keeps the groups the database returns few.
 */
export const ageClassBounds: readonly [0, ...Array<number>] = [0, 9, 18, 21, 23, 24, 27, 30, 39, 48];

/** The age class of an age in full years: the greatest bound of {@link ageClassBounds} not above it. */
export const ageClassOf = (age: number): number => ageClassBounds.findLast((bound) => bound <= age) ?? 0;

const count = Schema.Int.check(Schema.isGreaterThan(0));

/** Counted persons with the same forms (the union of the year, in code-list order) and sex. */
export const FormsAndSex = Schema.Struct({
  forms: Schema.Array(ExploitationForm.ExploitationForm),
  sex: Sex,
  count,
});
export type FormsAndSex = typeof FormsAndSex.Type;

/**
 * Counted persons with the same age class (absent when the age is unknown), nationalities (as
 * {@link CountedPerson.nationalities}: the known ones in the reporter's order, or `["unknown"]`) and sex.
 */
export const AgeNationalitiesAndSex = Schema.Struct({
  ageClass: Schema.optionalKey(Schema.Int),
  nationalities: Schema.Array(Nationality),
  sex: Sex,
  count,
});
export type AgeNationalitiesAndSex = typeof AgeNationalitiesAndSex.Type;

/** Counted persons whose first report of the year came from an organisation of this kind. */
export const FirstOrganisationKindCount = Schema.Struct({
  organisationKind: OrganisationKind.OrganisationKind,
  count,
});
export type FirstOrganisationKindCount = typeof FirstOrganisationKindCount.Type;

/** Counted persons whose first report of the year names this police region (absent: none, e.g. abroad). */
export const PoliceRegionCount = Schema.Struct({ policeRegion: Schema.optionalKey(PoliceRegion), count });
export type PoliceRegionCount = typeof PoliceRegionCount.Type;

/** Counted persons exploited for their labour with the same sectors (see {@link CountedPerson.sectors}). */
export const SectorsCount = Schema.Struct({ sectors: Schema.Array(Sector), count });
export type SectorsCount = typeof SectorsCount.Type;

/** Who made a report: the kind of organisation and, for the police only, its region (its unit). */
export const Reporter = Schema.Struct({
  organisationKind: OrganisationKind.OrganisationKind,
  organisationRegion: Schema.optionalKey(PoliceRegion),
});
export type Reporter = typeof Reporter.Type;

/** Counted reports (registrations) made by the same {@link Reporter}. */
export const ReportCount = Schema.Struct({ ...Reporter.fields, count });
export type ReportCount = typeof ReportCount.Type;

/** Counted persons with the same values of every field an HTCDS record is made of. */
export const RecordCount = Schema.Struct({
  sex: Sex,
  ageClass: Schema.optionalKey(Schema.Int),
  nationalities: Schema.Array(Nationality),
  country: Schema.optionalKey(CountryCode),
  forms: Schema.Array(ExploitationForm.ExploitationForm),
  count,
});
export type RecordCount = typeof RecordCount.Type;

/**
 * The persons and reports counted in one year ({@link countPersons}, {@link isCountedIn}), grouped as the reports
 * of the registrations family tabulate them: each list groups every person counted (every report, for `reports`) by
 * a few attributes, so each adds up to the persons counted (the persons exploited for their labour, for
 * `labourBySectors`). This is what the database computes with one aggregate (`StatisticsSource.countedYears`)
 * instead of sending every registration; {@link countedYearOf} is the same in JavaScript, the reference it is
 * tested against. Lists are in {@link canonicalCountedYear} order.
 */
export const CountedYear = Schema.Struct({
  year: Schema.Int,
  byFormsAndSex: Schema.Array(FormsAndSex),
  byAgeNationalitiesAndSex: Schema.Array(AgeNationalitiesAndSex),
  byFirstOrganisationKind: Schema.Array(FirstOrganisationKindCount),
  byPoliceRegion: Schema.Array(PoliceRegionCount),
  labourBySectors: Schema.Array(SectorsCount),
  reports: Schema.Array(ReportCount),
  /** Asked for by the HTCDS export only: the persons by every value of a record. */
  records: Schema.optionalKey(Schema.Array(RecordCount)),
});
export type CountedYear = typeof CountedYear.Type;

/**
 * A class of person-years: the persons counted in a year with the same attributes, as far as any report of the
 * registrations family looks at them, and the reporters of their reports of the year (in {@link compareReporters}
 * order). A release's units are these classes, each standing for `count` persons that no reader can tell apart.
 */
export const PersonYearClass = Schema.Struct({
  year: Schema.Int,
  sex: Sex,
  ageClass: Schema.optionalKey(Schema.Int),
  nationalities: Schema.Array(Nationality),
  forms: Schema.Array(ExploitationForm.ExploitationForm),
  sectors: Schema.Array(Sector),
  policeRegion: Schema.optionalKey(PoliceRegion),
  country: Schema.optionalKey(CountryCode),
  firstOrganisationKind: OrganisationKind.OrganisationKind,
  reports: Schema.Array(Reporter),
  count,
});
export type PersonYearClass = typeof PersonYearClass.Type;

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Reporters by organisation kind, then region (none last), both by code point. */
export const compareReporters = (a: Reporter, b: Reporter): number =>
  compareStrings(a.organisationKind, b.organisationKind) ||
  (a.organisationRegion === b.organisationRegion
    ? 0
    : a.organisationRegion === undefined
      ? 1
      : b.organisationRegion === undefined
        ? -1
        : compareStrings(a.organisationRegion, b.organisationRegion));

/** The reporter of a registration as the counts know it: the region only for the police. */
export const reporterOf = (registration: Pick<CountableRegistration, "organisationKind" | "organisationRegion">) =>
  ({
    organisationKind: registration.organisationKind,
    ...(registration.organisationKind === "police" && registration.organisationRegion !== undefined
      ? { organisationRegion: registration.organisationRegion }
      : {}),
  }) satisfies Reporter;

const withoutCount = <A extends { readonly count: number }>({ count: _, ...rest }: A): Omit<A, "count"> => rest;

const keyOf = (value: unknown): string => JSON.stringify(value);

/** Groups `items` by the attributes `projectionOf` keeps (no `undefined` values), adding up their weights. */
const groupCounts = <A, P extends object>(
  items: ReadonlyArray<A>,
  projectionOf: (item: A) => P | undefined,
  weightOf: (item: A) => number,
): ReadonlyArray<P & { readonly count: number }> => {
  const groups = new Map<string, P & { count: number }>();
  for (const item of items) {
    const projection = projectionOf(item);
    if (projection === undefined) continue;
    const key = keyOf(projection);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { ...projection, count: weightOf(item) });
    else group.count += weightOf(item);
  }
  return [...groups.values()];
};

const sortedByKey = <A extends { readonly count: number }>(entries: ReadonlyArray<A>): ReadonlyArray<A> =>
  entries
    .map((entry) => [keyOf(withoutCount(entry)), entry] as const)
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, entry]) => entry);

/** A counted year with every list in one order (by its entries' attributes), whoever computed it. */
export const canonicalCountedYear = (counted: CountedYear): CountedYear => ({
  year: counted.year,
  byFormsAndSex: sortedByKey(counted.byFormsAndSex),
  byAgeNationalitiesAndSex: sortedByKey(counted.byAgeNationalitiesAndSex),
  byFirstOrganisationKind: sortedByKey(counted.byFirstOrganisationKind),
  byPoliceRegion: sortedByKey(counted.byPoliceRegion),
  labourBySectors: sortedByKey(counted.labourBySectors),
  reports: sortedByKey(counted.reports),
  ...(counted.records === undefined ? {} : { records: sortedByKey(counted.records) }),
});

/** Person-year classes in one order (by their attributes). */
export const canonicalClasses = (classes: ReadonlyArray<PersonYearClass>): ReadonlyArray<PersonYearClass> =>
  sortedByKey(classes);

const optional = <K extends string, V>(key: K, value: V | undefined): { readonly [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { readonly [P in K]?: V };

const classOf = (person: CountedPerson, reports: ReadonlyArray<Reporter>): Omit<PersonYearClass, "count"> => ({
  year: person.year,
  sex: person.sex,
  ...optional("ageClass", person.age === undefined ? undefined : ageClassOf(person.age)),
  nationalities: person.nationalities,
  forms: person.forms,
  sectors: person.sectors,
  ...optional("policeRegion", person.policeRegion),
  ...optional("country", person.country),
  firstOrganisationKind: person.firstOrganisationKind,
  reports: reports.toSorted(compareReporters),
});

/**
 * The person-years counted in `year` by the counting rule ({@link countPersons}), in classes of identical attributes
 * (see {@link PersonYearClass}), in {@link canonicalClasses} order: the reference for the database's classes.
 */
export const personYearClassesOf = (
  registrations: ReadonlyArray<CountableRegistration>,
  year: number,
): ReadonlyArray<PersonYearClass> => {
  const reportsOf = new Map<string, Array<Reporter>>();
  for (const registration of registrations) {
    if (!isCountedIn(registration, year)) continue;
    const reports = reportsOf.get(registration.personId);
    if (reports === undefined) reportsOf.set(registration.personId, [reporterOf(registration)]);
    else reports.push(reporterOf(registration));
  }
  return canonicalClasses(
    groupCounts(
      countPersons(registrations, year),
      (person) => classOf(person, reportsOf.get(person.personId) ?? []),
      () => 1,
    ),
  );
};

/** The {@link CountedYear} of `year` made of person-year classes (those of other years are left out). */
export const countedYearOfClasses = (
  year: number,
  classes: ReadonlyArray<PersonYearClass>,
  options: { readonly records?: boolean } = {},
): CountedYear => {
  const ofYear = classes.filter((personYear) => personYear.year === year);
  const weight = (personYear: PersonYearClass) => personYear.count;
  const reports = ofYear.flatMap((personYear) =>
    personYear.reports.map((reporter) => ({ reporter, count: personYear.count })),
  );
  return canonicalCountedYear({
    year,
    byFormsAndSex: groupCounts(ofYear, ({ forms, sex }) => ({ forms, sex }), weight),
    byAgeNationalitiesAndSex: groupCounts(
      ofYear,
      ({ ageClass, nationalities, sex }) => ({ ...optional("ageClass", ageClass), nationalities, sex }),
      weight,
    ),
    byFirstOrganisationKind: groupCounts(
      ofYear,
      ({ firstOrganisationKind }) => ({ organisationKind: firstOrganisationKind }),
      weight,
    ),
    byPoliceRegion: groupCounts(ofYear, ({ policeRegion }) => optional("policeRegion", policeRegion), weight),
    labourBySectors: groupCounts(
      ofYear,
      ({ forms, sectors }) => (forms.includes("labour") ? { sectors } : undefined),
      weight,
    ),
    reports: groupCounts(
      reports,
      ({ reporter }) => reporter,
      (report) => report.count,
    ),
    ...(options.records === true
      ? {
          records: groupCounts(
            ofYear,
            ({ sex, ageClass, nationalities, country, forms }) => ({
              sex,
              ...optional("ageClass", ageClass),
              nationalities,
              ...optional("country", country),
              forms,
            }),
            weight,
          ),
        }
      : {}),
  });
};

/**
 * The counting rule in JavaScript, aggregated: the {@link CountedYear} of `year` from every registration. The
 * reference implementation of what the database computes (`StatisticsSource.countedYears`), and what the tables are
 * made of when a test or a caller has the registrations at hand.
 */
export const countedYearOf = (
  registrations: ReadonlyArray<CountableRegistration>,
  year: number,
  options: { readonly records?: boolean } = {},
): CountedYear => countedYearOfClasses(year, personYearClassesOf(registrations, year), options);

/** The persons counted: every person is in one group of `byFormsAndSex`. */
export const personsIn = (counted: CountedYear): number =>
  counted.byFormsAndSex.reduce((total, group) => total + group.count, 0);

/** The reports counted per organisation kind, every kind present (0 when none), in code-list order. */
export const reportsPerOrganisationKind = (counted: CountedYear): Record<OrganisationKind.OrganisationKind, number> => {
  const counts = new Map<string, number>();
  for (const report of counted.reports) {
    counts.set(report.organisationKind, (counts.get(report.organisationKind) ?? 0) + report.count);
  }
  return Object.fromEntries(OrganisationKind.codeList.codes.map((kind) => [kind, counts.get(kind) ?? 0])) as Record<
    OrganisationKind.OrganisationKind,
    number
  >;
};

/** A year in which nobody was counted. */
export const emptyYear = (year: number): CountedYear => countedYearOfClasses(year, []);

/**
 * The unit key of a class of person-years in a release ({@link Release.personYearUnit}'s family and year, then its
 * attributes): every release that counts the class gives it the same key, so releases can be checked together.
 */
export const classUnit = (personYear: PersonYearClass): string =>
  `registrations/${personYear.year}/${keyOf(withoutCount(personYear))}`;
