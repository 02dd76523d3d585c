import type { CodeList, Report, StatTable } from "@comensha/domain";
import { describePolicy, lastDayOf, messagesFor } from "./messages.js";
import { cellAt, totalAt, totalCode } from "./tableCells.js";

/**
 * CSV for Excel as well as R and pandas: a UTF-8 byte order mark (so that Excel reads UTF-8), CRLF line ends, a
 * comma separator and RFC 4180 quoting. Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return) gets a leading apostrophe; numbers are written plain so that they stay numeric.
 */
const byteOrderMark = "\uFEFF";
const lineEnd = "\r\n";

/** A CSV field: text (guarded and quoted as needed), a number (plain), or empty. */
type Field = string | number | undefined;

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

const encodeText = (text: string): string => {
  const guarded = formulaStart.test(text) ? `'${text}` : text;
  return needsQuotes.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
};

const encodeField = (field: Field): string => {
  if (field === undefined) return "";
  if (typeof field === "number") {
    if (!Number.isFinite(field)) throw new RangeError(`Not a finite number: ${field}`);
    return String(field);
  }
  return encodeText(field);
};

const toCsv = (rows: ReadonlyArray<ReadonlyArray<Field>>): string =>
  byteOrderMark + rows.map((row) => row.map(encodeField).join(",") + lineEnd).join("");

/** A field of {@link renderRowsCsv}: text (guarded against formulas, quoted as needed), a number, or empty. */
export type CsvField = Field;

/**
 * Renders rows (the first one a header) as CSV the way every CSV of the platform is written: byte order mark, CRLF,
 * RFC 4180 quoting, and text a spreadsheet would run as a formula neutralised. For tables other than reports, such
 * as the audit log's export.
 */
export const renderRowsCsv = (rows: ReadonlyArray<ReadonlyArray<CsvField>>): string => toCsv(rows);

/** The columns that state, on every row, what the data is as of and which disclosure policy was applied. */
const provenanceHeader = ["data_as_of", "suppression_threshold", "rounding_base"] as const;

const provenanceOf = (about: Provenance): ReadonlyArray<Field> => [
  about.dataAsOf,
  about.policy.threshold,
  about.policy.roundingBase,
];

/** What every CSV states about its data: the date the data is as of and the disclosure policy applied. */
export type Provenance = Pick<Report.PublishedReport, "dataAsOf" | "policy">;

/** The header of {@link renderCsv}: stable English codes, the same in every language. */
export const tableCsvHeader = [
  "table",
  "table_title",
  "unit",
  "row_axis",
  "row_code",
  "row_label",
  "column_axis",
  "column_code",
  "column_label",
  "value",
  "flag",
  ...provenanceHeader,
] as const;

/** The flag of a suppressed value in {@link renderCsv}. */
export const suppressedFlag = "x";

const tableRows = (
  table: StatTable.PublishedTable,
  lang: CodeList.Language,
  about: Provenance,
): ReadonlyArray<ReadonlyArray<Field>> => {
  for (const axis of [table.rows, table.columns]) {
    if (axis.categories.some((category) => category.code === totalCode)) {
      throw new RangeError(`Table "${table.id}": the category code "${totalCode}" is reserved for totals`);
    }
  }
  const totalLabel = messagesFor(lang).total;
  const rowOf = (
    rowCode: string,
    rowLabel: string,
    columnCode: string,
    columnLabel: string,
    value: StatTable.PublishedValue,
  ): ReadonlyArray<Field> => [
    table.id,
    table.title[lang],
    table.unit,
    table.rows.id,
    rowCode,
    rowLabel,
    table.columns.id,
    columnCode,
    columnLabel,
    value ?? undefined,
    value === null ? suppressedFlag : undefined,
    ...provenanceOf(about),
  ];
  const rows: Array<ReadonlyArray<Field>> = [];
  table.rows.categories.forEach((row, r) => {
    table.columns.categories.forEach((column, c) => {
      rows.push(rowOf(row.code, row.label[lang], column.code, column.label[lang], cellAt(table, r, c)));
    });
    const rowTotal = totalAt(table, table.rowTotals, r);
    if (rowTotal !== undefined) rows.push(rowOf(row.code, row.label[lang], totalCode, totalLabel, rowTotal));
  });
  table.columns.categories.forEach((column, c) => {
    const columnTotal = totalAt(table, table.columnTotals, c);
    if (columnTotal !== undefined) {
      rows.push(rowOf(totalCode, totalLabel, column.code, column.label[lang], columnTotal));
    }
  });
  if (table.grandTotal !== undefined) rows.push(rowOf(totalCode, totalLabel, totalCode, totalLabel, table.grandTotal));
  return rows;
};

/**
 * Renders the tables of a report as one tidy CSV in long format: a header ({@link tableCsvHeader}), then one row per
 * published value, table by table and row by row. Row totals have column code `total`, column totals row code
 * `total`, the grand total both. A suppressed value is empty with flag `x`, so that the value column stays numeric.
 * Every row also states the date the data is as of and the disclosure policy (threshold, rounding base), as the
 * last-update column of Eurostat's SDMX-CSV does, so that no extract of the file loses them.
 *
 * Codes and the header are stable; titles and labels are in `lang`.
 *
 * @throws a `RangeError` when a table's cells or totals do not match its axes, or an axis uses the code `total`.
 */
export const renderCsv = (report: Report.PublishedReport, lang: CodeList.Language): string =>
  toCsv([tableCsvHeader, ...report.tables.flatMap((table) => tableRows(table, lang, report))]);

/** The provenance columns of a record export: named as extensions, so that the file stays valid HTCDS. */
const recordProvenanceHeader = ["ext_DataAsOf", "ext_MinimumRecords"] as const;

/** What every record file states about its data: the date the data is as of, and the k it is anonymous for. */
export interface RecordProvenance {
  readonly dataAsOf: string;
  readonly minimumRecords: number;
}

/**
 * Renders a record export as CSV: a header of the field names, then one row per record, each followed by the
 * provenance columns `ext_DataAsOf` and `ext_MinimumRecords` (the k of its k-anonymity), named as extension fields
 * so that the file is valid in the standard whose fields it uses.
 *
 * @throws a `RangeError` when a record has a different number of values than there are fields, or a field name is
 * one of the provenance columns.
 */
export const renderRecordsCsv = (records: Report.RecordSet, about: RecordProvenance): string => {
  const names = records.fields.map((field) => field.name);
  for (const name of names) {
    if ((recordProvenanceHeader as ReadonlyArray<string>).includes(name)) {
      throw new RangeError(`The record field name "${name}" is reserved for provenance`);
    }
  }
  const provenance = [about.dataAsOf, about.minimumRecords];
  const rows = records.records.map((record, index) => {
    if (record.length !== names.length) {
      throw new RangeError(`Record ${index} has ${record.length} values for ${names.length} fields`);
    }
    return [...record, ...provenance];
  });
  return toCsv([[...names, ...recordProvenanceHeader], ...rows]);
};

/**
 * Renders what a report is as a small key-value CSV (header `key,label,value`), the companion of
 * {@link renderCsv}: kind, title, first and last day of the period, the date the data is as of, the disclosure
 * policy in figures and in words, and the notes. Keys are stable; labels and texts are in `lang`.
 */
export const renderMetadataCsv = (report: Report.PublishedReport, lang: CodeList.Language): string => {
  const m = messagesFor(lang);
  const nl = lang === "nl";
  const rows: Array<ReadonlyArray<Field>> = [
    ["key", "label", "value"],
    ["report_kind", nl ? "Soort rapport" : "Report kind", report.parameters.kind],
    ["title", nl ? "Titel" : "Title", report.title[lang]],
    ["period_first_day", nl ? "Eerste dag van de periode" : "First day of the period", report.period.from],
    ["period_last_day", nl ? "Laatste dag van de periode" : "Last day of the period", lastDayOf(report.period)],
    ["data_as_of", m.dataAsOf, report.dataAsOf],
    ["suppression_threshold", nl ? "Drempel voor onderdrukking" : "Suppression threshold", report.policy.threshold],
    ["rounding_base", nl ? "Afronding op veelvouden van" : "Rounded to multiples of", report.policy.roundingBase],
    ["policy", m.disclosure, describePolicy(report.policy, lang).join(" ")],
    ...report.notes.map((note, index): ReadonlyArray<Field> => [`note_${index + 1}`, m.notes, note[lang]]),
  ];
  return toCsv(rows);
};
