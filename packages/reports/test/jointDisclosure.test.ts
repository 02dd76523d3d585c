import { Disclosure, Release, StatTable, TableBuilder } from "@comensha/domain";
import { describe, expect, it } from "vitest";
import { auditReleases, type JointRelease, protectJointly } from "../src/jointDisclosure.js";

/**
 * The second example, by hand: four quarterly placement reports and the annual one count the same
 * requests. Each table protected on its own passes; together, the quarter that publishes its 6 waiting requests
 * gives away the annual report's suppressed "waiting", and through it the annual 4 cancelled.
 */
type Outcome = "placed" | "waiting" | "cancelled";
interface Request {
  readonly id: string;
  readonly quarter: number;
  readonly outcome: Outcome;
}

const outcomes: ReadonlyArray<Outcome> = ["placed", "waiting", "cancelled"];
const counts: ReadonlyArray<readonly [quarter: number, placed: number, waiting: number, cancelled: number]> = [
  [1, 5, 0, 0],
  [2, 9, 0, 0],
  [3, 8, 0, 2],
  [4, 5, 6, 2],
];
const requests: ReadonlyArray<Request> = counts.flatMap(([quarter, ...perOutcome]) =>
  outcomes.flatMap((outcome, index) =>
    Array.from({ length: perOutcome[index] ?? 0 }, (_, n) => ({ id: `q${quarter}-${outcome}-${n}`, quarter, outcome })),
  ),
);

const tablesOf = (quarters: ReadonlyArray<number>) => (items: ReadonlyArray<Request>) => [
  TableBuilder.additiveOneWayTable({
    id: "requests_by_outcome",
    title: { nl: "Verzoeken", en: "Requests" },
    unit: "requests",
    rows: TableBuilder.categoryAxis("outcome", { nl: "Uitkomst", en: "Outcome" }, [
      { code: "placed", label: { nl: "placed", en: "placed" } },
      { code: "waiting", label: { nl: "waiting", en: "waiting" } },
      { code: "cancelled", label: { nl: "cancelled", en: "cancelled" } },
    ]),
    counts: TableBuilder.countBy(
      outcomes,
      items.filter((request) => quarters.includes(request.quarter)),
      (request) => [request.outcome],
    ),
  }),
];

const policy = { threshold: 5 };
const scope: Release.ReleaseScope = { family: "placements", from: "2025-01-01" as never, to: "2026-01-01" as never };

/** A release protected table by table, as before the joint check. */
const release = (name: string, quarters: ReadonlyArray<number>): JointRelease => {
  const build = tablesOf(quarters);
  const tables = build(requests);
  const units = Release.unitsOf(
    tables,
    new Map(requests.map((request) => [Release.requestUnit(request.id), [request]])),
    build,
  );
  const suppressed = new Set<number>();
  const primary = new Set<number>();
  tables.forEach((table, index) => {
    const protection = Disclosure.protect(table, policy);
    const keys = (refs: ReadonlyArray<StatTable.CellRef>) => new Set(refs.map(StatTable.refKey));
    const [all, small] = [keys([...protection.primary, ...protection.secondary]), keys(protection.primary)];
    units.positions.forEach((position, at) => {
      if (position.table !== index) return;
      if (all.has(StatTable.refKey(position.ref))) suppressed.add(at);
      if (small.has(StatTable.refKey(position.ref))) primary.add(at);
    });
  });
  return { name, tables, units, suppressed, primary };
};

const positionOf = (joint: JointRelease, key: string): number =>
  joint.units.positions.findIndex((position) => StatTable.refKey(position.ref) === key);

describe("the linear-programming audit over releases", () => {
  const quarters = [1, 2, 3, 4].map((quarter) => release(`Q${quarter}`, [quarter]));
  const year = release("2025", [1, 2, 3, 4]);

  it("passes each release on its own", async () => {
    for (const joint of [...quarters, year]) expect(await auditReleases([joint], scope)).toEqual([]);
  });

  it("finds the annual report's suppressed values pinned by the quarters", async () => {
    expect(year.suppressed).toEqual(new Set([positionOf(year, "cell:1:0"), positionOf(year, "cell:2:0")]));
    expect(await auditReleases([...quarters, year], scope)).toEqual([
      { release: "2025", tableId: "requests_by_outcome", position: "cell:1:0" },
      { release: "2025", tableId: "requests_by_outcome", position: "cell:2:0" },
    ]);
  });

  it("protects the annual report jointly: publishes the waiting that the quarters give away, withholds more", async () => {
    const protection = await protectJointly(quarters, year, scope);
    expect(protection.unprotectable).toEqual([]);
    expect(protection.published).toEqual([positionOf(year, "cell:1:0")]);
    expect(protection.suppressed.has(positionOf(year, "cell:2:0"))).toBe(true);
    expect(protection.added.length).toBeGreaterThan(0);
    expect(await auditReleases([...quarters, { ...year, suppressed: protection.suppressed }], scope)).toEqual([]);
    // The annual 4 cancelled: the reader now knows only that it is at least 1 and at most what the totals leave.
    const published = Disclosure.publish(
      year.tables[0] as StatTable.CountTable,
      new Set(
        [...protection.suppressed].map((at) =>
          StatTable.refKey(year.units.positions[at]?.ref ?? { kind: "grandTotal" }),
        ),
      ),
      undefined,
    );
    expect(published.cells.map((row) => row[0])).toEqual([null, 6, null]);
    expect(published.grandTotal).toBe(37);
  });
});
