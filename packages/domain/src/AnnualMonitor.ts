import { Array as Arr } from "effect";
import * as AgeGroup from "./AgeGroup.js";
import type { Label } from "./CodeList.js";
import {
  type AgeNationalitiesAndSex,
  type CountedYear,
  countedYearOf,
  personsIn,
  type Reporter,
  reportsPerOrganisationKind,
} from "./CountedYear.js";
import type { CountableRegistration, ReportsPerOrganisationKind } from "./Counting.js";
import * as ExploitationForm from "./ExploitationForm.js";
import * as Nationality from "./Nationality.js";
import * as NationalityGroup from "./NationalityGroup.js";
import * as OrganisationKind from "./OrganisationKind.js";
import * as PoliceRegion from "./PoliceRegion.js";
import * as Sector from "./Sector.js";
import * as Sex from "./Sex.js";
import type { Axis, Category, CountTable } from "./StatTable.js";
import {
  additiveComparisonTable,
  additiveOneWayTable,
  additiveTwoWayTable,
  categoryAxis,
  codeAxis,
  codeCategories,
  comparisonTable,
  countBy,
  crossCount,
  measureAxis,
  oneWayTable,
} from "./TableBuilder.js";

/** What the annual monitor of `year` is made from: the registrations of at least `year` and `year - 1`. */
export interface AnnualMonitorInput {
  readonly year: number;
  readonly registrations: ReadonlyArray<CountableRegistration>;
  /**
   * The nationalities `persons_top_nationalities` names, most frequent first; absent to take the
   * {@link topNationalityCount} most frequent of these registrations. An earlier release's are given to take it
   * apart by person ({@link annualMonitorTopNationalities}).
   */
  readonly topNationalities?: ReadonlyArray<Nationality.Nationality>;
}

/**
 * What the annual monitor of `year` is made from, aggregated: the persons and reports counted in `year - 1` and in
 * `year`, as the database counts them (`StatisticsSource.countedYears`) or {@link countedYearOf} does.
 */
export interface AnnualMonitorCounts {
  readonly year: number;
  readonly counts: readonly [previous: CountedYear, current: CountedYear];
  /** As {@link AnnualMonitorInput.topNationalities}. */
  readonly topNationalities?: ReadonlyArray<Nationality.Nationality>;
}

/** How many nationalities `persons_top_nationalities` names before it groups the rest as `other`. */
export const topNationalityCount = 10;

const withLast = <A>(items: ReadonlyArray<A>, last: A): Arr.NonEmptyReadonlyArray<A> => {
  const [first, ...rest] = items;
  return first === undefined ? [last] : [first, ...rest, last];
};

const yearAxis = (years: Arr.NonEmptyReadonlyArray<number>): Axis =>
  categoryAxis(
    "year",
    { nl: "Jaar", en: "Year" },
    Arr.map(years, (year) => ({ code: String(year), label: { nl: String(year), en: String(year) } })),
  );

const axisTitles = {
  exploitationForm: { nl: "Uitbuitingsvorm", en: "Form of exploitation" },
  sex: { nl: "Geslacht", en: "Sex" },
  ageGroup: { nl: "Leeftijdsgroep", en: "Age group" },
  nationalityGroup: { nl: "Nationaliteitsgroep", en: "Nationality group" },
  organisationKind: { nl: "Soort organisatie", en: "Kind of organisation" },
  policeRegion: { nl: "Politie-eenheid", en: "Police region" },
  nationality: { nl: "Nationaliteit", en: "Nationality" },
} as const satisfies Record<string, Label>;

const byCount = (group: { readonly count: number }): number => group.count;

const personsByExploitationForm = (counted: CountedYear): CountTable =>
  oneWayTable({
    id: "persons_by_exploitation_form",
    title: {
      nl: "Mogelijke slachtoffers naar uitbuitingsvorm",
      en: "Possible victims by form of exploitation",
    },
    unit: "persons",
    rows: codeAxis(ExploitationForm.codeList, axisTitles.exploitationForm),
    counts: countBy(ExploitationForm.codeList.codes, counted.byFormsAndSex, (group) => group.forms, byCount),
    rowsAdd: false,
    total: personsIn(counted),
  });

/**
 * The forms as the National Rapporteur (Nationaal Rapporteur Mensenhandel) groups them in its monitors: sexual
 * exploitation; labour exploitation including criminal exploitation (the Rapporteur counts forced criminal activity
 * as exploitation of labour, "arbeidsuitbuiting inclusief criminele uitbuiting"); and other exploitation (forced
 * begging, forced marriage, organ removal and other forms). A person counts in each group of their forms.
 */
const nrmGroups = [
  {
    code: "sexual",
    label: { nl: "Seksuele uitbuiting", en: "Sexual exploitation" },
    forms: ["sexual"],
  },
  {
    code: "labour_incl_criminal",
    label: {
      nl: "Arbeidsuitbuiting, inclusief criminele uitbuiting",
      en: "Labour exploitation, including criminal exploitation",
    },
    forms: ["labour", "criminal"],
  },
  {
    code: "other",
    label: { nl: "Overige uitbuiting", en: "Other exploitation" },
    forms: ["forced_begging", "forced_marriage", "organ_removal", "other"],
  },
  {
    code: "unknown",
    label: { nl: "Onbekend", en: "Unknown" },
    forms: ["unknown"],
  },
] as const satisfies ReadonlyArray<Category & { readonly forms: ReadonlyArray<ExploitationForm.ExploitationForm> }>;

const nrmGroupsOf = (
  forms: ReadonlyArray<ExploitationForm.ExploitationForm>,
): ReadonlyArray<(typeof nrmGroups)[number]["code"]> => {
  const groups = nrmGroups
    .filter((group) => group.code !== "unknown" && group.forms.some((form) => forms.includes(form)))
    .map((group) => group.code);
  return groups.length === 0 ? ["unknown"] : groups;
};

const personsByNrmForm = (counted: CountedYear): CountTable =>
  oneWayTable({
    id: "persons_by_nrm_form",
    title: {
      nl: "Mogelijke slachtoffers naar uitbuitingsvorm zoals de Nationaal Rapporteur die indeelt",
      en: "Possible victims by form of exploitation as the National Rapporteur groups them",
    },
    unit: "persons",
    rows: categoryAxis(
      "nrm_form",
      axisTitles.exploitationForm,
      Arr.map(nrmGroups, ({ code, label }): Category => ({ code, label })),
    ),
    counts: countBy(
      nrmGroups.map((group) => group.code),
      counted.byFormsAndSex,
      (group) => nrmGroupsOf(group.forms),
      byCount,
    ),
    rowsAdd: false,
    total: personsIn(counted),
  });

/**
 * The reporting units of the reports: the police by unit (eenheid) of the reporting organisation, the Royal
 * Marechaussee and the Labour Inspectorate nationally, every other organisation together. The KMar has no regional
 * districts since 2016: its Landelijk Tactisch Commando deploys its brigades nationwide (defensie.nl, "Organisatie
 * marechaussee"); the Labour Inspectorate investigates trafficking centrally.
 */
const reportingUnits: Arr.NonEmptyReadonlyArray<Category> = [
  ...Arr.map(
    PoliceRegion.codeList.codes,
    (region): Category => ({
      code: `police_${region}`,
      label: {
        nl: `Politie, eenheid ${PoliceRegion.codeList.labels[region].nl}`,
        en: `Police, unit ${PoliceRegion.codeList.labels[region].en}`,
      },
    }),
  ),
  { code: "police_without_unit", label: { nl: "Politie, eenheid niet vastgelegd", en: "Police, unit not recorded" } },
  { code: "kmar", label: { nl: "Koninklijke Marechaussee (landelijk)", en: "Royal Marechaussee (national)" } },
  {
    code: "labour_inspectorate",
    label: { nl: "Nederlandse Arbeidsinspectie (landelijk)", en: "Netherlands Labour Authority (national)" },
  },
  { code: "other", label: { nl: "Andere meldende organisaties", en: "Other reporting organisations" } },
];

const reportingUnitOf = (registration: Reporter): string => {
  switch (registration.organisationKind) {
    case "police":
      return registration.organisationRegion === undefined
        ? "police_without_unit"
        : `police_${registration.organisationRegion}`;
    case "kmar":
    case "labour_inspectorate":
      return registration.organisationKind;
    default:
      return "other";
  }
};

const reportsByReportingUnit = (counted: CountedYear): CountTable =>
  additiveOneWayTable({
    id: "reports_by_reporting_unit",
    title: {
      nl: "Meldingen naar meldende eenheid (politie-eenheid, KMar, Arbeidsinspectie)",
      en: "Reports by reporting unit (police unit, KMar, Labour Authority)",
    },
    unit: "reports",
    rows: categoryAxis("reporting_unit", { nl: "Meldende eenheid", en: "Reporting unit" }, reportingUnits),
    counts: countBy(
      reportingUnits.map((unit) => unit.code),
      counted.reports,
      (report) => [reportingUnitOf(report)],
      byCount,
    ),
  });

const personsBySector = (counted: CountedYear): CountTable =>
  oneWayTable({
    id: "persons_by_sector",
    title: {
      nl: "Mogelijke slachtoffers van arbeidsuitbuiting naar sector",
      en: "Possible victims of labour exploitation by sector",
    },
    unit: "persons",
    rows: codeAxis(Sector.codeList, { nl: "Sector", en: "Sector" }),
    counts: countBy(Sector.codeList.codes, counted.labourBySectors, (group) => group.sectors, byCount),
    rowsAdd: false,
    total: counted.labourBySectors.reduce((total, group) => total + group.count, 0),
  });

const personsBySex = (counted: CountedYear): CountTable =>
  additiveOneWayTable({
    id: "persons_by_sex",
    title: { nl: "Mogelijke slachtoffers naar geslacht", en: "Possible victims by sex" },
    unit: "persons",
    rows: codeAxis(Sex.codeList, axisTitles.sex),
    counts: countBy(Sex.codeList.codes, counted.byFormsAndSex, (group) => [group.sex], byCount),
  });

const personsByAgeGroupAndNationalityGroup = (counted: CountedYear): CountTable =>
  additiveTwoWayTable({
    id: "persons_by_age_group_and_nationality_group",
    title: {
      nl: "Mogelijke slachtoffers naar leeftijdsgroep en nationaliteitsgroep",
      en: "Possible victims by age group and nationality group",
    },
    unit: "persons",
    rows: codeAxis(AgeGroup.codeList, axisTitles.ageGroup),
    columns: codeAxis(NationalityGroup.codeList, axisTitles.nationalityGroup),
    cells: crossCount(
      AgeGroup.codeList.codes,
      NationalityGroup.codeList.codes,
      counted.byAgeNationalitiesAndSex,
      (group) => [AgeGroup.ageGroupOf(group.ageClass)],
      (group) => NationalityGroup.nationalityGroupOf(group.nationalities),
      byCount,
    ),
  });

const personsByFirstOrganisationKind = (counted: CountedYear): CountTable =>
  additiveOneWayTable({
    id: "persons_by_first_organisation_kind",
    title: {
      nl: "Mogelijke slachtoffers naar soort eerste meldende organisatie van het jaar",
      en: "Possible victims by kind of the first reporting organisation of the year",
    },
    unit: "persons",
    rows: codeAxis(OrganisationKind.codeList, axisTitles.organisationKind),
    counts: countBy(
      OrganisationKind.codeList.codes,
      counted.byFirstOrganisationKind,
      (group) => [group.organisationKind],
      byCount,
    ),
  });

const noPoliceRegion: Category = { code: "none", label: { nl: "Geen / buitenland", en: "None / abroad" } };

const personsByPoliceRegion = (counted: CountedYear): CountTable => {
  const codes = [...PoliceRegion.codeList.codes, noPoliceRegion.code];
  return additiveOneWayTable({
    id: "persons_by_police_region",
    title: {
      nl: "Mogelijke slachtoffers naar politie-eenheid van de eerste melding van het jaar",
      en: "Possible victims by police region of the first report of the year",
    },
    unit: "persons",
    rows: categoryAxis(PoliceRegion.codeList.id, axisTitles.policeRegion, [
      ...codeCategories(PoliceRegion.codeList),
      noPoliceRegion,
    ]),
    counts: countBy(codes, counted.byPoliceRegion, (group) => [group.policeRegion ?? noPoliceRegion.code], byCount),
  });
};

const otherNationalities: Category = {
  code: "other",
  label: { nl: "Overige nationaliteiten", en: "Other nationalities" },
};

const knownNationalitiesOf = (group: AgeNationalitiesAndSex): ReadonlyArray<Nationality.Nationality> =>
  group.nationalities.filter((nationality) => nationality !== "unknown");

const personsWhere = (counted: CountedYear, predicate: (group: AgeNationalitiesAndSex) => boolean): number =>
  counted.byAgeNationalitiesAndSex.reduce((total, group) => (predicate(group) ? total + group.count : total), 0);

const mostFrequentNationalities = (counted: CountedYear): ReadonlyArray<Nationality.Nationality> => {
  const counts = new Map<Nationality.Nationality, number>();
  for (const group of counted.byAgeNationalitiesAndSex) {
    for (const nationality of new Set(knownNationalitiesOf(group))) {
      counts.set(nationality, (counts.get(nationality) ?? 0) + group.count);
    }
  }
  return [...counts.entries()]
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, topNationalityCount)
    .map(([nationality]) => nationality);
};

const personsTopNationalities = (
  counted: CountedYear,
  chosen: ReadonlyArray<Nationality.Nationality> = mostFrequentNationalities(counted),
): CountTable => {
  const top = chosen.map(
    (nationality) =>
      [nationality, personsWhere(counted, (group) => knownNationalitiesOf(group).includes(nationality))] as const,
  );
  const isTop = new Set(top.map(([nationality]) => nationality));
  return oneWayTable({
    id: "persons_top_nationalities",
    title: {
      nl: `Mogelijke slachtoffers naar nationaliteit: de ${topNationalityCount} meest voorkomende`,
      en: `Possible victims by nationality: the ${topNationalityCount} most frequent`,
    },
    unit: "persons",
    rows: categoryAxis(
      Nationality.codeList.id,
      axisTitles.nationality,
      withLast([...top.map(([code]) => ({ code, label: Nationality.codeList.labels[code] })), otherNationalities], {
        code: "unknown",
        label: Nationality.codeList.labels.unknown,
      }),
    ),
    counts: [
      ...top.map(([, count]) => count),
      personsWhere(counted, (group) => knownNationalitiesOf(group).some((nationality) => !isTop.has(nationality))),
      personsWhere(counted, (group) => knownNationalitiesOf(group).length === 0),
    ],
    rowsAdd: false,
    total: personsIn(counted),
  });
};

const reportCountsOf = (reports: ReportsPerOrganisationKind): ReadonlyArray<number> =>
  OrganisationKind.codeList.codes.map((kind) => reports[kind]);

const reportsByOrganisationKind = (reports: ReportsPerOrganisationKind): CountTable =>
  additiveOneWayTable({
    id: "reports_by_organisation_kind",
    title: { nl: "Meldingen naar soort meldende organisatie", en: "Reports by kind of reporting organisation" },
    unit: "reports",
    rows: codeAxis(OrganisationKind.codeList, axisTitles.organisationKind),
    counts: reportCountsOf(reports),
  });

const personsByExploitationFormYearOnYear = (
  years: readonly [number, number],
  counts: readonly [CountedYear, CountedYear],
): CountTable =>
  comparisonTable({
    id: "persons_by_exploitation_form_year_on_year",
    title: {
      nl: "Mogelijke slachtoffers naar uitbuitingsvorm, vergeleken met het vorige jaar",
      en: "Possible victims by form of exploitation, compared with the previous year",
    },
    unit: "persons",
    rows: codeAxis(ExploitationForm.codeList, axisTitles.exploitationForm),
    columns: yearAxis(years),
    counts: counts.map((ofYear) =>
      countBy(ExploitationForm.codeList.codes, ofYear.byFormsAndSex, (group) => group.forms, byCount),
    ),
    rowsAdd: false,
    totals: counts.map(personsIn),
  });

const personsYearOnYear = (
  years: readonly [number, number],
  counts: readonly [CountedYear, CountedYear],
): CountTable => ({
  id: "persons_year_on_year",
  title: {
    nl: "Mogelijke slachtoffers, vergeleken met het vorige jaar",
    en: "Possible victims, compared with the previous year",
  },
  unit: "persons",
  rows: measureAxis("persons"),
  columns: yearAxis(years),
  cells: [[personsIn(counts[0]), personsIn(counts[1])]],
  rowsAdd: true,
  columnsAdd: false,
});

const reportsYearOnYear = (
  years: readonly [number, number],
  reports: readonly [ReportsPerOrganisationKind, ReportsPerOrganisationKind],
): CountTable =>
  additiveComparisonTable({
    id: "reports_year_on_year",
    title: {
      nl: "Meldingen naar soort meldende organisatie, vergeleken met het vorige jaar",
      en: "Reports by kind of reporting organisation, compared with the previous year",
    },
    unit: "reports",
    rows: codeAxis(OrganisationKind.codeList, axisTitles.organisationKind),
    columns: yearAxis(years),
    counts: reports.map(reportCountsOf),
  });

/**
 * The tables of the annual monitor (jaarmonitor) of `year`, exact counts before disclosure control, in this order:
 *
 * - `persons_by_exploitation_form`: persons per form; a person with several forms is in several rows, so the rows do
 *   not add up (`rowsAdd: false`) and the grand total is the number of persons counted.
 * - `persons_by_sex`, `persons_by_first_organisation_kind` (the kind of the first reporting organisation of the year),
 *   `persons_by_police_region` (the region of the first report of the year, `none` when it has none, e.g. abroad):
 *   one row per person, totals are sums.
 * - `persons_by_age_group_and_nationality_group`: age groups by nationality groups, additive both ways, with row,
 *   column and grand totals.
 * - `persons_top_nationalities`: the {@link topNationalityCount} most frequent nationalities (most persons first, ties
 *   by code), then `other` (persons with a nationality outside those) and `unknown`. A person with several
 *   nationalities is in each of their rows, so the rows do not add up; the grand total is the number of persons.
 * - `reports_by_organisation_kind`: registrations per organisation kind; a person reported three times is three
 *   reports here and one person in the tables above.
 * - `persons_by_exploitation_form_year_on_year`, `persons_year_on_year`, `reports_year_on_year`: `year - 1` against
 *   `year`. A person can be counted in both years, so nothing is summed across the years; the column totals of the
 *   table by form are the persons counted in each year.
 * - `persons_by_nrm_form`: the forms grouped as the National Rapporteur groups them ({@link nrmGroups}): sexual,
 *   labour including criminal exploitation, other, unknown (no known form). A person is in each group of their
 *   forms, so the rows do not add up.
 * - `persons_by_sector`: the persons exploited for their labour by the sector of their exploitation ({@link Sector}),
 *   `unknown` where a report of labour exploitation named none. A person is in each sector reported in the year,
 *   so the rows do not add up; the total is the persons exploited for their labour.
 * - `reports_by_reporting_unit`: the registrations of the year by the unit that reported them
 *   ({@link reportingUnits}): the police unit of a police organisation, KMar and the Labour Inspectorate nationally,
 *   the other organisations together; beside `persons_by_police_region`, the region of the exploitation.
 *
 * Persons and reports are counted by the counting rule ({@link countPersons}, {@link countReports}), so withdrawn and
 * rejected registrations never count, and the same registrations always give the same tables. This computes the
 * rule in JavaScript ({@link countedYearOf}); report production gives {@link annualMonitorTablesOf} the same counts
 * from the database.
 */
export const annualMonitorTables = (input: AnnualMonitorInput): ReadonlyArray<CountTable> =>
  annualMonitorTablesOf({
    year: input.year,
    counts: [countedYearOf(input.registrations, input.year - 1), countedYearOf(input.registrations, input.year)],
    ...(input.topNationalities === undefined ? {} : { topNationalities: input.topNationalities }),
  });

/** The tables of {@link annualMonitorTables}, from the persons and reports counted in the year and the one before. */
export const annualMonitorTablesOf = (input: AnnualMonitorCounts): ReadonlyArray<CountTable> => {
  const years = [input.year - 1, input.year] as const;
  const reports = [reportsPerOrganisationKind(input.counts[0]), reportsPerOrganisationKind(input.counts[1])] as const;
  const ofYear = input.counts[1];
  return [
    personsByExploitationForm(ofYear),
    personsBySex(ofYear),
    personsByAgeGroupAndNationalityGroup(ofYear),
    personsByFirstOrganisationKind(ofYear),
    personsByPoliceRegion(ofYear),
    personsTopNationalities(ofYear, input.topNationalities),
    reportsByOrganisationKind(reports[1]),
    personsByExploitationFormYearOnYear(years, input.counts),
    personsYearOnYear(years, input.counts),
    reportsYearOnYear(years, reports),
    personsByNrmForm(ofYear),
    personsBySector(ofYear),
    reportsByReportingUnit(ofYear),
  ];
};

/** The nationalities a published annual monitor names in `persons_top_nationalities`, most frequent first. */
export const annualMonitorTopNationalities = (
  tables: ReadonlyArray<{ readonly id: string; readonly rows: Axis }>,
): ReadonlyArray<Nationality.Nationality> =>
  (tables.find((table) => table.id === "persons_top_nationalities")?.rows.categories ?? [])
    .map((category) => category.code)
    .filter((code): code is Nationality.Nationality => code !== "other" && code !== "unknown");

/** The title of the annual monitor of `year`. */
export const annualMonitorTitle = (year: number): Label => ({
  nl: `Jaarmonitor mogelijke slachtoffers van mensenhandel ${year}`,
  en: `Annual monitor of possible victims of human trafficking ${year}`,
});

/** The notes every annual monitor carries: the counting rule, and why some totals are not the sum of their rows. */
export const annualMonitorNotes: ReadonlyArray<Label> = [
  {
    nl: "Een persoon telt één keer mee in een jaar als ten minste één melding over die persoon in dat jaar is gedaan en niet is ingetrokken of afgewezen; leeftijd, eerste meldende organisatie en politie-eenheid komen uit de eerste melding van het jaar, de uitbuitingsvormen uit alle meldingen van het jaar.",
    en: "A person counts once in a year when at least one report of them was made in that year and was not withdrawn or rejected; their age, first reporting organisation and police region come from the first report of the year, their forms of exploitation from all reports of the year.",
  },
  {
    nl: "Meldingen worden per meldende organisatie geteld: een persoon die door drie organisaties is gemeld, telt als één persoon en als drie meldingen.",
    en: "Reports are counted per reporting organisation: a person reported by three organisations counts as one person and as three reports.",
  },
  {
    nl: "Een persoon met meer uitbuitingsvormen of nationaliteiten telt bij elk daarvan mee; het totaal van die tabellen is het aantal personen, niet de som van de rijen.",
    en: "A person with several forms of exploitation or nationalities counts under each of them; the total of those tables is the number of persons, not the sum of the rows.",
  },
];
