export {
  type ChartKind,
  type ChartOptions,
  chartFontFamily,
  chartKindOf,
  normaliseSvgIds,
  renderReportChartSvg,
  renderTableChartSvg,
} from "./charts.js";
export {
  type CsvField,
  type Provenance,
  type RecordProvenance,
  renderCsv,
  renderMetadataCsv,
  renderRecordsCsv,
  renderRowsCsv,
  suppressedFlag,
  tableCsvHeader,
} from "./csv.js";
export { draftReport, type Frame, type ReportDraft } from "./drafts.js";
export { type EurostatFile, renderEurostatFiles, sdmxCsvMediaType } from "./eurostatFiles.js";
export { escapeHtml, renderHtml } from "./html.js";
export {
  auditReleases,
  type JointProtection,
  type JointRelease,
  loadSolver,
  type PinnedValue,
  protectJointly,
} from "./jointDisclosure.js";
export { renderJson, reportJsonSchema, reportSchemaId } from "./json.js";
export { describePolicy, formatCount, formatDate } from "./messages.js";
export { artifactStem, type ProducedRelease, produceReport, renderArtifacts } from "./produceReport.js";
export {
  createReport,
  enqueueReport,
  givenUpReason,
  givenUpReportQueue,
  giveUpReport,
  type ReportServices,
  type ReportWorkerOptions,
  reportQueue,
  reportSchedules,
  requestScheduledReport,
  runReport,
  scheduleQueue,
  startReportWorker,
} from "./reportJobs.js";
export { sampleReport } from "./sample.js";
export { totalCode } from "./tableCells.js";
