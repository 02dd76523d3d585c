import {
  AnnualMonitor,
  type CodeList,
  CountedYear,
  type DisclosurePolicy,
  EurostatCrimThb,
  HtcdsExport,
  type IsoDate,
  PlacementReport,
  Ports,
  Release,
  type Report,
  type StatTable,
} from "@comensha/domain";
import { Effect } from "effect";

/**
 * What a report definition yields before disclosure control: its texts, period and exact tables, and those tables
 * taken apart by the units they count, so that the report can be checked together with the releases already out.
 */
export interface ReportDraft {
  readonly title: CodeList.Label;
  readonly period: Report.PublishedReport["period"];
  readonly notes: ReadonlyArray<CodeList.Label>;
  readonly tables: ReadonlyArray<StatTable.CountTable>;
  /**
   * Whether the report publishes its one table as records ({@link HtcdsExport.htcdsRecordTable}): each row's count
   * as that many records, the threshold of the table being the export's k.
   */
  readonly asRecords: boolean;
  /** Every position of the tables, in the order of {@link Release.releasePositions}. */
  readonly positions: ReadonlyArray<Release.ReleasePosition>;
  /**
   * The tables taken apart by unit, computed when run: only a check of releases together that has a suppressed
   * value to protect needs them, and for the registrations family they take another query (the person-year classes).
   */
  readonly units: Effect.Effect<Release.ReleaseUnits, never, Ports.StatisticsSource>;
  readonly dataAsOf: string;
}

/**
 * The axes an earlier release was published with, where they depend on the data: its published tables. A report
 * drafted with them is the earlier release as today's data fills it.
 */
export type Frame = ReadonlyArray<StatTable.PublishedTable>;

const yearPeriod = (year: number) =>
  ({ from: `${year}-01-01`, to: `${year + 1}-01-01` }) as Report.PublishedReport["period"];

/**
 * The persons and reports counted in the years from `from` to `to`, counted by the database
 * (`StatisticsSource.countedYears`, the counting rule in SQL): only the groups the tables are made of leave it.
 */
const countedYears = (from: number, to: number, records = false) =>
  Effect.flatMap(Ports.StatisticsSource, (statistics) => statistics.countedYears({ from, to, records }));

/**
 * A release of the registrations family taken apart by unit: its units are the person-year classes of the years it
 * counts (`CountedYear.PersonYearClass`, each standing for as many persons as it holds), and `build` makes the
 * release's tables from one class as one person.
 */
const personYearUnits = (
  tables: ReadonlyArray<StatTable.CountTable>,
  from: number,
  to: number,
  build: (personYear: CountedYear.PersonYearClass) => ReadonlyArray<StatTable.CountTable>,
) =>
  Effect.flatMap(Ports.StatisticsSource, (statistics) =>
    Effect.map(statistics.personYearClasses({ from, to }), (classes) =>
      Release.unitsOf(
        tables,
        new Map(classes.map((personYear) => [CountedYear.classUnit(personYear), personYear])),
        build,
        (personYear) => personYear.count,
      ),
    ),
  );

/** The counted year of `year` with one person of the class `personYear` in it (none when of another year). */
const oneOf = (personYear: CountedYear.PersonYearClass, year: number, records = false) =>
  CountedYear.countedYearOfClasses(year, [{ ...personYear, count: 1 }], { records });

const registrationsChangedOn = (from: number, year: number) =>
  Effect.flatMap(Ports.StatisticsSource, (statistics) =>
    statistics.registrationsChangedOn({ from: `${from}-01-01`, to: `${year + 1}-01-01` }),
  );

const groupBy = <A>(items: ReadonlyArray<A>, keyOf: (item: A) => string): ReadonlyMap<string, ReadonlyArray<A>> => {
  const groups = new Map<string, Array<A>>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
};

/** The annual monitor of a year: the persons and reports of that year and the one before, by the counting rule. */
const annualMonitorDraft = (year: number, frame: Frame | undefined) =>
  Effect.gen(function* () {
    const [previous, current] = yield* countedYears(year - 1, year);
    const counts = [previous ?? CountedYear.emptyYear(year - 1), current ?? CountedYear.emptyYear(year)] as const;
    const topNationalities =
      frame === undefined
        ? AnnualMonitor.annualMonitorTopNationalities(AnnualMonitor.annualMonitorTablesOf({ year, counts }))
        : AnnualMonitor.annualMonitorTopNationalities(frame);
    const tables = AnnualMonitor.annualMonitorTablesOf({ year, counts, topNationalities });
    return {
      title: AnnualMonitor.annualMonitorTitle(year),
      period: yearPeriod(year),
      notes: AnnualMonitor.annualMonitorNotes,
      tables,
      asRecords: false,
      positions: Release.releasePositions(tables),
      units: personYearUnits(tables, year - 1, year, (personYear) =>
        AnnualMonitor.annualMonitorTablesOf({
          year,
          counts: [oneOf(personYear, year - 1), oneOf(personYear, year)],
          topNationalities,
        }),
      ),
      dataAsOf: yield* registrationsChangedOn(year - 1, year),
    } satisfies ReportDraft;
  });

/** The placement report of [from, to): requests, placements, waiting times, occupancy and long stays. */
const placementReportDraft = (from: IsoDate.IsoDate, to: IsoDate.IsoDate) =>
  Effect.gen(function* () {
    const statistics = yield* Ports.StatisticsSource;
    const facts = yield* statistics.placementFacts({ from, to });
    const tables = PlacementReport.placementReportTables({ from, to, ...facts });
    const placementsOf = groupBy(facts.placements, (placement) => placement.requestId);
    const groups = new Map(
      facts.requests.map((request) => [
        Release.requestUnit(request.requestId),
        { request, placements: placementsOf.get(request.requestId) ?? [] },
      ]),
    );
    return {
      title: PlacementReport.placementReportTitle(from, to),
      period: { from, to },
      notes: PlacementReport.placementReportNotes,
      tables,
      asRecords: false,
      positions: Release.releasePositions(tables),
      units: Effect.sync(() =>
        Release.unitsOf(tables, groups, ({ request, placements }) =>
          PlacementReport.placementReportTables({ from, to, requests: [request], placements, capacity: [] }),
        ),
      ),
      dataAsOf: yield* statistics.placementsChangedOn({ from, to }),
    } satisfies ReportDraft;
  });

/** The Eurostat crim_thb breakdown of the registered victims of a year. */
const eurostatDraft = (year: number) =>
  Effect.gen(function* () {
    const [counted] = yield* countedYears(year, year);
    const tables = EurostatCrimThb.eurostatCrimThbTablesOf(counted ?? CountedYear.emptyYear(year));
    return {
      title: EurostatCrimThb.eurostatCrimThbTitle(year),
      period: yearPeriod(year),
      notes: EurostatCrimThb.eurostatCrimThbNotes,
      tables,
      asRecords: false,
      positions: Release.releasePositions(tables),
      units: personYearUnits(tables, year, year, (personYear) =>
        EurostatCrimThb.eurostatCrimThbTablesOf(oneOf(personYear, year)),
      ),
      dataAsOf: yield* registrationsChangedOn(year, year),
    } satisfies ReportDraft;
  });

/** The anonymised record export of a year in the HTCDS encoding: one table of record combinations. */
const htcdsDraft = (year: number, policy: DisclosurePolicy.DisclosurePolicy, frame: Frame | undefined) =>
  Effect.gen(function* () {
    const [counted] = yield* countedYears(year, year, true);
    const persons = HtcdsExport.htcdsSubjectsOf(counted ?? CountedYear.emptyYear(year));
    const combinations =
      frame === undefined
        ? HtcdsExport.htcdsCombinations(persons, year, HtcdsExport.htcdsK(policy))
        : (frame
            .find((table) => table.id === HtcdsExport.htcdsRecordTableId)
            ?.rows.categories.map((category) => category.code) ?? []);
    const tables = [HtcdsExport.htcdsRecordTable(persons, year, combinations)];
    return {
      title: HtcdsExport.htcdsExportTitle(year),
      period: yearPeriod(year),
      notes: HtcdsExport.htcdsExportNotes,
      tables,
      asRecords: true,
      positions: Release.releasePositions(tables),
      units: personYearUnits(tables, year, year, (personYear) => [
        HtcdsExport.htcdsRecordTable(HtcdsExport.htcdsSubjectsOf(oneOf(personYear, year, true)), year, combinations),
      ]),
      dataAsOf: yield* registrationsChangedOn(year, year),
    } satisfies ReportDraft;
  });

/**
 * The exact tables of a report, before disclosure control, taken apart by unit. With `frame`, the tables have the
 * axes of that earlier release of the same parameters (its most frequent nationalities, its record combinations).
 */
export const draftReport = (
  parameters: Report.ReportParameters,
  policy: DisclosurePolicy.DisclosurePolicy,
  frame?: Frame,
): Effect.Effect<ReportDraft, never, Ports.StatisticsSource> => {
  switch (parameters.kind) {
    case "annual_monitor":
      return annualMonitorDraft(parameters.year, frame);
    case "placement_report":
      return placementReportDraft(parameters.from, parameters.to);
    case "eurostat_crim_thb":
      return eurostatDraft(parameters.year);
    case "htcds_export":
      return htcdsDraft(parameters.year, policy, frame);
  }
};
