import { Report, type StatTable } from "@comensha/domain";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import {
  chartFontFamily,
  chartKindOf,
  normaliseSvgIds,
  renderReportChartSvg,
  renderTableChartSvg,
} from "../src/charts.js";
import { sampleReport } from "../src/sample.js";

const [byForm, byAgeAndSex] = sampleReport.tables as readonly [StatTable.PublishedTable, StatTable.PublishedTable];

const render = (table: StatTable.PublishedTable, lang: "nl" | "en" = "nl"): string => {
  const svg = renderTableChartSvg(table, lang);
  if (svg === undefined) throw new Error(`No chart for ${table.id}`);
  return svg;
};

/** The bars of a chart: the shapes ECharts marks as belonging to a series, not to the legend. */
const bars = (svg: string): ReadonlyArray<string> => svg.match(/<path [^>]*ecmeta_ssr_type="chart"[^>]*>/g) ?? [];

const texts = (svg: string): ReadonlyArray<string> =>
  [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((match) => match[1] ?? "");

const oneColumnTable = (rows: number): StatTable.PublishedTable =>
  Schema.decodeUnknownSync(Report.PublishedReport)({
    ...sampleReport,
    tables: [
      {
        ...byForm,
        rows: {
          ...byForm.rows,
          categories: Array.from({ length: rows }, (_, i) => ({ code: `c${i}`, label: { nl: `C${i}`, en: `C${i}` } })),
        },
        cells: Array.from({ length: rows }, (_, i) => [i % 3 === 0 ? null : i * 7]),
        columnTotals: [rows * 7],
      },
    ],
  }).tables[0] as StatTable.PublishedTable;

describe("chartKindOf", () => {
  it("draws bars for a one-column table and grouped bars for a two-way table", () => {
    expect(chartKindOf(byForm)).toBe("bar");
    expect(chartKindOf(byAgeAndSex)).toBe("groupedBar");
  });

  it("draws no chart of a table too long to read or with every value suppressed", () => {
    expect(chartKindOf(oneColumnTable(40))).toBe("bar");
    expect(chartKindOf(oneColumnTable(41))).toBeUndefined();
    expect(chartKindOf({ ...byForm, cells: byForm.cells.map(() => [null]) })).toBeUndefined();
    expect(renderTableChartSvg({ ...byForm, cells: byForm.cells.map(() => [null]) }, "nl")).toBeUndefined();
  });
});

describe("renderTableChartSvg", () => {
  it("renders an SVG document described for screen readers", () => {
    const svg = render(byForm);
    expect(
      svg.startsWith('<svg role="img" aria-label="Grafiek: Geregistreerde personen naar vorm van uitbuiting" '),
    ).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('viewBox="0 0 720 ');
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
  });

  it("draws one bar per published value of a one-column table, none for the suppressed value and none for totals", () => {
    const svg = render(byForm);
    expect(bars(svg)).toHaveLength(5);
    expect(texts(svg)).toEqual(expect.arrayContaining(["1.190", "387", "196", "12", "45"]));
    expect(texts(svg)).not.toContain("1.778");
  });

  it("marks the row of a suppressed value (x) and says in a footnote that it has no bar", () => {
    const nl = texts(render(byForm, "nl"));
    expect(nl).toContain("Orgaanverwijdering (x)");
    expect(nl).toContain("Seksuele uitbuiting");
    expect(nl).toContain("x = onderdrukt: geen staaf getekend");
    const en = texts(render(byForm, "en"));
    expect(en).toContain("Organ removal (x)");
    expect(en).toContain("x = suppressed: no bar drawn");
    expect(en).toContain("1,190");
  });

  it("draws grouped bars of a two-way table with a legend of its columns, leaving out suppressed values", () => {
    const svg = render(byAgeAndSex, "en");
    expect(bars(svg)).toHaveLength(7);
    expect(bars(svg).filter((bar) => bar.includes('ecmeta_series_index="2"'))).toHaveLength(1);
    expect(texts(svg)).toEqual(
      expect.arrayContaining(["Female", "Male", "X", "Minor (&lt;18) (x)", "23 years and older"]),
    );
    expect(texts(svg)).toEqual(expect.arrayContaining(["96", "41", "312", "128", "806", "388", "0"]));
  });

  it("says nothing about suppression when nothing in the chart is suppressed", () => {
    const svg = render({ ...byForm, cells: byForm.cells.map((row) => row.map((value) => value ?? 7)) });
    expect(svg).not.toContain("onderdrukt");
    expect(svg).not.toContain("(x)");
  });

  it("names one font family, embeds no font, image or link, and uses only ids it defines", () => {
    const svg = render(byAgeAndSex);
    expect(new Set([...svg.matchAll(/font-family:([^;"]+)/g)].map((match) => match[1]))).toEqual(
      new Set([chartFontFamily]),
    );
    expect(svg).not.toMatch(/@font-face|@import|<image|<foreignObject|<script|href=|url\((?!#)/);
    expect(svg).not.toMatch(/zr\d+-/);
  });

  it("gives the same bytes on every render in one process, whatever was rendered before", () => {
    const first = render(byAgeAndSex);
    render(byForm);
    render(byForm, "en");
    expect(render(byAgeAndSex)).toBe(first);
    expect(first).toMatch(/class="chart-0"/);
  });

  it("prefixes ids and classes as asked, so that charts in one document do not share styles", () => {
    const svg = renderTableChartSvg(byForm, "nl", { idPrefix: "t2" }) ?? "";
    expect(svg).toContain('class="t2-0"');
    expect(svg).toContain(".t2-0:hover");
    expect(svg).not.toContain("chart-0");
    expect(() => renderTableChartSvg(byForm, "nl", { idPrefix: "2 bad" })).toThrow(/prefix/);
  });

  it("draws the title and footnotes it is given", () => {
    const svg = renderTableChartSvg(byForm, "en", {
      title: "A title",
      footnotes: ["Line one", "Line two"],
      width: 500,
    });
    expect(texts(svg ?? "")).toEqual(expect.arrayContaining(["A title", "Line one", "Line two"]));
    expect(svg).toContain('width="500"');
  });
});

describe("renderReportChartSvg", () => {
  it("renders a standalone SVG file stating the report, the date the data is as of and the policy", () => {
    const svg = renderReportChartSvg(sampleReport, "persons_by_exploitation_form", "nl");
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(svg.endsWith("</svg>\n")).toBe(true);
    expect(texts(svg)).toEqual(
      expect.arrayContaining([
        "Geregistreerde personen naar vorm van uitbuiting",
        "Monitor mensenhandel 2024 (voorbeeld). Gegevens tot en met 31 maart 2025.",
        "Waarden van 1 tot 5 zijn onderdrukt (x), ook waar ze uit totalen terug te rekenen zouden zijn.",
      ]),
    );
    expect(renderReportChartSvg(sampleReport, "persons_by_exploitation_form", "nl")).toBe(svg);
  });

  it("rejects a table the report does not have", () => {
    expect(() => renderReportChartSvg(sampleReport, "nope", "en")).toThrow(/no table "nope"/);
  });
});

describe("normaliseSvgIds", () => {
  it("renumbers zrender's ids in order of first appearance and keeps references consistent", () => {
    const svg =
      '<svg><defs><clipPath id="zr7-c3"></clipPath></defs><path class="zr7-cls-12" clip-path="url(#zr7-c3)"/>' +
      '<path class="zr7-cls-12"/><path class="zr7-cls-13"/><style>.zr7-cls-12:hover{}</style></svg>';
    expect(normaliseSvgIds(svg, "p")).toBe(
      '<svg><defs><clipPath id="p-0"></clipPath></defs><path class="p-1" clip-path="url(#p-0)"/>' +
        '<path class="p-1"/><path class="p-2"/><style>.p-1:hover{}</style></svg>',
    );
  });

  it("refuses to leave a generated id it did not renumber", () => {
    expect(() => normaliseSvgIds('<svg data-x="zr1-c0"></svg>', "p")).toThrow(/unexpected place/);
  });
});
