import type { CodeList, DisclosurePolicy, Report, StatTable } from "@comensha/domain";
import { IsoDate } from "@comensha/domain";

/**
 * The words every rendering shares, in Dutch and English: headings, the disclosure-policy statement, units, and
 * the formatting of dates and counts. Formatting is done by hand rather than with `Intl`, so that the output does
 * not depend on the ICU data of the Node.js build that renders it.
 */
export interface Messages {
  readonly total: string;
  readonly period: string;
  readonly dataAsOf: string;
  readonly disclosure: string;
  readonly notes: string;
  readonly suppressed: string;
  readonly suppressedLegend: string;
  readonly suppressedInChart: string;
  /** Why the totals of a table whose rows (or columns) do not add up are not sums, for one unit of the table. */
  readonly nonAdditive: (unit: StatTable.Unit, along: "row" | "column") => string;
  readonly chartOf: string;
  readonly units: { readonly [U in StatTable.Unit]: string };
  /** The names of the months, January first. */
  readonly months: ReadonlyArray<string>;
  readonly through: string;
  readonly thousandsSeparator: string;
}

const nlUnitsSingular: { readonly [U in StatTable.Unit]: string } = {
  persons: "persoon",
  reports: "melding",
  requests: "plaatsingsverzoek",
  placements: "plaatsing",
  place_nights: "plaatsnacht",
};

const enUnitsSingular: { readonly [U in StatTable.Unit]: string } = {
  persons: "person",
  reports: "report",
  requests: "placement request",
  placements: "placement",
  place_nights: "place-night",
};

const nl: Messages = {
  total: "Totaal",
  period: "Periode",
  dataAsOf: "Gegevens tot en met",
  disclosure: "Statistische geheimhouding",
  notes: "Toelichting",
  suppressed: "onderdrukt",
  suppressedLegend: "x = onderdrukt (statistische geheimhouding)",
  suppressedInChart: "x = onderdrukt: geen staaf getekend",
  nonAdditive: (unit, along) =>
    `Eén ${nlUnitsSingular[unit]} kan in meer dan één ${along === "row" ? "rij" : "kolom"} voorkomen, maar telt in de totalen één keer; de totalen zijn dus geen som.`,
  chartOf: "Grafiek",
  units: {
    persons: "Personen",
    reports: "Meldingen",
    requests: "Plaatsingsverzoeken",
    placements: "Plaatsingen",
    place_nights: "Plaatsnachten",
  },
  months: [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
  ],
  through: "t/m",
  thousandsSeparator: ".",
};

const en: Messages = {
  total: "Total",
  period: "Period",
  dataAsOf: "Data as of",
  disclosure: "Statistical disclosure control",
  notes: "Notes",
  suppressed: "suppressed",
  suppressedLegend: "x = suppressed (statistical disclosure control)",
  suppressedInChart: "x = suppressed: no bar drawn",
  nonAdditive: (unit, along) =>
    `One ${enUnitsSingular[unit]} can be in more than one ${along} but counts once in the totals, so the totals are not sums.`,
  chartOf: "Chart",
  units: {
    persons: "Persons",
    reports: "Reports",
    requests: "Placement requests",
    placements: "Placements",
    place_nights: "Place-nights",
  },
  months: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
  through: "to",
  thousandsSeparator: ",",
};

/** The UI strings of a language. */
export const messagesFor = (lang: CodeList.Language): Messages => (lang === "nl" ? nl : en);

/** A date in words: `31 maart 2025` in Dutch, `31 March 2025` in English. */
export const formatDate = (date: IsoDate.IsoDate, lang: CodeList.Language): string => {
  const { year, month, day } = IsoDate.toParts(date);
  return `${day} ${messagesFor(lang).months[month - 1] ?? String(month)} ${year}`;
};

/** A count with thousands separators: `12.345` in Dutch, `12,345` in English. */
export const formatCount = (value: number, lang: CodeList.Language): string => {
  const sign = value < 0 ? "-" : "";
  const digits = String(Math.abs(Math.trunc(value)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, messagesFor(lang).thousandsSeparator);
  return `${sign}${grouped}`;
};

/** The last day of a half-open period [from, to). */
export const lastDayOf = (period: Report.PublishedReport["period"]): IsoDate.IsoDate => IsoDate.addDays(period.to, -1);

/**
 * The disclosure policy in words, one sentence per rule: which values are suppressed (and that secondary
 * suppression keeps them from being recomputed from totals), and the rounding base when the policy rounds.
 */
export const describePolicy = (
  policy: DisclosurePolicy.DisclosurePolicy,
  lang: CodeList.Language,
): ReadonlyArray<string> => {
  const sentences: Array<string> = [];
  const { threshold, roundingBase } = policy;
  if (lang === "nl") {
    sentences.push(
      threshold <= 1
        ? "Er zijn geen waarden onderdrukt."
        : `Waarden van 1 tot ${threshold} zijn onderdrukt (x), ook waar ze uit totalen terug te rekenen zouden zijn.`,
    );
    if (roundingBase !== undefined) {
      sentences.push(`Alle gepubliceerde waarden zijn afgerond op een veelvoud van ${roundingBase}.`);
    }
  } else {
    sentences.push(
      threshold <= 1
        ? "No values are suppressed."
        : threshold === 2
          ? "Values of 1 are suppressed (x), also where they could be recomputed from totals."
          : `Values from 1 to ${threshold - 1} are suppressed (x), also where they could be recomputed from totals.`,
    );
    if (roundingBase !== undefined) {
      sentences.push(`All published values are rounded to a multiple of ${roundingBase}.`);
    }
  }
  return sentences;
};
