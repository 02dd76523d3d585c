import { Disclosure, Release, StatTable } from "@comensha/domain";
import highsModule, { type Highs } from "highs";

type Loader = typeof highsModule.default;

/**
 * The loader of HiGHS. The package is CommonJS with an ES module build: TypeScript sees the CommonJS exports (the
 * loader as `default`), Node.js imports the ES module, whose default export is the loader itself.
 */
const highsLoader: Loader =
  typeof highsModule === "function" ? (highsModule as unknown as Loader) : highsModule.default;

let solver: Promise<Highs> | undefined;

/** The HiGHS linear-programming solver (WebAssembly), loaded once per process. */
export const loadSolver = (): Promise<Highs> => {
  if (solver === undefined) solver = highsLoader();
  return solver;
};

/**
 * One release taken into a joint check: its exact tables, taken apart by unit, and which of its positions are
 * suppressed. An earlier release is fixed (it is out); the release being made may suppress more.
 */
export interface JointRelease {
  /** A name for messages, e.g. `annual_monitor-2025`. */
  readonly name: string;
  readonly tables: ReadonlyArray<StatTable.CountTable>;
  readonly units: Release.ReleaseUnits;
  /** Suppressed positions (indices into `units.positions`). */
  readonly suppressed: ReadonlySet<number>;
  /**
   * Of those, the ones suppressed for being small (below the threshold). The others (secondary suppressions, at
   * least the threshold) are withheld only to protect them; a release being made publishes such a value instead
   * when the releases already out give it away anyway.
   */
  readonly primary?: ReadonlySet<number>;
}

/** A suppressed value that the releases together fix to one whole number. */
export interface PinnedValue {
  readonly release: string;
  readonly tableId: string;
  readonly position: string;
}

const epsilon = 1e-6;
const infinity = Number.POSITIVE_INFINITY;

interface Row {
  readonly release: number;
  readonly position: number;
  /** The row's value at the true data, minus its constant: what the units add up to. */
  readonly activity: number;
  readonly constant: number;
  readonly columns: ReadonlyArray<number>;
  readonly coefficients: ReadonlyArray<number>;
}

/**
 * The releases as one linear system over the units a reader cannot tell apart. A "type" is a set of units with the
 * same share in every position of every release; its size is a variable `x >= 0`, and each position of the releases
 * is a row: the sum of the shares of its types plus its constant equals its value (taken as exact even when it is
 * published rounded), or, where suppressed, is at least 1 (zeros are always published). Only the types present in
 * the data are variables: a reader does not know that the other combinations are empty, so the system a reader has
 * allows more solutions than this one, and a value that this system leaves free is free for the reader too.
 */
class JointSystem {
  readonly rows: Array<Row> = [];
  readonly rowOf = new Map<string, number>();
  readonly columnCount: number;
  readonly releases: ReadonlyArray<JointRelease>;

  constructor(releases: ReadonlyArray<JointRelease>, scope: Release.ReleaseScope) {
    this.releases = releases;
    const keys = new Set<string>();
    // How many units a key stands for (a class of persons no release tells apart); the same in every release.
    const multiplicities = new Map<string, number>();
    for (const release of releases) {
      for (const key of release.units.units.keys()) {
        if (!Release.isUnitInScope(key, scope)) continue;
        keys.add(key);
        const multiplicity = release.units.multiplicities?.get(key);
        if (multiplicity !== undefined) multiplicities.set(key, multiplicity);
      }
    }
    const types = new Map<string, { readonly entries: ReadonlyArray<readonly [string, number]>; count: number }>();
    for (const key of [...keys].sort()) {
      const entries = releases.flatMap((release, r) =>
        (release.units.units.get(key) ?? []).map(([position, amount]) => [`${r}:${position}`, amount] as const),
      );
      const typeKey = JSON.stringify(entries);
      const type = types.get(typeKey);
      const multiplicity = multiplicities.get(key) ?? 1;
      if (type === undefined) types.set(typeKey, { entries, count: multiplicity });
      else type.count += multiplicity;
    }
    const perRow = new Map<string, { columns: Array<number>; coefficients: Array<number>; activity: number }>();
    [...types.values()].forEach((type, column) => {
      for (const [rowKey, amount] of type.entries) {
        const row = perRow.get(rowKey) ?? { columns: [], coefficients: [], activity: 0 };
        row.columns.push(column);
        row.coefficients.push(amount);
        row.activity += amount * type.count;
        perRow.set(rowKey, row);
      }
    });
    this.columnCount = types.size;
    for (const [rowKey, row] of [...perRow.entries()].sort(([a], [b]) => compareKeys(a, b))) {
      const [release, position] = rowKey.split(":").map(Number) as [number, number];
      const value = releases[release]?.units.values[position] ?? 0;
      this.rowOf.set(rowKey, this.rows.length);
      this.rows.push({ release, position, constant: value - row.activity, ...row });
    }
  }

  isSuppressed(row: Row): boolean {
    return this.releases[row.release]?.suppressed.has(row.position) ?? false;
  }

  /**
   * The bounds of a row's activity: at least 1 in all where suppressed, else its exact value. A value published
   * rounded is taken as exact too, as within one table ({@link Disclosure.protect}): a reader who knew it could do no
   * less, and the audit then agrees with the checker of each table.
   */
  bounds(row: Row, suppressed = this.isSuppressed(row)): readonly [number, number] {
    return suppressed ? [1 - row.constant, infinity] : [row.activity, row.activity];
  }

  pinnedValue(row: Row): PinnedValue {
    const release = this.releases[row.release] as JointRelease;
    const { table, ref } = release.units.positions[row.position] as Release.ReleasePosition;
    return { release: release.name, tableId: release.tables[table]?.id ?? "", position: StatTable.refKey(ref) };
  }
}

const compareKeys = (a: string, b: string): number => {
  const [ra, pa] = a.split(":").map(Number) as [number, number];
  const [rb, pb] = b.split(":").map(Number) as [number, number];
  return ra - rb || pa - pb;
};

type Model = ReturnType<Highs["createModel"]>;

/**
 * A HiGHS model of a {@link JointSystem}: it bounds the activity of one row at a time by minimising and maximising
 * it (warm-started from the last basis), and harvests every solution it finds: a suppressed value that takes a
 * whole number other than its true one in some solution (or, by convexity, lies between two that differ by 1 or
 * more) is free.
 */
class Auditor {
  private readonly model: Model;
  private readonly dense: Float64Array;
  private readonly highs: Highs;
  readonly system: JointSystem;

  constructor(highs: Highs, system: JointSystem) {
    this.highs = highs;
    this.system = system;
    const starts = [0];
    const indices: Array<number> = [];
    const values: Array<number> = [];
    const lower: Array<number> = [];
    const upper: Array<number> = [];
    for (const row of system.rows) {
      indices.push(...row.columns);
      values.push(...row.coefficients);
      starts.push(indices.length);
      const [low, high] = system.bounds(row);
      lower.push(low);
      upper.push(high === infinity ? highs.infinity : high);
    }
    this.dense = new Float64Array(system.columnCount);
    this.model = highs.createModel({
      numCols: system.columnCount,
      numRows: system.rows.length,
      colCost: this.dense,
      colLower: new Float64Array(system.columnCount),
      colUpper: new Float64Array(system.columnCount).fill(highs.infinity),
      rowLower: lower,
      rowUpper: upper,
      matrix: { format: "csr", numRows: system.rows.length, numCols: system.columnCount, starts, indices, values },
    });
    this.model.options.set({ output_flag: false, presolve: "off" });
  }

  dispose(): void {
    this.model.dispose();
  }

  /** Sets the bounds of `rows` as suppressed (`true`) or as published (`false`). */
  setSuppressed(rows: ReadonlyArray<number>, suppressed: boolean): void {
    for (const index of rows) {
      const row = this.system.rows[index] as Row;
      const [low, high] = this.system.bounds(row, suppressed);
      this.model.changeRowBounds(index, low, high === infinity ? this.highs.infinity : high);
    }
  }

  /**
   * Optimises the activity of row `index` in `sense`; returns the row activities of the optimum, or `unbounded`.
   * Any other outcome is a defect: the true data is a solution, so the system is never infeasible.
   */
  private optimise(index: number, sense: "minimize" | "maximize"): Float64Array | "unbounded" {
    const row = this.system.rows[index] as Row;
    this.dense.fill(0);
    row.columns.forEach((column, k) => {
      this.dense[column] = row.coefficients[k] ?? 0;
    });
    this.model.changeColsCost({ kind: "range", from: 0, to: this.system.columnCount - 1 }, this.dense);
    this.model.changeObjectiveSense(this.highs.constants.objectiveSense[sense]);
    const { modelStatus } = this.model.run();
    if (modelStatus === 10 || (modelStatus === 9 && sense === "maximize")) return "unbounded";
    if (modelStatus !== 7) {
      throw new Error(`the disclosure audit's linear program ended with HiGHS model status ${modelStatus}`);
    }
    return this.model.getSolution().rowValue;
  }

  /** Whether row `index` takes a whole number other than its true one: its maximum or its minimum is 1 away. */
  isFree(index: number, harvest?: (activities: Float64Array) => void): boolean {
    const row = this.system.rows[index] as Row;
    for (const sense of ["maximize", "minimize"] as const) {
      const activities = this.optimise(index, sense);
      if (activities === "unbounded") return true;
      harvest?.(activities);
      if (Math.abs((activities[index] ?? row.activity) - row.activity) >= 1 - epsilon) return true;
    }
    return false;
  }

  /**
   * The rows among `targets` (indices into the system's rows) fixed to their true whole number: every solution of
   * the system gives them a value within 1 of it, on both sides. Each solution found frees every target it moves.
   */
  pinned(targets: ReadonlyArray<number>): ReadonlyArray<number> {
    const undecided = new Set(targets);
    const pinned: Array<number> = [];
    const harvest = (activities: Float64Array) => {
      for (const other of undecided) {
        const row = this.system.rows[other] as Row;
        if (Math.abs((activities[other] ?? row.activity) - row.activity) >= 1 - epsilon) undecided.delete(other);
      }
    };
    for (const index of targets) {
      if (!undecided.has(index)) continue;
      undecided.delete(index);
      if (!this.isFree(index, harvest)) pinned.push(index);
    }
    return pinned;
  }
}

/** The rows of the system that are suppressed positions, in system order. */
const suppressedRows = (system: JointSystem): ReadonlyArray<number> =>
  system.rows.flatMap((row, index) => (system.isSuppressed(row) ? [index] : []));

/**
 * The linear-programming audit of cell bounds over releases taken together (the audit of tau-argus, Hundepool et
 * al., "Statistical Disclosure Control", Wiley 2012, section 4.3; and of sdcTable's `protectTable` checks): for every
 * suppressed value, its smallest and largest value over all solutions of {@link JointSystem}; it is pinned when no
 * solution moves it by 1 or more from its true value, i.e. when its bounds hold one whole number.
 */
export const auditReleases = async (
  releases: ReadonlyArray<JointRelease>,
  scope: Release.ReleaseScope,
): Promise<ReadonlyArray<PinnedValue>> => {
  const system = new JointSystem(releases, scope);
  const auditor = new Auditor(await loadSolver(), system);
  try {
    return auditor.pinned(suppressedRows(system)).map((index) => system.pinnedValue(system.rows[index] as Row));
  } finally {
    auditor.dispose();
  }
};

/** What {@link protectJointly} decided: the suppressions of the new release, and what could not be protected. */
export interface JointProtection {
  /** Every suppressed position of the new release: its own, and those added to protect the releases together. */
  readonly suppressed: ReadonlySet<number>;
  /** Positions the joint check added, beyond what each table needed on its own. */
  readonly added: ReadonlyArray<number>;
  /** Secondary suppressions the joint check published, since the releases already out give their values away. */
  readonly published: ReadonlyArray<number>;
  /** Values that stay pinned whatever the new release withholds (the earlier releases alone pin them). */
  readonly unprotectable: ReadonlyArray<PinnedValue>;
}

/**
 * Secondary suppression over releases together: the new release (the last of `releases`) withholds more until no
 * suppressed value of any of them is pinned ({@link auditReleases}). For each pinned value, in system order, it
 * withholds a minimal set of its published positive positions that frees it: the shortest prefix, in order of
 * preference (smaller values first, then inner cells before totals, the grand total last, then position), that frees
 * it, found by bisection and pruned from its end, as {@link Disclosure.protect} does within one table. Withholding
 * more never pins a value that was free (the true data extends to every new solution), so a value found free stays
 * free, and each is audited once. A secondary suppression of the new release that is pinned protects nothing (the
 * releases already out give its value away, and it is at least the threshold): it is published instead, and the
 * values it was to protect are protected otherwise.
 */
export const protectJointly = async (
  earlier: ReadonlyArray<JointRelease>,
  release: JointRelease,
  scope: Release.ReleaseScope,
): Promise<JointProtection> => {
  const releases = [...earlier, release];
  const mine = earlier.length;
  const system = new JointSystem(releases, scope);
  const auditor = new Auditor(await loadSolver(), system);
  const suppressed = new Set(release.suppressed);
  const added: Array<number> = [];
  const published: Array<number> = [];
  const unprotectable: Array<PinnedValue> = [];
  try {
    const candidatesOf = () =>
      system.rows
        .flatMap((row, index) =>
          row.release === mine &&
          !suppressed.has(row.position) &&
          !published.includes(row.position) &&
          row.activity + row.constant > 0
            ? [index]
            : [],
        )
        .sort((a, b) => {
          const rowA = system.rows[a] as Row;
          const rowB = system.rows[b] as Row;
          const refA = release.units.positions[rowA.position]?.ref ?? { kind: "grandTotal" };
          const refB = release.units.positions[rowB.position]?.ref ?? { kind: "grandTotal" };
          return (
            rowA.activity + rowA.constant - (rowB.activity + rowB.constant) ||
            Disclosure.kindRank(refA) - Disclosure.kindRank(refB) ||
            a - b
          );
        });
    const currentlySuppressed = () =>
      system.rows.flatMap((row, index) =>
        (row.release === mine ? suppressed.has(row.position) : system.isSuppressed(row)) ? [index] : [],
      );
    let queue = currentlySuppressed();
    while (queue.length > 0) {
      const [target, ...others] = auditor.pinned(queue);
      if (target === undefined) break;
      const targetRow = system.rows[target] as Row;
      if (targetRow.release === mine && !(release.primary?.has(targetRow.position) ?? false)) {
        // A secondary suppression the others give away protects nothing: publish it, and audit everything again,
        // since a published value is one more relation (one that the whole numbers implied already).
        auditor.setSuppressed([target], false);
        suppressed.delete(targetRow.position);
        published.push(targetRow.position);
        queue = currentlySuppressed();
        continue;
      }
      const candidates = candidatesOf();
      const isFreeWith = (cover: ReadonlyArray<number>): boolean => {
        auditor.setSuppressed(cover, true);
        const free = auditor.isFree(target);
        auditor.setSuppressed(cover, false);
        return free;
      };
      if (!isFreeWith(candidates)) {
        unprotectable.push(system.pinnedValue(system.rows[target] as Row));
        queue = others;
        continue;
      }
      const cover = Disclosure.minimalCover(candidates, isFreeWith);
      auditor.setSuppressed(cover, true);
      for (const index of cover) {
        const position = (system.rows[index] as Row).position;
        suppressed.add(position);
        added.push(position);
      }
      // The other pinned values may be freed by the cover too; the new suppressions are values to protect.
      queue = [...others, ...cover];
    }
  } finally {
    auditor.dispose();
  }
  return {
    suppressed,
    added: added.filter((position) => suppressed.has(position)).sort((a, b) => a - b),
    published: published.sort((a, b) => a - b),
    unprotectable,
  };
};
