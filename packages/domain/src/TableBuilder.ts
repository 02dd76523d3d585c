import { Array as Arr } from "effect";
import type { CodeList, Label } from "./CodeList.js";
import type { Axis, Category, CountTable, Unit } from "./StatTable.js";

/** The sum of `values`, 0 when there are none. */
export const sum = (values: ReadonlyArray<number>): number => values.reduce((total, value) => total + value, 0);

/** Per column of `cells`, the sum of its cells over the rows; `width` is the number of columns. */
export const columnSums = (cells: ReadonlyArray<ReadonlyArray<number>>, width: number): ReadonlyArray<number> =>
  Array.from({ length: width }, (_, column) => sum(cells.map((row) => row[column] ?? 0)));

/** The categories of a code list: its codes in list order, each with its labels. */
export const codeCategories = <C extends string>(list: CodeList<C>): Arr.NonEmptyReadonlyArray<Category> =>
  Arr.map(list.codes, (code) => ({ code, label: list.labels[code] }));

/** An axis of categories that are not a code list (bands, outcomes, or another standard's codes), in this order. */
export const categoryAxis = (id: string, title: Label, categories: Arr.NonEmptyReadonlyArray<Category>): Axis => ({
  id,
  title,
  categories,
});

/** An axis with one category per code of a code list, in list order, named after the list (`list.id`). */
export const codeAxis = <C extends string>(list: CodeList<C>, title: Label): Axis =>
  categoryAxis(list.id, title, codeCategories(list));

const unitLabels: { readonly [U in Unit]: Label } = {
  persons: { nl: "Personen", en: "Persons" },
  reports: { nl: "Meldingen", en: "Reports" },
  requests: { nl: "Opvangverzoeken", en: "Placement requests" },
  placements: { nl: "Plaatsingen", en: "Placements" },
  place_nights: { nl: "Plaatsnachten", en: "Place-nights" },
};

/** The `measure` axis of a one-way table: its single category is the unit the table counts. */
export const measureAxis = (unit: Unit): Axis =>
  categoryAxis("measure", { nl: "Maat", en: "Measure" }, [{ code: unit, label: unitLabels[unit] }]);

/** How many units an item stands for: 1 for a unit itself, the group's size for a group of units counted alike. */
export type WeightOf<A> = (item: A) => number;

const one = (): number => 1;

/**
 * The number of items per code, in the order of `codes`: an item counts once under each distinct code `keysOf`
 * gives it (a person with two forms of exploitation is in two rows), and not at all under codes outside `codes`.
 * With `weightOf`, an item is a group of units that share its codes and counts as that many.
 */
export const countBy = <C extends string, A>(
  codes: ReadonlyArray<C>,
  items: ReadonlyArray<A>,
  keysOf: (item: A) => ReadonlyArray<C>,
  weightOf: WeightOf<A> = one,
): ReadonlyArray<number> => {
  const counts = new Map<C, number>();
  for (const item of items) {
    const weight = weightOf(item);
    for (const key of new Set(keysOf(item))) counts.set(key, (counts.get(key) ?? 0) + weight);
  }
  return codes.map((code) => counts.get(code) ?? 0);
};

/**
 * The cells of a two-way table, `rowCodes` by `columnCodes`: an item is in the row of each distinct code `rowKeysOf`
 * gives it, under the one column `columnKeyOf` gives it; with `weightOf`, as many times as the units it stands for.
 */
export const crossCount = <R extends string, C extends string, A>(
  rowCodes: ReadonlyArray<R>,
  columnCodes: ReadonlyArray<C>,
  items: ReadonlyArray<A>,
  rowKeysOf: (item: A) => ReadonlyArray<R>,
  columnKeyOf: (item: A) => C,
  weightOf: WeightOf<A> = one,
): ReadonlyArray<ReadonlyArray<number>> =>
  rowCodes.map((row) =>
    countBy(
      columnCodes,
      items.filter((item) => rowKeysOf(item).includes(row)),
      (item) => [columnKeyOf(item)],
      weightOf,
    ),
  );

/** What every table builder is given and passes on unchanged: the table's id, title, unit and row axis. */
type TableHead = Pick<CountTable, "id" | "title" | "unit" | "rows">;

/**
 * A table with one `measure` column ({@link measureAxis}) holding `counts`, one per row. Its column total and grand
 * total are `total`: the sum of the rows when each unit is in exactly one row (`rowsAdd`), otherwise the number of
 * units counted, which the rows may exceed.
 */
export const oneWayTable = (
  spec: TableHead & { readonly counts: ReadonlyArray<number>; readonly rowsAdd: boolean; readonly total: number },
): CountTable => ({
  id: spec.id,
  title: spec.title,
  unit: spec.unit,
  rows: spec.rows,
  columns: measureAxis(spec.unit),
  cells: spec.counts.map((count) => [count]),
  columnTotals: [spec.total],
  grandTotal: spec.total,
  rowsAdd: spec.rowsAdd,
  columnsAdd: true,
});

/** A {@link oneWayTable} in which each unit is in exactly one row, so its totals are the sum of the rows. */
export const additiveOneWayTable = (spec: TableHead & { readonly counts: ReadonlyArray<number> }): CountTable =>
  oneWayTable({ ...spec, rowsAdd: true, total: sum(spec.counts) });

/**
 * A two-way table in which each unit is in exactly one cell, so it is additive both ways: its row, column and grand
 * totals are the sums of its cells.
 */
export const additiveTwoWayTable = (spec: TableHead & Pick<CountTable, "columns" | "cells">): CountTable => {
  const rowTotals = spec.cells.map(sum);
  return {
    id: spec.id,
    title: spec.title,
    unit: spec.unit,
    rows: spec.rows,
    columns: spec.columns,
    cells: spec.cells,
    rowTotals,
    columnTotals: columnSums(spec.cells, spec.columns.categories.length),
    grandTotal: sum(rowTotals),
    rowsAdd: true,
    columnsAdd: true,
  };
};

/**
 * A table whose columns are counted apart and set side by side, such as one year against the previous one:
 * `counts[c][r]` is the cell of row `r` in column `c`. A unit may be in more than one column, so nothing is summed
 * across the columns (`columnsAdd: false`, no row totals or grand total). The column totals are `totals`: the sums of
 * the columns when each unit is in exactly one row of its column (`rowsAdd`), otherwise the units counted per column.
 */
export const comparisonTable = (
  spec: TableHead &
    Pick<CountTable, "columns"> & {
      readonly counts: ReadonlyArray<ReadonlyArray<number>>;
      readonly rowsAdd: boolean;
      readonly totals: ReadonlyArray<number>;
    },
): CountTable => ({
  id: spec.id,
  title: spec.title,
  unit: spec.unit,
  rows: spec.rows,
  columns: spec.columns,
  cells: (spec.counts[0] ?? []).map((_, row) => spec.counts.map((column) => column[row] ?? 0)),
  columnTotals: spec.totals,
  rowsAdd: spec.rowsAdd,
  columnsAdd: false,
});

/** A {@link comparisonTable} in which each unit is in exactly one row of its column, so its totals are sums. */
export const additiveComparisonTable = (
  spec: TableHead & Pick<CountTable, "columns"> & { readonly counts: ReadonlyArray<ReadonlyArray<number>> },
): CountTable => comparisonTable({ ...spec, rowsAdd: true, totals: spec.counts.map(sum) });
