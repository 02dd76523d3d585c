import * as fc from "fast-check";
import type { DisclosurePolicy } from "../../src/DisclosurePolicy.js";
import type * as StatTable from "../../src/StatTable.js";

type CountTable = StatTable.CountTable;

/** The same text in Dutch and English, for tables made up in tests. */
export const label = (text: string) => ({ nl: text, en: text });

/** An axis `id` of `length` categories coded `${id}_0`, `${id}_1`, ... (at least one). */
export const axis = (id: string, length: number): StatTable.Axis => {
  const category = (index: number) => ({ code: `${id}_${index}`, label: label(`${id} ${index}`) });
  return {
    id,
    title: label(id),
    categories: [category(0), ...Array.from({ length: length - 1 }, (_, i) => category(i + 1))],
  };
};

/** The sum of `values`, worked out apart from the code under test. */
export const sum = (values: ReadonlyArray<number>): number => values.reduce((a, b) => a + b, 0);

/** Which totals a made-up table shows. */
export type Shown = { readonly rowTotals?: boolean; readonly columnTotals?: boolean; readonly grandTotal?: boolean };

const allTotals: Shown = { rowTotals: true, columnTotals: true, grandTotal: true };

/**
 * A table `persons_by_row_and_column` whose totals are the true sums, both directions additive, showing the totals
 * asked for (by default all of them).
 */
export const additiveTable = (cells: ReadonlyArray<ReadonlyArray<number>>, shown: Shown = allTotals): CountTable => {
  const columnCount = cells[0]?.length ?? 0;
  const rowTotals = cells.map(sum);
  const columnTotals = Array.from({ length: columnCount }, (_, c) => sum(cells.map((row) => row[c] ?? 0)));
  return {
    id: "persons_by_row_and_column",
    title: label("Persons"),
    unit: "persons",
    rows: axis("row", cells.length),
    columns: axis("column", columnCount),
    cells,
    ...(shown.rowTotals ? { rowTotals } : {}),
    ...(shown.columnTotals ? { columnTotals } : {}),
    ...(shown.grandTotal ? { grandTotal: sum(rowTotals) } : {}),
    rowsAdd: true,
    columnsAdd: true,
  };
};

/** A one-way table: one count per row and the column total, no row totals or grand total. */
export const oneWayTable = (counts: ReadonlyArray<number>): CountTable =>
  additiveTable(
    counts.map((count) => [count]),
    { columnTotals: true },
  );

/** A policy that suppresses counts below 5 and does not round. */
export const policy5: DisclosurePolicy = { threshold: 5 };

/** Counts as statistics have them: some zeros, many small values below common thresholds, some larger ones. */
export const arbitraryCount = fc.oneof(
  { arbitrary: fc.constant(0), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 9 }), weight: 5 },
  { arbitrary: fc.integer({ min: 10, max: 60 }), weight: 3 },
);
