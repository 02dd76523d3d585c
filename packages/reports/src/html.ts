import type { CodeList, IsoDate, Report, StatTable } from "@comensha/domain";
import { chartFontFamily, renderTableChartSvg } from "./charts.js";
import { describePolicy, formatCount, formatDate, lastDayOf, messagesFor } from "./messages.js";
import { cellAt, hasSuppressed, totalAt } from "./tableCells.js";

/** Escapes text for HTML content and for attribute values in double quotes. */
export const escapeHtml = (text: string): string =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");

/** Words used only in the HTML document. */
const wording = {
  nl: {
    table: "Tabel",
    unit: "Eenheid",
    chartFor: "Grafiek bij tabel",
    records: (count: string) => `Bij dit rapport horen ${count} records op persoonsniveau; die staan in de CSV-export.`,
  },
  en: {
    table: "Table",
    unit: "Unit",
    chartFor: "Chart for table",
    records: (count: string) => `This report comes with ${count} person-level records, in the CSV export.`,
  },
} as const;

const styles = `
@page { size: A4; margin: 18mm 16mm; }
:root { color: #1a1a1a; background: #ffffff; font-family: ${chartFontFamily}; font-size: 11pt; line-height: 1.4; }
body { max-width: 178mm; margin: 0 auto; padding: 10mm 4mm; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 5mm; }
h2 { font-size: 14pt; line-height: 1.25; margin: 0 0 2mm; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 6mm; margin: 0 0 6mm; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
dl.meta dd p { margin: 0; }
section { margin: 0 0 10mm; }
table { border-collapse: collapse; width: 100%; margin: 0 0 2mm; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; color: #444444; font-size: 9.5pt; padding: 0 0 1.5mm; }
th, td { padding: 1.2mm 2mm; border-bottom: 1px solid #c8c8c8; text-align: left; vertical-align: top; font-weight: normal; }
thead th { font-weight: bold; border-bottom: 1.5pt solid #1a1a1a; }
thead th.num, td.num { text-align: right; }
tbody th { font-weight: normal; }
tfoot th, tfoot td { font-weight: bold; border-top: 1.5pt solid #1a1a1a; border-bottom: none; }
td.suppressed abbr { text-decoration: none; }
p.legend { font-size: 9.5pt; color: #444444; margin: 0 0 1mm; }
figure.chart { margin: 5mm 0 0; break-inside: avoid; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figure.chart figcaption { font-size: 9.5pt; color: #444444; margin: 1mm 0 0; }
@media print {
  :root { font-size: 10pt; }
  body { max-width: none; margin: 0; padding: 0; }
  section.report-table + section.report-table { break-before: page; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  tr { break-inside: avoid; }
}
`.trim();

const time = (date: IsoDate.IsoDate, lang: CodeList.Language): string =>
  `<time datetime="${escapeHtml(date)}">${escapeHtml(formatDate(date, lang))}</time>`;

const valueCell = (value: StatTable.PublishedValue | undefined, lang: CodeList.Language): string => {
  if (value === undefined) return "<td></td>";
  if (value === null) {
    return `<td class="num suppressed"><abbr title="${escapeHtml(messagesFor(lang).suppressed)}">x</abbr></td>`;
  }
  return `<td class="num">${escapeHtml(formatCount(value, lang))}</td>`;
};

/** Strips the namespace declarations a standalone SVG needs and an SVG inside HTML does not. */
const inlineSvg = (svg: string): string =>
  svg.replace(' xmlns="http://www.w3.org/2000/svg"', "").replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "");

const renderTable = (table: StatTable.PublishedTable, index: number, lang: CodeList.Language): string => {
  const m = messagesFor(lang);
  const w = wording[lang];
  const number = index + 1;
  const anchor = `table-${number}`;
  const columns = table.columns.categories;
  const hasTotalColumn =
    table.rowTotals !== undefined ||
    (table.grandTotal !== undefined && (table.columnTotals === undefined || table.columns.categories.length > 1));
  const hasTotalRow = table.columnTotals !== undefined || table.grandTotal !== undefined;

  const head: Array<string> = [];
  if (columns.length > 1) {
    head.push(
      `<tr><td></td><th scope="colgroup" colspan="${columns.length}">${escapeHtml(table.columns.title[lang])}</th>${
        hasTotalColumn ? "<td></td>" : ""
      }</tr>`,
    );
  }
  head.push(
    `<tr><th scope="col">${escapeHtml(table.rows.title[lang])}</th>${columns
      .map((column) => `<th scope="col" class="num">${escapeHtml(column.label[lang])}</th>`)
      .join("")}${hasTotalColumn ? `<th scope="col" class="num">${escapeHtml(m.total)}</th>` : ""}</tr>`,
  );

  const body = table.rows.categories.map(
    (row, r) =>
      `<tr><th scope="row">${escapeHtml(row.label[lang])}</th>${columns
        .map((_, c) => valueCell(cellAt(table, r, c), lang))
        .join("")}${hasTotalColumn ? valueCell(totalAt(table, table.rowTotals, r), lang) : ""}</tr>`,
  );

  const foot = hasTotalRow
    ? `<tfoot><tr><th scope="row">${escapeHtml(m.total)}</th>${columns
        .map((_, c) => valueCell(totalAt(table, table.columnTotals, c), lang))
        .join("")}${hasTotalColumn ? valueCell(table.grandTotal, lang) : ""}</tr></tfoot>`
    : "";

  const legends = [
    ...(hasSuppressed(table) ? [m.suppressedLegend] : []),
    ...(!table.rowsAdd && table.columnTotals !== undefined ? [m.nonAdditive(table.unit, "row")] : []),
    ...(!table.columnsAdd && table.rowTotals !== undefined ? [m.nonAdditive(table.unit, "column")] : []),
  ].map((text) => `<p class="legend">${escapeHtml(text)}</p>`);

  const svg = renderTableChartSvg(table, lang, { idPrefix: `t${number}` });
  const chart =
    svg === undefined
      ? []
      : [
          `<figure class="chart">`,
          inlineSvg(svg),
          `<figcaption>${escapeHtml(`${w.chartFor} ${number}`)}</figcaption>`,
          `</figure>`,
        ];

  return [
    `<section class="report-table" id="${anchor}" aria-labelledby="${anchor}-title">`,
    `<h2 id="${anchor}-title">${escapeHtml(table.title[lang])}</h2>`,
    `<table>`,
    `<caption>${escapeHtml(`${w.table} ${number} · ${w.unit}: ${m.units[table.unit]}`)}</caption>`,
    `<thead>${head.join("")}</thead>`,
    `<tbody>`,
    ...body,
    `</tbody>`,
    ...(foot === "" ? [] : [foot]),
    `</table>`,
    ...legends,
    ...chart,
    `</section>`,
  ].join("\n");
};

/**
 * Renders a report as a printable, self-contained HTML5 document in `lang`: the title, the period, the date the data
 * is as of, the disclosure policy in words, the notes, then each table (a new page for each but the first when printed on A4) as an
 * accessible table with row and column totals where the report states them, suppressed values as `x` with a
 * legend, and a chart where {@link renderTableChartSvg} draws one. All text is escaped; the document has no
 * scripts, no external resources and no timestamps, so the same report always gives the same bytes.
 *
 * Record-level data is not shown, only mentioned; it belongs in the CSV export.
 */
export const renderHtml = (report: Report.PublishedReport, lang: CodeList.Language): string => {
  const m = messagesFor(lang);
  const title = report.title[lang];
  const policy = describePolicy(report.policy, lang)
    .map((sentence) => `<p>${escapeHtml(sentence)}</p>`)
    .join("");
  const notes =
    report.notes.length === 0 && report.records === undefined
      ? []
      : [
          `<section class="notes">`,
          `<h2>${escapeHtml(m.notes)}</h2>`,
          `<ul>`,
          ...report.notes.map((note) => `<li>${escapeHtml(note[lang])}</li>`),
          ...(report.records === undefined
            ? []
            : [`<li>${escapeHtml(wording[lang].records(formatCount(report.records.records.length, lang)))}</li>`]),
          `</ul>`,
          `</section>`,
        ];
  return `${[
    `<!DOCTYPE html>`,
    `<html lang="${lang}">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${styles}\n</style>`,
    `</head>`,
    `<body>`,
    `<header>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<dl class="meta">`,
    `<dt>${escapeHtml(m.period)}</dt><dd>${time(report.period.from, lang)} ${escapeHtml(m.through)} ${time(
      lastDayOf(report.period),
      lang,
    )}</dd>`,
    `<dt>${escapeHtml(m.dataAsOf)}</dt><dd>${time(report.dataAsOf, lang)}</dd>`,
    `<dt>${escapeHtml(m.disclosure)}</dt><dd>${policy}</dd>`,
    `</dl>`,
    `</header>`,
    `<main>`,
    ...notes,
    ...report.tables.map((table, index) => renderTable(table, index, lang)),
    `</main>`,
    `</body>`,
    `</html>`,
  ].join("\n")}\n`;
};
