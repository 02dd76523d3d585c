import {
  AnnualMonitor,
  type CodeList,
  Counting,
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
  readonly units: Release.ReleaseUnits;
  readonly dataAsOf: string;
}

/**
 * The axes an earlier release was published with, where they depend on the data: its published tables. A report
 * drafted with them is the earlier release as today's data fills it.
 */
export type Frame = ReadonlyArray<StatTable.PublishedTable>;

const yearPeriod = (year: number) =>
  ({ from: `${year}-01-01`, to: `${year + 1}-01-01` }) as Report.PublishedReport["period"];

/** The countable registrations of `year`, and of the year before when `withPreviousYear`. */
const countableOf = (year: number, withPreviousYear: boolean) =>
  Effect.gen(function* () {
    const registrations = yield* Ports.RegistrationRepository;
    const previous = withPreviousYear ? yield* registrations.listCountable(year - 1) : [];
    return [...previous, ...(yield* registrations.listCountable(year))];
  });

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

/** The registrations by person-year: each person's registrations reported in one calendar year. */
const byPersonYear = (registrations: ReadonlyArray<Counting.CountableRegistration>) =>
  groupBy(registrations, (registration) =>
    Release.personYearUnit(Number(registration.reportedOn.slice(0, 4)), registration.personId),
  );

/** The annual monitor of a year: the registrations of that year and the one before, through the counting rule. */
const annualMonitorDraft = (year: number, frame: Frame | undefined) =>
  Effect.gen(function* () {
    const registrations = yield* countableOf(year, true);
    const topNationalities =
      frame === undefined
        ? AnnualMonitor.annualMonitorTopNationalities(AnnualMonitor.annualMonitorTables({ year, registrations }))
        : AnnualMonitor.annualMonitorTopNationalities(frame);
    const tables = AnnualMonitor.annualMonitorTables({ year, registrations, topNationalities });
    return {
      title: AnnualMonitor.annualMonitorTitle(year),
      period: yearPeriod(year),
      notes: AnnualMonitor.annualMonitorNotes,
      tables,
      asRecords: false,
      units: Release.unitsOf(tables, byPersonYear(registrations), (group) =>
        AnnualMonitor.annualMonitorTables({ year, registrations: group, topNationalities }),
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
      units: Release.unitsOf(tables, groups, ({ request, placements }) =>
        PlacementReport.placementReportTables({ from, to, requests: [request], placements, capacity: [] }),
      ),
      dataAsOf: yield* statistics.placementsChangedOn({ from, to }),
    } satisfies ReportDraft;
  });

/** The Eurostat crim_thb breakdown of the registered victims of a year. */
const eurostatDraft = (year: number) =>
  Effect.gen(function* () {
    const registrations = yield* countableOf(year, false);
    const tables = EurostatCrimThb.eurostatCrimThbTables({ year, registrations });
    return {
      title: EurostatCrimThb.eurostatCrimThbTitle(year),
      period: yearPeriod(year),
      notes: EurostatCrimThb.eurostatCrimThbNotes,
      tables,
      asRecords: false,
      units: Release.unitsOf(tables, byPersonYear(registrations), (group) =>
        EurostatCrimThb.eurostatCrimThbTables({ year, registrations: group }),
      ),
      dataAsOf: yield* registrationsChangedOn(year, year),
    } satisfies ReportDraft;
  });

/** The anonymised record export of a year in the HTCDS encoding: one table of record combinations. */
const htcdsDraft = (year: number, policy: DisclosurePolicy.DisclosurePolicy, frame: Frame | undefined) =>
  Effect.gen(function* () {
    const persons = Counting.countPersons(yield* countableOf(year, false), year);
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
      units: Release.unitsOf(
        tables,
        new Map(persons.map((person) => [Release.personYearUnit(year, person.personId), person])),
        (person) => [HtcdsExport.htcdsRecordTable([person], year, combinations)],
      ),
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
): Effect.Effect<ReportDraft, never, Ports.RegistrationRepository | Ports.StatisticsSource> => {
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
