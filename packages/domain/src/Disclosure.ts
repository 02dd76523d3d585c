import type { DisclosurePolicy } from "./DisclosurePolicy.js";
import {
  type CellRef,
  type CountTable,
  type PublishedTable,
  type PublishedValue,
  refKey,
  valueAt,
} from "./StatTable.js";

/** An additivity relation of a table: the value at `total` is the sum of the values at `parts`. */
export type Equation = { readonly total: CellRef; readonly parts: ReadonlyArray<CellRef> };

/**
 * The outcome of {@link protect}: the table to publish, and which positions were suppressed for being small
 * (`primary`) and which to keep the small ones from being recomputed (`secondary`), each in table order
 * (cells row by row, then row totals, column totals, the grand total). Only `published` leaves the system.
 */
export type Protection = {
  readonly published: PublishedTable;
  readonly primary: ReadonlyArray<CellRef>;
  readonly secondary: ReadonlyArray<CellRef>;
};

const cellRef = (row: number, column: number): CellRef => ({ kind: "cell", row, column });
const rowTotalRef = (row: number): CellRef => ({ kind: "rowTotal", row });
const columnTotalRef = (column: number): CellRef => ({ kind: "columnTotal", column });
const grandTotalRef: CellRef = { kind: "grandTotal" };

/** Every position the table has, in table order: cells row by row, row totals, column totals, the grand total. */
const positionsOf = (table: CountTable): ReadonlyArray<CellRef> => [
  ...table.cells.flatMap((cells, row) => cells.map((_, column) => cellRef(row, column))),
  ...(table.rowTotals ?? []).map((_, row) => rowTotalRef(row)),
  ...(table.columnTotals ?? []).map((_, column) => columnTotalRef(column)),
  ...(table.grandTotal === undefined ? [] : [grandTotalRef]),
];

/**
 * The additivity relations a reader of the published table can rely on. The flags of {@link CountTable} say which
 * hold: when each unit is in exactly one column (`columnsAdd`), a row's cells add up to its row total; when each
 * unit is in exactly one row (`rowsAdd`), a column's cells add up to its column total and the row totals to the
 * grand total; `columnsAdd` likewise makes the column totals add up to the grand total; and when both hold, every
 * unit is in exactly one cell, so all cells add up to the grand total. Each relation is listed when the table shows
 * the positions it relates; relations that follow from others are listed too, which changes nothing a reader can
 * compute. A relation whose flag is false is not listed: a person with two forms of exploitation is in two rows, so
 * the rows of a table by form add up to more than its total.
 */
export const equationsOf = (table: CountTable): ReadonlyArray<Equation> => {
  const { cells, rowTotals, columnTotals, grandTotal, rowsAdd, columnsAdd } = table;
  const allCells = cells.flatMap((row, r) => row.map((_, c) => cellRef(r, c)));
  const equations: Array<Equation> = [];
  if (columnsAdd && rowTotals !== undefined) {
    rowTotals.forEach((_, r) => {
      equations.push({ total: rowTotalRef(r), parts: (cells[r] ?? []).map((_, c) => cellRef(r, c)) });
    });
  }
  if (rowsAdd && columnTotals !== undefined) {
    columnTotals.forEach((_, c) => {
      equations.push({
        total: columnTotalRef(c),
        parts: cells.flatMap((row, r) => (row[c] === undefined ? [] : [cellRef(r, c)])),
      });
    });
  }
  if (grandTotal !== undefined) {
    if (rowsAdd && rowTotals !== undefined) {
      equations.push({ total: grandTotalRef, parts: rowTotals.map((_, r) => rowTotalRef(r)) });
    }
    if (columnsAdd && columnTotals !== undefined) {
      equations.push({ total: grandTotalRef, parts: columnTotals.map((_, c) => columnTotalRef(c)) });
    }
    if (rowsAdd && columnsAdd) equations.push({ total: grandTotalRef, parts: allCells });
  }
  return equations;
};

const absolute = (value: bigint): bigint => (value < 0n ? -value : value);

const gcd = (a: bigint, b: bigint): bigint => {
  let x = absolute(a);
  let y = absolute(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

const normalise = (row: ReadonlyArray<bigint>): Array<bigint> => {
  const divisor = row.reduce(gcd, 0n);
  return divisor <= 1n ? [...row] : row.map((entry) => entry / divisor);
};

/**
 * The unknowns (indices into `unknowns`) whose value the equations fix, by exact fraction-free Gauss-Jordan
 * elimination over the integers: an unknown is fixed when its column is a pivot whose reduced row has no other
 * entry, i.e. its unit vector lies in the row space.
 */
const fixedUnknowns = (
  coefficients: ReadonlyArray<ReadonlyMap<number, bigint>>,
  unknowns: ReadonlyArray<number>,
): ReadonlyArray<number> => {
  const matrix = coefficients
    .map((equation) => unknowns.map((position) => equation.get(position) ?? 0n))
    .filter((row) => row.some((entry) => entry !== 0n));
  const pivots: Array<number> = [];
  for (let column = 0; column < unknowns.length && pivots.length < matrix.length; column++) {
    const rank = pivots.length;
    const found = matrix.findIndex((row, index) => index >= rank && row[column] !== 0n);
    if (found < 0) continue;
    const pivotRow = matrix[found] ?? [];
    matrix[found] = matrix[rank] ?? [];
    matrix[rank] = pivotRow;
    const pivot = pivotRow[column] ?? 0n;
    matrix.forEach((row, index) => {
      const factor = row[column] ?? 0n;
      if (index === rank || factor === 0n) return;
      matrix[index] = normalise(row.map((entry, k) => entry * pivot - factor * (pivotRow[k] ?? 0n)));
    });
    pivots.push(column);
  }
  return pivots.filter((column, rank) => (matrix[rank] ?? []).every((entry, k) => k === column || entry === 0n));
};

const roundToBase = (value: number, base: number): number => {
  const quotient = Math.floor(value / base);
  return 2 * (value - quotient * base) >= base ? (quotient + 1) * base : quotient * base;
};

const kindRank = (ref: CellRef): number => (ref.kind === "cell" ? 0 : ref.kind === "grandTotal" ? 2 : 1);

/**
 * Statistical disclosure control of one table: the table as it may be published, with the suppressions made.
 *
 * Primary suppression: every position, inner cell or total, whose value is at least 1 and below
 * `policy.threshold`. Zeros describe nobody and are always published, never suppressed, not even to protect another
 * value, so every suppressed value is positive.
 *
 * Secondary suppression: a reader knows the published values and the relations of {@link equationsOf}; a
 * suppressed value is recomputable when those relations fix it (its unit vector lies in the row space of the
 * relations restricted to the suppressed positions). That is decided by exact integer elimination, never floating
 * point. While some suppressed position is recomputable, the first one in table order is protected by suppressing
 * a minimal set of further positive positions that leaves it free (none of the set could be published again):
 * starting from all published positive positions, each is put back, least preferred first, unless the position
 * would be fixed again without it. The preference is the smaller value, then inner cells before row and column
 * totals, the grand total last, then table order. In a table with totals this finds the small cell a partner in its
 * row, one in its column and a fourth closing the rectangle, where no single extra suppression would do. Adding
 * suppressions never fixes a value that was free, and suppressing every positive value is always safe (the values
 * can then be scaled together), so this ends with no suppressed value recomputable. The test is linear, as usual in
 * table auditing: it does not use that a reader also knows each suppressed value to be a whole number of at least 1.
 *
 * Rounding: with `policy.roundingBase` set, every published value is rounded to the nearest multiple of it, halves
 * up (12 -> 10, 13 -> 15 for base 5); suppression is decided on the unrounded values.
 *
 * Deterministic: the same table and policy always give the same result.
 */
export const protect = (table: CountTable, policy: DisclosurePolicy): Protection => {
  const positions = positionsOf(table);
  const indexOf = new Map(positions.map((ref, index) => [refKey(ref), index]));
  const values = positions.map((ref) => valueAt(table, ref) ?? 0);
  const coefficients = equationsOf(table).map((equation) => {
    const row = new Map<number, bigint>();
    const add = (ref: CellRef, coefficient: bigint) => {
      const index = indexOf.get(refKey(ref));
      if (index !== undefined) row.set(index, (row.get(index) ?? 0n) + coefficient);
    };
    add(equation.total, 1n);
    for (const part of equation.parts) add(part, -1n);
    return row;
  });

  const primary = positions.flatMap((_, index) => {
    const value = values[index] ?? 0;
    return value > 0 && value < policy.threshold ? [index] : [];
  });
  const suppressed = new Set(primary);
  const fixedAmong = (unknowns: ReadonlySet<number>): ReadonlyArray<number> => {
    const sorted = [...unknowns].sort((a, b) => a - b);
    return fixedUnknowns(coefficients, sorted).map((column) => sorted[column] ?? -1);
  };
  const isFixed = (position: number, unknowns: ReadonlySet<number>) => fixedAmong(unknowns).includes(position);
  const leastPreferredFirst = (a: number, b: number): number =>
    (values[b] ?? 0) - (values[a] ?? 0) ||
    kindRank(positions[b] ?? grandTotalRef) - kindRank(positions[a] ?? grandTotalRef) ||
    b - a;

  for (let fixed = fixedAmong(suppressed); fixed.length > 0; fixed = fixedAmong(suppressed)) {
    const target = fixed[0] ?? -1;
    const candidates = positions
      .map((_, index) => index)
      .filter((index) => !suppressed.has(index) && (values[index] ?? 0) > 0)
      .sort(leastPreferredFirst);
    const cover = new Set(candidates);
    for (const candidate of candidates) {
      cover.delete(candidate);
      if (isFixed(target, new Set([...suppressed, ...cover]))) cover.add(candidate);
    }
    for (const index of cover) suppressed.add(index);
  }

  const { roundingBase } = policy;
  const show = (ref: CellRef, value: number): PublishedValue =>
    suppressed.has(indexOf.get(refKey(ref)) ?? -1)
      ? null
      : roundingBase === undefined
        ? value
        : roundToBase(value, roundingBase);
  const published: PublishedTable = {
    id: table.id,
    title: table.title,
    unit: table.unit,
    rows: table.rows,
    columns: table.columns,
    cells: table.cells.map((cells, row) => cells.map((value, column) => show(cellRef(row, column), value))),
    ...(table.rowTotals === undefined
      ? {}
      : { rowTotals: table.rowTotals.map((value, row) => show(rowTotalRef(row), value)) }),
    ...(table.columnTotals === undefined
      ? {}
      : { columnTotals: table.columnTotals.map((value, column) => show(columnTotalRef(column), value)) }),
    ...(table.grandTotal === undefined ? {} : { grandTotal: show(grandTotalRef, table.grandTotal) }),
    rowsAdd: table.rowsAdd,
    columnsAdd: table.columnsAdd,
  };
  const refsOf = (indices: Iterable<number>): ReadonlyArray<CellRef> =>
    [...indices].sort((a, b) => a - b).flatMap((index) => positions[index] ?? []);
  return {
    published,
    primary: refsOf(primary),
    secondary: refsOf([...suppressed].filter((index) => !primary.includes(index))),
  };
};
