import type { Report } from "../api.js";
import { formatDate } from "../format.js";
import type { Lang } from "../i18n/translate.js";

/** The first year the API accepts for a report. */
export const firstReportYear = 2000;

/** The years an annual monitor may be asked for: from 2000 up to the current year (it may still be running). */
export const reportYearRange = (currentYear: number): { readonly min: number; readonly max: number } => ({
  min: firstReportYear,
  max: Math.max(firstReportYear, currentYear),
});

/** The year to offer first: last year, whose monitor is the one usually wanted. */
export const defaultReportYear = (currentYear: number): number => Math.max(firstReportYear, currentYear - 1);

/** A year typed into the form, when it is a whole number in range. */
export const parseReportYear = (value: string, range: { min: number; max: number }): number | undefined => {
  if (!/^\d{4}$/.test(value.trim())) return undefined;
  const year = Number(value.trim());
  return year >= range.min && year <= range.max ? year : undefined;
};

/** Whether the worker still has the report to do. */
export const isInProgress = (report: Pick<Report, "status">): boolean =>
  report.status === "queued" || report.status === "running";

/** The period a report covers, for people: its year, or its half-open date range. */
export const reportPeriod = (
  parameters: Report["parameters"],
  lang: Lang,
  formatRange: (from: string, to: string) => string,
): string =>
  parameters.kind === "placement_report"
    ? formatRange(formatDate(parameters.from, lang), formatDate(parameters.to, lang))
    : String(parameters.year);

/**
 * The reports that finished (completed or failed) since the last look, to announce them. Reports not seen before are
 * not announced: they were not being waited for on this page.
 */
export const finishedSince = (
  previous: ReadonlyMap<string, Report["status"]>,
  current: ReadonlyArray<Report>,
): ReadonlyArray<Report> =>
  current.filter((report) => {
    const before = previous.get(report.id);
    return before !== undefined && before !== report.status && !isInProgress(report);
  });

/** The status of each report, to compare the next poll with. */
export const statusesOf = (reports: ReadonlyArray<Report>): ReadonlyMap<string, Report["status"]> =>
  new Map(reports.map((report) => [report.id, report.status]));
