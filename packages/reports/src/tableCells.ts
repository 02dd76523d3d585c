import type { StatTable } from "@comensha/domain";

/** The code that stands for "all categories" on an axis, in exports where totals are rows of their own. */
export const totalCode = "total";

/**
 * The inner value at row `row` and column `column` of a published table (`null` where suppressed).
 *
 * @throws a `RangeError` when the table's cells do not match its axes, which a published table never does.
 */
export const cellAt = (table: StatTable.PublishedTable, row: number, column: number): StatTable.PublishedValue => {
  const value = table.cells[row]?.[column];
  if (value === undefined) {
    throw new RangeError(`Table "${table.id}" has no cell at row ${row}, column ${column}`);
  }
  return value;
};

/**
 * The total at `index` of a list of totals, or `undefined` when the table states no such totals.
 *
 * @throws a `RangeError` when the list is shorter than its axis.
 */
export const totalAt = (
  table: StatTable.PublishedTable,
  totals: ReadonlyArray<StatTable.PublishedValue> | undefined,
  index: number,
): StatTable.PublishedValue | undefined => {
  if (totals === undefined) return undefined;
  const value = totals[index];
  if (value === undefined) {
    throw new RangeError(`Table "${table.id}" has no total at index ${index}`);
  }
  return value;
};

/** Whether any value the table publishes (inner cell or total) is suppressed. */
export const hasSuppressed = (table: StatTable.PublishedTable): boolean =>
  table.cells.some((row) => row.some((value) => value === null)) ||
  (table.rowTotals ?? []).some((value) => value === null) ||
  (table.columnTotals ?? []).some((value) => value === null) ||
  table.grandTotal === null;
