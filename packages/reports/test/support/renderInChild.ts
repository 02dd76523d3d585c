/**
 * Run by the determinism test in a fresh Node.js process (see `determinism.test.ts`): renders every artifact of the
 * sample report and writes them to stdout as one JSON object.
 */
import {
  renderCsv,
  renderHtml,
  renderJson,
  renderReportChartSvg,
  reportJsonSchema,
  sampleReport,
} from "../../src/index.js";

const outputs = {
  htmlNl: renderHtml(sampleReport, "nl"),
  htmlEn: renderHtml(sampleReport, "en"),
  csvNl: renderCsv(sampleReport, "nl"),
  json: renderJson(sampleReport),
  schema: reportJsonSchema(),
  svg: renderReportChartSvg(sampleReport, "persons_by_age_group_and_sex", "en"),
};
process.stdout.write(JSON.stringify(outputs));
