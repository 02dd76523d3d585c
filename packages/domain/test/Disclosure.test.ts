import { describe, expect, it } from "@effect/vitest";
import { Schema } from "effect";
import * as fc from "fast-check";
import * as Disclosure from "../src/Disclosure.js";
import * as DisclosureCheck from "../src/DisclosureCheck.js";
import type { DisclosurePolicy } from "../src/DisclosurePolicy.js";
import * as StatTable from "../src/StatTable.js";
import { additiveTable, arbitraryCount, oneWayTable, policy5, sum } from "./support/tables.js";

type CellRef = StatTable.CellRef;
type CountTable = StatTable.CountTable;

const cell = (row: number, column: number): CellRef => ({ kind: "cell", row, column });
const rowTotal = (row: number): CellRef => ({ kind: "rowTotal", row });
const columnTotal = (column: number): CellRef => ({ kind: "columnTotal", column });
const grandTotal: CellRef = { kind: "grandTotal" };

const positionsOf = (table: CountTable): ReadonlyArray<CellRef> => [
  ...table.cells.flatMap((row, r) => row.map((_, c) => cell(r, c))),
  ...(table.rowTotals ?? []).map((_, r) => rowTotal(r)),
  ...(table.columnTotals ?? []).map((_, c) => columnTotal(c)),
  ...(table.grandTotal === undefined ? [] : [grandTotal]),
];

const suppressedOf = (table: CountTable, published: StatTable.PublishedTable): ReadonlyArray<CellRef> =>
  positionsOf(table).filter((ref) => StatTable.valueAt(published, ref) === null);

/**
 * A linear witness, apart from the suppressor and the checker: for the suppressed position `target`, an assignment of
 * all suppressed positions that satisfies every equation, is nonnegative, and differs from the true value at
 * `target`. It is returned scaled by `scale` to stay in integers (the values are `values / scale`), and undefined
 * when the null space of the equations over the suppressed positions has no vector moving `target`.
 */
const linearWitnessFor = (
  table: CountTable,
  suppressed: ReadonlyArray<CellRef>,
  target: CellRef,
): { readonly values: ReadonlyMap<string, number>; readonly scale: number } | undefined => {
  const keys = suppressed.map(StatTable.refKey);
  const matrix = Disclosure.equationsOf(table).map((equation) => {
    const row = keys.map(() => 0);
    const add = (ref: CellRef, coefficient: number) => {
      const index = keys.indexOf(StatTable.refKey(ref));
      if (index >= 0) row[index] = (row[index] ?? 0) + coefficient;
    };
    add(equation.total, 1);
    for (const part of equation.parts) add(part, -1);
    return row;
  });
  const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));
  const pivots: Array<number> = [];
  for (let column = 0; column < keys.length; column++) {
    const rank = pivots.length;
    const found = matrix.findIndex((row, i) => i >= rank && row[column] !== 0);
    if (found < 0) continue;
    const pivotRow = matrix[found] ?? [];
    matrix[found] = matrix[rank] ?? [];
    matrix[rank] = pivotRow;
    matrix.forEach((row, i) => {
      const factor = row[column] ?? 0;
      if (i === rank || factor === 0) return;
      const combined = row.map((entry, k) => entry * (pivotRow[column] ?? 0) - factor * (pivotRow[k] ?? 0));
      const divisor = combined.reduce(gcd, 0) || 1;
      matrix[i] = combined.map((entry) => entry / divisor);
    });
    pivots.push(column);
  }
  const targetIndex = keys.indexOf(StatTable.refKey(target));
  const free = keys
    .map((_, column) => column)
    .filter((column) => !pivots.includes(column))
    .find(
      (column) =>
        column === targetIndex || pivots.some((pivot, rank) => pivot === targetIndex && matrix[rank]?.[column] !== 0),
    );
  if (free === undefined) return undefined;
  const common = pivots.reduce((acc, pivot, rank) => {
    const value = Math.abs(matrix[rank]?.[pivot] ?? 1);
    return (acc * value) / gcd(acc, value);
  }, 1);
  const direction = keys.map((_, column) => {
    if (column === free) return common;
    const rank = pivots.indexOf(column);
    if (rank < 0) return 0;
    const row = matrix[rank] ?? [];
    return (-(row[free] ?? 0) * common) / (row[column] ?? 1);
  });
  const scale = Math.max(...direction.map(Math.abs));
  return {
    values: new Map(
      suppressed.map((ref, i) => [
        StatTable.refKey(ref),
        scale * (StatTable.valueAt(table, ref) ?? 0) + (direction[i] ?? 0),
      ]),
    ),
    scale,
  };
};

/** Whether `witness` is a nonnegative solution of every equation that moves `target` away from its true value. */
const isLinearWitness = (
  table: CountTable,
  target: CellRef,
  witness: { readonly values: ReadonlyMap<string, number>; readonly scale: number },
): boolean => {
  const scaled = (ref: CellRef): number =>
    witness.values.get(StatTable.refKey(ref)) ?? witness.scale * (StatTable.valueAt(table, ref) ?? 0);
  return (
    [...witness.values.values()].every((value) => value >= 0 && Number.isSafeInteger(value)) &&
    scaled(target) !== witness.scale * (StatTable.valueAt(table, target) ?? 0) &&
    Disclosure.equationsOf(table).every(
      (equation) => scaled(equation.total) === sum(equation.parts.map((part) => scaled(part))),
    )
  );
};

type Rational = { readonly numerator: bigint; readonly denominator: bigint };

const gcdOf = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcdOf(b, a % b));

const fraction = (numerator: bigint, denominator = 1n): Rational => {
  const sign = denominator < 0n ? -1n : 1n;
  const divisor = gcdOf(numerator, denominator) || 1n;
  return { numerator: (sign * numerator) / divisor, denominator: (sign * denominator) / divisor };
};
const plus = (a: Rational, b: Rational): Rational =>
  fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
const times = (a: Rational, b: Rational): Rational =>
  fraction(a.numerator * b.numerator, a.denominator * b.denominator);
const minus = (a: Rational, b: Rational): Rational => plus(a, times(b, fraction(-1n)));
const dividedBy = (a: Rational, b: Rational): Rational =>
  fraction(a.numerator * b.denominator, a.denominator * b.numerator);
const zero = fraction(0n);

/**
 * A textbook two-phase simplex over exact fractions with Bland's rule, written for the tests alone: maximises
 * `objective . x` over `matrix x = rhs, x >= 0`, and returns the optimal vertex, or undefined when there is none.
 * Slow but plain; the tests use it on small tables only.
 */
const maximiseExactly = (
  matrix: ReadonlyArray<ReadonlyArray<bigint>>,
  rhs: ReadonlyArray<bigint>,
  objective: ReadonlyArray<bigint>,
): ReadonlyArray<Rational> | undefined => {
  const n = objective.length;
  const m = matrix.length;
  const rows = matrix.map((row, i) => {
    const sign = (rhs[i] ?? 0n) < 0n ? -1n : 1n;
    return [
      ...row.map((entry) => fraction(sign * entry)),
      ...Array.from({ length: m }, (_, k) => fraction(k === i ? 1n : 0n)),
      fraction(sign * (rhs[i] ?? 0n)),
    ];
  });
  const basis = matrix.map((_, i) => n + i);
  const last = n + m;
  const at = (i: number, k: number): Rational => rows[i]?.[k] ?? zero;
  const run = (costs: ReadonlyArray<Rational>, columns: number): boolean => {
    for (;;) {
      const reduced = (k: number) =>
        rows.reduce((acc, _, i) => minus(acc, times(costs[basis[i] ?? 0] ?? zero, at(i, k))), costs[k] ?? zero);
      const entering = Array.from({ length: columns }, (_, k) => k).find((k) => reduced(k).numerator > 0n);
      if (entering === undefined) return true;
      let leaving = -1;
      rows.forEach((_, i) => {
        if (at(i, entering).numerator <= 0n) return;
        if (leaving < 0) {
          leaving = i;
          return;
        }
        const difference = minus(
          dividedBy(at(i, last), at(i, entering)),
          dividedBy(at(leaving, last), at(leaving, entering)),
        );
        if (difference.numerator < 0n || (difference.numerator === 0n && (basis[i] ?? 0) < (basis[leaving] ?? 0))) {
          leaving = i;
        }
      });
      if (leaving < 0) return false;
      const pivot = at(leaving, entering);
      const pivotRow = (rows[leaving] ?? []).map((entry) => dividedBy(entry, pivot));
      rows.forEach((row, i) => {
        const factor = at(i, entering);
        rows[i] = i === leaving ? pivotRow : row.map((entry, k) => minus(entry, times(factor, pivotRow[k] ?? zero)));
      });
      basis[leaving] = entering;
    }
  };
  run(
    Array.from({ length: last }, (_, k) => fraction(k < n ? 0n : -1n)),
    last,
  );
  if (rows.some((_, i) => (basis[i] ?? 0) >= n && at(i, last).numerator !== 0n)) return undefined;
  for (let i = rows.length - 1; i >= 0; i--) {
    if ((basis[i] ?? 0) < n) continue;
    const column = Array.from({ length: n }, (_, k) => k).find((k) => at(i, k).numerator !== 0n);
    if (column === undefined) {
      rows.splice(i, 1);
      basis.splice(i, 1);
      continue;
    }
    const pivotRow = (rows[i] ?? []).map((entry) => dividedBy(entry, at(i, column)));
    rows.forEach((row, r) => {
      const factor = at(r, column);
      rows[r] = r === i ? pivotRow : row.map((entry, k) => minus(entry, times(factor, pivotRow[k] ?? zero)));
    });
    basis[i] = column;
  }
  const costs = Array.from({ length: last }, (_, k) => fraction(k < n ? (objective[k] ?? 0n) : 0n));
  if (!run(costs, n)) return undefined;
  return Array.from({ length: n }, (_, k) => {
    const i = basis.indexOf(k);
    return i < 0 ? zero : at(i, last);
  });
};

/**
 * A third witness, apart from the suppressor and the checker: for the suppressed position `target`, an assignment of
 * all suppressed positions that satisfies every equation with the published values as constants, is at least 1 at
 * every suppressed position, and differs from the true value at `target`; undefined when there is none. It takes the
 * vertices where `target` is largest (capped at one above its value) and smallest, by the exact simplex above, in
 * `y = x - 1 >= 0`.
 */
const witnessFor = (
  table: CountTable,
  suppressed: ReadonlyArray<CellRef>,
  target: CellRef,
): ReadonlyMap<string, Rational> | undefined => {
  const keys = suppressed.map(StatTable.refKey);
  const targetIndex = keys.indexOf(StatTable.refKey(target));
  const trueValue = BigInt(StatTable.valueAt(table, target) ?? 0);
  const equations = Disclosure.equationsOf(table).map((equation) => {
    const row = keys.map(() => 0n);
    let rhs = 0n;
    const add = (ref: CellRef, coefficient: bigint) => {
      const index = keys.indexOf(StatTable.refKey(ref));
      if (index >= 0) {
        row[index] = (row[index] ?? 0n) + coefficient;
        rhs -= coefficient;
      } else {
        rhs -= coefficient * BigInt(StatTable.valueAt(table, ref) ?? 0);
      }
    };
    add(equation.total, 1n);
    for (const part of equation.parts) add(part, -1n);
    return { row: [...row, 0n], rhs };
  });
  const cap = { row: [...keys.map((_, index) => (index === targetIndex ? 1n : 0n)), 1n], rhs: trueValue };
  const system = [...equations, cap];
  for (const direction of [1n, -1n]) {
    const solution = maximiseExactly(
      system.map((equation) => equation.row),
      system.map((equation) => equation.rhs),
      [...keys.map((_, index) => (index === targetIndex ? direction : 0n)), 0n],
    );
    const moved = solution?.[targetIndex];
    if (solution !== undefined && moved !== undefined && minus(moved, fraction(trueValue - 1n)).numerator !== 0n) {
      return new Map(keys.map((key, index) => [key, plus(solution[index] ?? zero, fraction(1n))]));
    }
  }
  return undefined;
};

/**
 * Whether `witness` is, exactly, a whole-number solution of every equation with every suppressed value at least 1,
 * that moves `target` away from its true value. Whole numbers: the equations are those of a flow network, so the
 * vertices are integral, and the real relaxation decides the same as whole numbers would.
 */
const isWitness = (table: CountTable, target: CellRef, witness: ReadonlyMap<string, Rational>): boolean => {
  const witnessed = (ref: CellRef): bigint => {
    const value = witness.get(StatTable.refKey(ref));
    return value === undefined ? BigInt(StatTable.valueAt(table, ref) ?? 0) : value.numerator;
  };
  return (
    [...witness.values()].every((value) => value.denominator === 1n && value.numerator >= 1n) &&
    witnessed(target) !== BigInt(StatTable.valueAt(table, target) ?? 0) &&
    Disclosure.equationsOf(table).every(
      (equation) => witnessed(equation.total) === equation.parts.reduce((acc, part) => acc + witnessed(part), 0n),
    )
  );
};

/** Counts for tables where the bound 1 matters: mostly 1s, some other small values, a few zeros and large ones. */
const arbitraryCountWithOnes = fc.oneof(
  { arbitrary: fc.constant(0), weight: 1 },
  { arbitrary: fc.constant(1), weight: 5 },
  { arbitrary: fc.integer({ min: 2, max: 4 }), weight: 2 },
  { arbitrary: fc.integer({ min: 5, max: 30 }), weight: 3 },
);

/**
 * Tables of 1..size by 1..size with counts from `count`, random additivity and shown totals. Totals are consistent
 * with the flags: true sums where the flag says the units add up, otherwise at least the largest part.
 */
const arbitraryTableOf = (count: fc.Arbitrary<number>, size: number): fc.Arbitrary<CountTable> =>
  fc
    .record({ rowCount: fc.integer({ min: 1, max: size }), columnCount: fc.integer({ min: 1, max: size }) })
    .chain(({ rowCount, columnCount }) =>
      fc.record({
        cells: fc.array(fc.array(count, { minLength: columnCount, maxLength: columnCount }), {
          minLength: rowCount,
          maxLength: rowCount,
        }),
        rowsAdd: fc.boolean(),
        columnsAdd: fc.boolean(),
        shown: fc.record({ rowTotals: fc.boolean(), columnTotals: fc.boolean(), grandTotal: fc.boolean() }),
        rowExtras: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: rowCount, maxLength: rowCount }),
        columnExtras: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: columnCount, maxLength: columnCount }),
        grandExtra: fc.integer({ min: 0, max: 6 }),
      }),
    )
    .map(({ cells, rowsAdd, columnsAdd, shown, rowExtras, columnExtras, grandExtra }) => {
      const columns = Array.from({ length: cells[0]?.length ?? 0 }, (_, c) => cells.map((row) => row[c] ?? 0));
      const rowTotals = cells.map((row, r) => (columnsAdd ? sum(row) : Math.max(...row) + (rowExtras[r] ?? 0)));
      const columnTotals = columns.map((column, c) =>
        rowsAdd ? sum(column) : Math.max(...column) + (columnExtras[c] ?? 0),
      );
      const grand = rowsAdd
        ? sum(rowTotals)
        : columnsAdd
          ? sum(columnTotals)
          : Math.max(...rowTotals, ...columnTotals) + grandExtra;
      return {
        ...additiveTable(cells, {}),
        ...(shown.rowTotals ? { rowTotals } : {}),
        ...(shown.columnTotals ? { columnTotals } : {}),
        ...(shown.grandTotal ? { grandTotal: grand } : {}),
        rowsAdd,
        columnsAdd,
      };
    });

/** Tables of 1..6 by 1..6 with many small values and some zeros. */
const arbitraryTable = arbitraryTableOf(arbitraryCount, 6);

/** Tables of 1..4 by 1..4 full of 1s, where many suppressions are pinned by the bound alone. */
const arbitraryTableWithOnes = arbitraryTableOf(arbitraryCountWithOnes, 4);

const arbitraryPolicy: fc.Arbitrary<DisclosurePolicy> = fc.record(
  { threshold: fc.integer({ min: 1, max: 10 }), roundingBase: fc.integer({ min: 2, max: 10 }) },
  { requiredKeys: ["threshold"] },
);

describe("Disclosure.equationsOf", () => {
  it("relates each row to its row total, each column to its column total, and the totals to the grand total", () => {
    const table = additiveTable(
      [
        [1, 2],
        [3, 4],
      ],
      { rowTotals: true, columnTotals: true, grandTotal: true },
    );
    expect(Disclosure.equationsOf(table)).toEqual([
      { total: rowTotal(0), parts: [cell(0, 0), cell(0, 1)] },
      { total: rowTotal(1), parts: [cell(1, 0), cell(1, 1)] },
      { total: columnTotal(0), parts: [cell(0, 0), cell(1, 0)] },
      { total: columnTotal(1), parts: [cell(0, 1), cell(1, 1)] },
      { total: grandTotal, parts: [rowTotal(0), rowTotal(1)] },
      { total: grandTotal, parts: [columnTotal(0), columnTotal(1)] },
      { total: grandTotal, parts: [cell(0, 0), cell(0, 1), cell(1, 0), cell(1, 1)] },
    ]);
  });

  it("sums all cells to the grand total when both directions add up and no marginal totals are shown", () => {
    const table = additiveTable([[1, 2]], { grandTotal: true });
    expect(Disclosure.equationsOf(table)).toEqual([{ total: grandTotal, parts: [cell(0, 0), cell(0, 1)] }]);
  });

  it("uses only the relations the flags allow when each unit is in one row but maybe several columns", () => {
    const table: CountTable = {
      ...additiveTable([[1, 2]], {}),
      rowTotals: [2],
      columnTotals: [1, 2],
      grandTotal: 2,
      columnsAdd: false,
    };
    expect(Disclosure.equationsOf(table)).toEqual([
      { total: columnTotal(0), parts: [cell(0, 0)] },
      { total: columnTotal(1), parts: [cell(0, 1)] },
      { total: grandTotal, parts: [rowTotal(0)] },
    ]);
  });

  it("has no relations in a table where units may be in several rows and several columns", () => {
    const table: CountTable = {
      ...additiveTable([[1, 2]], { rowTotals: true, columnTotals: true, grandTotal: true }),
      rowsAdd: false,
      columnsAdd: false,
    };
    expect(Disclosure.equationsOf(table)).toEqual([]);
  });

  it("lists only relations that hold in tables whose totals are consistent with their flags", () => {
    fc.assert(
      fc.property(arbitraryTable, (table) => {
        for (const { total, parts } of Disclosure.equationsOf(table)) {
          expect(StatTable.valueAt(table, total)).toBe(sum(parts.map((part) => StatTable.valueAt(table, part) ?? 0)));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("Disclosure.protect: worked examples", () => {
  it("suppresses a small count of a one-way table and the next smallest count, keeping the total", () => {
    const table = oneWayTable([12, 3, 8, 20]);
    const { published, primary, secondary } = Disclosure.protect(table, policy5);
    expect(primary).toEqual([cell(1, 0)]);
    expect(secondary).toEqual([cell(2, 0)]);
    expect(published.cells).toEqual([[12], [null], [null], [20]]);
    expect(published.columnTotals).toEqual([43]);
    expect(DisclosureCheck.checkTable(table, published, policy5)).toEqual([]);
  });

  it("protects one small cell of a table with totals by a rectangle of four suppressed cells", () => {
    const table = additiveTable(
      [
        [3, 9, 20],
        [11, 7, 25],
        [18, 22, 40],
      ],
      { rowTotals: true, columnTotals: true, grandTotal: true },
    );
    const { published, primary, secondary } = Disclosure.protect(table, policy5);
    expect(primary).toEqual([cell(0, 0)]);
    expect(secondary).toEqual([cell(0, 1), cell(1, 0), cell(1, 1)]);
    expect(published).toMatchObject({
      cells: [
        [null, null, 20],
        [null, null, 25],
        [18, 22, 40],
      ],
      rowTotals: [32, 43, 80],
      columnTotals: [32, 38, 85],
      grandTotal: 155,
    });
    expect(DisclosureCheck.checkTable(table, published, policy5)).toEqual([]);
  });

  it("suppresses a small row total itself, and another row total when the grand total would give it away", () => {
    const table = additiveTable(
      [
        [1, 2],
        [6, 9],
      ],
      { rowTotals: true, grandTotal: true },
    );
    const { published, primary, secondary } = Disclosure.protect(table, policy5);
    expect(primary).toEqual([cell(0, 0), cell(0, 1), rowTotal(0)]);
    expect(secondary).toEqual([cell(1, 0), rowTotal(1)]);
    expect(published.cells).toEqual([
      [null, null],
      [null, 9],
    ]);
    expect(published.rowTotals).toEqual([null, null]);
    expect(published.grandTotal).toBe(18);
    expect(DisclosureCheck.checkTable(table, published, policy5)).toEqual([]);
  });

  it("publishes zeros and never suppresses them, not even to protect another value", () => {
    const zeros = oneWayTable([0, 2, 9, 14]);
    expect(Disclosure.protect(zeros, policy5).published.cells).toEqual([[0], [null], [null], [14]]);

    const onlyZerosBesides = oneWayTable([0, 3, 0]);
    const { published, primary, secondary } = Disclosure.protect(onlyZerosBesides, policy5);
    expect(published.cells).toEqual([[0], [null], [0]]);
    expect(published.columnTotals).toEqual([null]);
    expect(primary).toEqual([cell(1, 0), columnTotal(0)]);
    expect(secondary).toEqual([]);
    expect(DisclosureCheck.checkTable(onlyZerosBesides, published, policy5)).toEqual([]);
  });

  it("makes only primary suppressions in a table where neither rows nor columns add up", () => {
    const table: CountTable = {
      ...additiveTable(
        [
          [1, 7],
          [3, 12],
        ],
        {},
      ),
      rowTotals: [7, 13],
      columnTotals: [3, 18],
      grandTotal: 20,
      rowsAdd: false,
      columnsAdd: false,
    };
    const { published, primary, secondary } = Disclosure.protect(table, policy5);
    expect(primary).toEqual([cell(0, 0), cell(1, 0), columnTotal(0)]);
    expect(secondary).toEqual([]);
    expect(published).toMatchObject({
      cells: [
        [null, 7],
        [null, 12],
      ],
      rowTotals: [7, 13],
      columnTotals: [null, 18],
      grandTotal: 20,
    });
  });

  it("rounds every published value to the nearest multiple of the rounding base, halves up", () => {
    const table = oneWayTable([12, 13, 7, 22, 0]);
    const { published } = Disclosure.protect(table, { threshold: 5, roundingBase: 5 });
    expect(published.cells).toEqual([[10], [15], [5], [20], [0]]);
    expect(published.columnTotals).toEqual([55]);
    expect(Disclosure.protect(oneWayTable([6, 5, 10, 14, 15]), { threshold: 1, roundingBase: 4 }).published).toEqual(
      expect.objectContaining({ cells: [[8], [4], [12], [16], [16]], columnTotals: [52] }),
    );
  });

  it("decides suppression on the unrounded values", () => {
    const table = additiveTable([[4, 5, 30]], { rowTotals: true });
    const { published, primary } = Disclosure.protect(table, { threshold: 5, roundingBase: 10 });
    expect(primary).toEqual([cell(0, 0)]);
    expect(published.cells).toEqual([[null, null, 30]]);
    expect(published.rowTotals).toEqual([40]);
    expect(Disclosure.protect(table, { threshold: 4, roundingBase: 10 }).published.cells).toEqual([[0, 10, 30]]);
  });

  it("protects a cell that joins two cycles of suppressions, which two suppressions per line leave recomputable", () => {
    const table = additiveTable(
      [
        [1, 2, 3, 20],
        [2, 1, 30, 25],
        [40, 35, 2, 4],
        [22, 28, 3, 1],
      ],
      { rowTotals: true, columnTotals: true, grandTotal: true },
    );
    const { published, primary, secondary } = Disclosure.protect(table, policy5);
    expect(primary).toEqual([
      cell(0, 0),
      cell(0, 1),
      cell(0, 2),
      cell(1, 0),
      cell(1, 1),
      cell(2, 2),
      cell(2, 3),
      cell(3, 2),
      cell(3, 3),
    ]);
    const primaryOnly = {
      ...published,
      cells: table.cells.map((row, r) =>
        row.map((value, c) => (primary.some((ref) => StatTable.refKey(ref) === `cell:${r}:${c}`) ? null : value)),
      ),
    };
    expect(DisclosureCheck.checkTable(table, primaryOnly, policy5)).toEqual([
      "cell (row_0, column_2): suppressed, but recomputable from the published values and totals",
    ]);
    expect(secondary).toEqual([cell(0, 3)]);
    expect(DisclosureCheck.checkTable(table, published, policy5)).toEqual([]);
  });

  it("suppresses a third count when two suppressed 1s and their total would pin both by the bound 1", () => {
    const table = oneWayTable([1, 1, 10]);
    const { published, primary, secondary } = Disclosure.protect(table, policy5);
    expect(primary).toEqual([cell(0, 0), cell(1, 0)]);
    expect(secondary).toEqual([cell(2, 0)]);
    expect(published.cells).toEqual([[null], [null], [null]]);
    expect(published.columnTotals).toEqual([12]);
    expect(DisclosureCheck.checkTable(table, published, policy5)).toEqual([]);
    const primaryOnly = { ...published, cells: [[null], [null], [10]] };
    expect(DisclosureCheck.checkTable(table, primaryOnly, policy5)).toEqual([
      "cell (row_0, column_0): suppressed, but recoverable from the published values, totals and the fact that suppressed values are at least 1",
      "cell (row_1, column_0): suppressed, but recoverable from the published values, totals and the fact that suppressed values are at least 1",
    ]);
  });

  it("protects two 1s of a row beyond a rectangle, whose only move would take one of them to 0", () => {
    const table = additiveTable(
      [
        [1, 1, 20],
        [7, 9, 30],
        [25, 30, 40],
      ],
      { rowTotals: true, columnTotals: true, grandTotal: true },
    );
    const rectangle = {
      ...table,
      cells: [
        [null, null, 20],
        [null, null, 30],
        [25, 30, 40],
      ],
    };
    expect(DisclosureCheck.checkTable(table, rectangle, policy5)).toHaveLength(4);
    const { published, primary, secondary } = Disclosure.protect(table, policy5);
    expect(primary).toEqual([cell(0, 0), cell(0, 1)]);
    expect(secondary).toEqual([cell(0, 2), cell(1, 0), cell(1, 1), cell(1, 2)]);
    expect(published).toMatchObject({
      cells: [
        [null, null, null],
        [null, null, null],
        [25, 30, 40],
      ],
      rowTotals: [22, 46, 95],
      columnTotals: [33, 40, 90],
      grandTotal: 163,
    });
    expect(DisclosureCheck.checkTable(table, published, policy5)).toEqual([]);
  });

  it("leaves a 1 and its equal column total to each other, since together they may be any value of at least 1", () => {
    const table = additiveTable([[1, 7]], { columnTotals: true });
    const { published, secondary } = Disclosure.protect(table, policy5);
    expect(published.cells).toEqual([[null, 7]]);
    expect(published.columnTotals).toEqual([null, 7]);
    expect(secondary).toEqual([]);
  });

  it("ends on a table whose total breaks its flags and pins values that nothing more can protect", () => {
    const table: CountTable = { ...oneWayTable([1, 1]), columnTotals: [0] };
    const { published, primary, secondary } = Disclosure.protect(table, policy5);
    expect(primary).toEqual([cell(0, 0), cell(1, 0)]);
    expect(secondary).toEqual([]);
    expect(published.cells).toEqual([[null], [null]]);
    expect(DisclosureCheck.checkTable(table, published, policy5)).toHaveLength(2);
  });

  it("copies the id, title, unit, axes and flags, and yields a table that decodes as a PublishedTable", () => {
    const table = additiveTable([[3, 9]], { rowTotals: true, columnTotals: true, grandTotal: true });
    const { published } = Disclosure.protect(table, policy5);
    expect(Schema.decodeUnknownSync(StatTable.PublishedTable)(published)).toEqual(published);
    const { cells: _cells, rowTotals: _rows, columnTotals: _columns, grandTotal: _grand, ...rest } = published;
    const { cells: _c, rowTotals: _r, columnTotals: _k, grandTotal: _g, ...expected } = table;
    expect(rest).toEqual(expected);
  });

  it("leaves a table without totals or small values as it is", () => {
    const table = additiveTable([[5, 0, 12]], {});
    const { published, primary, secondary } = Disclosure.protect(table, policy5);
    expect(published).toEqual(table);
    expect(primary).toEqual([]);
    expect(secondary).toEqual([]);
  });
});

describe("Disclosure.protect: invariants", () => {
  it("publishes tables that pass the independent check", () => {
    fc.assert(
      fc.property(fc.oneof(arbitraryTable, arbitraryTableWithOnes), arbitraryPolicy, (table, policy) => {
        expect(DisclosureCheck.checkTable(table, Disclosure.protect(table, policy).published, policy)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it("suppresses exactly the small values as primary, and only other positive values as secondary", () => {
    fc.assert(
      fc.property(arbitraryTable, arbitraryPolicy, (table, policy) => {
        const { published, primary, secondary } = Disclosure.protect(table, policy);
        const small = positionsOf(table).filter((ref) => {
          const value = StatTable.valueAt(table, ref) ?? 0;
          return value >= 1 && value < policy.threshold;
        });
        expect(primary).toEqual(small);
        for (const ref of secondary) {
          expect(StatTable.valueAt(table, ref) ?? 0).toBeGreaterThanOrEqual(policy.threshold);
        }
        expect(new Set([...primary, ...secondary].map(StatTable.refKey))).toEqual(
          new Set(suppressedOf(table, published).map(StatTable.refKey)),
        );
        for (const ref of positionsOf(table)) {
          const value = StatTable.valueAt(table, ref) ?? 0;
          const shown = StatTable.valueAt(published, ref);
          if (shown !== null) expect(value === 0 || value >= policy.threshold).toBe(true);
          if (value === 0) expect(shown).toBe(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("leaves every suppressed value another whole-number solution of the equations, at least 1 where suppressed", () => {
    fc.assert(
      fc.property(fc.oneof(arbitraryTable, arbitraryTableWithOnes), arbitraryPolicy, (table, policy) => {
        const suppressed = suppressedOf(table, Disclosure.protect(table, policy).published);
        for (const target of suppressed) {
          const witness = witnessFor(table, suppressed, target);
          expect(witness).toBeDefined();
          if (witness !== undefined) expect(isWitness(table, target, witness)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("gives the same result for the same table and policy", () => {
    fc.assert(
      fc.property(arbitraryTable, arbitraryPolicy, (table, policy) => {
        expect(Disclosure.protect({ ...table, cells: table.cells.map((row) => [...row]) }, policy)).toEqual(
          Disclosure.protect(table, policy),
        );
      }),
      { numRuns: 50 },
    );
  });
});

describe("DisclosureCheck agrees with explicit witnesses", () => {
  it("flags a suppressed position exactly when no solution with suppressed values at least 1 moves it", () => {
    const arbitraryPattern = fc.oneof(arbitraryTable, arbitraryTableWithOnes).chain((table) => {
      const positives = positionsOf(table).filter((ref) => (StatTable.valueAt(table, ref) ?? 0) > 0);
      const ones = positives.filter((ref) => StatTable.valueAt(table, ref) === 1);
      const others = positives.filter((ref) => StatTable.valueAt(table, ref) !== 1);
      return fc.tuple(
        fc.constant(table),
        fc.oneof(
          fc.subarray(positives),
          fc.subarray(positives, { maxLength: Math.min(2, positives.length) }),
          fc.subarray(others, { maxLength: Math.min(3, others.length) }).map((extra) => [...ones, ...extra]),
        ),
      );
    });
    fc.assert(
      fc.property(arbitraryPattern, ([table, suppressed]) => {
        const keys = new Set(suppressed.map(StatTable.refKey));
        const hide = (ref: CellRef, value: number) => (keys.has(StatTable.refKey(ref)) ? null : value);
        const published: StatTable.PublishedTable = {
          ...table,
          cells: table.cells.map((row, r) => row.map((value, c) => hide(cell(r, c), value))),
          ...(table.rowTotals === undefined ? {} : { rowTotals: table.rowTotals.map((v, r) => hide(rowTotal(r), v)) }),
          ...(table.columnTotals === undefined
            ? {}
            : { columnTotals: table.columnTotals.map((v, c) => hide(columnTotal(c), v)) }),
          ...(table.grandTotal === undefined ? {} : { grandTotal: hide(grandTotal, table.grandTotal) }),
        };
        const violations = DisclosureCheck.checkTable(table, published, { threshold: 1 });
        const names = new Map(positionsOf(table).map((ref) => [StatTable.refKey(ref), nameOf(table, ref)] as const));
        const flagged = (reason: string) =>
          violations.flatMap((violation) => (violation.includes(reason) ? [violation.split(":")[0]] : []));
        const recomputable = flagged("recomputable from the published values and totals");
        const recoverable = flagged("recoverable from the published values, totals and the fact");
        for (const target of suppressed) {
          const name = names.get(StatTable.refKey(target));
          const linearWitness = linearWitnessFor(table, suppressed, target);
          const witness = witnessFor(table, suppressed, target);
          expect(recomputable.includes(name)).toBe(linearWitness === undefined);
          expect(recomputable.includes(name) || recoverable.includes(name)).toBe(witness === undefined);
          if (linearWitness !== undefined) expect(isLinearWitness(table, target, linearWitness)).toBe(true);
          if (witness !== undefined) expect(isWitness(table, target, witness)).toBe(true);
        }
        expect(recomputable.length + recoverable.length).toBe(violations.length);
      }),
      { numRuns: 150 },
    );
  });
});

const nameOf = (table: CountTable, ref: CellRef): string => {
  const rowCode = (row: number) => table.rows.categories[row]?.code;
  const columnCode = (column: number) => table.columns.categories[column]?.code;
  switch (ref.kind) {
    case "cell":
      return `cell (${rowCode(ref.row)}, ${columnCode(ref.column)})`;
    case "rowTotal":
      return `row total (${rowCode(ref.row)})`;
    case "columnTotal":
      return `column total (${columnCode(ref.column)})`;
    case "grandTotal":
      return "grand total";
  }
};
