import type { Label } from "./CodeList.js";
import type { CountedYear } from "./CountedYear.js";
import type { CountedPerson } from "./Counting.js";
import { isEuMember } from "./Country.js";
import { protect } from "./Disclosure.js";
import type { DisclosurePolicy } from "./DisclosurePolicy.js";
import type { ExploitationForm } from "./ExploitationForm.js";
import * as HtcdsStandard from "./HtcdsStandard.js";
import { isCountry, type Nationality } from "./Nationality.js";
import type { RecordField, RecordSet } from "./Report.js";
import type { Sex } from "./Sex.js";
import type { CountTable, PublishedTable } from "./StatTable.js";
import { categoryAxis, measureAxis } from "./TableBuilder.js";

const fieldList = [
  { name: "ext_RegistrationYear", label: { nl: "Registratiejaar", en: "Year of registration" } },
  { name: "prs_Gender", label: { nl: "Gender", en: "Gender" } },
  { name: "ext_AgeBroad", label: { nl: "Leeftijdsklasse", en: "Age band" } },
  { name: "ext_MajorityStatus", label: { nl: "Meerderjarigheid", en: "Majority status" } },
  { name: "prs_Citizenship", label: { nl: "Nationaliteit", en: "Citizenship" } },
  { name: "ext_CitizenshipGroup", label: { nl: "Nationaliteitsgroep", en: "Citizenship group" } },
  { name: "hte_Type", label: { nl: "Soort gebeurtenis", en: "Kind of event" } },
  { name: "hte_Country", label: { nl: "Land van uitbuiting", en: "Country of exploitation" } },
  { name: "vic_TypeOfExploitation", label: { nl: "Uitbuitingsvormen", en: "Types of exploitation" } },
  { name: "vic_TraffickingStatus", label: { nl: "Status", en: "Trafficking status" } },
] as const satisfies ReadonlyArray<RecordField>;

/** The name of a field of the HTCDS export: a field of HTCDS 2.0, or an extension (`ext_`) it lacks. */
export type HtcdsField = (typeof fieldList)[number]["name"];

/**
 * The fields of the HTCDS export, in order: the fields of IOM's Human Trafficking Case Data Standard 2.0
 * ({@link HtcdsStandard}) that the counted person fills honestly, and, named `ext_` as the standard's validator
 * requires, what the standard lacks: the year of registration (its only dates are birth and referral dates, too fine
 * to publish), an age band instead of the date of birth, and a citizenship group (the standard has no code for a
 * stateless person). No identifier and no date finer than the year. The standard's case status (`cas_Status`) and
 * consent (`con_Consent`) are not registered by CoMensha, so they are not in the export.
 */
export const htcdsFields: readonly [RecordField, ...Array<RecordField>] = fieldList;

/** The age bands of `ext_AgeBroad`: those of CTDC's global dataset, `0--8` up to `48+`. */
const ageBands: ReadonlyArray<{ readonly highest: number; readonly band: string }> = [
  { highest: 8, band: "0--8" },
  { highest: 17, band: "9--17" },
  { highest: 20, band: "18--20" },
  { highest: 23, band: "21--23" },
  { highest: 26, band: "24--26" },
  { highest: 29, band: "27--29" },
  { highest: 38, band: "30--38" },
  { highest: 47, band: "39--47" },
];

/** The codes of the extension fields, for the standard's validator ({@link HtcdsStandard.htcdsViolations}). */
export const htcdsExtensions: ReadonlyArray<HtcdsStandard.HtcdsExtensionField> = [
  { name: "ext_RegistrationYear" },
  { name: "ext_AgeBroad", codes: [...ageBands.map((band) => band.band), "48+"] },
  { name: "ext_MajorityStatus", codes: ["Adult", "Minor", "Unknown"] },
  { name: "ext_CitizenshipGroup", codes: ["Dutch", "OtherEU", "NonEU", "Stateless", "Unknown"] },
  // The provenance columns of the CSV file: the date the data is as of, and the k of the export.
  { name: "ext_DataAsOf" },
  { name: "ext_MinimumRecords" },
];

/**
 * The quasi-identifiers of the export: every field that varies between the persons of one year and could, combined
 * with what someone already knows, single a person out. `ext_MajorityStatus`, `ext_CitizenshipGroup` and `hte_Type`
 * are in because they repeat what the age band, the citizenship and the country say.
 */
export const htcdsQuasiIdentifiers: ReadonlyArray<HtcdsField> = [
  "prs_Gender",
  "ext_AgeBroad",
  "ext_MajorityStatus",
  "prs_Citizenship",
  "ext_CitizenshipGroup",
  "hte_Type",
  "hte_Country",
  "vic_TypeOfExploitation",
];

type Values = { [F in HtcdsField]: string };

/**
 * Who the export counts: a person counted in a year ({@link CountedPerson}), or a group of `count` persons with the
 * same values of every field. `age` may be any age of the person's age class (`CountedYear.ageClassOf`): the age
 * bands and the majority status tell no two ages of one class apart.
 */
export type HtcdsSubject = Pick<CountedPerson, "year" | "sex" | "age" | "nationalities" | "country" | "forms"> & {
  readonly count?: number;
};

const weightOf = (subject: HtcdsSubject): number => subject.count ?? 1;

/** The persons counted in a year, by their values (`CountedYear.records`), as the export's subjects. */
export const htcdsSubjectsOf = (counted: CountedYear): ReadonlyArray<HtcdsSubject> =>
  (counted.records ?? []).map(({ ageClass, country, ...group }) => ({
    year: counted.year,
    ...group,
    ...(ageClass === undefined ? {} : { age: ageClass }),
    ...(country === undefined ? {} : { country }),
  }));

/**
 * The HTCDS gender of a registered sex: `Feminine`, `Masculine`, or `NonSpecifiedUnknown` for the Dutch X (sex not
 * specified) and for an unknown sex. The standard records gender; CoMensha registers sex as the reporter gives it.
 */
const genderOf = (sex: Sex): HtcdsStandard.Gender => {
  switch (sex) {
    case "female":
      return "Feminine";
    case "male":
      return "Masculine";
    case "x":
    case "unknown":
      return "NonSpecifiedUnknown";
  }
};

/** The CTDC `ageBroad` band of an age in full years (`0--8` up to `48+`), or empty when the age is unknown. */
export const htcdsAgeBroadOf = (age: number | undefined): string =>
  age === undefined ? "" : (ageBands.find((band) => age <= band.highest)?.band ?? "48+");

const majorityStatusOf = (age: number | undefined): string =>
  age === undefined ? "Unknown" : age < 18 ? "Minor" : "Adult";

/**
 * The one citizenship of a person as an ISO 3166-1 alpha-2 code, chosen as the nationality groups choose: Dutch when
 * `NL` is among their nationalities, else their first EU nationality, else their first other country; empty for a
 * stateless person and when unknown. One, although the standard allows several: a second nationality makes rare
 * combinations, and nearly every one would be generalised away.
 */
export const htcdsCitizenshipOf = (nationalities: ReadonlyArray<Nationality>): string => {
  const countries = nationalities.filter(isCountry);
  if (countries.includes("NL")) return "NL";
  return countries.find(isEuMember) ?? countries[0] ?? "";
};

/** The `ext_CitizenshipGroup` of a person: Dutch, OtherEU, NonEU, Stateless (no country, stateless) or Unknown. */
const citizenshipGroupOf = (nationalities: ReadonlyArray<Nationality>): string => {
  const citizenship = htcdsCitizenshipOf(nationalities);
  if (citizenship === "NL") return "Dutch";
  if (citizenship !== "") return isEuMember(citizenship as never) ? "OtherEU" : "NonEU";
  return nationalities.includes("stateless") ? "Stateless" : "Unknown";
};

/**
 * The HTCDS type of exploitation of each form: as the standard names them, with criminal exploitation, which it has
 * no code for, as `Other`.
 */
const typeOfExploitation: { readonly [F in ExploitationForm]: HtcdsStandard.TypeOfExploitation | undefined } = {
  sexual: "SexualExploitation",
  labour: "ForcedLabour",
  criminal: "Other",
  forced_begging: "ForcedBegging",
  forced_marriage: "ForcedMarriage",
  organ_removal: "OrganRemoval",
  other: "Other",
  unknown: undefined,
};

/** The `vic_TypeOfExploitation` of a person's forms: the distinct types in the standard's order, `;`-separated. */
const typesOfExploitationOf = (forms: ReadonlyArray<ExploitationForm>): string => {
  const types = new Set(forms.flatMap((form) => typeOfExploitation[form] ?? []));
  return HtcdsStandard.codeLists.vic_TypeOfExploitation.codes
    .filter((type) => types.has(type))
    .join(HtcdsStandard.htcdsMultiSeparator);
};

const valuesOf = (person: HtcdsSubject, year: number): Values => ({
  ext_RegistrationYear: String(year),
  prs_Gender: genderOf(person.sex),
  ext_AgeBroad: htcdsAgeBroadOf(person.age),
  ext_MajorityStatus: majorityStatusOf(person.age),
  prs_Citizenship: htcdsCitizenshipOf(person.nationalities),
  ext_CitizenshipGroup: citizenshipGroupOf(person.nationalities),
  hte_Type: person.country === undefined ? "" : "Exploitation",
  hte_Country: person.country ?? "",
  vic_TypeOfExploitation: typesOfExploitationOf(person.forms),
  vic_TraffickingStatus: "PossibleVictimOfTrafficking",
});

/**
 * The generalisation steps, mildest first: a person's values after each step are the values of the step before with
 * these replaced. After the last step every quasi-identifier is blank.
 */
const generalisationSteps: ReadonlyArray<() => Partial<Values>> = [
  () => ({ prs_Citizenship: "" }),
  () => ({ ext_AgeBroad: "" }),
  () => ({ hte_Type: "", hte_Country: "" }),
  () => ({ ext_CitizenshipGroup: "" }),
  () => ({ vic_TypeOfExploitation: "" }),
  () => ({ ext_MajorityStatus: "" }),
  () => ({ prs_Gender: "" }),
];

/** The code of a combination of values: the record's values in field order, joined by `|` (no value has one). */
const combinationOf = (values: Values): string => fieldList.map((field) => values[field.name]).join("|");

/** A person's values as exported, then after each generalisation step: mildest first, all blank last. */
const generalisationsOf = (person: HtcdsSubject, year: number): ReadonlyArray<Values> => {
  const chain = [valuesOf(person, year)];
  for (const step of generalisationSteps) {
    const last = chain[chain.length - 1] as Values;
    chain.push({ ...last, ...step() });
  }
  return chain;
};

/**
 * The smallest number of records a published combination of values holds: 11, the rule of the Counter Trafficking
 * Data Collaborative (CTDC) for its k-anonymised global dataset, or the policy's threshold when that is higher.
 */
export const htcdsMinimumRecords = 11;

/** The k of the export under `policy`: {@link htcdsMinimumRecords}, or the policy's threshold when higher. */
export const htcdsK = (policy: DisclosurePolicy): number => Math.max(htcdsMinimumRecords, policy.threshold);

/** The number of persons per code, each code given with the number of persons it stands for. */
const countsOf = (codes: Iterable<readonly [code: string, weight: number]>): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const [code, weight] of codes) counts.set(code, (counts.get(code) ?? 0) + weight);
  return counts;
};

/**
 * The combinations of values the export of `year` may publish, sorted: while a person's combination of
 * quasi-identifiers occurs fewer than `k` times, it is generalised one step further (the citizenship blanked, leaving
 * its group; then the age band, leaving the majority status; then the country of exploitation; the citizenship
 * group; the types of exploitation; the majority status; the gender), until it occurs at least `k` times or
 * all its quasi-identifiers are blank.
 */
export const htcdsCombinations = (
  persons: ReadonlyArray<HtcdsSubject>,
  year: number,
  k: number,
): ReadonlyArray<string> => {
  const ofYear = persons.filter((person) => person.year === year);
  const chains = ofYear.map((person) => generalisationsOf(person, year));
  const weights = ofYear.map(weightOf);
  const steps = chains.map(() => 0);
  const quasiKeyOf = (values: Values): string => JSON.stringify(htcdsQuasiIdentifiers.map((field) => values[field]));
  for (let round = 0; round < generalisationSteps.length; round++) {
    const counts = countsOf(
      chains.map((chain, index) => [quasiKeyOf(chain[steps[index] ?? 0] as Values), weights[index] ?? 1] as const),
    );
    chains.forEach((chain, index) => {
      const step = steps[index] ?? 0;
      if ((counts.get(quasiKeyOf(chain[step] as Values)) ?? 0) < k && step < generalisationSteps.length) {
        steps[index] = step + 1;
      }
    });
  }
  return [...new Set(chains.map((chain, index) => combinationOf(chain[steps[index] ?? 0] as Values)))].sort();
};

/** The combination a person is published under: the mildest of their generalisations among `combinations`. */
const publishedCombinationOf = (
  person: HtcdsSubject,
  year: number,
  combinations: ReadonlySet<string>,
): string | undefined =>
  generalisationsOf(person, year)
    .map(combinationOf)
    .find((combination) => combinations.has(combination));

/** The id of the table of record combinations that an HTCDS export is protected and registered as. */
export const htcdsRecordTableId = "records";

/**
 * The HTCDS export of `year` as a table: one row per combination of `combinations` (its code is the record's values
 * joined by `|`), counting the persons published under it, the mildest of their generalisations among them (a
 * person who meets none is in no row). The export publishes each row's count as that many identical records, so the
 * table is what a reader of the records knows; it has no totals, since the records do not say how many were
 * withheld. Disclosure control withholds the rows below k ({@link htcdsK}) and those it must to protect other
 * tables.
 */
export const htcdsRecordTable = (
  persons: ReadonlyArray<HtcdsSubject>,
  year: number,
  combinations: ReadonlyArray<string>,
): CountTable => {
  const known = new Set(combinations);
  const counts = countsOf(
    persons.flatMap((person) => {
      const combination = person.year === year ? publishedCombinationOf(person, year, known) : undefined;
      return combination === undefined ? [] : [[combination, weightOf(person)] as const];
    }),
  );
  const [first, ...rest] = combinations.map((code) => ({ code, label: { nl: code, en: code } }));
  return {
    id: htcdsRecordTableId,
    title: { nl: "Records naar combinatie van waarden", en: "Records by combination of values" },
    unit: "persons",
    rows: categoryAxis("combination", { nl: "Combinatie", en: "Combination" }, [
      first ?? { code: "", label: { nl: "", en: "" } },
      ...rest,
    ]),
    columns: measureAxis("persons"),
    cells: combinations.map((code) => [counts.get(code) ?? 0]),
    rowsAdd: true,
    columnsAdd: true,
  };
};

const compareRecords = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): number => {
  for (const [index, value] of a.entries()) {
    const other = b[index] ?? "";
    if (value !== other) return value < other ? -1 : 1;
  }
  return a.length - b.length;
};

/**
 * The anonymised record export for researchers in the HTCDS field encoding ({@link htcdsFields}), from its protected
 * table ({@link htcdsRecordTable}): each published row as that many identical records, withheld rows left out,
 * sorted by the values themselves, so the order says nothing about who was reported first.
 *
 * Values: `prs_Gender` Feminine, Masculine or NonSpecifiedUnknown (our `x` and unknown); `ext_AgeBroad` the CTDC band
 * of the age on the first report of the year, empty when unknown, and `ext_MajorityStatus` Adult, Minor or Unknown;
 * `prs_Citizenship` one ISO 3166-1 alpha-2 code ({@link htcdsCitizenshipOf}), empty when stateless or unknown, and
 * `ext_CitizenshipGroup` Dutch, OtherEU, NonEU, Stateless or Unknown; `hte_Type` Exploitation with `hte_Country` the
 * alpha-2 code of the country of exploitation, both empty when unknown; `vic_TypeOfExploitation` the types of
 * exploitation, `;`-separated, criminal exploitation as Other (the standard has no code for it), empty when no known
 * form was reported; `vic_TraffickingStatus` PossibleVictimOfTrafficking: CoMensha registers possible victims. An
 * empty value means unknown or withheld. The rounding base of the policy does not apply to records.
 */
export const htcdsRecordsOf = (table: PublishedTable): RecordSet => ({
  fields: htcdsFields,
  records: table.rows.categories
    .flatMap((category, row) => Array.from({ length: table.cells[row]?.[0] ?? 0 }, () => category.code.split("|")))
    .sort(compareRecords),
});

/**
 * The HTCDS export of the persons counted in `year` on its own, k-anonymous for `k`: the record table of its own
 * combinations with the rows below `k` withheld. Producing a report uses {@link htcdsK} of its policy, and also
 * checks the export against the tables already published, which may withhold more.
 */
export const htcdsRecords = (persons: ReadonlyArray<HtcdsSubject>, year: number, k: number): RecordSet =>
  htcdsRecordsOf(
    protect(htcdsRecordTable(persons, year, htcdsCombinations(persons, year, k)), { threshold: k }).published,
  );

/** The title of the HTCDS export of `year`. */
export const htcdsExportTitle = (year: number): Label => ({
  nl: `Geanonimiseerde gegevens per persoon in HTCDS-codering ${year}`,
  en: `Anonymised person-level data in the HTCDS encoding ${year}`,
});

/** The notes of the HTCDS export: what a record is, what the values mean, and how it was anonymised. */
export const htcdsExportNotes: ReadonlyArray<Label> = [
  {
    nl: "Elk record is één persoon die in het jaar als mogelijk slachtoffer is geteld, zonder identificerende gegevens en zonder datum fijner dan het jaar; de volgorde van de records volgt hun waarden.",
    en: "Each record is one person counted as a possible victim in the year, without identifying data and without any date finer than the year; the records are ordered by their values.",
  },
  {
    nl: "De velden volgen de Human Trafficking Case Data Standard 2.0 van IOM; velden die daarin ontbreken (registratiejaar, leeftijdsklasse, meerderjarigheid, nationaliteitsgroep) beginnen met ext_. Geslacht X en onbekend zijn NonSpecifiedUnknown; staatlozen hebben geen nationaliteit en de groep Stateless; criminele uitbuiting is Other, omdat de standaard er geen code voor heeft.",
    en: "The fields follow IOM's Human Trafficking Case Data Standard 2.0; fields it lacks (registration year, age band, majority status, citizenship group) start with ext_. Sex X and unknown are NonSpecifiedUnknown; stateless persons have no citizenship and the group Stateless; criminal exploitation is Other, since the standard has no code for it.",
  },
  {
    nl: `Elke combinatie van geslacht, leeftijd, nationaliteit, land en uitbuitingsvorm komt minstens ${htcdsMinimumRecords} keer voor (de regel van CTDC), of vaker als de drempel van het beleid hoger is; zeldzamere combinaties zijn grover gemaakt of leeggelaten, dus een lege waarde betekent onbekend of weggelaten. Records die samen met eerder gepubliceerde tabellen een onderdrukte waarde zouden verraden, zijn weggelaten.`,
    en: `Every combination of gender, age, citizenship, country and form of exploitation occurs at least ${htcdsMinimumRecords} times (CTDC's rule), or more often when the policy's threshold is higher; rarer combinations were coarsened or blanked, so an empty value means unknown or withheld. Records that, combined with tables already published, would give away a suppressed value are left out.`,
  },
];
