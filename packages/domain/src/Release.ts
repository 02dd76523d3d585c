import { Schema } from "effect";
import { positionsOf } from "./Disclosure.js";
import { DisclosurePolicy } from "./DisclosurePolicy.js";
import * as IsoDate from "./IsoDate.js";
import { ReportParameters } from "./Report.js";
import { type CellRef, type CountTable, PublishedTable, refKey, valueAt } from "./StatTable.js";

/**
 * What a release counts, and so which releases can be combined: the registrations family (persons and reports, in
 * the annual monitor, the Eurostat breakdown and the HTCDS export) and the placements family (placement requests,
 * placements and their nights, in the placement reports). No published table relates units of the two families.
 */
export const ReleaseFamily = Schema.Literals(["registrations", "placements"]);
export type ReleaseFamily = typeof ReleaseFamily.Type;

/**
 * The data a release counts: the calendar years of the registrations it counts (the annual monitor of 2025 counts
 * 2024 too, in its year-on-year tables), or the period of the placement requests and stays.
 */
export type ReleaseScope =
  | { readonly family: "registrations"; readonly years: ReadonlyArray<number> }
  | { readonly family: "placements"; readonly from: IsoDate.IsoDate; readonly to: IsoDate.IsoDate };

/** The data a report of these parameters counts. */
export const scopeOf = (parameters: ReportParameters): ReleaseScope => {
  switch (parameters.kind) {
    case "annual_monitor":
      return { family: "registrations", years: [parameters.year - 1, parameters.year] };
    case "eurostat_crim_thb":
    case "htcds_export":
      return { family: "registrations", years: [parameters.year] };
    case "placement_report":
      return { family: "placements", from: parameters.from, to: parameters.to };
  }
};

/**
 * How far around its own period a placement report is checked against earlier ones: a request made in one period
 * is placed, and stays, in later ones, so a report is combined with every placement report whose period comes
 * within a year of its own. Requests that wait, or stays that last, longer than that link reports further apart,
 * which this check leaves out.
 */
export const placementHorizonDays = 366;

/** Whether a release of scope `other` counts any of the data a release of scope `scope` counts. */
export const isRelated = (scope: ReleaseScope, other: ReleaseScope): boolean => {
  if (scope.family === "registrations" && other.family === "registrations") {
    return other.years.some((year) => scope.years.includes(year));
  }
  if (scope.family === "placements" && other.family === "placements") {
    return (
      IsoDate.isBefore(other.from, IsoDate.addDays(scope.to, placementHorizonDays)) &&
      IsoDate.isBefore(IsoDate.addDays(scope.from, -placementHorizonDays), other.to)
    );
  }
  return false;
};

/**
 * The key of a counted unit, shared by every release that counts it: a person in one calendar year
 * (`registrations/2025/<person id>`; every table of persons or reports counts a person-year, none relates two years
 * of one person), or a placement request with its placements (`placements/<request id>`).
 */
export const personYearUnit = (year: number, personId: string): string => `registrations/${year}/${personId}`;
export const requestUnit = (requestId: string): string => `placements/${requestId}`;

/** Whether the unit `key` belongs to the data of `scope` (a person-year of one of its years, or any request). */
export const isUnitInScope = (key: string, scope: ReleaseScope): boolean => {
  const [family, year] = key.split("/");
  if (family !== scope.family) return false;
  return scope.family === "placements" || scope.years.includes(Number(year));
};

/** A position of a release: a table (its index among the release's tables) and a position in it. */
export interface ReleasePosition {
  readonly table: number;
  readonly ref: CellRef;
}

/** Every position of `tables`, table by table, each in table order ({@link positionsOf}). */
export const releasePositions = (tables: ReadonlyArray<CountTable | PublishedTable>): ReadonlyArray<ReleasePosition> =>
  tables.flatMap((table, index) =>
    positionsOf(table as CountTable).map((ref): ReleasePosition => ({ table: index, ref })),
  );

/** What one unit adds to a release: per position (an index into {@link releasePositions}) a positive amount. */
export type UnitShare = ReadonlyArray<readonly [position: number, amount: number]>;

/**
 * A release's tables taken apart by unit: each value is the sum of the shares of the units it counts plus a
 * constant that no unit accounts for (the available place-nights come from the places, not from anyone placed).
 * This is what lets the releases that count the same units be checked together: a reader who combines them knows
 * that every value is such a sum.
 */
export interface ReleaseUnits {
  readonly positions: ReadonlyArray<ReleasePosition>;
  readonly values: ReadonlyArray<number>;
  readonly constants: ReadonlyArray<number>;
  readonly units: ReadonlyMap<string, UnitShare>;
  /**
   * How many units each key stands for, where a key is a class of units that no release tells apart (the persons of
   * a `CountedYear.PersonYearClass`): each has the key's share. A key not here is one unit.
   */
  readonly multiplicities?: ReadonlyMap<string, number>;
}

/** The release's tables do not add up to the shares of its units: the definition is not a sum over units. */
export class NotASumOfUnits extends Schema.TaggedError<NotASumOfUnits>()("NotASumOfUnits", {
  tableId: Schema.String,
  position: Schema.String,
  detail: Schema.String,
}) {}

const shapeOf = (table: CountTable): string =>
  JSON.stringify([
    table.id,
    table.rows.categories.map((category) => category.code),
    table.columns.categories.map((category) => category.code),
    table.rowTotals?.length,
    table.columnTotals?.length,
    table.grandTotal === undefined,
  ]);

/**
 * Takes a release apart by unit: `build` makes the release's tables from one unit's data alone, with the same axes
 * as `tables` (so a definition whose categories depend on the data, such as the most frequent nationalities, is
 * given them). Each unit's share is what its own tables count; the constants are what is left. Every definition of
 * this platform counts each unit on its own, so a share is never negative and the shares never add up to more than
 * the table.
 *
 *
 * With `multiplicityOf`, a group is a class of that many units with the same data: `build` is given the group as one
 * unit, and its share counts that many times.
 *
 * @throws {@link NotASumOfUnits} when a unit's tables have other axes, or a value is smaller than its units' shares.
 */
export const unitsOf = <Group>(
  tables: ReadonlyArray<CountTable>,
  groups: ReadonlyMap<string, Group>,
  build: (group: Group) => ReadonlyArray<CountTable>,
  multiplicityOf?: (group: Group) => number,
): ReleaseUnits => {
  const positions = releasePositions(tables);
  const values = positions.map(({ table, ref }) => valueAt(tables[table] as CountTable, ref) ?? 0);
  const remaining = [...values];
  const units = new Map<string, UnitShare>();
  const multiplicities = new Map<string, number>();
  for (const [key, group] of groups) {
    const multiplicity = multiplicityOf?.(group) ?? 1;
    const own = build(group);
    tables.forEach((theirs, index) => {
      const mine = own[index];
      if (mine === undefined || shapeOf(mine) !== shapeOf(theirs)) {
        throw new NotASumOfUnits({ tableId: theirs.id, position: "axes", detail: `unit ${key} has other axes` });
      }
    });
    const share: Array<readonly [number, number]> = [];
    positions.forEach(({ table, ref }, index) => {
      const amount = valueAt(own[table] as CountTable, ref) ?? 0;
      if (amount === 0) return;
      share.push([index, amount]);
      remaining[index] = (remaining[index] ?? 0) - amount * multiplicity;
    });
    if (share.length > 0) {
      units.set(key, share);
      if (multiplicityOf !== undefined) multiplicities.set(key, multiplicity);
    }
  }
  remaining.forEach((left, index) => {
    if (left < 0) {
      const { table, ref } = positions[index] as ReleasePosition;
      throw new NotASumOfUnits({
        tableId: (tables[table] as CountTable).id,
        position: refKey(ref),
        detail: `the units add up to ${(values[index] ?? 0) - left}, more than the value ${values[index]}`,
      });
    }
  });
  return {
    positions,
    values,
    constants: remaining,
    units,
    ...(multiplicityOf === undefined ? {} : { multiplicities }),
  };
};

/**
 * A registered release (uitgifte): a report as it was published, with its tables as published (suppressed values
 * `null`). A record export is registered as the table of its record combinations. The register is what every new
 * report is checked against before it is released.
 */
export const Release = Schema.Struct({
  /** The report it was produced as. */
  reportId: Schema.String,
  parameters: ReportParameters,
  family: ReleaseFamily,
  policy: DisclosurePolicy,
  tables: Schema.Array(PublishedTable),
  releasedAt: Schema.String,
});
export type Release = typeof Release.Type;
