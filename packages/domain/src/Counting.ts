import { Schema } from "effect";
import * as AgeGroup from "./AgeGroup.js";
import { CountryCode } from "./Country.js";
import * as ExploitationForm from "./ExploitationForm.js";
import * as IsoDate from "./IsoDate.js";
import { Nationality } from "./Nationality.js";
import * as NationalityGroup from "./NationalityGroup.js";
import * as OrganisationKind from "./OrganisationKind.js";
import { PoliceRegion } from "./PoliceRegion.js";
import { Sector, codeList as sectorCodeList } from "./Sector.js";
import { Sex } from "./Sex.js";

/**
 * What the counting rule needs of one registration: its facts as reported, with `personId` already resolved to the
 * surviving person after merges. Carries no direct identifiers.
 */
export const CountableRegistration = Schema.Struct({
  registrationId: Schema.String,
  personId: Schema.String,
  organisationId: Schema.String,
  organisationKind: OrganisationKind.OrganisationKind,
  /** The region of the reporting organisation: for the police, its unit (eenheid). */
  organisationRegion: Schema.optionalKey(PoliceRegion),
  reportedOn: IsoDate.IsoDate,
  status: Schema.Literals(["received", "registered", "withdrawn", "rejected"]),
  forms: Schema.Array(ExploitationForm.ExploitationForm),
  sex: Sex,
  dateOfBirth: Schema.optionalKey(IsoDate.IsoDate),
  birthYear: Schema.optionalKey(Schema.Int),
  nationalities: Schema.Array(Nationality),
  policeRegion: Schema.optionalKey(PoliceRegion),
  /** The country of exploitation. */
  country: Schema.optionalKey(CountryCode),
  /** The sector of labour exploitation, when registered. */
  sector: Schema.optionalKey(Sector),
});
export type CountableRegistration = typeof CountableRegistration.Type;

/**
 * One person as counted in a year, with the attributes the annual statistics use. `first*`, `age`, `policeRegion`
 * and `country` come from the person's first report of the year; see {@link countPersons}.
 */
export const CountedPerson = Schema.Struct({
  personId: Schema.String,
  year: Schema.Int,
  firstRegistrationId: Schema.String,
  firstReportedOn: IsoDate.IsoDate,
  firstOrganisationId: Schema.String,
  firstOrganisationKind: OrganisationKind.OrganisationKind,
  /** Age in full years on the first report of the year; absent when unknown. */
  age: Schema.optionalKey(Schema.Int),
  ageGroup: AgeGroup.AgeGroup,
  sex: Sex,
  /** Known nationalities, in the reporter's order, or `["unknown"]`. */
  nationalities: Schema.Array(Nationality),
  nationalityGroup: NationalityGroup.NationalityGroup,
  /** Union of the forms reported in the year, in code-list order. */
  forms: Schema.Array(ExploitationForm.ExploitationForm),
  /**
   * Union of the sectors of labour exploitation reported in the year, in code-list order; `unknown` when labour
   * exploitation was reported without a sector. Empty when no labour exploitation was reported.
   */
  sectors: Schema.Array(Sector),
  policeRegion: Schema.optionalKey(PoliceRegion),
  /** The country of exploitation. */
  country: Schema.optionalKey(CountryCode),
  /** The number of the person's registrations counted in the year. */
  reportCount: Schema.Int,
});
export type CountedPerson = typeof CountedPerson.Type;

/** The number of registrations counted in a year per organisation kind, every kind present (0 when none). */
export const ReportsPerOrganisationKind = Schema.Record(OrganisationKind.OrganisationKind, Schema.Int);
export type ReportsPerOrganisationKind = typeof ReportsPerOrganisationKind.Type;

/**
 * Whether a registration counts in `year`: it was reported in that year and is received or registered. Withdrawn and
 * rejected registrations never count.
 */
export const isCountedIn = (registration: CountableRegistration, year: number): boolean =>
  (registration.status === "received" || registration.status === "registered") &&
  IsoDate.yearOf(registration.reportedOn) === year;

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Earliest report first; on the same day the lower registration id (UUIDv7, so the one created first). */
const compareReports = (a: CountableRegistration, b: CountableRegistration): number =>
  IsoDate.compare(a.reportedOn, b.reportedOn) || compareStrings(a.registrationId, b.registrationId);

const hasBirth = (report: CountableRegistration): boolean =>
  report.dateOfBirth !== undefined || report.birthYear !== undefined;

const knownNationalitiesOf = (report: CountableRegistration): ReadonlyArray<Nationality> => [
  ...new Set(report.nationalities.filter((nationality) => nationality !== "unknown")),
];

const countPerson = (
  year: number,
  first: CountableRegistration,
  reports: ReadonlyArray<CountableRegistration>,
): CountedPerson => {
  const sex = reports.find((report) => report.sex !== "unknown")?.sex ?? "unknown";
  const birth = reports.find(hasBirth);
  const age = birth === undefined ? undefined : AgeGroup.ageOn(birth, first.reportedOn);
  const withNationality = reports.find((report) => knownNationalitiesOf(report).length > 0);
  const nationalities: ReadonlyArray<Nationality> =
    withNationality === undefined ? ["unknown"] : knownNationalitiesOf(withNationality);
  const reportedForms = new Set(reports.flatMap((report) => report.forms));
  const reportedSectors = new Set(
    reports.flatMap((report) => (report.forms.includes("labour") ? [report.sector ?? "unknown"] : [])),
  );
  return {
    personId: first.personId,
    year,
    firstRegistrationId: first.registrationId,
    firstReportedOn: first.reportedOn,
    firstOrganisationId: first.organisationId,
    firstOrganisationKind: first.organisationKind,
    ...(age === undefined ? {} : { age }),
    ageGroup: AgeGroup.ageGroupOf(age),
    sex,
    nationalities,
    nationalityGroup: NationalityGroup.nationalityGroupOf(nationalities),
    forms: ExploitationForm.codeList.codes.filter((form) => reportedForms.has(form)),
    sectors: sectorCodeList.codes.filter((sector) => reportedSectors.has(sector)),
    ...(first.policeRegion === undefined ? {} : { policeRegion: first.policeRegion }),
    ...(first.country === undefined ? {} : { country: first.country }),
    reportCount: reports.length,
  };
};

/**
 * The counting rule: the persons counted in `year`, one entry per person, sorted by `personId`.
 *
 * A person counts once in a year when at least one of their registrations counts in it ({@link isCountedIn}),
 * however many organisations reported them. Their first report of the year is the earliest `reportedOn`, ties going
 * to the lowest `registrationId`; it gives the first organisation (id and kind), the date the age is taken on, the
 * police region and the country of exploitation. The forms are the union of the forms of all their reports of the
 * year, and so are the sectors of their reports of labour exploitation (`unknown` for one without a sector).
 *
 * Reporters may disagree on sex, birth and nationalities. Each is taken from the first report of the year (in the
 * same order) that knows it: sex other than `unknown`; a date of birth or a birth year (both from the same report);
 * at least one nationality other than `unknown`. When no report of the year knows it, it is unknown. Reports from
 * other years are not consulted, so a year's figures do not change when a later year's report comes in.
 */
export const countPersons = (
  registrations: ReadonlyArray<CountableRegistration>,
  year: number,
): ReadonlyArray<CountedPerson> => {
  const reportsByPerson = new Map<string, Array<CountableRegistration>>();
  for (const registration of registrations) {
    if (!isCountedIn(registration, year)) continue;
    const reports = reportsByPerson.get(registration.personId);
    if (reports === undefined) reportsByPerson.set(registration.personId, [registration]);
    else reports.push(registration);
  }
  return [...reportsByPerson.keys()].sort(compareStrings).flatMap((personId) => {
    const reports = (reportsByPerson.get(personId) ?? []).toSorted(compareReports);
    const [first] = reports;
    return first === undefined ? [] : [countPerson(year, first, reports)];
  });
};

/**
 * The number of registrations counted in `year` ({@link isCountedIn}) per organisation kind. A person reported by
 * three organisations is one person in {@link countPersons} and three reports here, so reports outnumber persons.
 */
export const countReports = (
  registrations: ReadonlyArray<CountableRegistration>,
  year: number,
): ReportsPerOrganisationKind => {
  const counts = new Map<OrganisationKind.OrganisationKind, number>();
  for (const registration of registrations) {
    if (isCountedIn(registration, year)) {
      counts.set(registration.organisationKind, (counts.get(registration.organisationKind) ?? 0) + 1);
    }
  }
  return Object.fromEntries(
    OrganisationKind.codeList.codes.map((kind) => [kind, counts.get(kind) ?? 0]),
  ) as ReportsPerOrganisationKind;
};
