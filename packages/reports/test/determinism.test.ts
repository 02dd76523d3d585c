import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { renderReportChartSvg } from "../src/charts.js";
import { renderCsv } from "../src/csv.js";
import { renderHtml } from "../src/html.js";
import { renderJson, reportJsonSchema } from "../src/json.js";
import { sampleReport } from "../src/sample.js";

/**
 * Loads `support/renderInChild.ts` in a fresh Node.js process, with Node's own type stripping and a resolve hook
 * that maps the `.js` specifiers of the TypeScript sources to their `.ts` files, so that ECharts, zrender and the
 * renderers are loaded anew with their global counters at zero.
 */
const bootstrap = `
import { registerHooks } from "node:module";
import { pathToFileURL } from "node:url";
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (error?.code === "ERR_MODULE_NOT_FOUND" && /^\\.\\.?\\//.test(specifier) && specifier.endsWith(".js")) {
        return nextResolve(specifier.slice(0, -3) + ".ts", context);
      }
      throw error;
    }
  },
});
await import(pathToFileURL(process.argv[1]).href);
`;

const childScript = fileURLToPath(new URL("./support/renderInChild.ts", import.meta.url));

const run = promisify(execFile);

const renderInFreshProcess = async (): Promise<Record<string, string>> => {
  const { stdout } = await run(
    process.execPath,
    ["--input-type=module", "--disable-warning=ExperimentalWarning", "-e", bootstrap, childScript],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout);
};

const renderHere = (): Record<string, string> => ({
  htmlNl: renderHtml(sampleReport, "nl"),
  htmlEn: renderHtml(sampleReport, "en"),
  csvNl: renderCsv(sampleReport, "nl"),
  json: renderJson(sampleReport),
  schema: reportJsonSchema(),
  svg: renderReportChartSvg(sampleReport, "persons_by_age_group_and_sex", "en"),
});

describe("determinism", () => {
  it("renders every artifact byte for byte the same in two fresh processes and in this one", async () => {
    const [first, second] = await Promise.all([renderInFreshProcess(), renderInFreshProcess()]);
    expect(Object.keys(first)).toEqual(["htmlNl", "htmlEn", "csvNl", "json", "schema", "svg"]);
    expect(second).toEqual(first);
    renderHere();
    expect(renderHere()).toEqual(first);
    // Two fresh processes that each load and render everything: 51 s of the default 60 in CI, beside the other
    // packages' tests on 2 cores; one run over it failed. The assertions are what matters, not the time.
  }, 180_000);
});
