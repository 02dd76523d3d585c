import { IsoDate, Report } from "@comensha/domain";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { renderCsv, renderMetadataCsv, renderRecordsCsv, renderRowsCsv, tableCsvHeader } from "../src/csv.js";
import { sampleReport } from "../src/sample.js";
import { parseCsv, readCsvRows } from "./support/csvParse.js";
import { hostileReport, roundedReport } from "./support/reports.js";

const lines = (csv: string): ReadonlyArray<string> => csv.slice(1).split("\r\n").slice(0, -1);

const rowOf = (csv: string, table: string, rowCode: string, columnCode: string): Readonly<Record<string, string>> => {
  const found = readCsvRows(csv).filter(
    (row) => row.table === table && row.row_code === rowCode && row.column_code === columnCode,
  );
  expect(found).toHaveLength(1);
  return found[0] ?? {};
};

describe("renderCsv", () => {
  const nl = renderCsv(sampleReport, "nl");
  const en = renderCsv(sampleReport, "en");

  it("starts with a UTF-8 byte order mark and ends every line, the last included, with CRLF", () => {
    expect(nl.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(nl, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(nl.endsWith("\r\n")).toBe(true);
    expect(nl.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
  });

  it("has one stable English header, the same in every language", () => {
    const header =
      "table,table_title,unit,row_axis,row_code,row_label,column_axis,column_code,column_label,value,flag," +
      "data_as_of,suppression_threshold,rounding_base";
    expect(lines(nl)[0]).toBe(header);
    expect(lines(en)[0]).toBe(header);
    expect(tableCsvHeader.join(",")).toBe(header);
  });

  it("writes one row per published value: 6 cells + 1 column total, then 9 cells + 3 row totals + 3 column totals + the grand total", () => {
    expect(lines(nl)).toHaveLength(1 + 7 + 16);
    expect(parseCsv(nl.slice(1)).every((row) => row.length === tableCsvHeader.length)).toBe(true);
  });

  it("writes a count as a plain number with an empty flag, and the provenance on the same row", () => {
    expect(lines(nl)[1]).toBe(
      "persons_by_exploitation_form,Geregistreerde personen naar vorm van uitbuiting,persons,exploitation_form,sexual," +
        "Seksuele uitbuiting,measure,count,Aantal,1190,,2025-03-31,5,",
    );
    expect(rowOf(nl, "persons_by_age_group_and_sex", "age_23_plus", "male")).toMatchObject({
      row_label: "23 jaar en ouder",
      column_label: "Man",
      value: "388",
      flag: "",
    });
  });

  it("publishes a zero as 0, not as suppressed", () => {
    expect(rowOf(nl, "persons_by_age_group_and_sex", "age_23_plus", "x")).toMatchObject({ value: "0", flag: "" });
  });

  it("leaves a suppressed value empty and flags it x", () => {
    expect(rowOf(nl, "persons_by_exploitation_form", "organ_removal", "count")).toMatchObject({ value: "", flag: "x" });
    expect(rowOf(nl, "persons_by_age_group_and_sex", "minor", "x")).toMatchObject({ value: "", flag: "x" });
    expect(lines(nl)).toContain(
      "persons_by_age_group_and_sex,Geregistreerde personen naar leeftijdsgroep en geslacht,persons,age_group,minor," +
        "Minderjarig (<18),sex,total,Totaal,,x,2025-03-31,5,",
    );
  });

  it("writes totals as rows with the code total", () => {
    expect(rowOf(nl, "persons_by_exploitation_form", "total", "count")).toMatchObject({
      row_label: "Totaal",
      value: "1778",
    });
    expect(rowOf(nl, "persons_by_age_group_and_sex", "age_23_plus", "total")).toMatchObject({ value: "1194" });
    expect(rowOf(nl, "persons_by_age_group_and_sex", "total", "female")).toMatchObject({ value: "1214" });
    expect(rowOf(en, "persons_by_age_group_and_sex", "total", "total")).toMatchObject({
      row_label: "Total",
      column_label: "Total",
      value: "1778",
    });
  });

  it("keeps codes and values across languages and translates titles and labels", () => {
    const nlRows = readCsvRows(nl);
    const enRows = readCsvRows(en);
    expect(enRows.map((row) => [row.table, row.row_code, row.column_code, row.value, row.flag])).toEqual(
      nlRows.map((row) => [row.table, row.row_code, row.column_code, row.value, row.flag]),
    );
    expect(enRows[0]).toMatchObject({
      table_title: "Registered persons by form of exploitation",
      row_label: "Sexual exploitation",
    });
  });

  it("states the rounding base when the policy rounds", () => {
    const rows = readCsvRows(renderCsv(roundedReport(10), "en"));
    expect(new Set(rows.map((row) => `${row.data_as_of} ${row.suppression_threshold} ${row.rounding_base}`))).toEqual(
      new Set(["2025-03-31 10 10"]),
    );
    expect(rows.find((row) => row.row_code === "sexual")?.value).toBe("1190");
    expect(rows.find((row) => row.row_code === "forced_begging")).toMatchObject({ value: "10", flag: "" });
  });

  it("quotes a label holding a comma or a quote, doubling the quote", () => {
    const csv = renderCsv(hostileReport, "nl");
    expect(csv).toContain(',"Arbeid, ""overig""",');
    expect(csv).toContain(',"Tabel met ""lastige"", labels",');
    expect(rowOf(csv, "persons_by_label", "comma", "count").row_label).toBe('Arbeid, "overig"');
  });

  it("quotes a label holding a line break and keeps it in one field", () => {
    const csv = renderCsv(hostileReport, "nl");
    expect(csv).toContain(',"twee\nregels",');
    expect(rowOf(csv, "persons_by_label", "newline", "count").row_label).toBe("twee\nregels");
  });

  it("neutralises text a spreadsheet would run as a formula with a leading apostrophe", () => {
    const csv = renderCsv(hostileReport, "nl");
    expect(csv).toContain(',"\'=HYPERLINK(""http://evil.example"",""klik"")",');
    const label = (code: string) => rowOf(csv, "persons_by_label", code, "count").row_label;
    expect(label("formula")).toBe('\'=HYPERLINK("http://evil.example","klik")');
    expect(label("plus")).toBe("'+31 6 1234");
    expect(label("minus")).toBe("'-5");
    expect(label("at")).toBe("'@SUM(A1)");
    expect(label("tab")).toBe("'\tverborgen");
    expect(rowOf(renderCsv(hostileReport, "en"), "persons_by_label", "formula", "count").row_label).toBe("'=1+1");
    expect(label("comma")).toBe('Arbeid, "overig"');
  });

  it("never puts an apostrophe before a number", () => {
    const values = readCsvRows(renderCsv(hostileReport, "nl")).map((row) => row.value);
    expect(values).toEqual(["10", "20", "30", "40", "50", "60", "70", ""]);
  });

  it("gives the same bytes on every render", () => {
    expect(renderCsv(sampleReport, "nl")).toBe(nl);
  });

  it("rejects a category with the code reserved for totals", () => {
    const report = Schema.decodeUnknownSync(Report.PublishedReport)({
      ...hostileReport,
      tables: [
        {
          ...hostileReport.tables[0],
          rows: {
            id: "label",
            title: { nl: "Label", en: "Label" },
            categories: [{ code: "total", label: { nl: "Totaal", en: "Total" } }],
          },
          cells: [[5]],
        },
      ],
    });
    expect(() => renderCsv(report, "nl")).toThrow(/reserved for totals/);
  });
});

describe("renderRecordsCsv", () => {
  const records: Report.RecordSet = {
    fields: [
      { name: "gender", label: { nl: "Geslacht", en: "Gender" } },
      { name: "ageBroad", label: { nl: "Leeftijd", en: "Age" } },
      { name: "typeOfExploitConcatenated", label: { nl: "Uitbuiting", en: "Exploitation" } },
    ],
    records: [
      ["Female", "18--20", "Sexual exploitation;Forced labour"],
      ["Male", "-", "Forced labour, other"],
    ],
  };
  const about = { dataAsOf: IsoDate.make("2025-03-31"), minimumRecords: 11 };

  it("writes the field names, then one row per record with the provenance", () => {
    const csv = renderRecordsCsv(records, about);
    expect(csv.startsWith("\uFEFFgender,ageBroad,typeOfExploitConcatenated,ext_DataAsOf,ext_MinimumRecords\r\n")).toBe(
      true,
    );
    expect(lines(csv)).toEqual([
      "gender,ageBroad,typeOfExploitConcatenated,ext_DataAsOf,ext_MinimumRecords",
      "Female,18--20,Sexual exploitation;Forced labour,2025-03-31,11",
      'Male,\'-,"Forced labour, other",2025-03-31,11',
    ]);
  });

  it("rejects a record with too few values", () => {
    expect(() => renderRecordsCsv({ ...records, records: [["Female"]] }, about)).toThrow(
      /Record 0 has 1 values for 3 fields/,
    );
  });

  it("rejects a field named like a provenance column", () => {
    const fields: Report.RecordSet["fields"] = [{ name: "ext_DataAsOf", label: { nl: "x", en: "x" } }];
    expect(() => renderRecordsCsv({ fields, records: [] }, about)).toThrow(/reserved/);
  });
});

describe("renderMetadataCsv", () => {
  it("states kind, title, period, data as of, the policy in figures and in words, and the notes", () => {
    const rows = readCsvRows(renderMetadataCsv(sampleReport, "nl"));
    const value = (key: string) => rows.find((row) => row.key === key)?.value;
    expect(value("report_kind")).toBe("annual_monitor");
    expect(value("title")).toBe("Monitor mensenhandel 2024 (voorbeeld)");
    expect(value("period_first_day")).toBe("2024-01-01");
    expect(value("period_last_day")).toBe("2024-12-31");
    expect(value("data_as_of")).toBe("2025-03-31");
    expect(value("suppression_threshold")).toBe("5");
    expect(value("rounding_base")).toBe("");
    expect(value("policy")).toBe(
      "Waarden van 1 tot 5 zijn onderdrukt (x), ook waar ze uit totalen terug te rekenen zouden zijn.",
    );
    expect(value("note_2")).toBe("Alle waarden in dit voorbeeld zijn verzonnen.");
    expect(rows.find((row) => row.key === "data_as_of")?.label).toBe("Gegevens tot en met");
  });

  it("states the rounding in English when the policy rounds", () => {
    const rows = readCsvRows(renderMetadataCsv(roundedReport(5), "en"));
    expect(rows.find((row) => row.key === "rounding_base")?.value).toBe("5");
    expect(rows.find((row) => row.key === "policy")?.value).toBe(
      "Values from 1 to 9 are suppressed (x), also where they could be recomputed from totals. " +
        "All published values are rounded to a multiple of 5.",
    );
  });
});

describe("renderRowsCsv (other tables, such as the audit log's export)", () => {
  it("writes rows as every CSV here: byte order mark, CRLF, quoting, formulas neutralised, numbers plain", () => {
    const csv = renderRowsCsv([
      ["name", "count", "note"],
      ['=HYPERLINK("http://evil.example")', -5, undefined],
      ["Politie, eenheid", 3, "twee\nregels"],
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1)).toBe(
      'name,count,note\r\n"\'=HYPERLINK(""http://evil.example"")",-5,\r\n"Politie, eenheid",3,"twee\nregels"\r\n',
    );
    expect(parseCsv(csv).slice(1)).toEqual([
      ['\'=HYPERLINK("http://evil.example")', "-5", ""],
      ["Politie, eenheid", "3", "twee\nregels"],
    ]);
  });
});
