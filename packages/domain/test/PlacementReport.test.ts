import { describe, expect, it } from "@effect/vitest";
import { Effect, Schema } from "effect";
import * as fc from "fast-check";
import * as IsoDate from "../src/IsoDate.js";
import * as PlacementReport from "../src/PlacementReport.js";
import type { PlacementState, Urgency } from "../src/PlacementRequest.js";
import * as ShelterKind from "../src/ShelterKind.js";
import * as StatTable from "../src/StatTable.js";
import type { TargetGroup } from "../src/TargetGroup.js";

const d = IsoDate.make;
const from = d("2026-01-01");
const to = d("2026-04-01");

const request = (
  requestId: string,
  requestedOn: string,
  targetGroup: TargetGroup,
  urgency: Urgency,
  state: PlacementState,
  firstPlacedOn?: string,
): PlacementReport.PlacementRequestFact => ({
  requestId,
  requestedOn: d(requestedOn),
  targetGroup,
  urgency,
  state,
  ...(firstPlacedOn === undefined ? {} : { firstPlacedOn: d(firstPlacedOn), shelterKind: "cosm" as const }),
});

const placement = (
  placementId: string,
  targetGroup: TargetGroup,
  shelterKind: ShelterKind.ShelterKind,
  startsOn: string,
  endsOn?: string,
): PlacementReport.PlacementFact => ({
  placementId,
  requestId: `request-of-${placementId}`,
  targetGroup,
  shelterKind,
  startsOn: d(startsOn),
  ...(endsOn === undefined ? {} : { endsOn: d(endsOn) }),
});

const requests = [
  request("r1", "2026-01-05", "women", "tonight", "placed", "2026-01-05"),
  request("r2", "2026-01-10", "women", "this_week", "ended", "2026-01-11"),
  request("r3", "2026-02-01", "men", "this_week", "placed", "2026-02-03"),
  request("r4", "2026-02-01", "men", "planned", "placed", "2026-02-08"),
  request("r5", "2026-03-01", "minors", "planned", "placed", "2026-03-09"),
  request("r6", "2026-03-01", "families", "planned", "ended", "2026-03-29"),
  request("r7-before-period", "2025-12-01", "men", "tonight", "placed", "2026-01-02"),
  request("r8-placed-after-period", "2026-03-20", "women", "tonight", "placed", "2026-04-02"),
  request("r9", "2026-02-15", "women", "this_week", "waitlisted"),
  request("r10-last-day", "2026-03-31", "minors", "tonight", "requested"),
  request("r11-on-to", "2026-04-01", "women", "tonight", "searching"),
  request("r12", "2026-01-20", "men", "planned", "cancelled"),
  request("r13", "2026-02-20", "families", "this_week", "offered"),
  request("r14-placed-before-request", "2026-02-10", "women", "tonight", "placed", "2026-02-09"),
];

const placements = [
  placement("p1-ends-in-period", "women", "womens_shelter", "2025-12-15", "2026-01-10"),
  placement("p2-cosm-open", "women", "cosm", "2026-01-05"),
  placement("p3-cosm-long", "men", "cosm", "2025-10-15"),
  placement("p4-cosm-leaves-on-norm-day", "men", "cosm", "2025-11-30", "2026-02-28"),
  placement("p5-cosm-day-past-norm", "men", "cosm", "2025-11-30", "2026-03-01"),
  placement("p6-beyond-period", "minors", "omm", "2026-03-09", "2026-04-15"),
  placement("p7-empty", "families", "emergency", "2026-03-29", "2026-03-29"),
  placement("p8-cosm-before-period", "women", "cosm", "2025-06-01", "2025-12-31"),
  placement("p9-cosm-on-to", "women", "cosm", "2026-04-01"),
  placement("p10-one-night", "women", "social_shelter", "2026-02-11", "2026-02-12"),
];

const capacity: ReadonlyArray<PlacementReport.CapacityFact> = [
  { targetGroup: "women", shelterKind: "cosm", places: 2 },
  { targetGroup: "women", shelterKind: "womens_shelter", places: 1 },
  { targetGroup: "men", shelterKind: "cosm", places: 3 },
  { targetGroup: "minors", shelterKind: "omm", places: 1 },
  { targetGroup: "families", shelterKind: "emergency", places: 0 },
];

const tables = PlacementReport.placementReportTables({ from, to, requests, placements, capacity });

const tableOf = (id: string): StatTable.CountTable => {
  const table = tables.find((candidate) => candidate.id === id);
  if (table === undefined) throw new Error(`no table ${id}`);
  return table;
};

const codesOf = (axis: StatTable.Axis): ReadonlyArray<string> => axis.categories.map((category) => category.code);

describe("PlacementReport.placementReportTables: hand-built facts", () => {
  it("returns the tables of the report in a stable order", () => {
    expect(tables.map((table) => table.id)).toEqual([
      "requests_by_target_group_and_urgency",
      "requests_by_outcome",
      "placements_by_shelter_kind",
      "waiting_time_bands",
      "occupancy_by_target_group",
      "stays_over_norm",
    ]);
  });

  it("counts the requests made in the half-open period by target group and urgency", () => {
    const table = tableOf("requests_by_target_group_and_urgency");
    expect(codesOf(table.rows)).toEqual(["women", "men", "minors", "families"]);
    expect(codesOf(table.columns)).toEqual(["tonight", "this_week", "planned"]);
    expect(table.cells).toEqual([
      [3, 2, 0],
      [0, 1, 2],
      [1, 0, 1],
      [0, 1, 1],
    ]);
    expect(table).toMatchObject({
      unit: "requests",
      rowTotals: [5, 3, 2, 2],
      columnTotals: [4, 4, 4],
      grandTotal: 12,
      rowsAdd: true,
      columnsAdd: true,
    });
  });

  it("counts a request as placed also when its stay has ended, and placed after the period", () => {
    const table = tableOf("requests_by_outcome");
    expect(codesOf(table.rows)).toEqual(["placed", "waiting", "cancelled"]);
    expect(table.cells).toEqual([[8], [3], [1]]);
    expect(table.grandTotal).toBe(12);
  });

  it("counts the placements starting in the period by shelter kind, an empty one included", () => {
    const table = tableOf("placements_by_shelter_kind");
    const expected = Object.fromEntries(ShelterKind.codeList.codes.map((kind) => [kind, 0]));
    Object.assign(expected, { cosm: 1, omm: 1, social_shelter: 1, emergency: 1 });
    expect(codesOf(table.rows)).toEqual([...ShelterKind.codeList.codes]);
    expect(table.cells).toEqual(ShelterKind.codeList.codes.map((kind) => [expected[kind]]));
    expect(table).toMatchObject({ unit: "placements", grandTotal: 4 });
  });

  it("bands the days from request to first placement for requests placed in the period, whenever requested", () => {
    const table = tableOf("waiting_time_bands");
    expect(codesOf(table.rows)).toEqual(["days_0_1", "days_2_7", "days_8_28", "days_over_28"]);
    expect(table.cells).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 2],
      [1, 0, 0],
    ]);
    expect(table).toMatchObject({ rowTotals: [3, 2, 2, 1], columnTotals: [3, 2, 3], grandTotal: 8 });
  });

  it("counts available and occupied place-nights per target group, cutting stays at the period's bounds", () => {
    const table = tableOf("occupancy_by_target_group");
    expect(codesOf(table.columns)).toEqual(["available", "occupied"]);
    expect(table.cells).toEqual([
      [3 * 90, 9 + 86 + 1],
      [3 * 90, 90 + 58 + 59],
      [90, 23],
      [0, 0],
    ]);
    expect(table).toMatchObject({
      unit: "place_nights",
      columnTotals: [630, 326],
      rowsAdd: true,
      columnsAdd: false,
    });
    expect(table).not.toHaveProperty("grandTotal");
    expect(table).not.toHaveProperty("rowTotals");
  });

  it("flags COSM stays in the period still there three months after their start, not those that left that day", () => {
    const table = tableOf("stays_over_norm");
    expect(codesOf(table.rows)).toEqual(["over_norm", "within_norm"]);
    expect(table.cells).toEqual([[2], [2]]);
    expect(table.grandTotal).toBe(4);
  });

  it.effect("produces tables that decode as CountTable", () =>
    Effect.gen(function* () {
      const decoded = yield* Schema.decodeUnknownEffect(Schema.Array(StatTable.CountTable))(tables);
      expect(decoded).toEqual(tables);
    }),
  );

  it.effect("decodes its input facts with the exported schemas", () =>
    Effect.gen(function* () {
      yield* Schema.decodeUnknownEffect(Schema.Array(PlacementReport.PlacementRequestFact))(requests);
      yield* Schema.decodeUnknownEffect(Schema.Array(PlacementReport.PlacementFact))(placements);
      const negative = yield* Effect.result(
        Schema.decodeUnknownEffect(PlacementReport.CapacityFact)({
          targetGroup: "men",
          shelterKind: "cosm",
          places: -1,
        }),
      );
      expect(negative._tag).toBe("Failure");
    }),
  );
});

describe("PlacementReport: nights", () => {
  it("counts the nights of a half-open period, none when it is empty", () => {
    expect(PlacementReport.nightsOf(from, to)).toBe(90);
    expect(PlacementReport.nightsOf(d("2024-02-01"), d("2024-03-01"))).toBe(29);
    expect(PlacementReport.nightsOf(to, from)).toBe(0);
  });

  it("counts a stay spanning the whole period as every night of it, and a stay ending on `from` as none", () => {
    expect(PlacementReport.occupiedNightsIn({ startsOn: d("2025-01-01") }, from, to)).toBe(90);
    expect(PlacementReport.occupiedNightsIn({ startsOn: d("2025-01-01"), endsOn: from }, from, to)).toBe(0);
    expect(PlacementReport.occupiedNightsIn({ startsOn: d("2026-03-31") }, from, to)).toBe(1);
  });

  it("adds up the occupied nights of two adjacent periods to those of the two together", () => {
    const day = (offset: number) => IsoDate.addDays(d("2026-01-01"), offset);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        (start, length, a, b, c) => {
          const [first, middle, last] = [a, b, c].sort((x, y) => x - y).map(day);
          if (first === undefined || middle === undefined || last === undefined) return;
          const stay = { startsOn: day(start), ...(length === undefined ? {} : { endsOn: day(start + length) }) };
          const whole = PlacementReport.occupiedNightsIn(stay, first, last);
          expect(
            PlacementReport.occupiedNightsIn(stay, first, middle) +
              PlacementReport.occupiedNightsIn(stay, middle, last),
          ).toBe(whole);
          expect(whole).toBeLessThanOrEqual(PlacementReport.nightsOf(first, last));
        },
      ),
    );
  });
});

describe("PlacementReport: title and notes", () => {
  it("names the first and the last day of the period in both languages", () => {
    const title = PlacementReport.placementReportTitle(from, to);
    expect(title.nl).toContain("2026-01-01 tot en met 2026-03-31");
    expect(title.en).toContain("2026-01-01 to 2026-03-31");
    expect(PlacementReport.placementReportNotes.length).toBeGreaterThan(0);
  });
});
