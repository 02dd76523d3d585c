import { describe, expect, it } from "@effect/vitest";
import { Effect } from "effect";
import * as fc from "fast-check";
import * as Disclosure from "../src/Disclosure.js";
import * as DisclosureCheck from "../src/DisclosureCheck.js";
import type * as StatTable from "../src/StatTable.js";
import { additiveTable, arbitraryCount, axis, label, oneWayTable, policy5 } from "./support/tables.js";

type CountTable = StatTable.CountTable;
type PublishedTable = StatTable.PublishedTable;

/** The table as published with the given cells (null where suppressed) and everything else as it is. */
const withCells = (table: CountTable, cells: ReadonlyArray<ReadonlyArray<number | null>>): PublishedTable => ({
  ...table,
  cells,
});

const bridge = additiveTable([
  [1, 2, 3, 20],
  [2, 1, 30, 25],
  [40, 35, 2, 4],
  [22, 28, 3, 1],
]);

const bridgePublished = withCells(bridge, [
  [null, null, null, 20],
  [null, null, 30, 25],
  [40, 35, null, null],
  [22, 28, null, null],
]);

describe("DisclosureCheck.checkTable: tables that pass", () => {
  it("passes a table with its small cell and a partner suppressed", () => {
    const table = oneWayTable([12, 3, 8, 20]);
    expect(DisclosureCheck.checkTable(table, withCells(table, [[12], [null], [null], [20]]), policy5)).toEqual([]);
  });

  it("passes a rectangle of four suppressed cells in a table with all totals", () => {
    const table = additiveTable([
      [3, 9, 20],
      [11, 7, 25],
      [18, 22, 40],
    ]);
    const published = withCells(table, [
      [null, null, 20],
      [null, null, 25],
      [18, 22, 40],
    ]);
    expect(DisclosureCheck.checkTable(table, published, policy5)).toEqual([]);
  });

  it("passes the bridge pattern once the bridging cell is on a cycle of suppressions", () => {
    const published = withCells(bridge, [
      [null, null, null, null],
      [null, null, 30, 25],
      [40, 35, null, null],
      [22, 28, null, null],
    ]);
    expect(DisclosureCheck.checkTable(bridge, published, policy5)).toEqual([]);
  });

  it("passes values rounded to the rounding base, halves up", () => {
    const table: CountTable = { ...oneWayTable([12, 13, 7, 22, 0]), rowsAdd: false };
    const published = withCells({ ...table, columnTotals: [55] }, [[10], [15], [5], [20], [0]]);
    expect(DisclosureCheck.checkTable(table, published, { threshold: 5, roundingBase: 5 })).toEqual([]);
  });

  it("passes a lone suppressed cell when the table's rows do not add up", () => {
    const table: CountTable = { ...oneWayTable([12, 3, 8, 20]), rowsAdd: false };
    expect(DisclosureCheck.checkTable(table, withCells(table, [[12], [null], [8], [20]]), policy5)).toEqual([]);
  });
  it("passes two 1s of a one-way table once a third count is suppressed with them", () => {
    const table = oneWayTable([1, 1, 10]);
    expect(DisclosureCheck.checkTable(table, withCells(table, [[null], [null], [null]]), policy5)).toEqual([]);
  });

  it("passes a rectangle of suppressions with its 1s on a diagonal, which can both go up", () => {
    const table = additiveTable([
      [1, 7, 20],
      [8, 1, 30],
      [25, 30, 40],
    ]);
    const published = withCells(table, [
      [null, null, 20],
      [null, null, 30],
      [25, 30, 40],
    ]);
    expect(DisclosureCheck.checkTable(table, published, policy5)).toEqual([]);
  });

  it("passes a 1 suppressed with its equal column total, as both may be any value of at least 1", () => {
    const { rowTotals: _rowTotals, grandTotal: _grandTotal, ...table } = additiveTable([[1, 7]]);
    const published: PublishedTable = { ...withCells(table, [[null, 7]]), columnTotals: [null, 7] };
    expect(DisclosureCheck.checkTable(table, published, policy5)).toEqual([]);
  });
});

describe("DisclosureCheck.checkTable: tables that fail", () => {
  it("rejects a published small cell", () => {
    const table = oneWayTable([12, 3, 8, 20]);
    expect(DisclosureCheck.checkTable(table, withCells(table, [[12], [3], [8], [20]]), policy5)).toEqual([
      "cell (row_1, column_0): published although its value is below the threshold 5",
    ]);
  });

  it("rejects a published small total", () => {
    const table = oneWayTable([1, 0, 2]);
    const published = withCells(table, [[null], [0], [null]]);
    expect(DisclosureCheck.checkTable(table, published, policy5)).toEqual([
      "column total (column_0): published although its value is below the threshold 5",
    ]);
  });

  it("rejects a lone suppressed cell in a row whose total is published, since it is the total minus the rest", () => {
    const table = oneWayTable([12, 3, 8, 20]);
    expect(DisclosureCheck.checkTable(table, withCells(table, [[12], [null], [8], [20]]), policy5)).toEqual([
      "cell (row_1, column_0): suppressed, but recomputable from the published values and totals",
    ]);
  });

  it("rejects a lone suppressed cell of a table that shows only its grand total", () => {
    const {
      rowTotals: _rowTotals,
      columnTotals: _columnTotals,
      ...table
    } = additiveTable([
      [3, 9],
      [11, 7],
    ]);
    expect(
      DisclosureCheck.checkTable(
        table,
        withCells(table, [
          [null, 9],
          [11, 7],
        ]),
        policy5,
      ),
    ).toEqual(["cell (row_0, column_0): suppressed, but recomputable from the published values and totals"]);
    expect(
      DisclosureCheck.checkTable(
        { ...table, rowsAdd: false },
        withCells({ ...table, rowsAdd: false }, [
          [null, 9],
          [11, 7],
        ]),
        policy5,
      ),
    ).toEqual([]);
  });

  it("rejects a cell bridging two cycles of suppressions, although every line has two suppressions", () => {
    expect(DisclosureCheck.checkTable(bridge, bridgePublished, policy5)).toEqual([
      "cell (row_0, column_2): suppressed, but recomputable from the published values and totals",
    ]);
  });

  it("rejects two suppressed 1s whose published total leaves them no room, though no relation alone fixes them", () => {
    const table = oneWayTable([1, 1, 10]);
    expect(DisclosureCheck.checkTable(table, withCells(table, [[null], [null], [10]]), policy5)).toEqual([
      "cell (row_0, column_0): suppressed, but recoverable from the published values, totals and the fact that suppressed values are at least 1",
      "cell (row_1, column_0): suppressed, but recoverable from the published values, totals and the fact that suppressed values are at least 1",
    ]);
  });

  it("rejects a rectangle of suppressions holding two 1s of one row, whose only move takes one of them to 0", () => {
    const table = additiveTable([
      [1, 1, 20],
      [7, 9, 30],
      [25, 30, 40],
    ]);
    const published = withCells(table, [
      [null, null, 20],
      [null, null, 30],
      [25, 30, 40],
    ]);
    expect(DisclosureCheck.checkTable(table, published, policy5)).toEqual([
      "cell (row_0, column_0): suppressed, but recoverable from the published values, totals and the fact that suppressed values are at least 1",
      "cell (row_0, column_1): suppressed, but recoverable from the published values, totals and the fact that suppressed values are at least 1",
      "cell (row_1, column_0): suppressed, but recoverable from the published values, totals and the fact that suppressed values are at least 1",
      "cell (row_1, column_1): suppressed, but recoverable from the published values, totals and the fact that suppressed values are at least 1",
    ]);
  });

  it("reports a value the relations alone fix as recomputable, and values the bound 1 pins as recoverable", () => {
    const {
      columnTotals: _columnTotals,
      grandTotal: _grandTotal,
      ...table
    } = additiveTable([
      [1, 1, 20],
      [3, 9, 30],
    ]);
    const published = withCells(table, [
      [null, null, 20],
      [null, 9, 30],
    ]);
    expect(DisclosureCheck.checkTable(table, published, policy5)).toEqual([
      "cell (row_0, column_0): suppressed, but recoverable from the published values, totals and the fact that suppressed values are at least 1",
      "cell (row_0, column_1): suppressed, but recoverable from the published values, totals and the fact that suppressed values are at least 1",
      "cell (row_1, column_0): suppressed, but recomputable from the published values and totals",
    ]);
  });

  it("rejects a suppressed total that the other totals give away", () => {
    const table = additiveTable([
      [10, 20],
      [30, 40],
    ]);
    const published: PublishedTable = { ...table, rowTotals: [null, 70] };
    expect(DisclosureCheck.checkTable(table, published, policy5)).toEqual([
      "row total (row_0): suppressed, but recomputable from the published values and totals",
    ]);
  });

  it("rejects a published value that differs from the original", () => {
    const table = oneWayTable([12, 3, 8, 20]);
    expect(DisclosureCheck.checkTable(table, withCells(table, [[13], [null], [null], [20]]), policy5)).toEqual([
      "cell (row_0, column_0): published as 13, which is not its value",
    ]);
  });

  it("rejects a suppressed zero", () => {
    const table = oneWayTable([12, 3, 0, 20]);
    expect(DisclosureCheck.checkTable(table, withCells(table, [[12], [null], [null], [20]]), policy5)).toEqual([
      "cell (row_2, column_0): suppressed although it is 0; zeros are published",
    ]);
  });

  it("rejects values not rounded, or rounded the wrong way, under a rounding base", () => {
    const table: CountTable = { ...oneWayTable([12, 15, 7]), rowsAdd: false };
    const policy = { threshold: 5, roundingBase: 5 };
    expect(
      DisclosureCheck.checkTable(table, { ...withCells(table, [[12], [15], [5]]), columnTotals: [35] }, policy),
    ).toEqual(["cell (row_0, column_0): published as 12, which is not its value rounded to a multiple of 5"]);
    const halvesDown: PublishedTable = { ...withCells(table, [[10], [10], [5]]), columnTotals: [35] };
    expect(DisclosureCheck.checkTable(table, halvesDown, { threshold: 5, roundingBase: 10 })).toEqual([
      "cell (row_1, column_0): published as 10, which is not its value rounded to a multiple of 10",
      "cell (row_2, column_0): published as 5, which is not its value rounded to a multiple of 10",
      "column total (column_0): published as 35, which is not its value rounded to a multiple of 10",
    ]);
  });

  it("rejects a published table whose shape, axes, unit or flags differ from the original", () => {
    const table = oneWayTable([12, 3, 8, 20]);
    const good = withCells(table, [[12], [null], [null], [20]]);
    expect(DisclosureCheck.checkTable(table, good, policy5)).toEqual([]);
    const { columnTotals: _columnTotals, ...withoutTotal } = good;
    const mutations: ReadonlyArray<readonly [PublishedTable, string]> = [
      [{ ...good, cells: [[12], [null], [null]] }, "shape: published cells are not 4 x 1 as the axes say"],
      [{ ...good, cells: [[12, 0], [null], [null], [20]] }, "shape: published cells are not 4 x 1 as the axes say"],
      [withoutTotal, "shape: column totals shown in one table and not the other"],
      [{ ...good, grandTotal: 43 }, "shape: grand total shown in one table and not the other"],
      [{ ...good, columnTotals: [43, 0] }, "shape: published has 2 column totals for 1 columns"],
      [{ ...good, rows: axis("other", 4) }, "shape: row axis differs"],
      [{ ...good, columns: { ...table.columns, title: label("renamed") } }, "shape: column axis differs"],
      [{ ...good, unit: "reports" }, "shape: unit reports differs from persons"],
      [{ ...good, id: "other" }, "shape: table id other differs from persons_by_row_and_column"],
      [{ ...good, rowsAdd: false }, "shape: rowsAdd differs"],
      [{ ...good, columnsAdd: false }, "shape: columnsAdd differs"],
    ];
    for (const [published, violation] of mutations) {
      expect(DisclosureCheck.checkTable(table, published, policy5)).toEqual([violation]);
    }
  });
});

describe("DisclosureCheck.verifyTable", () => {
  it.effect("succeeds for a table that passes", () =>
    Effect.gen(function* () {
      const table = oneWayTable([12, 3, 8, 20]);
      yield* DisclosureCheck.verifyTable(table, withCells(table, [[12], [null], [null], [20]]), policy5);
    }),
  );

  it.effect("fails with DisclosureCheckFailed naming the table and its violations", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(DisclosureCheck.verifyTable(bridge, bridgePublished, policy5));
      expect(error).toBeInstanceOf(DisclosureCheck.DisclosureCheckFailed);
      expect(error._tag).toBe("DisclosureCheckFailed");
      expect(error.tableId).toBe("persons_by_row_and_column");
      expect(error.violations).toEqual([
        "cell (row_0, column_2): suppressed, but recomputable from the published values and totals",
      ]);
    }),
  );
});

/** Tables of 1..6 by 1..6, additive both ways, showing a random selection of their totals. */
const arbitraryTable: fc.Arbitrary<CountTable> = fc
  .record({ rowCount: fc.integer({ min: 1, max: 6 }), columnCount: fc.integer({ min: 1, max: 6 }) })
  .chain(({ rowCount, columnCount }) =>
    fc.record({
      cells: fc.array(fc.array(arbitraryCount, { minLength: columnCount, maxLength: columnCount }), {
        minLength: rowCount,
        maxLength: rowCount,
      }),
      shown: fc.record({ rowTotals: fc.boolean(), columnTotals: fc.boolean(), grandTotal: fc.boolean() }),
    }),
  )
  .map(({ cells, shown }) => additiveTable(cells, shown));

describe("DisclosureCheck: invariants", () => {
  it("reports a violation when any one primary suppression of a protected table is published", () => {
    const arbitraryCase = fc
      .tuple(arbitraryTable, fc.integer({ min: 2, max: 10 }))
      .map(([table, threshold]) => ({
        table,
        policy: { threshold },
        protection: Disclosure.protect(table, { threshold }),
      }))
      .filter(({ protection }) => protection.primary.length > 0)
      .chain((protectedCase) =>
        fc.tuple(fc.constant(protectedCase), fc.constantFrom(...protectedCase.protection.primary)),
      );
    fc.assert(
      fc.property(arbitraryCase, ([{ table, policy, protection }, revealed]) => {
        const { published } = protection;
        const reveal = <A>(values: ReadonlyArray<A>, index: number, value: A): ReadonlyArray<A> =>
          values.map((old, i) => (i === index ? value : old));
        const unsuppressed: PublishedTable =
          revealed.kind === "cell"
            ? {
                ...published,
                cells: reveal(
                  published.cells,
                  revealed.row,
                  reveal(
                    published.cells[revealed.row] ?? [],
                    revealed.column,
                    table.cells[revealed.row]?.[revealed.column] ?? 0,
                  ),
                ),
              }
            : revealed.kind === "rowTotal"
              ? {
                  ...published,
                  rowTotals: reveal(published.rowTotals ?? [], revealed.row, table.rowTotals?.[revealed.row] ?? 0),
                }
              : revealed.kind === "columnTotal"
                ? {
                    ...published,
                    columnTotals: reveal(
                      published.columnTotals ?? [],
                      revealed.column,
                      table.columnTotals?.[revealed.column] ?? 0,
                    ),
                  }
                : { ...published, grandTotal: table.grandTotal ?? 0 };
        expect(DisclosureCheck.checkTable(table, published, policy)).toEqual([]);
        expect(DisclosureCheck.checkTable(table, unsuppressed, policy)).toContainEqual(
          expect.stringMatching(`: published although its value is below the threshold ${policy.threshold}$`),
        );
      }),
      { numRuns: 100 },
    );
  });
});
