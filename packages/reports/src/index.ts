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
  type Provenance,
  renderCsv,
  renderMetadataCsv,
  renderRecordsCsv,
  suppressedFlag,
  tableCsvHeader,
} from "./csv.js";
export { escapeHtml, renderHtml } from "./html.js";
export { renderJson, reportJsonSchema, reportSchemaId } from "./json.js";
export { describePolicy, formatCount, formatDate } from "./messages.js";
export { artifactStem, draftReport, produceReport, type ReportDraft, renderArtifacts } from "./produceReport.js";
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
