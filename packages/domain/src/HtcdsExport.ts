import type { Label } from "./CodeList.js";
import type { CountedPerson } from "./Counting.js";
import { isEuMember } from "./Country.js";
import type { DisclosurePolicy } from "./DisclosurePolicy.js";
import type { ExploitationForm } from "./ExploitationForm.js";
import { isCountry, type Nationality } from "./Nationality.js";
import type { RecordField, RecordSet } from "./Report.js";
import type { Sex } from "./Sex.js";

const fieldList = [
  { name: "yearOfRegistration", label: { nl: "Registratiejaar", en: "Year of registration" } },
  { name: "Datasource", label: { nl: "Gegevensbron", en: "Data source" } },
  { name: "gender", label: { nl: "Geslacht", en: "Gender" } },
  { name: "ageBroad", label: { nl: "Leeftijdsklasse", en: "Age band" } },
  { name: "majorityStatus", label: { nl: "Meerderjarigheid", en: "Majority status" } },
  { name: "citizenship", label: { nl: "Nationaliteit", en: "Citizenship" } },
  { name: "CountryOfExploitation", label: { nl: "Land van uitbuiting", en: "Country of exploitation" } },
  { name: "isSexualExploit", label: { nl: "Seksuele uitbuiting", en: "Sexual exploitation" } },
  { name: "isForcedLabour", label: { nl: "Gedwongen arbeid", en: "Forced labour" } },
  { name: "isOtherExploit", label: { nl: "Overige uitbuiting", en: "Other exploitation" } },
  { name: "typeOfExploitConcatenated", label: { nl: "Uitbuitingsvormen", en: "Types of exploitation" } },
] as const satisfies ReadonlyArray<RecordField>;

/** The name of a field of the HTCDS export, spelt as the Human Trafficking Case Data Standard spells it. */
export type HtcdsField = (typeof fieldList)[number]["name"];

/**
 * The fields of the HTCDS export, in order: the fields of the Human Trafficking Case Data Standard (as used by the
 * CTDC global dataset) that the counted person fills honestly. No identifier and no date finer than the year.
 */
export const htcdsFields: readonly [RecordField, ...Array<RecordField>] = fieldList;

/**
 * The quasi-identifiers of the export: every field that varies between the persons of one year and could, combined
 * with what someone already knows, single a person out. `majorityStatus` and `typeOfExploitConcatenated` are in
 * because they repeat what `ageBroad` and the flags say.
 */
export const htcdsQuasiIdentifiers: ReadonlyArray<HtcdsField> = [
  "gender",
  "ageBroad",
  "majorityStatus",
  "citizenship",
  "CountryOfExploitation",
  "isSexualExploit",
  "isForcedLabour",
  "isOtherExploit",
  "typeOfExploitConcatenated",
];

/** The `Datasource` of every record: CoMensha registers persons from the reports of its partners, case by case. */
export const htcdsDatasource = "Case Management";

/** The `citizenship` of a stateless person: not an ISO 3166-1 code, so it cannot be read as a country. */
export const htcdsStateless = "00";

type Values = { [F in HtcdsField]: string };

const genderOf = (sex: Sex): string => {
  switch (sex) {
    case "female":
      return "Female";
    case "male":
      return "Male";
    case "x":
    case "unknown":
      return "Unknown";
  }
};

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

/** The CTDC `ageBroad` band of an age in full years (`0--8` up to `48+`), or empty when the age is unknown. */
export const htcdsAgeBroadOf = (age: number | undefined): string =>
  age === undefined ? "" : (ageBands.find((band) => age <= band.highest)?.band ?? "48+");

const majorityStatusOf = (age: number | undefined): string =>
  age === undefined ? "Unknown" : age < 18 ? "Minor" : "Adult";

/**
 * The one citizenship of a person, chosen as the nationality groups choose: Dutch when `NL` is among their
 * nationalities, else their first EU nationality, else their first other country, else {@link htcdsStateless}, else
 * empty (unknown).
 */
export const htcdsCitizenshipOf = (nationalities: ReadonlyArray<Nationality>): string => {
  const countries = nationalities.filter(isCountry);
  if (countries.includes("NL")) return "NL";
  const chosen = countries.find(isEuMember) ?? countries[0];
  if (chosen !== undefined) return chosen;
  return nationalities.includes("stateless") ? htcdsStateless : "";
};

const citizenshipGroupOf = (citizenship: string, nationalities: ReadonlyArray<Nationality>): string => {
  if (citizenship === "" || citizenship === "NL") return citizenship;
  const country = nationalities.filter(isCountry).find((nationality) => nationality === citizenship);
  return country !== undefined && isEuMember(country) ? "other_eu" : "non_eu";
};

const exploitationFlags = [
  { field: "isSexualExploit", name: "Sexual exploitation", forms: ["sexual"] },
  { field: "isForcedLabour", name: "Forced labour", forms: ["labour", "forced_begging", "criminal"] },
  { field: "isOtherExploit", name: "Other", forms: ["organ_removal", "other"] },
] as const satisfies ReadonlyArray<{
  readonly field: HtcdsField;
  readonly name: string;
  readonly forms: ReadonlyArray<ExploitationForm>;
}>;

const exploitationValuesOf = (
  forms: ReadonlyArray<ExploitationForm>,
): Pick<Values, "isSexualExploit" | "isForcedLabour" | "isOtherExploit" | "typeOfExploitConcatenated"> => {
  const has = exploitationFlags.map((flag) => flag.forms.some((form) => forms.includes(form)));
  if (!has.includes(true)) {
    return { isSexualExploit: "", isForcedLabour: "", isOtherExploit: "", typeOfExploitConcatenated: "" };
  }
  const [sexual, labour, other] = has;
  return {
    isSexualExploit: sexual ? "1" : "0",
    isForcedLabour: labour ? "1" : "0",
    isOtherExploit: other ? "1" : "0",
    typeOfExploitConcatenated: exploitationFlags
      .filter((_, index) => has[index])
      .map((flag) => flag.name)
      .join(";"),
  };
};

const valuesOf = (person: CountedPerson, year: number): Values => ({
  yearOfRegistration: String(year),
  Datasource: htcdsDatasource,
  gender: genderOf(person.sex),
  ageBroad: htcdsAgeBroadOf(person.age),
  majorityStatus: majorityStatusOf(person.age),
  citizenship: htcdsCitizenshipOf(person.nationalities),
  CountryOfExploitation: person.country ?? "",
  ...exploitationValuesOf(person.forms),
});

interface Working {
  values: Values;
  readonly person: CountedPerson;
}

/**
 * The generalisation steps, mildest first, each applied to the records whose quasi-identifiers are still rarer than
 * k. After the last step every quasi-identifier of such a record is blank.
 */
const generalisationSteps: ReadonlyArray<(record: Working) => Partial<Values>> = [
  (record) => ({ citizenship: citizenshipGroupOf(record.values.citizenship, record.person.nationalities) }),
  () => ({ ageBroad: "" }),
  () => ({ CountryOfExploitation: "" }),
  () => ({ citizenship: "" }),
  () => ({ isSexualExploit: "", isForcedLabour: "", isOtherExploit: "", typeOfExploitConcatenated: "" }),
  () => ({ majorityStatus: "" }),
  () => ({ gender: "" }),
];

const quasiKeyOf = (values: Values): string => JSON.stringify(htcdsQuasiIdentifiers.map((field) => values[field]));

const isAllBlank = (values: Values): boolean => htcdsQuasiIdentifiers.every((field) => values[field] === "");

const compareRecords = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): number => {
  for (const [index, value] of a.entries()) {
    const other = b[index] ?? "";
    if (value !== other) return value < other ? -1 : 1;
  }
  return a.length - b.length;
};

/**
 * The anonymised record export for researchers in the HTCDS field encoding ({@link htcdsFields}): one record per
 * person counted in `year` (persons of other years are left out), without person ids, sorted by the values
 * themselves, so the order says nothing about who was reported first.
 *
 * Values: `gender` Female, Male or Unknown (our `x` is Unknown); `ageBroad` the CTDC band of the age on the first
 * report of the year, empty when unknown; `majorityStatus` Adult, Minor or Unknown; `citizenship` an ISO 3166-1 alpha-2
 * code ({@link htcdsCitizenshipOf}), {@link htcdsStateless} for stateless persons, empty when unknown;
 * `CountryOfExploitation` alpha-2 or empty; the flags 1 or 0, all empty when no known form was reported. As in CTDC,
 * forced begging and criminal exploitation are types of forced labour; organ removal and other forms are other
 * exploitation.
 *
 * Disclosure control makes the set k-anonymous with k the policy's threshold over {@link htcdsQuasiIdentifiers}:
 * while a record's combination of quasi-identifiers occurs fewer than k times, it is generalised one step further
 * (citizenship to `NL`, `other_eu` or `non_eu`; then the age band blanked, leaving the majority status; then the
 * country of exploitation; the citizenship; the exploitation fields; the majority status; the gender), until its
 * combination occurs at least k times or all its quasi-identifiers are blank. An empty value thus means unknown or
 * withheld. The rounding base of the policy does not apply to records.
 */
export const htcdsRecords = (
  persons: ReadonlyArray<CountedPerson>,
  year: number,
  policy: DisclosurePolicy,
): RecordSet => {
  const working: ReadonlyArray<Working> = persons
    .filter((person) => person.year === year)
    .map((person) => ({ values: valuesOf(person, year), person }));
  for (const step of generalisationSteps) {
    const counts = new Map<string, number>();
    for (const record of working) {
      const key = quasiKeyOf(record.values);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const record of working) {
      if ((counts.get(quasiKeyOf(record.values)) ?? 0) < policy.threshold && !isAllBlank(record.values)) {
        record.values = { ...record.values, ...step(record) };
      }
    }
  }
  return {
    fields: htcdsFields,
    records: working.map((record) => fieldList.map((field) => record.values[field.name])).sort(compareRecords),
  };
};

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
    nl: "Geslacht X telt als Unknown; staatlozen hebben nationaliteit 00; gedwongen bedelarij en criminele uitbuiting tellen, zoals in CTDC, als gedwongen arbeid.",
    en: "Sex X counts as Unknown; stateless persons have citizenship 00; forced begging and criminal exploitation count as forced labour, as in CTDC.",
  },
  {
    nl: "Elke combinatie van geslacht, leeftijd, nationaliteit, land en uitbuitingsvorm komt minstens zo vaak voor als de drempel van het beleid; zeldzamere combinaties zijn grover gemaakt of leeggelaten, dus een lege waarde betekent onbekend of weggelaten.",
    en: "Every combination of gender, age, citizenship, country and form of exploitation occurs at least as often as the policy's threshold; rarer combinations were coarsened or blanked, so an empty value means unknown or withheld.",
  },
];
