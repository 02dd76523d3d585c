import { Effect, Schema } from "effect";
import type { DisclosurePolicy } from "./DisclosurePolicy.js";
import type { Axis, CountTable, PublishedTable, PublishedValue } from "./StatTable.js";

/**
 * A published table failed the independent disclosure check ({@link checkTable}). The violations name positions and
 * rules, never the counted values, so the error may be logged.
 */
export class DisclosureCheckFailed extends Schema.TaggedError<DisclosureCheckFailed>()("DisclosureCheckFailed", {
  tableId: Schema.String,
  violations: Schema.Array(Schema.String),
}) {}

type Position = {
  readonly name: string;
  readonly original: number;
  readonly published: PublishedValue | undefined;
};

/** A linear relation: the coefficients, by position name, of a combination of values that is zero. */
type Relation = ReadonlyMap<string, number>;

const codeOf = (axis: Axis, index: number): string => axis.categories[index]?.code ?? `#${index}`;

const cellName = (table: CountTable, row: number, column: number): string =>
  `cell (${codeOf(table.rows, row)}, ${codeOf(table.columns, column)})`;
const rowTotalName = (table: CountTable, row: number): string => `row total (${codeOf(table.rows, row)})`;
const columnTotalName = (table: CountTable, column: number): string =>
  `column total (${codeOf(table.columns, column)})`;
const grandTotalName = "grand total";

const sumsTo = (total: string, parts: ReadonlyArray<string>): Relation =>
  new Map([[total, 1], ...parts.map((part): [string, number] => [part, -1])]);

/**
 * The relations a reader may use, derived here from the flags on their own: a row adds up to its row total when
 * every unit is in one column; a column to its column total, and the row totals to the grand total, when every unit
 * is in one row; the column totals to the grand total when every unit is in one column; all cells to the grand
 * total when both hold.
 */
const relationsOf = (table: CountTable): ReadonlyArray<Relation> => {
  const rowCount = table.rows.categories.length;
  const columnCount = table.columns.categories.length;
  const rowIndices = Array.from({ length: rowCount }, (_, i) => i);
  const columnIndices = Array.from({ length: columnCount }, (_, i) => i);
  const relations: Array<Relation> = [];
  const hasRowTotals = table.rowTotals !== undefined;
  const hasColumnTotals = table.columnTotals !== undefined;
  const hasGrandTotal = table.grandTotal !== undefined;
  for (const row of rowIndices) {
    if (table.columnsAdd && hasRowTotals) {
      relations.push(
        sumsTo(
          rowTotalName(table, row),
          columnIndices.map((column) => cellName(table, row, column)),
        ),
      );
    }
  }
  for (const column of columnIndices) {
    if (table.rowsAdd && hasColumnTotals) {
      relations.push(
        sumsTo(
          columnTotalName(table, column),
          rowIndices.map((row) => cellName(table, row, column)),
        ),
      );
    }
  }
  if (hasGrandTotal && table.rowsAdd && hasRowTotals) {
    relations.push(
      sumsTo(
        grandTotalName,
        rowIndices.map((row) => rowTotalName(table, row)),
      ),
    );
  }
  if (hasGrandTotal && table.columnsAdd && hasColumnTotals) {
    relations.push(
      sumsTo(
        grandTotalName,
        columnIndices.map((column) => columnTotalName(table, column)),
      ),
    );
  }
  if (hasGrandTotal && table.rowsAdd && table.columnsAdd) {
    relations.push(
      sumsTo(
        grandTotalName,
        rowIndices.flatMap((row) => columnIndices.map((column) => cellName(table, row, column))),
      ),
    );
  }
  return relations;
};

const sameAxis = (a: Axis, b: Axis): boolean =>
  a.id === b.id &&
  a.title.nl === b.title.nl &&
  a.title.en === b.title.en &&
  a.categories.length === b.categories.length &&
  a.categories.every((category, i) => {
    const other = b.categories[i];
    return (
      other !== undefined &&
      category.code === other.code &&
      category.label.nl === other.label.nl &&
      category.label.en === other.label.en
    );
  });

const shapeViolations = (original: CountTable, published: PublishedTable): ReadonlyArray<string> => {
  const violations: Array<string> = [];
  const expect = (holds: boolean, violation: string) => {
    if (!holds) violations.push(violation);
  };
  const rowCount = original.rows.categories.length;
  const columnCount = original.columns.categories.length;
  expect(published.id === original.id, `shape: table id ${published.id} differs from ${original.id}`);
  expect(published.title.nl === original.title.nl && published.title.en === original.title.en, "shape: title differs");
  expect(published.unit === original.unit, `shape: unit ${published.unit} differs from ${original.unit}`);
  expect(sameAxis(published.rows, original.rows), "shape: row axis differs");
  expect(sameAxis(published.columns, original.columns), "shape: column axis differs");
  expect(published.rowsAdd === original.rowsAdd, "shape: rowsAdd differs");
  expect(published.columnsAdd === original.columnsAdd, "shape: columnsAdd differs");
  for (const [name, table] of [
    ["original", original],
    ["published", published],
  ] as const) {
    const cells: ReadonlyArray<ReadonlyArray<unknown>> = table.cells;
    expect(
      cells.length === rowCount && cells.every((row) => row.length === columnCount),
      `shape: ${name} cells are not ${rowCount} x ${columnCount} as the axes say`,
    );
    expect(
      table.rowTotals === undefined || table.rowTotals.length === rowCount,
      `shape: ${name} has ${table.rowTotals?.length} row totals for ${rowCount} rows`,
    );
    expect(
      table.columnTotals === undefined || table.columnTotals.length === columnCount,
      `shape: ${name} has ${table.columnTotals?.length} column totals for ${columnCount} columns`,
    );
  }
  expect(
    (published.rowTotals === undefined) === (original.rowTotals === undefined),
    "shape: row totals shown in one table and not the other",
  );
  expect(
    (published.columnTotals === undefined) === (original.columnTotals === undefined),
    "shape: column totals shown in one table and not the other",
  );
  expect(
    (published.grandTotal === undefined) === (original.grandTotal === undefined),
    "shape: grand total shown in one table and not the other",
  );
  return violations;
};

const positionsOf = (original: CountTable, published: PublishedTable): ReadonlyArray<Position> => {
  const positions: Array<Position> = [];
  original.cells.forEach((cells, row) => {
    cells.forEach((value, column) => {
      positions.push({
        name: cellName(original, row, column),
        original: value,
        published: published.cells[row]?.[column],
      });
    });
  });
  original.rowTotals?.forEach((value, row) => {
    positions.push({ name: rowTotalName(original, row), original: value, published: published.rowTotals?.[row] });
  });
  original.columnTotals?.forEach((value, column) => {
    positions.push({
      name: columnTotalName(original, column),
      original: value,
      published: published.columnTotals?.[column],
    });
  });
  if (original.grandTotal !== undefined) {
    positions.push({ name: grandTotalName, original: original.grandTotal, published: published.grandTotal });
  }
  return positions;
};

const nearestMultiple = (value: number, base: number): number => {
  const below = value - (value % base);
  return value - below < base - (value - below) ? below : below + base;
};

const primes = [2_147_483_647n, 2_305_843_009_213_693_951n] as const;

const modulo = (value: bigint, prime: bigint): bigint => ((value % prime) + prime) % prime;

const power = (base: bigint, exponent: bigint, prime: bigint): bigint => {
  let result = 1n;
  let factor = modulo(base, prime);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * factor) % prime;
    factor = (factor * factor) % prime;
  }
  return result;
};

/** The rank of an integer matrix over the field of integers modulo `prime`, by Gaussian elimination. */
const rankModulo = (matrix: ReadonlyArray<ReadonlyArray<number>>, prime: bigint): number => {
  const rows = matrix.map((row) => row.map((entry) => modulo(BigInt(entry), prime)));
  const width = rows[0]?.length ?? 0;
  let rank = 0;
  for (let column = 0; column < width && rank < rows.length; column++) {
    const found = rows.findIndex((row, i) => i >= rank && row[column] !== 0n);
    if (found < 0) continue;
    const pivotRow = rows[found] ?? [];
    rows[found] = rows[rank] ?? [];
    rows[rank] = pivotRow;
    const inverse = power(pivotRow[column] ?? 1n, prime - 2n, prime);
    for (let i = rank + 1; i < rows.length; i++) {
      const row = rows[i] ?? [];
      const factor = ((row[column] ?? 0n) * inverse) % prime;
      if (factor !== 0n) rows[i] = row.map((entry, k) => modulo(entry - factor * (pivotRow[k] ?? 0n), prime));
    }
    rank += 1;
  }
  return rank;
};

/**
 * The rank over the rationals, as the larger of the ranks modulo two large primes: a rank modulo a prime is never
 * above the rational rank, and falls below it only when the prime divides every maximal minor.
 */
const rankOf = (matrix: ReadonlyArray<ReadonlyArray<number>>): number =>
  Math.max(...primes.map((prime) => rankModulo(matrix, prime)));

/**
 * The suppressed positions a reader can recompute: with the suppressed values as unknowns, one is fixed by the
 * relations exactly when dropping its column from the relations' matrix lowers the rank by one.
 */
const recomputable = (relations: ReadonlyArray<Relation>, unknowns: ReadonlyArray<string>): ReadonlyArray<string> => {
  const matrix = relations.map((relation) => unknowns.map((name) => relation.get(name) ?? 0));
  const rank = rankOf(matrix);
  return unknowns.filter((_, i) => rank - rankOf(matrix.map((row) => row.filter((_, k) => k !== i))) === 1);
};

/**
 * A dense simplex tableau in floating point, kept in canonical form: row `i` has a 1 at its basic variable
 * `basis[i]`, zeros at the other basic variables, and its value `row[width]` (nonnegative); `costs[k]` is the
 * reduced cost of column `k` for the objective being maximised and `costs[width]` the objective's value.
 */
type FloatTableau = {
  readonly width: number;
  readonly rows: Array<Array<number>>;
  readonly basis: Array<number>;
  costs: Array<number>;
};

/** Below this, a value in a tableau counts as zero, and two extremes closer than this are the same value. */
const tolerance = 1e-7;

const copyTableau = (tableau: FloatTableau): FloatTableau => ({
  width: tableau.width,
  rows: tableau.rows.map((row) => [...row]),
  basis: [...tableau.basis],
  costs: [...tableau.costs],
});

const subtractMultiple = (row: ReadonlyArray<number>, factor: number, other: ReadonlyArray<number>): Array<number> =>
  row.map((entry, k) => {
    const result = entry - factor * (other[k] ?? 0);
    return Math.abs(result) < 1e-12 ? 0 : result;
  });

const exchange = (tableau: FloatTableau, rowIndex: number, column: number): void => {
  const row = tableau.rows[rowIndex] ?? [];
  const entry = row[column] ?? 1;
  const pivotRow = row.map((value) => value / entry);
  for (let i = 0; i < tableau.rows.length; i++) {
    const current = tableau.rows[i] ?? [];
    tableau.rows[i] = i === rowIndex ? pivotRow : subtractMultiple(current, current[column] ?? 0, pivotRow);
  }
  tableau.costs = subtractMultiple(tableau.costs, tableau.costs[column] ?? 0, pivotRow);
  tableau.basis[rowIndex] = column;
};

/** Prices the objective `sum_k objective[k] * x_k` (to be maximised) against the current basis. */
const price = (tableau: FloatTableau, objective: ReadonlyArray<number>): void => {
  const costs = Array.from({ length: tableau.width + 1 }, (_, k) => -(objective[k] ?? 0));
  tableau.costs = tableau.rows.reduce(
    (current, row, i) => subtractMultiple(current, -(objective[tableau.basis[i] ?? 0] ?? 0), row),
    costs,
  );
};

/**
 * Runs the simplex method with Bland's rule (lowest improving column among the first `columns`, lowest basic
 * variable among tied ratios), so it cannot cycle on the many degenerate vertices of these problems. Returns
 * whether the optimum is finite.
 */
const optimise = (tableau: FloatTableau, columns: number): boolean => {
  const { rows, basis, width } = tableau;
  for (;;) {
    const column = tableau.costs.findIndex((cost, k) => k < columns && cost < -tolerance);
    if (column < 0) return true;
    let chosen = -1;
    let ratio = Number.POSITIVE_INFINITY;
    for (let i = 0; i < rows.length; i++) {
      const entry = rows[i]?.[column] ?? 0;
      if (entry <= tolerance) continue;
      const candidate = Math.max(0, rows[i]?.[width] ?? 0) / entry;
      const isTie = Math.abs(candidate - ratio) <= tolerance;
      if ((candidate < ratio && !isTie) || (isTie && (basis[i] ?? 0) < (basis[chosen] ?? 0))) {
        chosen = i;
        ratio = Math.min(ratio, candidate);
      }
    }
    if (chosen < 0) return false;
    exchange(tableau, chosen, column);
  }
};

/**
 * For each unknown `y_j >= 0` of `matrix * y = values` (one row per relation), whether its minimum and maximum
 * over the feasible set agree, by a two-phase dense simplex: phase one minimises artificial variables to reach a
 * vertex, then each unknown is maximised and minimised from there.
 */
const isPinnedByBounds = (
  matrix: ReadonlyArray<ReadonlyArray<number>>,
  values: ReadonlyArray<number>,
  count: number,
): ReadonlyArray<boolean> => {
  const used = matrix.flatMap((row, i) => (row.some((entry) => entry !== 0) ? [i] : []));
  const width = count + used.length;
  const rows = used.map((relation, i) => {
    const sign = (values[relation] ?? 0) < 0 ? -1 : 1;
    return Array.from({ length: width + 1 }, (_, k) =>
      k < count
        ? sign * (matrix[relation]?.[k] ?? 0)
        : k === width
          ? sign * (values[relation] ?? 0)
          : k === count + i
            ? 1
            : 0,
    );
  });
  const start: FloatTableau = { width, rows, basis: used.map((_, i) => count + i), costs: [] };
  price(
    start,
    Array.from({ length: width }, (_, k) => (k < count ? 0 : -1)),
  );
  optimise(start, width);
  for (let i = start.rows.length - 1; i >= 0; i--) {
    if ((start.basis[i] ?? 0) < count) continue;
    const column = (start.rows[i] ?? []).findIndex((entry, k) => k < count && Math.abs(entry) > tolerance);
    if (column >= 0) {
      exchange(start, i, column);
    } else {
      start.rows.splice(i, 1);
      start.basis.splice(i, 1);
    }
  }
  const extreme = (j: number, direction: number): number => {
    const tableau = copyTableau(start);
    price(
      tableau,
      Array.from({ length: width }, (_, k) => (k === j ? direction : 0)),
    );
    return optimise(tableau, count) ? direction * (tableau.costs[width] ?? 0) : direction * Number.POSITIVE_INFINITY;
  };
  return Array.from({ length: count }, (_, j) => {
    const maximum = extreme(j, 1);
    const minimum = extreme(j, -1);
    return Number.isFinite(maximum) && maximum - minimum <= tolerance * Math.max(1, maximum);
  });
};

/**
 * The suppressed positions whose value the bounds pin: over all real values of the suppressed positions that
 * satisfy the relations and are at least 1 (at least 0 for a suppressed zero, itself a violation, so that the
 * original values remain a solution), the minimum equals the maximum. Each relation's right-hand side is what it
 * leaves for the suppressed positions, taken from their original values (the same as from the published values of
 * a table whose totals add up as its flags say).
 */
const pinnedByBounds = (
  relations: ReadonlyArray<Relation>,
  suppressed: ReadonlyArray<Position>,
): ReadonlyArray<string> => {
  const lower = suppressed.map((position) => Math.min(1, position.original));
  const matrix = relations.map((relation) => suppressed.map((position) => relation.get(position.name) ?? 0));
  const values = matrix.map((row) =>
    row.reduce((total, entry, j) => total + entry * ((suppressed[j]?.original ?? 0) - (lower[j] ?? 0)), 0),
  );
  const pinned = isPinnedByBounds(matrix, values, suppressed.length);
  return suppressed.filter((_, j) => pinned[j]).map((position) => position.name);
};

/**
 * Checks a published table against the table it was made from, independently of the suppression algorithm (this
 * module shares no code with it and decides recomputability by another method), and returns the violations found,
 * empty when the table may be published:
 *
 * - the shape, axes, unit, title and additivity flags are those of the original, and agree with the axes;
 * - every published value is the original, or with `policy.roundingBase` set, the original rounded to the nearest
 *   multiple of it, halves up;
 * - no published value is from 1 up to `policy.threshold - 1`;
 * - no zero is suppressed;
 * - no suppressed value can be recomputed from the published values by the additivity relations the flags allow:
 *   its column is independent of the others in the relations' matrix over the suppressed positions, tested by rank
 *   modulo two large primes;
 * - no suppressed value is recoverable once a reader also uses that suppressed values are at least 1 (zeros are
 *   published): over all real values of the suppressed positions that satisfy the relations, with the published
 *   values as constants, and are at least 1, its minimum is below its maximum. Both are computed by a two-phase
 *   dense simplex in floating point (Bland's rule, tolerance 1e-7), a method of its own; values are whole numbers
 *   and the relations those of a flow network, so the extremes are whole numbers and a width above 0 is at least 1,
 *   far from the tolerance, and means two different whole-number solutions. The constants are the exact values
 *   even where published values are rounded, which only strengthens the reader. A value the relations alone fix is
 *   reported as recomputable, not again as recoverable.
 */
export const checkTable = (
  original: CountTable,
  published: PublishedTable,
  policy: DisclosurePolicy,
): ReadonlyArray<string> => {
  const shape = shapeViolations(original, published);
  if (shape.length > 0) return shape;
  const violations: Array<string> = [];
  const { threshold, roundingBase } = policy;
  const positions = positionsOf(original, published);
  for (const { name, original: value, published: shown } of positions) {
    if (shown === null) {
      if (value === 0) violations.push(`${name}: suppressed although it is 0; zeros are published`);
      continue;
    }
    if (value >= 1 && value < threshold) {
      violations.push(`${name}: published although its value is below the threshold ${threshold}`);
    }
    const expected = roundingBase === undefined ? value : nearestMultiple(value, roundingBase);
    if (shown !== expected) {
      violations.push(
        roundingBase === undefined
          ? `${name}: published as ${shown}, which is not its value`
          : `${name}: published as ${shown}, which is not its value rounded to a multiple of ${roundingBase}`,
      );
    }
  }
  const relations = relationsOf(original);
  const suppressed = positions.filter((position) => position.published === null);
  const linear = new Set(
    recomputable(
      relations,
      suppressed.map((position) => position.name),
    ),
  );
  const bounded = new Set(pinnedByBounds(relations, suppressed));
  for (const { name } of suppressed) {
    if (linear.has(name)) {
      violations.push(`${name}: suppressed, but recomputable from the published values and totals`);
    } else if (bounded.has(name)) {
      violations.push(
        `${name}: suppressed, but recoverable from the published values, totals and the fact that suppressed values are at least 1`,
      );
    }
  }
  return violations;
};

/** {@link checkTable} as an effect: fails with {@link DisclosureCheckFailed} listing the violations, if any. */
export const verifyTable = (
  original: CountTable,
  published: PublishedTable,
  policy: DisclosurePolicy,
): Effect.Effect<void, DisclosureCheckFailed> =>
  Effect.suspend(() => {
    const violations = checkTable(original, published, policy);
    return violations.length === 0
      ? Effect.void
      : Effect.fail(new DisclosureCheckFailed({ tableId: original.id, violations }));
  });
