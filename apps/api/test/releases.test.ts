import { generateDemoData, writeDemoData } from "@comensha/db";
import { HtcdsExport, HtcdsStandard, KAnonymityCheck, Ports, Release, type Report, StatTable } from "@comensha/domain";
import { artifactStem, createReport, draftReport, loadSolver, runReport } from "@comensha/reports";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestApi, type TestApi } from "./support.js";

/**
 * The full set of reports a year brings, published one after another, then audited as a reader who holds them
 * all would: an independent linear-programming audit of the bounds of every suppressed value (one LP per bound,
 * written out in CPLEX LP text and solved by HiGHS from scratch, sharing nothing with the protection but the
 * definitions of what each table counts).
 */
const year = 2025;
const quarters = [
  ["2025-01-01", "2025-04-01"],
  ["2025-04-01", "2025-07-01"],
  ["2025-07-01", "2025-10-01"],
  ["2025-10-01", "2026-01-01"],
] as const;

const yearSet: ReadonlyArray<Report.ReportParameters> = [
  { kind: "annual_monitor", year },
  { kind: "eurostat_crim_thb", year },
  { kind: "htcds_export", year },
  ...quarters.map(([from, to]) => ({ kind: "placement_report" as const, from, to }) as Report.ReportParameters),
  { kind: "placement_report", from: "2025-01-01", to: "2026-01-01" } as Report.ReportParameters,
];

const policy = { threshold: 5 };

interface Constraint {
  readonly name: string;
  readonly terms: ReadonlyMap<number, number>;
  readonly constant: number;
  /** The published value, or null when suppressed. */
  readonly published: number | null;
  readonly truth: number;
}

/** One bound of `target`'s value over the reader's system, by a fresh LP in CPLEX LP format. */
const bound = async (
  constraints: ReadonlyArray<Constraint>,
  columns: number,
  target: Constraint,
  sense: "Maximize" | "Minimize",
): Promise<number> => {
  const highs = await loadSolver();
  const term = (terms: ReadonlyMap<number, number>) =>
    [...terms].map(([column, coefficient]) => `+ ${coefficient} x${column}`).join(" ");
  const lines = [
    sense,
    ` obj: ${term(target.terms)}`,
    "Subject To",
    ...constraints.map((constraint, index) =>
      constraint.published === null
        ? ` c${index}: ${term(constraint.terms)} >= ${1 - constraint.constant}`
        : ` c${index}: ${term(constraint.terms)} = ${constraint.published - constraint.constant}`,
    ),
    "Bounds",
    ...Array.from({ length: columns }, (_, column) => ` x${column} >= 0`),
    "End",
  ];
  const solution = highs.solve(lines.join("\n"));
  if (solution.Status === "Unbounded") return sense === "Maximize" ? Number.POSITIVE_INFINITY : 0;
  expect(solution.Status).toBe("Optimal");
  return solution.ObjectiveValue + target.constant;
};

const kinds = process.env.DATABASE_URL ? (["pglite", "postgres"] as const) : (["pglite"] as const);
const seeds = [3, 17, 29];

describe.each(kinds)("the reports of a year, published together, on %s", (kind) => {
  describe.each(seeds)("seed %i", (seed) => {
    let api: TestApi;
    const outcome: Array<{ parameters: Report.ReportParameters; status: string; error: string | null }> = [];

    beforeAll(async () => {
      api = await openTestApi(kind);
      await api.runtime.runPromise(
        writeDemoData(generateDemoData({ seed, years: 2, lastYear: year, personsPerYear: 300 })),
      );
      for (const parameters of yearSet) {
        const job = await api.runtime.runPromise(
          Effect.flatMap(createReport({ parameters, policy, origin: "cli", requestedBy: "test" }), (job) =>
            Effect.andThen(
              runReport(job.id),
              Effect.flatMap(Ports.ReportRepository, (reports) => reports.findById(job.id)),
            ),
          ),
        );
        outcome.push({ parameters, status: job.status, error: job.error });
      }
    }, 600_000);

    afterAll(async () => {
      await api?.close();
    });

    it("releases every report of the year and registers each as published", async () => {
      expect(outcome).toEqual(yearSet.map((parameters) => ({ parameters, status: "completed", error: null })));
      const registers = await api.runtime.runPromise(
        Effect.flatMap(Ports.ReleaseRegister, (register) =>
          Effect.all([register.listFamily("registrations"), register.listFamily("placements")]),
        ),
      );
      const released = registers.flatMap((family) => family.releases);
      expect(released.map((release) => release.parameters).sort(byKey)).toEqual([...yearSet].sort(byKey));
      // The register holds what was published: the tables of the JSON file, or the table its records count.
      for (const release of released) {
        const file = await api.runtime.runPromise(
          Effect.flatMap(Ports.ReportRepository, (reports) =>
            reports.readArtifact(release.reportId as never, `${artifactStem(release.parameters)}.json`),
          ),
        );
        const report = JSON.parse(new TextDecoder().decode(file?.bytes)) as Report.PublishedReport;
        if (release.parameters.kind === "htcds_export") {
          expect(report.records).toEqual(HtcdsExport.htcdsRecordsOf(release.tables[0] as StatTable.PublishedTable));
          // The file researchers get is valid HTCDS 2.0 (its own fields, or declared ext_ fields) and 11-anonymous.
          const csv = await api.runtime.runPromise(
            Effect.flatMap(Ports.ReportRepository, (reports) =>
              reports.readArtifact(release.reportId as never, `${artifactStem(release.parameters)}.csv`),
            ),
          );
          const [header = [], ...rows] = new TextDecoder()
            .decode(csv?.bytes)
            .replace(/^\uFEFF/, "")
            .trimEnd()
            .split("\r\n")
            .map((line) => line.split(","));
          expect(rows.length).toBe(report.records?.records.length);
          expect(HtcdsStandard.htcdsViolations(header, rows, { extensions: HtcdsExport.htcdsExtensions })).toEqual([]);
          expect(
            KAnonymityCheck.checkKAnonymity(report.records as Report.RecordSet, 11, HtcdsExport.htcdsQuasiIdentifiers),
          ).toEqual([]);
        } else {
          expect(report.tables).toEqual(release.tables);
        }
      }
    });

    it("publishes no value from 1 to below the threshold, and pins no suppressed value in any combination", async () => {
      const register = await api.runtime.runPromise(
        Effect.flatMap(Ports.ReleaseRegister, (register) =>
          Effect.all([register.listFamily("registrations"), register.listFamily("placements")]),
        ),
      );
      let audited = 0;
      for (const { releases } of register) {
        // The reader's unknowns: how many units of each kind (the same share in every position of every release).
        const shares = new Map<string, Array<readonly [string, number]>>();
        const multiplicities = new Map<string, number>();
        const constraints: Array<Omit<Constraint, "terms"> & { readonly key: string }> = [];
        for (const release of releases) {
          const records = release.parameters.kind === "htcds_export";
          const draft = await api.runtime.runPromise(draftReport(release.parameters, release.policy, release.tables));
          const units = await api.runtime.runPromise(draft.units);
          const threshold = records ? HtcdsExport.htcdsK(release.policy) : release.policy.threshold;
          units.positions.forEach(({ table, ref }, index) => {
            const published = StatTable.valueAt(release.tables[table] as StatTable.PublishedTable, ref);
            expect(published).not.toBeUndefined();
            const value = published ?? null;
            if (value !== null) expect(value === 0 || value >= threshold).toBe(true);
            const key = `${Release.scopeOf(release.parameters).family}/${release.reportId}/${index}`;
            const truth = units.values[index] ?? 0;
            constraints.push({
              key,
              name: `${release.parameters.kind} ${table} ${StatTable.refKey(ref)}`,
              constant: 0,
              published: value,
              truth,
            });
          });
          for (const [unit, share] of units.units) {
            // A unit may be a class of persons that no release tells apart: its share counts once per person.
            multiplicities.set(unit, units.multiplicities?.get(unit) ?? 1);
            const list = shares.get(unit) ?? [];
            for (const [position, amount] of share) {
              list.push([`${Release.scopeOf(release.parameters).family}/${release.reportId}/${position}`, amount]);
            }
            shares.set(unit, list);
          }
        }
        const typeOf = new Map<string, number>();
        const terms = new Map<string, Map<number, number>>();
        const fromUnits = new Map<string, number>();
        for (const [unit, share] of shares) {
          const signature = JSON.stringify(share);
          const known = typeOf.get(signature);
          const column = known ?? typeOf.size;
          if (known === undefined) typeOf.set(signature, column);
          for (const [key, amount] of share) {
            if (known === undefined) terms.set(key, (terms.get(key) ?? new Map()).set(column, amount));
            fromUnits.set(key, (fromUnits.get(key) ?? 0) + amount * (multiplicities.get(unit) ?? 1));
          }
        }
        const system: Array<Constraint> = constraints.flatMap((constraint) => {
          const row = terms.get(constraint.key);
          if (row === undefined) return [];
          return [{ ...constraint, terms: row, constant: constraint.truth - (fromUnits.get(constraint.key) ?? 0) }];
        });
        for (const target of system.filter((constraint) => constraint.published === null)) {
          const [low, high] = [
            await bound(system, typeOf.size, target, "Minimize"),
            await bound(system, typeOf.size, target, "Maximize"),
          ];
          expect(low).toBeLessThanOrEqual(target.truth + 1e-6);
          expect(high).toBeGreaterThanOrEqual(target.truth - 1e-6);
          const wholeNumbers = Math.floor(high + 1e-6) - Math.ceil(low - 1e-6) + 1;
          expect({ value: target.name, wholeNumbers: Math.min(wholeNumbers, 2) }).toEqual({
            value: target.name,
            wholeNumbers: 2,
          });
          audited += 1;
        }
      }
      expect(audited).toBeGreaterThan(0);
    }, 600_000);
  });
});

describe("a stricter report after a release", () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await openTestApi("pglite");
    await api.runtime.runPromise(
      writeDemoData(generateDemoData({ seed: 3, years: 2, lastYear: year, personsPerYear: 300 })),
    );
  }, 600_000);

  afterAll(async () => {
    await api?.close();
  });

  const produce = (threshold: number) =>
    api.runtime.runPromise(
      Effect.flatMap(
        createReport({
          parameters: { kind: "annual_monitor", year },
          policy: { threshold },
          origin: "cli",
          requestedBy: "test",
        }),
        (job) =>
          Effect.andThen(
            runReport(job.id),
            Effect.flatMap(Ports.ReportRepository, (reports) => reports.findById(job.id)),
          ),
      ),
    );

  it("fails, saying why, when the values it would withhold are already out under a weaker policy", async () => {
    expect((await produce(5)).status).toBe("completed");
    const stricter = await produce(10);
    expect(stricter.status).toBe("failed");
    expect(stricter.error).toMatch(/given away by the reports already published .* e\.g\. by a stricter policy/);
    // Nothing of it was registered: the register holds the first release only.
    const { releases } = await api.runtime.runPromise(
      Effect.flatMap(Ports.ReleaseRegister, (register) => register.listFamily("registrations")),
    );
    expect(releases.map((release) => release.policy)).toEqual([{ threshold: 5 }]);
  }, 600_000);
});

const byKey = (a: Report.ReportParameters, b: Report.ReportParameters): number =>
  JSON.stringify(a) < JSON.stringify(b) ? -1 : 1;
