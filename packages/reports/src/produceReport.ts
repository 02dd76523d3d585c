import { createHash } from "node:crypto";
import {
  type CodeList,
  Disclosure,
  DisclosureCheck,
  DisclosurePolicy,
  HtcdsExport,
  HtcdsStandard,
  KAnonymityCheck,
  Ports,
  Release,
  type Report,
  type ReportJob,
  StatTable,
} from "@comensha/domain";
import { Effect } from "effect";
import { renderCsv, renderRecordsCsv } from "./csv.js";
import { draftReport, type ReportDraft } from "./drafts.js";
import { renderEurostatFiles } from "./eurostatFiles.js";
import { renderHtml } from "./html.js";
import {
  auditReleases,
  type JointProtection,
  type JointRelease,
  type PinnedValue,
  protectJointly,
} from "./jointDisclosure.js";
import { renderJson, reportJsonSchema } from "./json.js";

const languages: ReadonlyArray<CodeList.Language> = ["nl", "en"];

/** The file name stem of a report: its kind and period, e.g. `annual_monitor-2025`. */
export const artifactStem = (parameters: Report.ReportParameters): string => {
  switch (parameters.kind) {
    case "placement_report":
      return `${parameters.kind}-${parameters.from}_${parameters.to}`;
    default:
      return `${parameters.kind}-${parameters.year}`;
  }
};

const encoder = new TextEncoder();

const artifact = (
  name: string,
  format: ReportJob.ArtifactFormat,
  mediaType: string,
  text: string,
  language?: CodeList.Language,
): Ports.ArtifactContent => {
  const bytes = encoder.encode(text);
  return {
    name,
    format,
    ...(language === undefined ? {} : { language }),
    mediaType,
    size: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    bytes,
  };
};

/**
 * Renders a published report into its files: CSV (the records, for an export) and HTML in Dutch and English, JSON and
 * its JSON Schema, and for the Eurostat breakdown each dataset in Eurostat's own layout and as SDMX-CSV.
 */
export const renderArtifacts = (report: Report.PublishedReport): ReadonlyArray<Ports.ArtifactContent> => {
  const stem = artifactStem(report.parameters);
  const records = report.records;
  return [
    ...(records === undefined
      ? languages.map((lang) =>
          artifact(`${stem}.${lang}.csv`, "csv", "text/csv; charset=utf-8", renderCsv(report, lang), lang),
        )
      : [
          artifact(
            `${stem}.csv`,
            "csv",
            "text/csv; charset=utf-8",
            renderRecordsCsv(records, { dataAsOf: report.dataAsOf, minimumRecords: HtcdsExport.htcdsK(report.policy) }),
          ),
        ]),
    artifact(`${stem}.json`, "json", "application/json", renderJson(report)),
    artifact(`${stem}.schema.json`, "json", "application/schema+json", reportJsonSchema()),
    ...languages.map((lang) =>
      artifact(`${stem}.${lang}.html`, "html", "text/html; charset=utf-8", renderHtml(report, lang), lang),
    ),
    ...(report.parameters.kind === "eurostat_crim_thb"
      ? renderEurostatFiles(report).map((file) => artifact(file.name, "csv", file.mediaType, file.text))
      : []),
  ];
};

/** The position keys of the positions of `table` (its index among the release's tables) in `positions`. */
const suppressedKeysOf = (
  positions: ReadonlyArray<Release.ReleasePosition>,
  suppressed: ReadonlySet<number>,
  table: number,
): ReadonlySet<string> =>
  new Set(
    positions.flatMap((position, index) =>
      position.table === table && suppressed.has(index) ? [StatTable.refKey(position.ref)] : [],
    ),
  );

/** The positions (indices into `positions`) that `tables` withhold. */
const withheldIn = (
  positions: ReadonlyArray<Release.ReleasePosition>,
  tables: ReadonlyArray<StatTable.PublishedTable>,
): ReadonlySet<number> =>
  new Set(
    positions.flatMap((position, index) => {
      const table = tables[position.table];
      return table !== undefined && StatTable.valueAt(table, position.ref) === null ? [index] : [];
    }),
  );

/**
 * The earlier releases a report of `parameters` is checked against: every registered release of its family that
 * counts any of its data ({@link Release.isRelated}), each drafted again from today's data with the axes it was
 * published with, and withholding what it withheld. Today's data stands in for the data each was made from:
 * registrations corrected since an earlier release make its published values differ from these.
 */
const earlierReleases = (parameters: Report.ReportParameters) =>
  Effect.gen(function* () {
    const scope = Release.scopeOf(parameters);
    const register = yield* Ports.ReleaseRegister;
    const { releases, sequence } = yield* register.listFamily(scope.family);
    const related = releases.filter((release) => Release.isRelated(scope, Release.scopeOf(release.parameters)));
    const joint = yield* Effect.forEach(related, (release) =>
      Effect.map(
        draftReport(release.parameters, release.policy, release.tables),
        (draft): LazyRelease => ({
          name: `${artifactStem(release.parameters)} (${release.releasedAt.slice(0, 10)})`,
          tables: draft.tables,
          units: draft.units,
          suppressed: withheldIn(draft.positions, release.tables),
        }),
      ),
    );
    return { scope, releases: joint, sequence, registered: related };
  });

/** A {@link JointRelease} whose units are computed only when a joint check needs them. */
type LazyRelease = Omit<JointRelease, "units"> & { readonly units: ReportDraft["units"] };

/**
 * The releases with their units: the check of releases together needs them, as it has values to protect. Taking
 * a release of the registrations family apart by unit is another query, over the person-year classes.
 */
const withUnits = (releases: ReadonlyArray<LazyRelease>) =>
  Effect.forEach(releases, (release) => Effect.map(release.units, (units): JointRelease => ({ ...release, units })));

/**
 * Protects `mine` together with the releases already out and audits the result ({@link protectJointly},
 * {@link auditReleases}). When no release withholds anything there is nothing to protect, and the check gives what
 * it would give without taking any release apart: nothing more withheld, nothing pinned.
 */
const protectTogether = (
  earlier: ReadonlyArray<LazyRelease>,
  mine: LazyRelease,
  scope: Release.ReleaseScope,
): Effect.Effect<
  {
    readonly joint: JointProtection;
    readonly audit: () => Effect.Effect<ReadonlyArray<PinnedValue>>;
  },
  never,
  Ports.StatisticsSource
> =>
  Effect.gen(function* () {
    if (mine.suppressed.size === 0 && earlier.every((release) => release.suppressed.size === 0)) {
      return {
        joint: { suppressed: new Set<number>(), added: [], published: [], unprotectable: [] },
        audit: () => Effect.succeed([]),
      };
    }
    const releases = yield* withUnits([...earlier, mine]);
    const others = releases.slice(0, -1);
    const own = releases.at(-1) as JointRelease;
    const joint = yield* Effect.promise(() => protectJointly(others, own, scope));
    return {
      joint,
      audit: () => Effect.promise(() => auditReleases([...others, { ...own, suppressed: joint.suppressed }], scope)),
    };
  });

/** The note of a report that withheld more than each table needed on its own: for its tables together, or with the releases already out. */
const jointNote = (added: number): CodeList.Label => ({
  nl: `Om te voorkomen dat de tabellen van dit rapport samen, of samen met eerder gepubliceerde rapporten over dezelfde gegevens, een onderdrukte waarde verraden, ${added === 1 ? "is 1 extra waarde" : `zijn ${added} extra waarden`} weggelaten.`,
  en: `To keep the tables of this report, taken together or with the reports already published from the same data, from giving away a suppressed value, ${added} further value${added === 1 ? " was" : "s were"} withheld.`,
});

const sameShape = (
  a: StatTable.PublishedTable | StatTable.CountTable,
  b: StatTable.PublishedTable | StatTable.CountTable,
) =>
  a.id === b.id &&
  JSON.stringify(a.rows.categories.map((category) => category.code)) ===
    JSON.stringify(b.rows.categories.map((category) => category.code)) &&
  JSON.stringify(a.columns.categories.map((category) => category.code)) ===
    JSON.stringify(b.columns.categories.map((category) => category.code));

/**
 * Where a report starts withholding: what the same report withheld when it was last released under the same policy
 * (when its tables still have the same categories), plus what is small now. A report run again on the same data so
 * starts from what is out and gives the same files; on changed data it starts close to what is out. Without such a
 * release, each table's own protection.
 */
const startingPattern = (
  parameters: Report.ReportParameters,
  policy: DisclosurePolicy.DisclosurePolicy,
  draft: ReportDraft,
  releases: ReadonlyArray<Release.Release>,
  own: ReadonlySet<number>,
  small: ReadonlySet<number>,
): ReadonlySet<number> => {
  const previous = releases
    .filter(
      (release) =>
        JSON.stringify(release.parameters) === JSON.stringify(parameters) &&
        JSON.stringify(release.policy) === JSON.stringify(policy),
    )
    .at(-1);
  if (
    previous === undefined ||
    previous.tables.length !== draft.tables.length ||
    !previous.tables.every((table, index) => sameShape(table, draft.tables[index] as StatTable.CountTable))
  ) {
    return own;
  }
  return new Set([...withheldIn(draft.positions, previous.tables), ...small]);
};

/** The release a produced report is registered as: its family, its tables as published, and the register it saw. */
export interface ProducedRelease {
  readonly family: Release.ReleaseFamily;
  readonly tables: ReadonlyArray<StatTable.PublishedTable>;
  readonly checkedAgainst: number;
}

/**
 * Produces a report: the definition's exact tables, each protected under the policy, then protected together with
 * every release already registered from the same data ({@link protectJointly}: a linear-programming audit of the
 * bounds of every suppressed value, with more suppression where the releases together would pin one), then verified
 * twice: each table by the independent checker, and all releases together by a fresh audit. A report that fails
 * either is not published. Returns the report, its rendered files, and the release to register with it.
 * `onProgress` hears the percentage done after each step.
 */
export const produceReport = <R = never>(
  parameters: Report.ReportParameters,
  policy: DisclosurePolicy.DisclosurePolicy,
  onProgress: (percent: number) => Effect.Effect<void, never, R> = () => Effect.void as Effect.Effect<void, never, R>,
) => withRememberedCounts(produceReportOnce(parameters, policy, onProgress));

/**
 * Runs `effect` with a StatisticsSource that answers each question once: a report and the earlier releases drafted
 * again to check it with them (the annual monitor of a year and the same monitor released before, say) ask the
 * database for the same counts, and the same answer serves them all.
 */
const withRememberedCounts = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Ports.StatisticsSource, (statistics) => {
    const answers = new Map<string, unknown>();
    const remembered =
      <Q, B>(name: string, ask: (question: Q) => Effect.Effect<B>) =>
      (question: Q): Effect.Effect<B> =>
        Effect.suspend(() => {
          const key = `${name} ${JSON.stringify(question)}`;
          return answers.has(key)
            ? Effect.succeed(answers.get(key) as B)
            : Effect.tap(ask(question), (answer) => Effect.sync(() => answers.set(key, answer)));
        });
    return Effect.provideService(effect, Ports.StatisticsSource, {
      ...statistics,
      countedYears: remembered("countedYears", statistics.countedYears),
      personYearClasses: remembered("personYearClasses", statistics.personYearClasses),
    });
  });

const produceReportOnce = <R>(
  parameters: Report.ReportParameters,
  policy: DisclosurePolicy.DisclosurePolicy,
  onProgress: (percent: number) => Effect.Effect<void, never, R>,
) =>
  Effect.gen(function* () {
    // Whoever asked (the API, the CLI, a schedule or a row written by hand), nothing is published under a weaker policy.
    const weaker = DisclosurePolicy.policyViolations(policy);
    if (weaker.length > 0) {
      return yield* new DisclosureCheck.DisclosureCheckFailed({
        tableId: "policy",
        violations: weaker.map((violation) => `${violation.path.join(".")} ${violation.message}`),
      });
    }
    const draft = yield* draftReport(parameters, policy);
    const tablePolicy: DisclosurePolicy.DisclosurePolicy = draft.asRecords
      ? { threshold: HtcdsExport.htcdsK(policy) }
      : policy;
    yield* onProgress(10);
    const { positions } = draft;
    const own = new Set<number>();
    const small = new Set<number>();
    for (const [index, table] of draft.tables.entries()) {
      const { primary, secondary } = Disclosure.protect(table, tablePolicy);
      const primaryKeys = new Set(primary.map(StatTable.refKey));
      const keys = new Set([...primary, ...secondary].map(StatTable.refKey));
      positions.forEach((position, at) => {
        if (position.table !== index) return;
        const key = StatTable.refKey(position.ref);
        if (keys.has(key)) own.add(at);
        if (primaryKeys.has(key)) small.add(at);
      });
    }
    yield* onProgress(20);
    const earlier = yield* earlierReleases(parameters);
    const name = artifactStem(parameters);
    const mine = {
      name,
      tables: draft.tables,
      units: draft.units,
      suppressed: startingPattern(parameters, policy, draft, earlier.registered, own, small),
      primary: small,
    };
    const { joint, audit } = yield* protectTogether(earlier.releases, mine, earlier.scope);
    if (joint.unprotectable.length > 0) {
      return yield* new DisclosureCheck.DisclosureCheckFailed({
        tableId: "releases",
        violations: joint.unprotectable.map(
          (value) =>
            `${value.release}: ${value.tableId} ${value.position} is given away by the reports already published from the same data, whatever this report withholds (a value they publish cannot be withheld afterwards, e.g. by a stricter policy)`,
        ),
      });
    }
    // What the releases together needed beyond each table's own protection.
    const added = [...joint.suppressed].filter((position) => !own.has(position));
    yield* onProgress(70);
    const tables: Array<StatTable.PublishedTable> = [];
    for (const [index, table] of draft.tables.entries()) {
      const published = Disclosure.publish(
        table,
        suppressedKeysOf(positions, joint.suppressed, index),
        draft.asRecords ? undefined : policy.roundingBase,
      );
      yield* DisclosureCheck.verifyTable(table, published, tablePolicy);
      tables.push(published);
    }
    const pinned = yield* audit();
    if (pinned.length > 0) {
      return yield* new DisclosureCheck.DisclosureCheckFailed({
        tableId: "releases",
        violations: pinned.map((value) => `${value.release}: ${value.tableId} ${value.position} is pinned`),
      });
    }
    yield* onProgress(85);
    const records = draft.asRecords && tables[0] !== undefined ? HtcdsExport.htcdsRecordsOf(tables[0]) : undefined;
    if (records !== undefined) {
      const violations = [
        ...KAnonymityCheck.checkKAnonymity(records, HtcdsExport.htcdsK(policy), HtcdsExport.htcdsQuasiIdentifiers),
        ...HtcdsStandard.htcdsViolations(
          records.fields.map((field) => field.name),
          records.records,
          { extensions: HtcdsExport.htcdsExtensions },
        ),
      ];
      if (violations.length > 0) {
        return yield* new DisclosureCheck.DisclosureCheckFailed({ tableId: "records", violations });
      }
    }
    const report: Report.PublishedReport = {
      parameters,
      title: draft.title,
      period: draft.period,
      dataAsOf: draft.dataAsOf as Report.PublishedReport["dataAsOf"],
      policy,
      tables: draft.asRecords ? [] : tables,
      ...(records === undefined ? {} : { records }),
      notes: added.length > 0 ? [...draft.notes, jointNote(added.length)] : draft.notes,
    };
    const artifacts = renderArtifacts(report);
    yield* onProgress(95);
    const release: ProducedRelease = {
      family: earlier.scope.family,
      tables,
      checkedAgainst: earlier.sequence,
    };
    return { report, artifacts, release };
  });
