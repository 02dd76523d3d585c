import { EurostatCodes, EurostatCrimThb, type Report, type StatTable } from "@comensha/domain";
import { cellAt, totalAt } from "./tableCells.js";

/** One file of the Eurostat delivery, ready to be stored as an artifact. */
export interface EurostatFile {
  readonly name: string;
  readonly mediaType: string;
  readonly text: string;
}

/** A dimension a table axis can be: the ones with categories, whose codes are checked against Eurostat's lists. */
type AxisDimension = keyof typeof EurostatCodes.totalCodes;

const axisCodeLists: { readonly [D in AxisDimension]: ReadonlyArray<{ readonly code: string }> } = {
  sex: EurostatCodes.sexCodes,
  age: EurostatCodes.ageCodes,
  citizen: EurostatCodes.citizenCodes,
  exploitation_form: EurostatCodes.exploitationCodes,
};

const isAxisDimension = (id: string): id is AxisDimension => Object.hasOwn(axisCodeLists, id);

/** One published value with its code on each dimension of its table. */
interface Observation {
  readonly codes: Readonly<Record<string, string>>;
  readonly value: StatTable.PublishedValue;
}

/** A table as one Eurostat dataflow: its id, its dimensions in Eurostat's order, and its observations. */
interface Dataflow {
  readonly id: EurostatCodes.DataflowCode;
  readonly dimensions: ReadonlyArray<EurostatCodes.DimensionId>;
  readonly observations: ReadonlyArray<Observation>;
}

const [freq] = EurostatCodes.freqCodes;
const [unit] = EurostatCodes.unitCodes;
const [geo] = EurostatCodes.geoCodes;

const dataflowIdOf = (table: StatTable.PublishedTable): EurostatCodes.DataflowCode => {
  const dataflows: Readonly<Record<string, EurostatCodes.DataflowCode>> = EurostatCrimThb.eurostatDataflows;
  const id = Object.hasOwn(dataflows, table.id) ? dataflows[table.id] : undefined;
  if (id === undefined) throw new RangeError(`Table "${table.id}" is not a Eurostat crim_thb table`);
  return id;
};

/** The axis's dimension, after checking that it is one and that every category is a code of its Eurostat list. */
const checkedDimension = (table: StatTable.PublishedTable, axis: StatTable.Axis): AxisDimension => {
  const id = axis.id;
  if (!isAxisDimension(id)) throw new RangeError(`Table "${table.id}": "${id}" is not a Eurostat dimension`);
  const known = axisCodeLists[id].map(({ code }) => code);
  for (const { code } of axis.categories) {
    if (!known.includes(code) || code === EurostatCodes.totalCodes[id]) {
      throw new RangeError(`Table "${table.id}": "${code}" is not a category code of Eurostat's "${id}" list`);
    }
  }
  return id;
};

/**
 * The observations of a table: every inner cell, then the totals with Eurostat's total code (`T` for sex, `TOTAL`
 * for the others) on the dimensions they add up over, in the order of the table.
 */
const observationsOf = (
  table: StatTable.PublishedTable,
  rowDimension: AxisDimension,
  columnDimension: AxisDimension,
): ReadonlyArray<Observation> => {
  const rowTotal = EurostatCodes.totalCodes[rowDimension];
  const columnTotal = EurostatCodes.totalCodes[columnDimension];
  const at = (row: string, column: string, value: StatTable.PublishedValue): Observation => ({
    codes: { [rowDimension]: row, [columnDimension]: column },
    value,
  });
  const observations: Array<Observation> = [];
  table.rows.categories.forEach((row, r) => {
    table.columns.categories.forEach((column, c) => {
      observations.push(at(row.code, column.code, cellAt(table, r, c)));
    });
    const total = totalAt(table, table.rowTotals, r);
    if (total !== undefined) observations.push(at(row.code, columnTotal, total));
  });
  table.columns.categories.forEach((column, c) => {
    const total = totalAt(table, table.columnTotals, c);
    if (total !== undefined) observations.push(at(rowTotal, column.code, total));
  });
  if (table.grandTotal !== undefined) observations.push(at(rowTotal, columnTotal, table.grandTotal));
  return observations;
};

const dataflowOf = (table: StatTable.PublishedTable): Dataflow => {
  const id = dataflowIdOf(table);
  const rowDimension = checkedDimension(table, table.rows);
  const columnDimension = checkedDimension(table, table.columns);
  const dimensions = EurostatCodes.dimensionIds
    .map(({ code }) => code)
    .filter(
      (code) =>
        code === "freq" || code === "unit" || code === "geo" || code === rowDimension || code === columnDimension,
    );
  const observations = observationsOf(table, rowDimension, columnDimension).map((observation) => ({
    ...observation,
    codes: { ...observation.codes, freq: freq.code, unit: unit.code, geo: geo.code },
  }));
  return { id, dimensions, observations };
};

const lineEnd = "\r\n";
const unsafe = /[",\r\n]/;

/** A CSV field; codes, numbers and dates never need quoting, so anything that would is refused rather than quoted. */
const field = (text: string): string => {
  if (unsafe.test(text)) throw new RangeError(`Unexpected character in a Eurostat file field: ${JSON.stringify(text)}`);
  return text;
};

const toCsv = (rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  rows.map((row) => row.map(field).join(",") + lineEnd).join("");

const valueText = (value: StatTable.PublishedValue): string => (value === null ? "" : String(value));

/** `2026-03-31` as Eurostat's `LAST UPDATE`, `31/03/26 00:00:00`: the day the data is as of, at midnight. */
const lastUpdateOf = (dataAsOf: string): string => {
  const [year, month, day] = dataAsOf.split("-");
  if (year === undefined || month === undefined || day === undefined) {
    throw new RangeError(`Not an ISO date: ${dataAsOf}`);
  }
  return `${day}/${month}/${year.slice(2)} 00:00:00`;
};

/**
 * The readable file of a dataflow, one row per observation: the dimensions by Eurostat's ids and codes, `time` (the
 * year), `value`, and `flag`. A suppressed value is empty with flag `c` (confidential), as Eurostat shows it.
 */
const readableCsv = (dataflow: Dataflow, year: number): string =>
  "\uFEFF" +
  toCsv([
    [...dataflow.dimensions, "time", "value", "flag"],
    ...dataflow.observations.map((observation) => [
      ...dataflow.dimensions.map((dimension) => observation.codes[dimension] ?? ""),
      String(year),
      valueText(observation.value),
      observation.value === null ? EurostatCodes.confidentialFlag : "",
    ]),
  ]);

/**
 * The SDMX-CSV 1.0 file of a dataflow as Eurostat's dissemination API serves it: `DATAFLOW` (`ESTAT:<ID>(1.0)`),
 * `LAST UPDATE`, the dimensions, `TIME_PERIOD`, `OBS_VALUE`, `OBS_FLAG` and `CONF_STATUS`. A suppressed value is an
 * empty `OBS_VALUE` with `CONF_STATUS` `C`, as Eurostat now marks confidential observations (no longer `OBS_FLAG`).
 */
const sdmxCsv = (dataflow: Dataflow, year: number, dataAsOf: string): string => {
  const [dataflowColumn, lastUpdateColumn, timeColumn, valueColumn, flagColumn, confColumn] =
    EurostatCodes.sdmxCsvColumns.map(({ code }) => code);
  const header = [
    dataflowColumn,
    lastUpdateColumn,
    ...dataflow.dimensions,
    timeColumn,
    valueColumn,
    flagColumn,
    confColumn,
  ];
  const lastUpdate = lastUpdateOf(dataAsOf);
  return toCsv([
    header.map((column) => column ?? ""),
    ...dataflow.observations.map((observation) => [
      `ESTAT:${dataflow.id}(1.0)`,
      lastUpdate,
      ...dataflow.dimensions.map((dimension) => observation.codes[dimension] ?? ""),
      String(year),
      valueText(observation.value),
      "",
      observation.value === null ? EurostatCodes.confidentialStatus : "",
    ]),
  ]);
};

/** The media type of SDMX-CSV 1.0. */
export const sdmxCsvMediaType = "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8";

/**
 * Renders a published Eurostat `crim_thb` report as Eurostat's own files: per table (one Eurostat dataflow, e.g.
 * `CRIM_THB_VSAGE`) a readable CSV (`eurostat_crim_thb-2025.crim_thb_vsage.csv`: dimension columns with Eurostat's
 * codes, `geo` NL, `time`, `value`, `flag` `c` where suppressed) and an SDMX-CSV 1.0 file
 * (`eurostat_crim_thb-2025.crim_thb_vsage.sdmx.csv`). Totals are observations with Eurostat's total codes (`T`,
 * `TOTAL`). The codes are those of `EurostatCodes`, checked here: a table whose axes or categories are not in
 * Eurostat's lists is refused rather than delivered.
 *
 * @throws a `RangeError` when the report is not a `eurostat_crim_thb` report, a table is not one of its tables, or a
 * code is not in Eurostat's lists.
 */
export const renderEurostatFiles = (report: Report.PublishedReport): ReadonlyArray<EurostatFile> => {
  const parameters = report.parameters;
  if (parameters.kind !== "eurostat_crim_thb") {
    throw new RangeError(`Not a Eurostat crim_thb report: ${parameters.kind}`);
  }
  const stem = `${parameters.kind}-${parameters.year}`;
  return report.tables.flatMap((table) => {
    const dataflow = dataflowOf(table);
    const name = `${stem}.${dataflow.id.toLowerCase()}`;
    return [
      { name: `${name}.csv`, mediaType: "text/csv; charset=utf-8", text: readableCsv(dataflow, parameters.year) },
      {
        name: `${name}.sdmx.csv`,
        mediaType: sdmxCsvMediaType,
        text: sdmxCsv(dataflow, parameters.year, report.dataAsOf),
      },
    ];
  });
};
