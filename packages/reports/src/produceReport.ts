import { createHash } from "node:crypto";
import {
  AnnualMonitor,
  type CodeList,
  Counting,
  Disclosure,
  DisclosureCheck,
  DisclosurePolicy,
  EurostatCrimThb,
  HtcdsExport,
  type IsoDate,
  KAnonymityCheck,
  PlacementReport,
  Ports,
  type Report,
  type ReportJob,
  type StatTable,
} from "@comensha/domain";
import { Effect } from "effect";
import { renderCsv, renderRecordsCsv } from "./csv.js";
import { renderHtml } from "./html.js";
import { renderJson, reportJsonSchema } from "./json.js";

/** What a report definition yields before disclosure control: its texts, period and exact tables. */
export interface ReportDraft {
  readonly title: CodeList.Label;
  readonly period: Report.PublishedReport["period"];
  readonly notes: ReadonlyArray<CodeList.Label>;
  readonly tables: ReadonlyArray<StatTable.CountTable>;
  /** Record-level data, already anonymised for the policy (k-anonymity), for the HTCDS export. */
  readonly records?: (policy: DisclosurePolicy.DisclosurePolicy) => Report.RecordSet;
  readonly dataAsOf: string;
}

const languages: ReadonlyArray<CodeList.Language> = ["nl", "en"];

const yearPeriod = (year: number) =>
  ({ from: `${year}-01-01`, to: `${year + 1}-01-01` }) as Report.PublishedReport["period"];

/** The countable registrations of `year`, and of the year before when `withPreviousYear`. */
const countableOf = (year: number, withPreviousYear: boolean) =>
  Effect.gen(function* () {
    const registrations = yield* Ports.RegistrationRepository;
    const previous = withPreviousYear ? yield* registrations.listCountable(year - 1) : [];
    return [...previous, ...(yield* registrations.listCountable(year))];
  });

const registrationsChangedOn = (from: number, year: number) =>
  Effect.flatMap(Ports.StatisticsSource, (statistics) =>
    statistics.registrationsChangedOn({ from: `${from}-01-01`, to: `${year + 1}-01-01` }),
  );

/** The annual monitor of a year: the registrations of that year and the one before, through the counting rule. */
const annualMonitorDraft = (year: number) =>
  Effect.gen(function* () {
    const rows = yield* countableOf(year, true);
    return {
      title: AnnualMonitor.annualMonitorTitle(year),
      period: yearPeriod(year),
      notes: AnnualMonitor.annualMonitorNotes,
      tables: AnnualMonitor.annualMonitorTables({ year, registrations: rows }),
      dataAsOf: yield* registrationsChangedOn(year - 1, year),
    } satisfies ReportDraft;
  });

/** The placement report of [from, to): requests, placements, waiting times, occupancy and long stays. */
const placementReportDraft = (from: IsoDate.IsoDate, to: IsoDate.IsoDate) =>
  Effect.gen(function* () {
    const statistics = yield* Ports.StatisticsSource;
    const facts = yield* statistics.placementFacts({ from, to });
    return {
      title: PlacementReport.placementReportTitle(from, to),
      period: { from, to },
      notes: PlacementReport.placementReportNotes,
      tables: PlacementReport.placementReportTables({ from, to, ...facts }),
      dataAsOf: yield* statistics.placementsChangedOn({ from, to }),
    } satisfies ReportDraft;
  });

/** The Eurostat crim_thb breakdown of the registered victims of a year. */
const eurostatDraft = (year: number) =>
  Effect.gen(function* () {
    const rows = yield* countableOf(year, false);
    return {
      title: EurostatCrimThb.eurostatCrimThbTitle(year),
      period: yearPeriod(year),
      notes: EurostatCrimThb.eurostatCrimThbNotes,
      tables: EurostatCrimThb.eurostatCrimThbTables({ year, registrations: rows }),
      dataAsOf: yield* registrationsChangedOn(year, year),
    } satisfies ReportDraft;
  });

/** The anonymised record export of a year in the HTCDS encoding: records, no tables. */
const htcdsDraft = (year: number) =>
  Effect.gen(function* () {
    const persons = Counting.countPersons(yield* countableOf(year, false), year);
    return {
      title: HtcdsExport.htcdsExportTitle(year),
      period: yearPeriod(year),
      notes: HtcdsExport.htcdsExportNotes,
      tables: [],
      records: (policy: DisclosurePolicy.DisclosurePolicy) => HtcdsExport.htcdsRecords(persons, year, policy),
      dataAsOf: yield* registrationsChangedOn(year, year),
    } satisfies ReportDraft;
  });

/** The exact tables of a report, before disclosure control. */
export const draftReport = (
  parameters: Report.ReportParameters,
): Effect.Effect<ReportDraft, never, Ports.RegistrationRepository | Ports.StatisticsSource> => {
  switch (parameters.kind) {
    case "annual_monitor":
      return annualMonitorDraft(parameters.year);
    case "placement_report":
      return placementReportDraft(parameters.from, parameters.to);
    case "eurostat_crim_thb":
      return eurostatDraft(parameters.year);
    case "htcds_export":
      return htcdsDraft(parameters.year);
  }
};

/** The file name stem of a report: its kind and period, e.g. `annual_monitor-2025`. */
export const artifactStem = (parameters: Report.ReportParameters): string => {
  switch (parameters.kind) {
    case "placement_report":
      return `${parameters.kind}-${parameters.from}_${parameters.to}`;
    default:
      return `${parameters.kind}-${parameters.year}`;
  }
};

const encoder = new TextEncoder();

const artifact = (
  name: string,
  format: ReportJob.ArtifactFormat,
  mediaType: string,
  text: string,
  language?: CodeList.Language,
): Ports.ArtifactContent => {
  const bytes = encoder.encode(text);
  return {
    name,
    format,
    ...(language === undefined ? {} : { language }),
    mediaType,
    size: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    bytes,
  };
};

/**
 * Renders a published report into its files: CSV (the records, for an export) and HTML in Dutch and English, JSON and
 * its JSON Schema.
 */
export const renderArtifacts = (report: Report.PublishedReport): ReadonlyArray<Ports.ArtifactContent> => {
  const stem = artifactStem(report.parameters);
  const records = report.records;
  return [
    ...(records === undefined
      ? languages.map((lang) =>
          artifact(`${stem}.${lang}.csv`, "csv", "text/csv; charset=utf-8", renderCsv(report, lang), lang),
        )
      : [artifact(`${stem}.csv`, "csv", "text/csv; charset=utf-8", renderRecordsCsv(records, report))]),
    artifact(`${stem}.json`, "json", "application/json", renderJson(report)),
    artifact(`${stem}.schema.json`, "json", "application/schema+json", reportJsonSchema()),
    ...languages.map((lang) =>
      artifact(`${stem}.${lang}.html`, "html", "text/html; charset=utf-8", renderHtml(report, lang), lang),
    ),
  ];
};

/**
 * Produces a report: the definition's exact tables, each protected under the policy and then verified by the
 * independent checker (a table that fails it fails the report: nothing is published), and the rendered files.
 * `onProgress` hears the percentage done after each step.
 */
export const produceReport = <R = never>(
  parameters: Report.ReportParameters,
  policy: DisclosurePolicy.DisclosurePolicy,
  onProgress: (percent: number) => Effect.Effect<void, never, R> = () => Effect.void as Effect.Effect<void, never, R>,
) =>
  Effect.gen(function* () {
    // Whoever asked (the API, the CLI, a schedule or a row written by hand), nothing is published under a weaker policy.
    const weaker = DisclosurePolicy.policyViolations(policy);
    if (weaker.length > 0) {
      return yield* new DisclosureCheck.DisclosureCheckFailed({
        tableId: "policy",
        violations: weaker.map((violation) => `${violation.path.join(".")} ${violation.message}`),
      });
    }
    const draft = yield* draftReport(parameters);
    yield* onProgress(10);
    const tables: Array<StatTable.PublishedTable> = [];
    for (const [index, table] of draft.tables.entries()) {
      const { published } = Disclosure.protect(table, policy);
      yield* DisclosureCheck.verifyTable(table, published, policy);
      tables.push(published);
      yield* onProgress(10 + Math.round((80 * (index + 1)) / Math.max(1, draft.tables.length)));
    }
    const records = draft.records?.(policy);
    if (records !== undefined) {
      const violations = KAnonymityCheck.checkKAnonymity(records, policy.threshold, HtcdsExport.htcdsQuasiIdentifiers);
      if (violations.length > 0) {
        return yield* new DisclosureCheck.DisclosureCheckFailed({ tableId: "records", violations });
      }
    }
    const report: Report.PublishedReport = {
      parameters,
      title: draft.title,
      period: draft.period,
      dataAsOf: draft.dataAsOf as Report.PublishedReport["dataAsOf"],
      policy,
      tables,
      ...(records === undefined ? {} : { records }),
      notes: draft.notes,
    };
    const artifacts = renderArtifacts(report);
    yield* onProgress(95);
    return { report, artifacts };
  });
