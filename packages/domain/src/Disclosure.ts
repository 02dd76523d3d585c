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
export const positionsOf = (table: CountTable): ReadonlyArray<CellRef> => [
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

/**
 * An exact simplex tableau with integer rows: row `i` reads `sum_k rows[i][k] * z_k = rows[i][width]`, its basic
 * variable `basis[i]` has a positive coefficient there and none in the other rows, and every right-hand side is
 * nonnegative. The objective row reads `objective[width + 1] * w + sum_k objective[k] * z_k = objective[width]` for
 * the value `w` being maximised. Rows stay fraction-free: a pivot cross-multiplies and divides each row by the gcd of
 * its entries, so no value is ever rounded.
 */
type Tableau = {
  readonly width: number;
  readonly rows: Array<Array<bigint>>;
  readonly basis: Array<number>;
  objective: Array<bigint>;
};

const eliminate = (row: ReadonlyArray<bigint>, pivotRow: ReadonlyArray<bigint>, column: number): Array<bigint> => {
  const factor = row[column] ?? 0n;
  const pivot = pivotRow[column] ?? 1n;
  return factor === 0n ? [...row] : normalise(row.map((entry, k) => entry * pivot - factor * (pivotRow[k] ?? 0n)));
};

const pivotOn = (tableau: Tableau, pivotIndex: number, column: number): void => {
  const pivotRow = normalise(tableau.rows[pivotIndex] ?? []);
  tableau.rows.forEach((row, index) => {
    tableau.rows[index] = index === pivotIndex ? pivotRow : eliminate(row, pivotRow, column);
  });
  tableau.objective = eliminate(tableau.objective, pivotRow, column);
  tableau.basis[pivotIndex] = column;
};

/** Sets the objective to maximise `sum_k weights[k] * z_k`, expressed in the current nonbasic variables. */
const setObjective = (tableau: Tableau, weights: ReadonlyMap<number, bigint>): void => {
  const objective = Array.from({ length: tableau.width + 2 }, (_, k) =>
    k === tableau.width + 1 ? 1n : -(weights.get(k) ?? 0n),
  );
  tableau.objective = tableau.rows.reduce(
    (current, row, index) => eliminate(current, row, tableau.basis[index] ?? 0),
    objective,
  );
};

/**
 * Primal simplex with Bland's rule, which cannot cycle: the entering variable is the lowest column below `entering`
 * with a negative reduced cost, the leaving row the one of least ratio, ties to the lowest basic variable. Ends at
 * an optimum, or returns false when the objective is unbounded.
 */
const maximise = (tableau: Tableau, entering: number): boolean => {
  const { rows, basis, width } = tableau;
  for (;;) {
    const column = tableau.objective.findIndex((cost, k) => k < entering && cost < 0n);
    if (column < 0) return true;
    let leaving = -1;
    rows.forEach((row, index) => {
      const entry = row[column] ?? 0n;
      if (entry <= 0n) return;
      if (leaving < 0) {
        leaving = index;
        return;
      }
      const best = rows[leaving] ?? [];
      const difference = (row[width] ?? 0n) * (best[column] ?? 0n) - (best[width] ?? 0n) * entry;
      if (difference < 0n || (difference === 0n && (basis[index] ?? 0) < (basis[leaving] ?? 0))) leaving = index;
    });
    if (leaving < 0) return false;
    pivotOn(tableau, leaving, column);
  }
};

/**
 * The suppressed positions held at their lower bound 1 by the relations: those of `unknowns` (indices into the
 * positions) that equal 1 in every real solution of the relations with every suppressed value at least 1. Only a
 * position whose true value is 1 can be held; for those, with `z = x - 1 >= 0`, linear programs over
 * `{ z >= 0 : relations, sum of z over them <= 1 }` (the cap keeps them bounded and, by convexity, loses no
 * direction) maximise the sum of the undecided ones, and every one positive at the optimum is free to move; when
 * the optimum is 0, the remaining ones are held. The right-hand sides are the suppressed positions' share of each
 * relation at the true values, so the true values are a solution: phase one always succeeds.
 */
const heldAtOne = (
  coefficients: ReadonlyArray<ReadonlyMap<number, bigint>>,
  unknowns: ReadonlyArray<number>,
  values: ReadonlyArray<number>,
): ReadonlySet<number> => {
  const atOne = unknowns.flatMap((position, column) => (values[position] === 1 ? [column] : []));
  if (atOne.length === 0) return new Set();
  const equations = coefficients
    .map((equation) => unknowns.map((position) => equation.get(position) ?? 0n))
    .filter((row) => row.some((entry) => entry !== 0n));
  const slack = unknowns.length;
  const width = slack + 1 + equations.length;
  const emptyRow = (): Array<bigint> => Array.from({ length: width + 1 }, () => 0n);
  const rows = equations.map((equation, index) => {
    const share = equation.reduce(
      (sum, entry, column) => sum + entry * BigInt((values[unknowns[column] ?? 0] ?? 1) - 1),
      0n,
    );
    const sign = share < 0n ? -1n : 1n;
    const row = emptyRow();
    equation.forEach((entry, column) => {
      row[column] = sign * entry;
    });
    row[slack + 1 + index] = 1n;
    row[width] = sign * share;
    return row;
  });
  const cap = emptyRow();
  for (const column of atOne) cap[column] = 1n;
  cap[slack] = 1n;
  cap[width] = 1n;
  const artificials = equations.map((_, index) => slack + 1 + index);
  const tableau: Tableau = { width, rows: [...rows, cap], basis: [...artificials, slack], objective: [] };
  setObjective(tableau, new Map(artificials.map((column) => [column, -1n])));
  maximise(tableau, width);
  for (let index = tableau.rows.length - 1; index >= 0; index--) {
    if ((tableau.basis[index] ?? 0) <= slack) continue;
    const row = tableau.rows[index] ?? [];
    const column = row.findIndex((entry, k) => k <= slack && entry !== 0n);
    if (column < 0) {
      tableau.rows.splice(index, 1);
      tableau.basis.splice(index, 1);
      continue;
    }
    if ((row[column] ?? 0n) < 0n) tableau.rows[index] = row.map((entry) => -entry);
    pivotOn(tableau, index, column);
  }
  const undecided = new Set(atOne);
  while (undecided.size > 0) {
    setObjective(tableau, new Map([...undecided].map((column) => [column, 1n])));
    maximise(tableau, slack + 1);
    const moving = tableau.basis.filter(
      (column, index) => undecided.has(column) && (tableau.rows[index]?.[width] ?? 0n) > 0n,
    );
    if (moving.length === 0) break;
    for (const column of moving) undecided.delete(column);
  }
  return new Set([...undecided].map((column) => unknowns[column] ?? -1));
};

/** `value` rounded to the nearest multiple of `base`, halves up (12 -> 10, 13 -> 15 for base 5). */
export const roundToBase = (value: number, base: number): number => {
  const quotient = Math.floor(value / base);
  return 2 * (value - quotient * base) >= base ? (quotient + 1) * base : quotient * base;
};

/** The order in which positions are given up to protect another: inner cells first, the grand total last. */
export const kindRank = (ref: CellRef): number => (ref.kind === "cell" ? 0 : ref.kind === "grandTotal" ? 2 : 1);

/**
 * A minimal set of `candidates` (in order of preference, most preferred first) that frees a value, given that all of
 * them do: the shortest prefix that frees it, found by bisection (withholding more never pins a free value, so
 * freeing is monotone in the prefix), then pruned from its end: each one is dropped unless the value would be pinned
 * again without it. The last one of the prefix is kept, as the prefix without it does not free the value.
 */
export const minimalCover = <A>(
  candidates: ReadonlyArray<A>,
  isFreeWith: (cover: ReadonlyArray<A>) => boolean,
): ReadonlyArray<A> => {
  let pinned = 0;
  let free = candidates.length;
  while (free - pinned > 1) {
    const middle = (pinned + free) >> 1;
    if (isFreeWith(candidates.slice(0, middle))) free = middle;
    else pinned = middle;
  }
  const cover = candidates.slice(0, free);
  for (let index = cover.length - 2; index >= 0; index--) {
    const without = cover.filter((_, k) => k !== index);
    if (isFreeWith(without)) cover.splice(index, 1);
  }
  return cover;
};

/**
 * The table as published with the positions of `suppressed` (their {@link refKey}s) withheld (`null`) and every other
 * value rounded to a multiple of `roundingBase` when it is set ({@link roundToBase}).
 */
export const publish = (
  table: CountTable,
  suppressed: ReadonlySet<string>,
  roundingBase: number | undefined,
): PublishedTable => {
  const show = (ref: CellRef, value: number): PublishedValue =>
    suppressed.has(refKey(ref)) ? null : roundingBase === undefined ? value : roundToBase(value, roundingBase);
  return {
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
};

/**
 * Statistical disclosure control of one table: the table as it may be published, with the suppressions made.
 *
 * Primary suppression: every position, inner cell or total, whose value is at least 1 and below
 * `policy.threshold`. Zeros describe nobody and are always published, never suppressed, not even to protect another
 * value, so every suppressed value is positive.
 *
 * Recoverable: a reader knows the published values, the relations of {@link equationsOf}, and that every suppressed
 * value is at least 1 (zeros are published). A suppressed position is recoverable when it has the same value in
 * every real vector of the suppressed values that satisfies every relation, with the published values as constants,
 * and is at least 1 at every suppressed position: its minimum equals its maximum. The one-way table 1, 1, 10 with
 * total 12 shows why the bound matters: the relation alone leaves the two 1s free, but `a + b = 2` with `a, b >= 1`
 * forces both. The real relaxation is enough: apart from relations implied by others, the relations of a table are
 * those of a flow network (totally unimodular), so the solutions form a polyhedron with whole-number vertices, and
 * a position that is not pinned there takes two different whole-number values too, at the vertices (or along a
 * ray) of its minimum and maximum. The constants are the exact values even when published values are rounded: a
 * reader who knew them could do no less.
 *
 * Decided exactly, never in floating point. Only a suppressed 1 can be held at the bound; exact linear programs (a
 * fraction-free simplex over bigints, two phases, Bland's rule against cycling) find the suppressed 1s that every
 * solution holds at 1. Those are recoverable, and any other suppressed position is recoverable exactly when the
 * relations fix it once the held values are known (integer elimination), since the relations and the held values
 * describe the smallest affine space holding all solutions. The linear test alone, the usual one of table auditing,
 * is the quick first check, and with no suppressed 1 it is the whole test. The right-hand sides are the suppressed
 * positions' share of each relation at the true values, the same as from the published values when the totals add
 * up as the flags say.
 *
 * Secondary suppression: while some suppressed position is recoverable, the first one in table order is protected
 * by suppressing a minimal set of further positive positions that leaves it free (none of the set could be
 * published again): the set found by starting from all published positive positions and putting each back, least
 * preferred first, unless the position would be pinned again without it; computed, to the same result, as the
 * shortest prefix in order of preference that frees the position (by bisection), pruned from its end. The
 * preference is the smaller value, then inner cells before row and column totals, the grand total last, then table
 * order. In a table with totals this finds the small cell a partner in its row, one in its column and a fourth
 * closing the rectangle, where no single extra suppression would do; two 1s of one row need more, since the
 * rectangle's only move would take one of them to 0. Adding suppressions never pins a value that was free (the
 * true values of the added ones extend any solution), and suppressing every positive value frees every one: the
 * published values are then all 0, the relations homogeneous, and the true values times any factor above 1 are
 * another solution at least 1. So this ends with no suppressed value recoverable. For a table whose totals break
 * its flags, which {@link CountTable} does not allow, that argument fails (cells 1 and 1 with a column total 0 pin
 * both): when even suppressing every positive value leaves a position pinned, every positive value is suppressed,
 * the best there is, the position is left for the checker to reject, and the loop goes on, so it always ends.
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
  const ascending = (unknowns: Iterable<number>): Array<number> => [...unknowns].sort((a, b) => a - b);
  const fixedAmong = (sorted: ReadonlyArray<number>): ReadonlyArray<number> =>
    fixedUnknowns(coefficients, sorted).map((column) => sorted[column] ?? -1);
  const recoverableAmong = (unknowns: Iterable<number>): ReadonlyArray<number> => {
    const sorted = ascending(unknowns);
    const held = heldAtOne(coefficients, sorted, values);
    return ascending([...held, ...fixedAmong(sorted.filter((position) => !held.has(position)))]);
  };
  const isRecoverable = (position: number, unknowns: Iterable<number>): boolean => {
    const sorted = ascending(unknowns);
    if (fixedAmong(sorted).includes(position)) return true;
    const held = heldAtOne(coefficients, sorted, values);
    return held.has(position) || fixedAmong(sorted.filter((other) => !held.has(other))).includes(position);
  };
  const preferredFirst = (a: number, b: number): number =>
    (values[a] ?? 0) - (values[b] ?? 0) ||
    kindRank(positions[a] ?? grandTotalRef) - kindRank(positions[b] ?? grandTotalRef) ||
    a - b;

  const unprotectable = new Set<number>();
  for (;;) {
    const target = recoverableAmong(suppressed).find((position) => !unprotectable.has(position));
    if (target === undefined) break;
    const candidates = positions
      .map((_, index) => index)
      .filter((index) => !suppressed.has(index) && (values[index] ?? 0) > 0)
      .sort(preferredFirst);
    const isFreeWith = (cover: ReadonlyArray<number>) => !isRecoverable(target, [...suppressed, ...cover]);
    if (!isFreeWith(candidates)) {
      for (const index of candidates) suppressed.add(index);
      unprotectable.add(target);
      continue;
    }
    for (const index of minimalCover(candidates, isFreeWith)) suppressed.add(index);
  }

  const published = publish(
    table,
    new Set([...suppressed].map((index) => refKey(positions[index] ?? grandTotalRef))),
    policy.roundingBase,
  );
  const refsOf = (indices: Iterable<number>): ReadonlyArray<CellRef> =>
    [...indices].sort((a, b) => a - b).flatMap((index) => positions[index] ?? []);
  return {
    published,
    primary: refsOf(primary),
    secondary: refsOf([...suppressed].filter((index) => !primary.includes(index))),
  };
};
