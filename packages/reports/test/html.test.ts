import { Report } from "@comensha/domain";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { escapeHtml, renderHtml } from "../src/html.js";
import { sampleReport } from "../src/sample.js";
import { hostileReport, roundedReport } from "./support/reports.js";

/** The `<tr>` of the body row headed `label`. */
const rowOf = (html: string, label: string): string => {
  const rows = html.match(new RegExp(`<tr><th scope="row">${label}</th>.*?</tr>`, "g")) ?? [];
  expect(rows).toHaveLength(1);
  return rows[0] ?? "";
};

/** The cell texts of a row, `x` for a suppressed one. */
const cellsOf = (row: string): ReadonlyArray<string> =>
  [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((match) => (match[1] ?? "").replace(/<[^>]+>/g, ""));

describe("renderHtml", () => {
  const nl = renderHtml(sampleReport, "nl");
  const en = renderHtml(sampleReport, "en");

  it("is an HTML5 document in the chosen language", () => {
    expect(nl.startsWith('<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(en.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(nl.endsWith("</body>\n</html>\n")).toBe(true);
  });

  it("is titled in the chosen language", () => {
    expect(nl).toContain("<title>Monitor mensenhandel 2024 (voorbeeld)</title>");
    expect(nl).toContain("<h1>Monitor mensenhandel 2024 (voorbeeld)</h1>");
    expect(en).toContain("<h1>Human trafficking monitor 2024 (sample)</h1>");
    expect(en).not.toContain("voorbeeld");
  });

  it("states the period with its last day and the date the data is as of", () => {
    expect(nl).toContain(
      '<dt>Periode</dt><dd><time datetime="2024-01-01">1 januari 2024</time> t/m <time datetime="2024-12-31">31 december 2024</time></dd>',
    );
    expect(nl).toContain('<dt>Gegevens tot en met</dt><dd><time datetime="2025-03-31">31 maart 2025</time></dd>');
    expect(en).toContain(
      '<dt>Period</dt><dd><time datetime="2024-01-01">1 January 2024</time> to <time datetime="2024-12-31">31 December 2024</time></dd>',
    );
    expect(en).toContain('<dt>Data as of</dt><dd><time datetime="2025-03-31">31 March 2025</time></dd>');
  });

  it("states the disclosure policy in words", () => {
    expect(nl).toContain(
      "<dt>Statistische geheimhouding</dt><dd><p>Waarden van 1 tot 5 zijn onderdrukt (x), ook waar ze uit totalen terug te rekenen zouden zijn.</p></dd>",
    );
    expect(en).toContain(
      "<p>Values from 1 to 4 are suppressed (x), also where they could be recomputed from totals.</p>",
    );
    expect(nl).not.toContain("afgerond");
  });

  it("states the rounding when the policy rounds", () => {
    expect(renderHtml(roundedReport(10), "nl")).toContain(
      "<p>Waarden van 1 tot 10 zijn onderdrukt (x), ook waar ze uit totalen terug te rekenen zouden zijn.</p>" +
        "<p>Alle gepubliceerde waarden zijn afgerond op een veelvoud van 10.</p>",
    );
    expect(renderHtml(roundedReport(10), "en")).toContain(
      "<p>All published values are rounded to a multiple of 10.</p>",
    );
  });

  it("lists the notes before the tables", () => {
    expect(nl).toContain("<h2>Toelichting</h2>");
    expect(nl).toContain("<li>Alle waarden in dit voorbeeld zijn verzonnen.</li>");
    expect(nl.indexOf("<h2>Toelichting</h2>")).toBeLessThan(nl.indexOf("<table>"));
    expect(en).toContain("<li>All values in this sample are made up.</li>");
  });

  it("renders each table with a caption, column and row headers, and a total row", () => {
    expect(nl).toContain('<h2 id="table-1-title">Geregistreerde personen naar vorm van uitbuiting</h2>');
    expect(nl).toContain("<caption>Tabel 1 · Eenheid: Personen</caption>");
    expect(nl).toContain(
      '<thead><tr><th scope="col">Vorm van uitbuiting</th><th scope="col" class="num">Aantal</th></tr></thead>',
    );
    expect(cellsOf(rowOf(nl, "Seksuele uitbuiting"))).toEqual(["1.190"]);
    expect(nl).toContain('<tfoot><tr><th scope="row">Totaal</th><td class="num">1.778</td></tr></tfoot>');
    expect(en).toContain('<tfoot><tr><th scope="row">Total</th><td class="num">1,778</td></tr></tfoot>');
  });

  it("shows x in the position of a suppressed value, with a legend", () => {
    expect(rowOf(nl, "Orgaanverwijdering")).toBe(
      '<tr><th scope="row">Orgaanverwijdering</th><td class="num suppressed"><abbr title="onderdrukt">x</abbr></td></tr>',
    );
    expect(cellsOf(rowOf(nl, "Minderjarig \\(&lt;18\\)"))).toEqual(["96", "41", "x", "x"]);
    expect(cellsOf(rowOf(nl, "23 jaar en ouder"))).toEqual(["806", "388", "0", "1.194"]);
    expect(nl).toContain('<p class="legend">x = onderdrukt (statistische geheimhouding)</p>');
    expect(en).toContain('<abbr title="suppressed">x</abbr>');
    expect(en).toContain('<p class="legend">x = suppressed (statistical disclosure control)</p>');
  });

  it("renders a two-way table with a column group header, a total column and the grand total", () => {
    expect(en).toContain(
      '<thead><tr><td></td><th scope="colgroup" colspan="3">Sex</th><td></td></tr><tr><th scope="col">Age group</th>' +
        '<th scope="col" class="num">Female</th><th scope="col" class="num">Male</th><th scope="col" class="num">X</th>' +
        '<th scope="col" class="num">Total</th></tr></thead>',
    );
    expect(en).toContain(
      '<tfoot><tr><th scope="row">Total</th><td class="num">1,214</td><td class="num">557</td><td class="num">7</td>' +
        '<td class="num">1,778</td></tr></tfoot>',
    );
  });

  it("explains a total that is not a sum", () => {
    expect(nl).toContain(
      '<p class="legend">Eén persoon kan in meer dan één rij voorkomen, maar telt in de totalen één keer; de totalen zijn dus geen som.</p>',
    );
    expect(en).toContain(
      '<p class="legend">One person can be in more than one row but counts once in the totals, so the totals are not sums.</p>',
    );
    expect(nl.match(/geen som/g)).toHaveLength(1);
  });

  it("inlines one chart per table, each with its own id prefix and no namespace or external reference", () => {
    const figures = nl.match(
      /<figure class="chart">\n<svg role="img"[\s\S]*?<\/svg>\n<figcaption>[^<]*<\/figcaption>\n<\/figure>/g,
    );
    expect(figures).toHaveLength(2);
    expect(nl).toContain('class="t1-0"');
    expect(nl).toContain('class="t2-0"');
    expect(nl).toContain("<figcaption>Grafiek bij tabel 2</figcaption>");
    expect(nl).not.toContain("xmlns");
  });

  it("prints on A4 with a page break between tables", () => {
    expect(nl).toContain("@page { size: A4;");
    expect(nl).toMatch(
      /@media print \{[\s\S]*section\.report-table \+ section\.report-table \{ break-before: page; \}/,
    );
  });

  it("has no scripts, no external resources, no links and no timestamps", () => {
    for (const html of [nl, en]) {
      expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|@font-face|src=|href=|url\((?!#)/i);
      expect(html).not.toContain("http");
      expect(html).not.toMatch(/\d{2}:\d{2}:\d{2}|T\d{2}:\d{2}/);
      expect(html).not.toMatch(/\bon[a-z]+=/);
    }
  });

  it("escapes every text it is given", () => {
    const html = renderHtml(hostileReport, "nl");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<a ");
    expect(html).not.toContain("<b>");
    expect(html).toContain("<title>Rapport &lt;script&gt;alert(&quot;nl&quot;)&lt;/script&gt; &amp; co</title>");
    expect(html).toContain("<li>Zie &lt;a href=&#39;javascript:x&#39;&gt;hier&lt;/a&gt;</li>");
    expect(rowOf(html, "&lt;b&gt;vet&lt;/b&gt; &amp; &#39;zo&#39;")).toContain('<abbr title="onderdrukt">x</abbr>');
    expect(renderHtml(hostileReport, "en")).toContain("<li>See &lt;img src=x onerror=alert(1)&gt;</li>");
  });

  it("leaves out the chart of a table that gets none, and the notes when there are none", () => {
    const report = Schema.decodeUnknownSync(Report.PublishedReport)({
      ...sampleReport,
      notes: [],
      tables: [{ ...sampleReport.tables[0], cells: sampleReport.tables[0]?.cells.map(() => [null]) }],
    });
    const html = renderHtml(report, "en");
    expect(html).not.toContain("<figure");
    expect(html).not.toContain("<h2>Notes</h2>");
    expect(html).toContain("<table>");
  });

  it("mentions record-level data without showing it", () => {
    const report: Report.PublishedReport = {
      ...sampleReport,
      records: {
        fields: [{ name: "gender", label: { nl: "Geslacht", en: "Gender" } }],
        records: Array.from({ length: 1234 }, () => ["Female"]),
      },
    };
    expect(renderHtml(report, "nl")).toContain(
      "<li>Bij dit rapport horen 1.234 records op persoonsniveau; die staan in de CSV-export.</li>",
    );
    expect(renderHtml(report, "nl")).not.toContain("Female");
  });

  it("gives the same bytes on every render in one process", () => {
    expect(renderHtml(sampleReport, "nl")).toBe(nl);
    expect(renderHtml(sampleReport, "en")).toBe(en);
  });

  it("differs between Dutch and English only where the language does", () => {
    expect(nl).not.toBe(en);
    expect(nl).toContain("Totaal");
    expect(en).not.toContain("Totaal");
    expect(en).toContain("Total");
    expect(nl.match(/<td/g)?.length).toBe(en.match(/<td/g)?.length);
    expect(nl.match(/<svg /g)?.length).toBe(en.match(/<svg /g)?.length);
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters that can end text or an attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
    );
  });
});
