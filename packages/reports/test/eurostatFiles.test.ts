import { readFileSync } from "node:fs";
import { EurostatCodes, EurostatCrimThb, IsoDate, Report, type StatTable } from "@comensha/domain";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { renderEurostatFiles, sdmxCsvMediaType } from "../src/eurostatFiles.js";
import { sampleReport } from "../src/sample.js";
import { parseCsv, readCsvRows } from "./support/csvParse.js";

const year = 2025;

/** Fills a table of the Eurostat breakdown's shape with `cells` and totals as published (null = suppressed). */
const published = (
  table: StatTable.CountTable,
  values: Pick<StatTable.PublishedTable, "cells" | "rowTotals" | "columnTotals" | "grandTotal">,
): StatTable.PublishedTable => ({ ...table, ...values });

const [bySexAndAge, byCitizenship, byForm] = EurostatCrimThb.eurostatCrimThbTables({ year, registrations: [] });
if (bySexAndAge === undefined || byCitizenship === undefined || byForm === undefined) throw new Error("no tables");

/** The 2025 breakdown as published, with the cell F × Y_LT18 suppressed and, to protect it, F × UNK and M × Y_LT18. */
const report: Report.PublishedReport = Schema.decodeUnknownSync(Report.PublishedReport)({
  parameters: { kind: "eurostat_crim_thb", year },
  title: EurostatCrimThb.eurostatCrimThbTitle(year),
  period: { from: IsoDate.make(`${year}-01-01`), to: IsoDate.make(`${year + 1}-01-01`) },
  dataAsOf: IsoDate.make("2026-03-31"),
  policy: { threshold: 5 },
  notes: EurostatCrimThb.eurostatCrimThbNotes,
  tables: [
    published(bySexAndAge, {
      cells: [
        [null, 210, null],
        [null, 150, 9],
        [0, 12, 6],
      ],
      rowTotals: [240, 170, 18],
      columnTotals: [48, 372, 8],
      grandTotal: 428,
    }),
    published(byCitizenship, {
      cells: [
        [60, 20, 0],
        [80, 70, 5],
        [100, 80, 10],
        [0, 0, 0],
        [0, 0, 3],
      ],
      rowTotals: [80, 155, 190, 0, 3],
      columnTotals: [240, 170, 18],
      grandTotal: 428,
    }),
    published(byForm, {
      cells: [
        [150, 20, 5],
        [70, 130, 8],
        [30, 40, 6],
        [0, 0, 0],
      ],
      rowTotals: [175, 208, 76, 0],
      columnTotals: [240, 170, 18],
      grandTotal: 428,
    }),
  ],
});

const files = renderEurostatFiles(report);
const fileNamed = (name: string) => {
  const file = files.find((candidate) => candidate.name === name);
  if (file === undefined) throw new Error(`no file ${name}`);
  return file;
};

const readable = readCsvRows(fileNamed("eurostat_crim_thb-2025.crim_thb_vsage.csv").text);
const sdmxRecords = parseCsv(fileNamed("eurostat_crim_thb-2025.crim_thb_vsage.sdmx.csv").text);
const sdmx = sdmxRecords
  .slice(1)
  .map((row) => Object.fromEntries((sdmxRecords[0] ?? []).map((name, index) => [name, row[index] ?? ""])));

const rowWhere = (rows: ReadonlyArray<Readonly<Record<string, string>>>, codes: Readonly<Record<string, string>>) => {
  const found = rows.filter((row) => Object.entries(codes).every(([key, code]) => row[key] === code));
  expect(found).toHaveLength(1);
  return found[0] ?? {};
};

const standardCodes = (name: string): ReadonlyArray<string> => {
  const text = readFileSync(new URL(`../../../docs/standards/eurostat-crim-thb/${name}.csv`, import.meta.url), "utf8");
  return parseCsv(text.replaceAll("\r\n", "\n").replaceAll("\n", "\r\n"))
    .slice(1)
    .map((row) => row[0] ?? "");
};

describe("renderEurostatFiles", () => {
  it("writes a readable CSV and an SDMX-CSV file per Eurostat dataflow", () => {
    expect(files.map(({ name, mediaType }) => [name, mediaType])).toEqual([
      ["eurostat_crim_thb-2025.crim_thb_vsage.csv", "text/csv; charset=utf-8"],
      ["eurostat_crim_thb-2025.crim_thb_vsage.sdmx.csv", sdmxCsvMediaType],
      ["eurostat_crim_thb-2025.crim_thb_vctz.csv", "text/csv; charset=utf-8"],
      ["eurostat_crim_thb-2025.crim_thb_vctz.sdmx.csv", sdmxCsvMediaType],
      ["eurostat_crim_thb-2025.crim_thb_vexp.csv", "text/csv; charset=utf-8"],
      ["eurostat_crim_thb-2025.crim_thb_vexp.sdmx.csv", sdmxCsvMediaType],
    ]);
  });

  it("lays the readable CSV out as Eurostat does: dimension columns, geo NL, time, value and flag", () => {
    const text = fileNamed("eurostat_crim_thb-2025.crim_thb_vsage.csv").text;
    expect(text.slice(1).split("\r\n")[0]).toBe("freq,unit,sex,age,geo,time,value,flag");
    expect(rowWhere(readable, { sex: "M", age: "Y_GE18" })).toEqual({
      freq: "A",
      unit: "NR",
      sex: "M",
      age: "Y_GE18",
      geo: "NL",
      time: "2025",
      value: "150",
      flag: "",
    });
  });

  it("leaves a suppressed value empty with the confidential flag c, and a zero as 0", () => {
    expect(rowWhere(readable, { sex: "F", age: "Y_LT18" })).toMatchObject({ value: "", flag: "c" });
    expect(rowWhere(readable, { sex: "UNK", age: "Y_LT18" })).toMatchObject({ value: "0", flag: "" });
  });

  it("writes totals with Eurostat's total codes: T for sex, TOTAL for age, both for the grand total", () => {
    expect(rowWhere(readable, { sex: "F", age: "TOTAL" })).toMatchObject({ value: "240", flag: "" });
    expect(rowWhere(readable, { sex: "T", age: "Y_GE18" })).toMatchObject({ value: "372" });
    expect(rowWhere(readable, { sex: "T", age: "TOTAL" })).toMatchObject({ value: "428" });
    expect(readable).toHaveLength(9 + 3 + 3 + 1);
  });

  it("writes SDMX-CSV 1.0 as Eurostat serves it, a suppressed value empty with CONF_STATUS C", () => {
    expect(sdmxRecords[0]).toEqual([
      "DATAFLOW",
      "LAST UPDATE",
      "freq",
      "unit",
      "sex",
      "age",
      "geo",
      "TIME_PERIOD",
      "OBS_VALUE",
      "OBS_FLAG",
      "CONF_STATUS",
    ]);
    expect(rowWhere(sdmx, { sex: "M", age: "Y_GE18" })).toEqual({
      DATAFLOW: "ESTAT:CRIM_THB_VSAGE(1.0)",
      "LAST UPDATE": "31/03/26 00:00:00",
      freq: "A",
      unit: "NR",
      sex: "M",
      age: "Y_GE18",
      geo: "NL",
      TIME_PERIOD: "2025",
      OBS_VALUE: "150",
      OBS_FLAG: "",
      CONF_STATUS: "",
    });
    expect(rowWhere(sdmx, { sex: "F", age: "UNK" })).toMatchObject({ OBS_VALUE: "", OBS_FLAG: "", CONF_STATUS: "C" });
    expect(rowWhere(sdmx, { sex: "T", age: "TOTAL" })).toMatchObject({ OBS_VALUE: "428", CONF_STATUS: "" });
  });

  it("counts stateless persons as STLS and a form's total over the sexes with sex T", () => {
    const citizenship = readCsvRows(fileNamed("eurostat_crim_thb-2025.crim_thb_vctz.csv").text);
    expect(rowWhere(citizenship, { citizen: "STLS", sex: "T" })).toMatchObject({ value: "0" });
    const forms = readCsvRows(fileNamed("eurostat_crim_thb-2025.crim_thb_vexp.csv").text);
    expect(rowWhere(forms, { exploitation_form: "OTH", sex: "T" })).toMatchObject({ value: "76" });
    expect(rowWhere(forms, { exploitation_form: "TOTAL", sex: "F" })).toMatchObject({ value: "240" });
  });

  it("uses only codes of the code lists in docs/standards, in every file", () => {
    const listOf: Readonly<Record<string, ReadonlyArray<string>>> = {
      freq: standardCodes("freq"),
      unit: standardCodes("unit"),
      geo: standardCodes("geo"),
      sex: standardCodes("sex"),
      age: standardCodes("age"),
      citizen: standardCodes("citizen"),
      exploitation_form: standardCodes("exploitation_form"),
      OBS_FLAG: ["", ...standardCodes("obs_flag")],
      flag: ["", ...standardCodes("obs_flag")],
      CONF_STATUS: ["", ...standardCodes("conf_status")],
    };
    const dimensions = standardCodes("dimension");
    const columns = standardCodes("sdmx_csv_columns");
    for (const file of files) {
      const sdmxFile = file.name.endsWith(".sdmx.csv");
      const records = parseCsv(sdmxFile ? file.text : file.text.slice(1));
      const [header = [], ...rows] = records;
      for (const column of header) {
        expect([...dimensions, ...(sdmxFile ? columns : ["time", "value", "flag"])]).toContain(column);
      }
      for (const row of rows) {
        header.forEach((column, index) => {
          const codes = listOf[column];
          if (codes !== undefined) expect(codes).toContain(row[index]);
        });
        if (sdmxFile) expect(standardCodes("dataflow").map((id) => `ESTAT:${id}(1.0)`)).toContain(row[0]);
      }
    }
  });

  it("refuses a report of another kind, and a table whose codes are not Eurostat's", () => {
    expect(() => renderEurostatFiles(sampleReport)).toThrow(RangeError);
    const renamed = { ...report, tables: [{ ...bySexAndAge, cells: bySexAndAge.cells, id: "persons_by_sex" }] };
    expect(() => renderEurostatFiles(renamed)).toThrow(/not a Eurostat crim_thb table/);
    const foreignRows: StatTable.Axis = {
      ...bySexAndAge.rows,
      categories: [{ code: "X", label: { nl: "X", en: "X" } }],
    };
    const foreign = {
      ...report,
      tables: [{ ...bySexAndAge, rows: foreignRows, cells: [[1, 2, 3]], rowTotals: [6], columnTotals: [1, 2, 3] }],
    };
    expect(() => renderEurostatFiles(foreign)).toThrow(/"X" is not a category code of Eurostat's "sex" list/);
    expect(EurostatCodes.totalCodes.sex).toBe("T");
  });
});
