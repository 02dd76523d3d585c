import { Report } from "@comensha/domain";
import { Schema } from "effect";
import { sampleReport } from "../../src/sample.js";

/**
 * The sample report as published under a policy that suppresses values below 10 and rounds the others to a multiple
 * of `base`.
 */
export const roundedReport = (base: number): Report.PublishedReport => {
  const publish = (value: number | null): number | null =>
    value === null || (value > 0 && value < 10) ? null : Math.round(value / base) * base;
  return Schema.decodeUnknownSync(Report.PublishedReport)({
    ...sampleReport,
    policy: { threshold: 10, roundingBase: base },
    tables: sampleReport.tables.map((table) => ({
      ...table,
      cells: table.cells.map((row) => row.map(publish)),
      ...(table.rowTotals === undefined ? {} : { rowTotals: table.rowTotals.map(publish) }),
      ...(table.columnTotals === undefined ? {} : { columnTotals: table.columnTotals.map(publish) }),
      ...(table.grandTotal === undefined ? {} : { grandTotal: publish(table.grandTotal) }),
    })),
  });
};

/** A report whose texts try to break out of CSV, spreadsheets and HTML. */
export const hostileReport: Report.PublishedReport = Schema.decodeUnknownSync(Report.PublishedReport)({
  ...sampleReport,
  title: { nl: `Rapport <script>alert("nl")</script> & co`, en: `Report <script>alert("en")</script> & co` },
  notes: [{ nl: "Zie <a href='javascript:x'>hier</a>", en: "See <img src=x onerror=alert(1)>" }],
  tables: [
    {
      id: "persons_by_label",
      title: { nl: 'Tabel met "lastige", labels', en: 'Table with "awkward", labels' },
      unit: "persons",
      rows: {
        id: "label",
        title: { nl: "Label", en: "Label" },
        categories: [
          { code: "comma", label: { nl: 'Arbeid, "overig"', en: 'Labour, "other"' } },
          { code: "formula", label: { nl: '=HYPERLINK("http://evil.example","klik")', en: "=1+1" } },
          { code: "plus", label: { nl: "+31 6 1234", en: "+31 6 1234" } },
          { code: "minus", label: { nl: "-5", en: "-5" } },
          { code: "at", label: { nl: "@SUM(A1)", en: "@SUM(A1)" } },
          { code: "tab", label: { nl: "\tverborgen", en: "\thidden" } },
          { code: "newline", label: { nl: "twee\nregels", en: "two\nlines" } },
          { code: "markup", label: { nl: "<b>vet</b> & 'zo'", en: "<b>bold</b> & 'so'" } },
        ],
      },
      columns: {
        id: "measure",
        title: { nl: "Maat", en: "Measure" },
        categories: [{ code: "count", label: { nl: "Aantal", en: "Count" } }],
      },
      cells: [[10], [20], [30], [40], [50], [60], [70], [null]],
      rowsAdd: true,
      columnsAdd: true,
    },
  ],
});
