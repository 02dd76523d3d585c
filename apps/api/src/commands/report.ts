import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import type { StorageOptions } from "@comensha/db";
import { type CodeList, type DisclosurePolicy, Ports, Report, type ReportJob } from "@comensha/domain";
import { artifactStem, createReport, renderReportChartSvg, runReport } from "@comensha/reports";
import { Effect, Schema } from "effect";
import { withStorage } from "./storage.js";

/** The kinds `report run --kind` takes, short names first as policy staff type them. */
const kindAliases: Readonly<Record<string, Report.ReportKind>> = {
  annual: "annual_monitor",
  annual_monitor: "annual_monitor",
  placement: "placement_report",
  placement_report: "placement_report",
  eurostat: "eurostat_crim_thb",
  eurostat_crim_thb: "eurostat_crim_thb",
  htcds: "htcds_export",
  htcds_export: "htcds_export",
};

/** What `report run` was asked for. */
export interface ReportRunOptions {
  readonly kind: string;
  readonly year?: number | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly format: string;
  readonly lang: string;
  readonly out: string;
  /** With `--format chart`: the table to draw. */
  readonly table?: string | undefined;
  readonly policy?: DisclosurePolicy.DisclosurePolicy | undefined;
}

/** A `report run` that cannot be carried out as asked: the message says why. */
export class ReportRunError extends Error {}

const parametersOf = (options: ReportRunOptions): unknown => {
  const kind = kindAliases[options.kind];
  if (kind === undefined) {
    throw new ReportRunError(`--kind must be one of annual, placement, eurostat, htcds; got "${options.kind}"`);
  }
  if (kind === "placement_report") {
    if (options.from === undefined || options.to === undefined) {
      throw new ReportRunError("a placement report needs --from YYYY-MM-DD and --to YYYY-MM-DD (exclusive)");
    }
    return { kind, from: options.from, to: options.to };
  }
  if (options.year === undefined) throw new ReportRunError(`a ${options.kind} report needs --year YYYY`);
  return { kind, year: options.year };
};

/** The artifact name for a format and language: CSV and HTML come per language, JSON once. */
const artifactName = (parameters: Report.ReportParameters, format: string, lang: string) => {
  const stem = artifactStem(parameters);
  if (format === "json") return `${stem}.json`;
  if (format === "schema" || format === "chart") return format === "chart" ? `${stem}.json` : `${stem}.schema.json`;
  if (parameters.kind === "htcds_export" && format === "csv") return `${stem}.csv`;
  if (format !== "csv" && format !== "html") {
    throw new ReportRunError(`--format must be csv, json, html, schema or chart; got "${format}"`);
  }
  if (lang !== "nl" && lang !== "en") throw new ReportRunError(`--lang must be nl or en; got "${lang}"`);
  return `${stem}.${lang as CodeList.Language}.${format}`;
};

/** The SVG chart of one table of the report (its JSON), with the report's title, data-as-of date and policy. */
const chartOf = (json: Uint8Array, options: ReportRunOptions) => {
  if (options.table === undefined)
    throw new ReportRunError("--format chart needs --table ID (a table id of the report)");
  const report = Schema.decodeUnknownSync(Report.PublishedReport)(JSON.parse(new TextDecoder().decode(json)));
  const lang = options.lang === "en" ? "en" : "nl";
  let svg: string;
  try {
    svg = renderReportChartSvg(report, options.table, lang);
  } catch (error) {
    const ids = report.tables.map((table) => table.id).join(", ");
    throw new ReportRunError(`${error instanceof Error ? error.message : String(error)}; tables: ${ids}`);
  }
  const bytes = new TextEncoder().encode(svg);
  return {
    name: `${artifactStem(report.parameters)}.${options.table}.${lang}.svg`,
    bytes,
    size: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
};

/**
 * Produces a report on the spot (no worker needed), records it like one requested through the API (origin `cli`),
 * and writes the asked file to `out` (`-` for standard output). A table that fails the disclosure check fails the
 * command, and nothing is written.
 */
export const runReportCommand = async (storage: StorageOptions, options: ReportRunOptions) => {
  const parameters = Schema.decodeUnknownSync(Report.ReportParameters)(parametersOf(options));
  const name = artifactName(parameters, options.format, options.lang);
  const result = await withStorage(
    storage,
    Effect.gen(function* () {
      const job = yield* createReport({ parameters, policy: options.policy, origin: "cli", requestedBy: "cli" });
      const status = yield* runReport(job.id);
      const reports = yield* Ports.ReportRepository;
      const finished: ReportJob.ReportJob = yield* reports.findById(job.id);
      if (status !== "completed") return { finished, content: undefined };
      return { finished, content: yield* reports.readArtifact(job.id, name) };
    }),
  );
  if (result.content === undefined) {
    const made = result.finished.artifacts.map((artifact) => artifact.name).join(", ");
    throw new ReportRunError(
      result.finished.status === "completed"
        ? `the report has no file ${name}; it has ${made}`
        : `the report failed: ${result.finished.error ?? "unknown error"}`,
    );
  }
  const output = options.format === "chart" ? chartOf(result.content.bytes, options) : result.content;
  if (options.out === "-") process.stdout.write(output.bytes);
  else writeFileSync(options.out, output.bytes);
  return { report: result.finished, file: output.name, bytes: output.size, sha256: output.sha256 };
};
