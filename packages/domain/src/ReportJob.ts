import { Schema } from "effect";
import { DisclosurePolicy } from "./DisclosurePolicy.js";
import * as IsoDate from "./IsoDate.js";
import { UtcInstant } from "./PlacementRequest.js";
import { ReportParameters } from "./Report.js";
import { Uuid } from "./Uuid.js";

/** Identifier of a requested report. */
export const ReportId = Uuid.pipe(Schema.brand("ReportId"));
export type ReportId = typeof ReportId.Type;

/**
 * Where a requested report stands: queued (waiting for a worker), running, completed (its artifacts are ready), or
 * failed (the data could not be protected or the job gave up; `error` says why).
 */
export const ReportStatus = Schema.Literals(["queued", "running", "completed", "failed"]);
export type ReportStatus = typeof ReportStatus.Type;

/** The file formats a report is rendered in. */
export const ArtifactFormat = Schema.Literals(["csv", "json", "html"]);
export type ArtifactFormat = typeof ArtifactFormat.Type;

/** One rendered file of a report, without its bytes: what it is, how big, and its SHA-256. */
export const ReportArtifact = Schema.Struct({
  /** The file name, e.g. `annual_monitor-2025.nl.csv`. */
  name: Schema.String,
  format: ArtifactFormat,
  /** The language of its labels; absent for language-neutral files (JSON). */
  language: Schema.optionalKey(Schema.Literals(["nl", "en"])),
  mediaType: Schema.String,
  size: Schema.Int,
  sha256: Schema.String,
});
export type ReportArtifact = typeof ReportArtifact.Type;

/** What a caller sends to request a report: the report's parameters, and optionally a stricter policy. */
export const ReportRequest = Schema.Struct({
  parameters: ReportParameters,
  policy: Schema.optionalKey(DisclosurePolicy),
});
export type ReportRequest = typeof ReportRequest.Type;

/** Who asked for a report: a caller of the API, the command line, or the schedule. */
export const ReportOrigin = Schema.Literals(["api", "cli", "schedule"]);
export type ReportOrigin = typeof ReportOrigin.Type;

/**
 * A requested report (rapportage): what was asked, by whom, and how far the worker is. `progress` runs from 0 to
 * 100; the artifacts are there once it is completed.
 */
export class ReportJob extends Schema.Class<ReportJob>("ReportJob")({
  id: ReportId,
  parameters: ReportParameters,
  policy: DisclosurePolicy,
  status: ReportStatus,
  progress: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 100 })),
  origin: ReportOrigin,
  requestedAt: UtcInstant,
  completedAt: Schema.NullOr(UtcInstant),
  dataAsOf: Schema.NullOr(IsoDate.IsoDate),
  error: Schema.NullOr(Schema.String),
  artifacts: Schema.Array(ReportArtifact),
}) {}

/** No report with this id. */
export class ReportNotFound extends Schema.TaggedError<ReportNotFound>()("ReportNotFound", { id: Schema.String }) {}

/** The report has no artifact of that name (yet). */
export class ArtifactNotFound extends Schema.TaggedError<ArtifactNotFound>()("ArtifactNotFound", {
  id: Schema.String,
  name: Schema.String,
}) {}

/** The reports made on a schedule: the annual monitor each January, the placement report each quarter. */
export const ScheduledReport = Schema.Literals(["annual_monitor", "placement_report"]);
export type ScheduledReport = typeof ScheduledReport.Type;

/**
 * What a scheduled report covers when it runs on `today`: the annual monitor the previous calendar year, the
 * placement report the previous calendar quarter.
 */
export const scheduledParameters = (kind: ScheduledReport, today: IsoDate.IsoDate): ReportParameters => {
  const { year, month } = IsoDate.toParts(today);
  if (kind === "annual_monitor") return { kind, year: year - 1 };
  const quarterStart = Math.floor((month - 1) / 3) * 3 + 1;
  const to = IsoDate.fromParts(year, quarterStart, 1);
  const from = quarterStart === 1 ? IsoDate.fromParts(year - 1, 10, 1) : IsoDate.fromParts(year, quarterStart - 3, 1);
  return { kind, from, to };
};
