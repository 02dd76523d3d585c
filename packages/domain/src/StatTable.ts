import { Schema } from "effect";
import { Label } from "./CodeList.js";

/**
 * One category of a table axis: a stable code (a code-list code, or a band such as `days_0_1`) and its labels.
 */
export const Category = Schema.Struct({ code: Schema.String, label: Label });
export type Category = typeof Category.Type;

/** One axis of a table: what it breaks down by, and its categories in the order they are shown. */
export const Axis = Schema.Struct({
  /** Stable name in lower snake_case, e.g. `exploitation_form`, `year`, `measure`. */
  id: Schema.String,
  title: Label,
  categories: Schema.NonEmptyArray(Category),
});
export type Axis = typeof Axis.Type;

/** What a table counts: persons, registrations (reports), placement requests, placements, or place-nights. */
export const Unit = Schema.Literals(["persons", "reports", "requests", "placements", "place_nights"]);
export type Unit = typeof Unit.Type;

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0));

/** A published value: a count (rounded where the policy rounds), or `null` where it is suppressed. */
export const PublishedValue = Schema.NullOr(Count);
export type PublishedValue = typeof PublishedValue.Type;

/** The shape of a table whose cells and totals are `value`s: the same before and after disclosure control. */
const tableOf = <Value extends Schema.Top>(value: Value) =>
  Schema.Struct({
    /** Stable id within its report, lower snake_case, e.g. `persons_by_age_group_and_nationality_group`. */
    id: Schema.String,
    title: Label,
    unit: Unit,
    rows: Axis,
    columns: Axis,
    cells: Schema.Array(Schema.Array(value)),
    /** Per row, the total over the columns; absent when the table shows no row totals. */
    rowTotals: Schema.optionalKey(Schema.Array(value)),
    /** Per column, the total over the rows; absent when the table shows no column totals. */
    columnTotals: Schema.optionalKey(Schema.Array(value)),
    grandTotal: Schema.optionalKey(value),
    rowsAdd: Schema.Boolean,
    columnsAdd: Schema.Boolean,
  });

/**
 * A table of counts before disclosure control: `cells[r][c]` counts the units in row category `r` and column category
 * `c`. A one-way table has a single column (e.g. `measure: count`).
 *
 * Totals are stated separately because they are not always sums: a person with two forms of exploitation is in two
 * rows of a table by form, yet one person in its total. `rowsAdd` says each unit is in exactly one row (so a
 * column's cells add up to its column total, and the row totals to the grand total); `columnsAdd` the same for
 * columns. Disclosure control relies on these flags: only additive totals let a suppressed cell be recomputed.
 */
export const CountTable = tableOf(Count);
export type CountTable = typeof CountTable.Type;

/**
 * A table as published after disclosure control: the same shape as its {@link CountTable}, with suppressed values
 * `null`. It does not say which suppressions are primary (too small) and which secondary (to protect another cell),
 * since that would tell a reader which cells are small.
 */
export const PublishedTable = tableOf(PublishedValue);
export type PublishedTable = typeof PublishedTable.Type;

/** A position in a table: an inner cell, a row total, a column total, or the grand total. */
export type CellRef =
  | { readonly kind: "cell"; readonly row: number; readonly column: number }
  | { readonly kind: "rowTotal"; readonly row: number }
  | { readonly kind: "columnTotal"; readonly column: number }
  | { readonly kind: "grandTotal" };

/**
 * Reads the value at a position of a count table (a count) or of a published table (a count, or `null` where
 * suppressed), or undefined where the table has no such position.
 */
export const valueAt = <Value extends PublishedValue>(
  table: {
    readonly cells: ReadonlyArray<ReadonlyArray<Value>>;
    readonly rowTotals?: ReadonlyArray<Value>;
    readonly columnTotals?: ReadonlyArray<Value>;
    readonly grandTotal?: Value;
  },
  ref: CellRef,
): Value | undefined => {
  switch (ref.kind) {
    case "cell":
      return table.cells[ref.row]?.[ref.column];
    case "rowTotal":
      return table.rowTotals?.[ref.row];
    case "columnTotal":
      return table.columnTotals?.[ref.column];
    case "grandTotal":
      return table.grandTotal;
  }
};

/** A stable text key of a position, e.g. `cell:2:0`, `row:2`, `column:0`, `grand`. */
export const refKey = (ref: CellRef): string => {
  switch (ref.kind) {
    case "cell":
      return `cell:${ref.row}:${ref.column}`;
    case "rowTotal":
      return `row:${ref.row}`;
    case "columnTotal":
      return `column:${ref.column}`;
    case "grandTotal":
      return "grand";
  }
};
