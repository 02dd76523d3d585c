/**
 * Eurostat's codes for the `crim_thb` (trafficking in human beings) breakdown, as far as they could be traced to a
 * source. Each list is kept beside the standard's documents in `docs/standards/eurostat-crim-thb/` (one CSV per list,
 * `code,label,source`), and a test checks that these constants match those files exactly; the README there names
 * every source (repository, path and commit, or address) and the date it was read.
 *
 * `source` says how far a code is verified:
 * - `estat_structure`: in an SDMX structure message that Eurostat itself served (stored in a public repository).
 * - `estat_dissemination`: in data or queries of Eurostat's dissemination API, as quoted by public code that fetched it.
 * - `sdmx_standard`: in the SDMX standard's code list (CL_CONF_STATUS), as documented by the SDMX community.
 * - `estat_metadata`: in Eurostat's reference metadata (ESMS) for `crim_thb`.
 * - `unverified`: NOT found in any source: the code is our best reading and must be checked against Eurostat's
 *   current `crim_thb` metadata (its data structure definitions and code lists) before a delivery.
 */

/** How far a code is verified; see the module comment. */
export type Source = "estat_structure" | "estat_dissemination" | "sdmx_standard" | "estat_metadata" | "unverified";

/** One code of a Eurostat code list: the code, Eurostat's English label, and how far it is verified. */
type Entry = { readonly code: string; readonly label: string; readonly source: Source };

/** Time frequency (`freq`): the breakdown is annual. */
export const freqCodes = [
  { code: "A", label: "Annual", source: "estat_dissemination" },
] as const satisfies ReadonlyArray<Entry>;

/** Unit of measure (`unit`): a number of persons. */
export const unitCodes = [
  { code: "NR", label: "Number", source: "estat_dissemination" },
] as const satisfies ReadonlyArray<Entry>;

/** Geopolitical entity (`geo`): the reporting country. */
export const geoCodes = [
  { code: "NL", label: "Netherlands", source: "estat_dissemination" },
] as const satisfies ReadonlyArray<Entry>;

/** Sex (`sex`); `T` is the total. Eurostat's `UNK` for sex was not found in a source. */
export const sexCodes = [
  { code: "F", label: "Females", source: "estat_dissemination" },
  { code: "M", label: "Males", source: "estat_dissemination" },
  { code: "UNK", label: "Unknown", source: "unverified" },
  { code: "T", label: "Total", source: "estat_dissemination" },
] as const satisfies ReadonlyArray<Entry>;
export type SexCode = (typeof sexCodes)[number]["code"];

/** Age class (`age`); `TOTAL` is the total. Eurostat's `UNK` for age was not found in a source. */
export const ageCodes = [
  { code: "Y_LT18", label: "Less than 18 years", source: "estat_dissemination" },
  { code: "Y_GE18", label: "18 years or over", source: "estat_dissemination" },
  { code: "UNK", label: "Unknown", source: "unverified" },
  { code: "TOTAL", label: "Total", source: "estat_dissemination" },
] as const satisfies ReadonlyArray<Entry>;
export type AgeCode = (typeof ageCodes)[number]["code"];

/**
 * Citizenship (`citizen`); `TOTAL` is the total. Stateless persons have a code of their own (`STLS`): Eurostat's
 * list also has `FOR_STLS` (foreign country and stateless), so its country groups such as `NEU27_2020_FOR` do not
 * include them.
 */
export const citizenCodes = [
  { code: "NAT", label: "Reporting country", source: "estat_dissemination" },
  {
    code: "EU27_2020_FOR",
    label: "EU27 countries (from 2020) except reporting country",
    source: "estat_dissemination",
  },
  {
    code: "NEU27_2020_FOR",
    label: "Non-EU27 countries (from 2020) nor reporting country",
    source: "estat_dissemination",
  },
  { code: "STLS", label: "Stateless", source: "estat_dissemination" },
  { code: "UNK", label: "Unknown", source: "estat_dissemination" },
  { code: "TOTAL", label: "Total", source: "estat_dissemination" },
] as const satisfies ReadonlyArray<Entry>;
export type CitizenCode = (typeof citizenCodes)[number]["code"];

/**
 * Form of exploitation. Eurostat publishes three forms (sexual exploitation, forced labour or services, and other
 * purposes such as organ removal, benefit fraud, criminal activities and forced begging); the CODES of this list, and
 * the id of its dimension, were not found in any source and are unverified.
 */
export const exploitationCodes = [
  { code: "SEX", label: "Sexual exploitation", source: "unverified" },
  { code: "LAB", label: "Forced labour or services", source: "unverified" },
  {
    code: "OTH",
    label: "Other forms of exploitation (such as organ removal, criminal activities, forced begging)",
    source: "unverified",
  },
  { code: "UNK", label: "Unknown", source: "unverified" },
  { code: "TOTAL", label: "Total", source: "unverified" },
] as const satisfies ReadonlyArray<Entry>;
export type ExploitationCode = (typeof exploitationCodes)[number]["code"];

/** Eurostat's observation flags (`OBS_FLAG`); `c` marks a confidential value, which is then not given. */
export const obsFlagCodes = [
  { code: "f", label: "forecast", source: "estat_structure" },
  { code: "u", label: "extremely unreliable data", source: "estat_structure" },
  { code: "e", label: "estimated value", source: "estat_structure" },
  { code: "s", label: "eurostat estimate", source: "estat_structure" },
  { code: "b", label: "break in series", source: "estat_structure" },
  { code: "c", label: "confidential", source: "estat_structure" },
  { code: "r", label: "revised value", source: "estat_structure" },
  { code: "p", label: "provisional value", source: "estat_structure" },
  { code: "n", label: "not significant", source: "estat_structure" },
  { code: "i", label: "see explanatory notes", source: "estat_structure" },
] as const satisfies ReadonlyArray<Entry>;

/**
 * The SDMX confidentiality status (`CONF_STATUS`), which Eurostat's SDMX-CSV carries beside `OBS_FLAG`: a
 * confidential observation has no value and `CONF_STATUS` `C`.
 */
export const confStatusCodes = [
  { code: "F", label: "Free (free for publication)", source: "sdmx_standard" },
  { code: "N", label: "Not for publication, restricted for internal use only", source: "sdmx_standard" },
  { code: "C", label: "Confidential statistical information", source: "sdmx_standard" },
  {
    code: "E",
    label: "Not for publication, restricted for internal use only, until the embargo time elapses",
    source: "sdmx_standard",
  },
] as const satisfies ReadonlyArray<Entry>;

/**
 * The dataflows (Eurostat's datasets) the tables are delivered as. `CRIM_THB_VSAGE` (victims by sex and age) is named
 * in Eurostat's metadata; the other two ids are unverified.
 */
export const dataflowCodes = [
  {
    code: "CRIM_THB_VSAGE",
    label: "Registered victims of trafficking in human beings by sex and age",
    source: "estat_metadata",
  },
  {
    code: "CRIM_THB_VCTZ",
    label: "Registered victims of trafficking in human beings by citizenship",
    source: "unverified",
  },
  {
    code: "CRIM_THB_VEXP",
    label: "Registered victims of trafficking in human beings by form of exploitation",
    source: "unverified",
  },
] as const satisfies ReadonlyArray<Entry>;
export type DataflowCode = (typeof dataflowCodes)[number]["code"];

/**
 * The columns of Eurostat's SDMX-CSV (version 1.0, as its dissemination API serves `format=SDMX-CSV`) other than
 * the dimensions: `DATAFLOW` and `LAST UPDATE` first, then the dimensions, then these four.
 */
export const sdmxCsvColumns = [
  {
    code: "DATAFLOW",
    label: "Agency, dataflow and version, e.g. ESTAT:NAMA_10_GDP(1.0)",
    source: "estat_dissemination",
  },
  { code: "LAST UPDATE", label: "Last update of the data, dd/mm/yy hh:mm:ss", source: "estat_dissemination" },
  { code: "TIME_PERIOD", label: "Time period", source: "estat_dissemination" },
  { code: "OBS_VALUE", label: "Observation value", source: "estat_dissemination" },
  { code: "OBS_FLAG", label: "Observation flag", source: "estat_dissemination" },
  { code: "CONF_STATUS", label: "Confidentiality status", source: "estat_dissemination" },
] as const satisfies ReadonlyArray<Entry>;

/**
 * The dimension ids of the breakdown, in Eurostat's order (time last). The id of the exploitation dimension is
 * unverified; the others are Eurostat's standard concept ids.
 */
export const dimensionIds = [
  { code: "freq", label: "Time frequency", source: "estat_dissemination" },
  { code: "unit", label: "Unit of measure", source: "estat_dissemination" },
  { code: "exploitation_form", label: "Form of exploitation", source: "unverified" },
  { code: "citizen", label: "Country of citizenship", source: "estat_dissemination" },
  { code: "sex", label: "Sex", source: "estat_dissemination" },
  { code: "age", label: "Age class", source: "estat_dissemination" },
  { code: "geo", label: "Geopolitical entity (reporting)", source: "estat_dissemination" },
] as const satisfies ReadonlyArray<Entry>;
export type DimensionId = (typeof dimensionIds)[number]["code"];

/** Every list above, named after its file in `docs/standards/eurostat-crim-thb/` (`<name>.csv`). */
export const codeLists = {
  freq: freqCodes,
  unit: unitCodes,
  geo: geoCodes,
  sex: sexCodes,
  age: ageCodes,
  citizen: citizenCodes,
  exploitation_form: exploitationCodes,
  obs_flag: obsFlagCodes,
  conf_status: confStatusCodes,
  dataflow: dataflowCodes,
  sdmx_csv_columns: sdmxCsvColumns,
  dimension: dimensionIds,
} as const satisfies Record<string, ReadonlyArray<Entry>>;

/** The code that stands for all categories of a dimension: `T` for sex, `TOTAL` for the others. */
export const totalCodes = {
  sex: "T",
  age: "TOTAL",
  citizen: "TOTAL",
  exploitation_form: "TOTAL",
} as const satisfies { readonly [D in "sex" | "age" | "citizen" | "exploitation_form"]: string };

/** The flag of a confidential (suppressed) value in Eurostat's readable files. */
export const confidentialFlag = "c" satisfies (typeof obsFlagCodes)[number]["code"];

/** The `CONF_STATUS` of a confidential (suppressed) value in Eurostat's SDMX-CSV. */
export const confidentialStatus = "C" satisfies (typeof confStatusCodes)[number]["code"];
