import type { Array as Arr } from "effect";
import type { Label } from "./CodeList.js";
import { type CountedYear, countedYearOf, personsIn } from "./CountedYear.js";
import type { CountableRegistration } from "./Counting.js";
import type * as EurostatCodes from "./EurostatCodes.js";
import type { ExploitationForm } from "./ExploitationForm.js";
import { isCountry, type Nationality } from "./Nationality.js";
import { type NationalityGroup, nationalityGroupOf } from "./NationalityGroup.js";
import type { Sex } from "./Sex.js";
import type { Category, CountTable } from "./StatTable.js";
import { additiveTwoWayTable, categoryAxis, countBy, crossCount, sum } from "./TableBuilder.js";

/** What the Eurostat breakdown of `year` is made from: the registrations of at least that year. */
export interface EurostatCrimThbInput {
  readonly year: number;
  readonly registrations: ReadonlyArray<CountableRegistration>;
}

/** Eurostat's `sex` codes of the categories ({@link EurostatCodes.sexCodes}); the total `T` is a table total. */
const sexCodes = [
  { code: "F", label: { nl: "Vrouw", en: "Females" } },
  { code: "M", label: { nl: "Man", en: "Males" } },
  { code: "UNK", label: { nl: "Onbekend", en: "Unknown" } },
] as const satisfies Arr.NonEmptyReadonlyArray<Category & { readonly code: EurostatCodes.SexCode }>;
type EurostatSex = (typeof sexCodes)[number]["code"];

/** Eurostat's `age` codes of the categories ({@link EurostatCodes.ageCodes}); the total `TOTAL` is a table total. */
const ageCodes = [
  { code: "Y_LT18", label: { nl: "Jonger dan 18 jaar", en: "Less than 18 years" } },
  { code: "Y_GE18", label: { nl: "18 jaar of ouder", en: "18 years or over" } },
  { code: "UNK", label: { nl: "Onbekend", en: "Unknown" } },
] as const satisfies Arr.NonEmptyReadonlyArray<Category & { readonly code: EurostatCodes.AgeCode }>;
type EurostatAge = (typeof ageCodes)[number]["code"];

/**
 * Eurostat's `citizen` codes of the categories ({@link EurostatCodes.citizenCodes}); the total `TOTAL` is a table
 * total. Stateless persons are `STLS`, apart from the non-EU countries, as in Eurostat's list.
 */
const citizenCodes = [
  { code: "NAT", label: { nl: "Nederlands (eigen land)", en: "Reporting country (Dutch)" } },
  {
    code: "EU27_2020_FOR",
    label: { nl: "Andere EU-lidstaat (EU27 2020)", en: "EU27 countries (from 2020) except reporting country" },
  },
  {
    code: "NEU27_2020_FOR",
    label: { nl: "Land buiten de EU (EU27 2020)", en: "Non-EU27 countries (from 2020) nor reporting country" },
  },
  { code: "STLS", label: { nl: "Staatloos", en: "Stateless" } },
  { code: "UNK", label: { nl: "Onbekend", en: "Unknown" } },
] as const satisfies Arr.NonEmptyReadonlyArray<Category & { readonly code: EurostatCodes.CitizenCode }>;
type EurostatCitizen = (typeof citizenCodes)[number]["code"];

/**
 * The forms of exploitation in Eurostat's three groups ({@link EurostatCodes.exploitationCodes}, whose codes are
 * unverified); the total `TOTAL` is a table total.
 */
const exploitationCodes = [
  { code: "SEX", label: { nl: "Seksuele uitbuiting", en: "Sexual exploitation" } },
  { code: "LAB", label: { nl: "Arbeidsuitbuiting", en: "Forced labour or services" } },
  {
    code: "OTH",
    label: {
      nl: "Overige vormen (criminele uitbuiting, gedwongen bedelarij, orgaanverwijdering, overig)",
      en: "Other forms (criminal exploitation, forced begging, organ removal, other)",
    },
  },
  { code: "UNK", label: { nl: "Onbekend", en: "Unknown" } },
] as const satisfies Arr.NonEmptyReadonlyArray<Category & { readonly code: EurostatCodes.ExploitationCode }>;
type EurostatExploitation = (typeof exploitationCodes)[number]["code"];

/** Our sex in Eurostat's encoding: `x` (the Dutch non-binary marker) has no Eurostat code and counts as `UNK`. */
export const eurostatSexOf = (sex: Sex): EurostatSex => {
  switch (sex) {
    case "female":
      return "F";
    case "male":
      return "M";
    case "x":
    case "unknown":
      return "UNK";
  }
};

/** An age in full years in Eurostat's encoding: under 18, 18 or over, or `UNK` when unknown. */
export const eurostatAgeOf = (age: number | undefined): EurostatAge =>
  age === undefined ? "UNK" : age < 18 ? "Y_LT18" : "Y_GE18";

/**
 * A person's citizenship in Eurostat's `citizen` encoding, from their nationality group and nationalities: a person
 * in our non-EU group with no country at all (only stateless) is `STLS`, since Eurostat counts stateless persons apart
 * from the non-EU countries; one with a non-EU country is `NEU27_2020_FOR` even if also marked stateless.
 */
export const eurostatCitizenOf = (
  group: NationalityGroup,
  nationalities: ReadonlyArray<Nationality>,
): EurostatCitizen => {
  switch (group) {
    case "dutch":
      return "NAT";
    case "other_eu":
      return "EU27_2020_FOR";
    case "non_eu":
      return nationalities.some(isCountry) ? "NEU27_2020_FOR" : "STLS";
    case "unknown":
      return "UNK";
  }
};

const exploitationOfForm = (form: ExploitationForm): EurostatExploitation | undefined => {
  switch (form) {
    case "sexual":
      return "SEX";
    case "labour":
      return "LAB";
    case "criminal":
    case "forced_begging":
    case "forced_marriage":
    case "organ_removal":
    case "other":
      return "OTH";
    case "unknown":
      return undefined;
  }
};

/**
 * A person's forms of exploitation in Eurostat's encoding, each code once: `SEX`, `LAB`, `OTH` (criminal
 * exploitation, forced begging, forced marriage, organ removal, other), and `UNK` only when no known form was reported.
 */
export const eurostatExploitationOf = (forms: ReadonlyArray<ExploitationForm>): ReadonlyArray<EurostatExploitation> => {
  const known = new Set(forms.flatMap((form) => exploitationOfForm(form) ?? []));
  return known.size === 0 ? ["UNK"] : exploitationCodes.map(({ code }) => code).filter((code) => known.has(code));
};

const sexAxis = categoryAxis("sex", { nl: "Geslacht (sex)", en: "Sex (sex)" }, sexCodes);

const sexOf = (group: { readonly sex: Sex }): EurostatSex => eurostatSexOf(group.sex);

const byCount = (group: { readonly count: number }): number => group.count;

/**
 * The Eurostat `crim_thb` breakdown of the registered (possible) victims of `year`: every person counted in the year
 * by the counting rule ({@link countPersons}), exact counts before disclosure control. Categories carry Eurostat's
 * dimension codes; totals (`T` for sex, `TOTAL` for age) are the tables' row and column totals, not categories.
 *
 * - `victims_by_sex_and_age`: `sex` (F, M, UNK) by `age` (Y_LT18, Y_GE18, UNK); additive both ways.
 * - `victims_by_citizenship_and_sex`: `citizen` (NAT Dutch, EU27_2020_FOR other EU, NEU27_2020_FOR non-EU country,
 *   STLS stateless, UNK) by `sex`; additive both ways. Citizenship follows our nationality groups, so a Dutch person
 *   with another nationality is NAT; see {@link eurostatCitizenOf}.
 * - `victims_by_exploitation_form_and_sex`: form (SEX, LAB, OTH, UNK; see {@link eurostatExploitationOf}) by `sex`.
 *   A person with several forms is in several rows, so the rows do not add up; the column totals and the grand total
 *   are the persons counted.
 *
 * Our sex `x` maps to `UNK` ({@link eurostatSexOf}). The codes are those of {@link EurostatCodes}, kept with their
 * sources in `docs/standards/eurostat-crim-thb/`; the ones marked unverified there (the exploitation codes, `UNK` for
 * sex and age, two dataflow ids) must be checked against Eurostat's current metadata before each delivery.
 */
export const eurostatCrimThbTables = (input: EurostatCrimThbInput): ReadonlyArray<CountTable> =>
  eurostatCrimThbTablesOf(countedYearOf(input.registrations, input.year));

/** The tables of {@link eurostatCrimThbTables}, from the persons counted in the year. */
export const eurostatCrimThbTablesOf = (counted: CountedYear): ReadonlyArray<CountTable> => {
  const sexes = sexCodes.map(({ code }) => code);
  const byForm = crossCount(
    exploitationCodes.map(({ code }) => code),
    sexes,
    counted.byFormsAndSex,
    (group) => eurostatExploitationOf(group.forms),
    sexOf,
    byCount,
  );
  const personsPerSex = countBy(sexes, counted.byFormsAndSex, (group) => [sexOf(group)], byCount);
  return [
    additiveTwoWayTable({
      id: "victims_by_sex_and_age",
      title: { nl: "Geregistreerde slachtoffers naar geslacht en leeftijd", en: "Registered victims by sex and age" },
      unit: "persons",
      rows: sexAxis,
      columns: categoryAxis("age", { nl: "Leeftijd (age)", en: "Age (age)" }, ageCodes),
      cells: crossCount(
        sexes,
        ageCodes.map(({ code }) => code),
        counted.byAgeNationalitiesAndSex,
        (group) => [sexOf(group)],
        (group) => eurostatAgeOf(group.ageClass),
        byCount,
      ),
    }),
    additiveTwoWayTable({
      id: "victims_by_citizenship_and_sex",
      title: {
        nl: "Geregistreerde slachtoffers naar staatsburgerschap en geslacht",
        en: "Registered victims by citizenship and sex",
      },
      unit: "persons",
      rows: categoryAxis("citizen", { nl: "Staatsburgerschap (citizen)", en: "Citizenship (citizen)" }, citizenCodes),
      columns: sexAxis,
      cells: crossCount(
        citizenCodes.map(({ code }) => code),
        sexes,
        counted.byAgeNationalitiesAndSex,
        (group) => [eurostatCitizenOf(nationalityGroupOf(group.nationalities), group.nationalities)],
        sexOf,
        byCount,
      ),
    }),
    {
      id: "victims_by_exploitation_form_and_sex",
      title: {
        nl: "Geregistreerde slachtoffers naar uitbuitingsvorm en geslacht",
        en: "Registered victims by form of exploitation and sex",
      },
      unit: "persons",
      rows: categoryAxis("exploitation_form", { nl: "Uitbuitingsvorm", en: "Form of exploitation" }, exploitationCodes),
      columns: sexAxis,
      cells: byForm,
      rowTotals: byForm.map(sum),
      columnTotals: personsPerSex,
      grandTotal: personsIn(counted),
      rowsAdd: false,
      columnsAdd: true,
    },
  ];
};

/**
 * The Eurostat dataflow (dataset) each table of {@link eurostatCrimThbTables} is delivered as. Only `CRIM_THB_VSAGE`
 * is confirmed by Eurostat's metadata; see {@link EurostatCodes.dataflowCodes}.
 */
export const eurostatDataflows = {
  victims_by_sex_and_age: "CRIM_THB_VSAGE",
  victims_by_citizenship_and_sex: "CRIM_THB_VCTZ",
  victims_by_exploitation_form_and_sex: "CRIM_THB_VEXP",
} as const satisfies { readonly [tableId: string]: EurostatCodes.DataflowCode };

/** The title of the Eurostat breakdown of `year`. */
export const eurostatCrimThbTitle = (year: number): Label => ({
  nl: `Eurostat crim_thb: geregistreerde slachtoffers van mensenhandel ${year}`,
  en: `Eurostat crim_thb: registered victims of trafficking in human beings ${year}`,
});

/** The notes of the Eurostat breakdown: who is counted, how our codes map onto Eurostat's, and what to check. */
export const eurostatCrimThbNotes: ReadonlyArray<Label> = [
  {
    nl: "Geteld zijn de mogelijke slachtoffers die CoMensha in het jaar registreerde, elke persoon één keer, ook als meer organisaties hem of haar meldden; ingetrokken en afgewezen meldingen tellen niet mee.",
    en: "Counted are the possible (presumed) victims CoMensha registered in the year, each person once however many organisations reported them; withdrawn and rejected reports do not count.",
  },
  {
    nl: "Geslacht X (de Nederlandse niet-binaire aanduiding) heeft geen Eurostat-code en telt als UNK; de leeftijd is die op de eerste melding van het jaar.",
    en: "Sex X (the Dutch non-binary marker) has no Eurostat code and counts as UNK; the age is the age on the first report of the year.",
  },
  {
    nl: "Staatsburgerschap: NAT is Nederlands (ook met een tweede nationaliteit), EU27_2020_FOR een andere EU-lidstaat, NEU27_2020_FOR een land buiten de EU, STLS staatloos (zoals Eurostat staatlozen apart telt); uitbuiting OTH omvat criminele uitbuiting, gedwongen bedelarij, gedwongen huwelijk, orgaanverwijdering en overige vormen, en wie meer vormen heeft telt bij elk ervan.",
    en: "Citizenship: NAT is Dutch (also with a second nationality), EU27_2020_FOR another EU member state, NEU27_2020_FOR a country outside the EU, STLS stateless (as Eurostat counts stateless persons apart); exploitation OTH covers criminal exploitation, forced begging, forced marriage, organ removal and other forms, and a person with several forms counts under each.",
  },
  {
    nl: "De codes volgen de crim_thb-tabellen van Eurostat zoals vastgelegd in docs/standards/eurostat-crim-thb; de codes die daar als niet geverifieerd staan (de uitbuitingsvormen, UNK voor geslacht en leeftijd, twee datasetnamen) moeten vóór elke levering tegen de actuele metadata van Eurostat worden gecontroleerd.",
    en: "The codes follow Eurostat's crim_thb tables as recorded in docs/standards/eurostat-crim-thb; the codes marked unverified there (the forms of exploitation, UNK for sex and age, two dataset ids) must be checked against Eurostat's current metadata before each delivery.",
  },
];
