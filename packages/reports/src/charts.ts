import { createRequire } from "node:module";
import type { CodeList, Report, StatTable } from "@comensha/domain";
import type * as EchartsCharts from "echarts/charts";
import type { BarSeriesOption } from "echarts/charts";
import type * as EchartsComponents from "echarts/components";
import type { GridComponentOption, LegendComponentOption, TitleComponentOption } from "echarts/components";
import type * as EchartsCore from "echarts/core";
import type { ComposeOption } from "echarts/core";
import type * as EchartsRenderers from "echarts/renderers";
import { describePolicy, formatCount, formatDate, messagesFor } from "./messages.js";
import { cellAt } from "./tableCells.js";

type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption>;

/**
 * The one font family every chart (and the HTML around it) names: fonts every system has, so that an SVG needs no
 * embedded or downloaded font. ECharts measures text without a font file, so the layout does not depend on the
 * fonts installed where it renders.
 */
export const chartFontFamily = "Arial, Helvetica, sans-serif";

/** A colour-blind-safe palette (Okabe and Ito), one colour per series. */
const palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/** The largest tables that are charted: beyond these, bars get too thin to read. */
const maxBarRows = 40;
const maxGroupedColumns = palette.length;
const maxGroupedBars = 80;

/** Options of a chart. */
export interface ChartOptions {
  /** Width in pixels; 720 by default. */
  readonly width?: number;
  /**
   * Prefix of the ids and CSS classes in the SVG (a letter, then letters, digits, `-` or `_`); `chart` by default.
   * Give each chart inlined into one HTML document its own prefix, since their styles share the document.
   */
  readonly idPrefix?: string;
  /** A title drawn above the chart; none by default. */
  readonly title?: string;
  /** Lines drawn below the chart, after the line that explains suppressed values. */
  readonly footnotes?: ReadonlyArray<string>;
}

/** How a table is charted: a bar per row for a one-column table, grouped bars for a two-way table. */
export type ChartKind = "bar" | "groupedBar";

/**
 * The chart that suits a table, or `undefined` when none does: a one-column table of at most 40 rows gets a
 * horizontal bar chart, a two-way table of at most 8 columns and 80 cells horizontal grouped bars (one colour per
 * column). Grouped rather than stacked bars, since a suppressed part would make a stack look smaller than it is.
 * A table whose values are all suppressed gets no chart.
 */
export const chartKindOf = (table: StatTable.PublishedTable): ChartKind | undefined => {
  const rows = table.rows.categories.length;
  const columns = table.columns.categories.length;
  if (!table.cells.some((row) => row.some((value) => value !== null))) return undefined;
  if (columns === 1) return rows <= maxBarRows ? "bar" : undefined;
  return columns <= maxGroupedColumns && rows * columns <= maxGroupedBars ? "groupedBar" : undefined;
};

/**
 * The ids zrender generates: `zr<instance>-<kind><n>` for CSS classes (`cls-`), animations (`ani-`), clip paths
 * (`c`), gradients (`g`), patterns (`p`) and shadows (`s`). Both counters are global to the process, so the same
 * chart rendered twice gets different ids; they are renumbered per SVG in order of appearance.
 */
const generatedId = /(?<=id="|class="|url\(#|href="#|\.|@keyframes |animation-name:\s?)zr\d+-(?:cls-|ani-|[cgps])\d+/g;
const anyGeneratedId = /zr\d+-(?:cls-|ani-|[cgps])\d+/;
const validPrefix = /^[A-Za-z][\w-]*$/;

/**
 * Renumbers the ids zrender generated in an SVG as `<prefix>-0`, `<prefix>-1`, ... in order of first appearance,
 * so that the same chart gives the same bytes however many charts the process rendered before.
 *
 * @throws an `Error` when a generated id is left in a place it is not expected, rather than output that could
 * differ between runs.
 */
export const normaliseSvgIds = (svg: string, prefix: string): string => {
  if (!validPrefix.test(prefix)) throw new RangeError(`Not a valid id prefix: "${prefix}"`);
  const renamed = new Map<string, string>();
  const normalised = svg.replace(generatedId, (id) => {
    const known = renamed.get(id);
    if (known !== undefined) return known;
    const fresh = `${prefix}-${renamed.size}`;
    renamed.set(id, fresh);
    return fresh;
  });
  if (anyGeneratedId.test(normalised)) throw new Error("The SVG holds a generated id in an unexpected place");
  return normalised;
};

const escapeAttribute = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/**
 * ECharts, loaded on the first chart rather than with this package: it costs some 60 MB of memory, and most
 * processes that import the package (API processes that leave reports to workers) never draw a chart.
 */
const loadEcharts = (() => {
  let loaded: typeof EchartsCore | undefined;
  return (): typeof EchartsCore => {
    if (loaded !== undefined) return loaded;
    const require = createRequire(import.meta.url);
    const core = require("echarts/core") as typeof EchartsCore;
    const { BarChart } = require("echarts/charts") as typeof EchartsCharts;
    const { GridComponent, LegendComponent, TitleComponent } =
      require("echarts/components") as typeof EchartsComponents;
    const { SVGRenderer } = require("echarts/renderers") as typeof EchartsRenderers;
    core.use([BarChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);
    loaded = core;
    return core;
  };
})();

const renderSvg = (option: ChartOption, width: number, height: number, prefix: string, label: string): string => {
  const chart = loadEcharts().init(null, null, { renderer: "svg", ssr: true, width, height, locale: "EN" });
  try {
    chart.setOption(option);
    const svg = chart.renderToSVGString({ useViewBox: true });
    return normaliseSvgIds(svg, prefix).replace(/^<svg /, `<svg role="img" aria-label="${escapeAttribute(label)}" `);
  } finally {
    chart.dispose();
  }
};

const lineHeight = 16;

/** Draws a chart of a published table: bars for its inner cells, none for suppressed ones (and no totals). */
const renderChart = (
  table: StatTable.PublishedTable,
  kind: ChartKind,
  lang: CodeList.Language,
  options: ChartOptions,
): string => {
  const m = messagesFor(lang);
  const width = options.width ?? 720;
  const prefix = options.idPrefix ?? "chart";
  const grouped = kind === "groupedBar";
  const columns = table.columns.categories;
  const values = table.rows.categories.map((_, r) => columns.map((_, c) => cellAt(table, r, c)));
  const isRowSuppressed = values.map((row) => row.some((value) => value === null));
  const hasSuppressed = isRowSuppressed.some(Boolean);
  const footnotes = [...(hasSuppressed ? [m.suppressedInChart] : []), ...(options.footnotes ?? [])];

  const barRowHeight = grouped ? Math.max(30, columns.length * 14 + 12) : 28;
  const titleHeight = options.title === undefined ? 0 : 32;
  const legendHeight = grouped ? 28 : 0;
  const top = 12 + titleHeight + legendHeight;
  const axisHeight = 44;
  const footHeight = footnotes.length === 0 ? 0 : footnotes.length * lineHeight + 8;
  const height = top + table.rows.categories.length * barRowHeight + axisHeight + footHeight;

  const formatValue = (value: unknown): string => (typeof value === "number" ? formatCount(value, lang) : "");
  const label = {
    show: true,
    position: "right",
    fontSize: 11,
    formatter: (p: { value?: unknown }) => formatValue(p.value),
  } as const;
  const series: Array<BarSeriesOption> = columns.map((column, c) => ({
    type: "bar",
    name: column.label[lang],
    data: values.map((row) => row[c] ?? null),
    label,
    barMaxWidth: 22,
    barGap: "10%",
    emphasis: { disabled: true },
  }));
  const titles: Array<TitleComponentOption> = [
    ...(options.title === undefined
      ? []
      : [{ text: options.title, left: 8, top: 8, textStyle: { fontSize: 15, fontWeight: "bold" as const } }]),
    ...(footnotes.length === 0
      ? []
      : [
          {
            text: footnotes.join("\n"),
            left: 8,
            bottom: 6,
            padding: 0,
            textStyle: { fontSize: 11, fontWeight: "normal" as const, color: "#333333", lineHeight },
          },
        ]),
  ];
  const option: ChartOption = {
    animation: false,
    silent: true,
    backgroundColor: "#ffffff",
    color: palette,
    textStyle: { fontFamily: chartFontFamily, fontSize: 12, color: "#1a1a1a" },
    title: titles,
    legend: grouped
      ? { show: true, top: 8 + titleHeight, left: 8, selectedMode: false, itemWidth: 14, itemHeight: 10 }
      : { show: false },
    grid: {
      left: 8,
      right: 56,
      top,
      bottom: axisHeight + footHeight,
      outerBoundsMode: "same",
      outerBoundsContain: "axisLabel",
    },
    xAxis: {
      type: "value",
      minInterval: 1,
      name: m.units[table.unit],
      nameLocation: "middle",
      nameGap: 26,
      axisLabel: { formatter: (value: number) => formatCount(value, lang) },
    },
    yAxis: {
      type: "category",
      inverse: true,
      data: table.rows.categories.map((row, r) => `${row.label[lang]}${isRowSuppressed[r] === true ? " (x)" : ""}`),
      axisTick: { show: false },
      axisLabel: { width: 200, overflow: "break" },
    },
    series,
  };
  const description = `${m.chartOf}: ${options.title ?? table.title[lang]}`;
  return renderSvg(option, width, height, prefix, description);
};

/**
 * Renders the chart {@link chartKindOf} chooses for a table as a standalone SVG document, or `undefined` when the
 * table gets no chart. Bars show the inner cells with their values, in `lang`; a suppressed value gets no bar, its
 * row label is marked `(x)` and a footnote says so. Totals are not drawn.
 *
 * The output is a pure function of its arguments: no animation, no dates, one font family ({@link chartFontFamily})
 * and the ids zrender generates renumbered ({@link normaliseSvgIds}).
 */
export const renderTableChartSvg = (
  table: StatTable.PublishedTable,
  lang: CodeList.Language,
  options: ChartOptions = {},
): string | undefined => {
  const kind = chartKindOf(table);
  return kind === undefined ? undefined : renderChart(table, kind, lang, options);
};

/**
 * Renders the chart of one table of a report as a standalone SVG file's content, titled with the table's title and
 * with footnotes stating the report, the date the data is as of and the disclosure policy, so that the image
 * stands on its own (e.g. `docs/images/sample-chart.svg` from `renderReportChartSvg(sampleReport, ...)`).
 *
 * @throws a `RangeError` when the report has no table `tableId`, or that table gets no chart.
 */
export const renderReportChartSvg = (
  report: Report.PublishedReport,
  tableId: string,
  lang: CodeList.Language,
  options: Pick<ChartOptions, "width" | "idPrefix"> = {},
): string => {
  const table = report.tables.find((candidate) => candidate.id === tableId);
  if (table === undefined) throw new RangeError(`The report has no table "${tableId}"`);
  const m = messagesFor(lang);
  const svg = renderTableChartSvg(table, lang, {
    ...options,
    title: table.title[lang],
    footnotes: [
      `${report.title[lang]}. ${m.dataAsOf} ${formatDate(report.dataAsOf, lang)}.`,
      describePolicy(report.policy, lang).join(" "),
    ],
  });
  if (svg === undefined) throw new RangeError(`Table "${tableId}" gets no chart`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
};
