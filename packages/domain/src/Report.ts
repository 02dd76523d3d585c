import { Schema } from "effect";
import { Label } from "./CodeList.js";
import { DisclosurePolicy } from "./DisclosurePolicy.js";
import * as IsoDate from "./IsoDate.js";
import { PublishedTable } from "./StatTable.js";

/**
 * The kinds of report: the annual monitor of a year, the placement report of a period, the Eurostat `crim_thb`
 * breakdown of a year, and the anonymised record export in the HTCDS field encoding for researchers.
 */
export const ReportKind = Schema.Literals(["annual_monitor", "placement_report", "eurostat_crim_thb", "htcds_export"]);
export type ReportKind = typeof ReportKind.Type;

const Year = Schema.Int.check(Schema.isBetween({ minimum: 2000, maximum: 2100 }));

/** What a report is asked for: its kind and period. A placement report covers the half-open range [from, to). */
export const ReportParameters = Schema.Union([
  Schema.Struct({ kind: Schema.tag("annual_monitor"), year: Year }),
  Schema.Struct({ kind: Schema.tag("placement_report"), from: IsoDate.IsoDate, to: IsoDate.IsoDate }),
  Schema.Struct({ kind: Schema.tag("eurostat_crim_thb"), year: Year }),
  Schema.Struct({ kind: Schema.tag("htcds_export"), year: Year }),
]).pipe(Schema.toTaggedUnion("kind"));
export type ReportParameters = typeof ReportParameters.Type;

/** One field of a record export: its name in the export's encoding, and its labels. */
export const RecordField = Schema.Struct({ name: Schema.String, label: Label });
export type RecordField = typeof RecordField.Type;

/** Record-level data (one row per counted person), anonymised: every value is a code or band, never an identifier. */
export const RecordSet = Schema.Struct({
  fields: Schema.NonEmptyArray(RecordField),
  records: Schema.Array(Schema.Array(Schema.String)),
});
export type RecordSet = typeof RecordSet.Type;

/**
 * A report as published: what was asked, the date the data is as of, the disclosure policy applied, and its tables
 * (and, for an export, its records), all after disclosure control and verified by the independent checker. It holds
 * no wall-clock time, so the same data and definition always give the same report.
 */
export const PublishedReport = Schema.Struct({
  parameters: ReportParameters,
  title: Label,
  /** The period covered, as the half-open range [from, to). */
  period: Schema.Struct({ from: IsoDate.IsoDate, to: IsoDate.IsoDate }),
  /** The last day on which the data the report counts was changed. */
  dataAsOf: IsoDate.IsoDate,
  policy: DisclosurePolicy,
  tables: Schema.Array(PublishedTable),
  records: Schema.optionalKey(RecordSet),
  /** Notes for the reader: the counting rule, code mappings, and what the policy hides. */
  notes: Schema.Array(Label),
});
export type PublishedReport = typeof PublishedReport.Type;
