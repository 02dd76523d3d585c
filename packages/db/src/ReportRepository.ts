import { Ports, ReportJob } from "@comensha/domain";
import { and, asc, desc, eq, lt, max, ne } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
import { cursorOf, pageOf } from "./Cursor.js";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { reportArtifacts, reportReleases, reports } from "./schema.js";

const decodeJob = Schema.decodeUnknownSync(ReportJob.ReportJob);

type Row = typeof reports.$inferSelect;
type ArtifactRow = Omit<typeof reportArtifacts.$inferSelect, "bytes" | "createdAt" | "reportId">;

const artifactColumns = {
  name: reportArtifacts.name,
  format: reportArtifacts.format,
  language: reportArtifacts.language,
  mediaType: reportArtifacts.mediaType,
  size: reportArtifacts.size,
  sha256: reportArtifacts.sha256,
};

const toArtifact = (row: ArtifactRow) => ({
  name: row.name,
  format: row.format,
  ...(row.language === null ? {} : { language: row.language }),
  mediaType: row.mediaType,
  size: row.size,
  sha256: row.sha256,
});

const toJob = (row: Row, artifacts: ReadonlyArray<ArtifactRow>) =>
  decodeJob({
    id: row.id,
    parameters: row.parameters,
    policy: row.policy,
    status: row.status,
    progress: row.progress,
    origin: row.origin,
    requestedAt: toIsoTimestamp(row.requestedAt),
    completedAt: row.completedAt === null ? null : toIsoTimestamp(row.completedAt),
    dataAsOf: row.dataAsOf,
    error: row.error,
    artifacts: artifacts.map(toArtifact),
  });

/** The domain's ReportRepository on drizzle: reports, their progress, and their artifacts (bytes in the database). */
export const ReportRepositoryLive = Layer.effect(
  Ports.ReportRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    const transactor = yield* Ports.Transactor;

    /**
     * Registers the release of a completed report, under a lock of its family, unless another release of the family
     * was registered after the one it was checked against: then it fails and the report is checked again.
     */
    const register = (
      reportId: string,
      release: { readonly family: string; readonly tables: unknown; readonly checkedAgainst: number },
    ) =>
      Effect.gen(function* () {
        yield* transactor.lock([`release-register:${release.family}`]);
        const [latest] = yield* query((db) =>
          db
            .select({ sequence: max(reportReleases.sequence) })
            .from(reportReleases)
            .where(eq(reportReleases.family, release.family)),
        );
        if (Number(latest?.sequence ?? 0) > release.checkedAgainst) {
          return yield* new Ports.ReleaseOvertaken({ family: release.family });
        }
        const [report] = yield* query((db) =>
          db
            .select({ parameters: reports.parameters, policy: reports.policy })
            .from(reports)
            .where(eq(reports.id, reportId)),
        );
        yield* query((db) =>
          db.insert(reportReleases).values({
            reportId,
            family: release.family,
            parameters: report?.parameters ?? {},
            policy: report?.policy ?? {},
            tables: release.tables,
          }),
        );
      });

    const artifactsOf = (id: string) =>
      query((db) =>
        db
          .select(artifactColumns)
          .from(reportArtifacts)
          .where(eq(reportArtifacts.reportId, id))
          .orderBy(asc(reportArtifacts.name)),
      );

    const findById = (id: ReportJob.ReportId) =>
      Effect.gen(function* () {
        const [row] = yield* query((db) => db.select().from(reports).where(eq(reports.id, id)));
        if (row === undefined) return yield* new ReportJob.ReportNotFound({ id });
        return toJob(row, yield* artifactsOf(id));
      });

    return Ports.ReportRepository.of({
      create: (input) =>
        Effect.gen(function* () {
          const id = yield* ids.next;
          const [row] = yield* query((db) =>
            db
              .insert(reports)
              .values({
                id,
                kind: input.parameters.kind,
                parameters: input.parameters,
                policy: input.policy,
                status: "queued",
                origin: input.origin,
                requestedBy: input.requestedBy,
              })
              .returning(),
          );
          if (row === undefined) return yield* Effect.die(new Error("insert returned no row"));
          return toJob(row, []);
        }),
      findById,
      list: (page) =>
        Effect.gen(function* () {
          const before = yield* cursorOf(page.cursor);
          const rows = yield* query((db) =>
            db
              .select()
              .from(reports)
              .where(before === undefined ? undefined : lt(reports.id, before))
              .orderBy(desc(reports.id))
              .limit(page.limit + 1),
          );
          const result = pageOf(rows, page.limit);
          const data = yield* Effect.forEach(result.data, (row) =>
            Effect.map(artifactsOf(row.id), (artifacts) => toJob(row, artifacts)),
          );
          return { data, nextCursor: result.nextCursor };
        }),
      listWaiting: Effect.gen(function* () {
        const rows = yield* query((db) =>
          db.select().from(reports).where(eq(reports.status, "queued")).orderBy(asc(reports.id)),
        );
        return rows.map((row) => toJob(row, []));
      }),
      setProgress: (id, progress) =>
        Effect.asVoid(
          query((db) =>
            db
              .update(reports)
              .set({ status: "running", progress: Math.max(0, Math.min(99, Math.round(progress))) })
              .where(and(eq(reports.id, id), ne(reports.status, "completed"))),
          ),
        ),
      complete: (input) =>
        transactor.transaction(
          Effect.gen(function* () {
            const [claimed] = yield* query((db) =>
              db
                .update(reports)
                .set({
                  status: "completed",
                  progress: 100,
                  completedAt: new Date().toISOString(),
                  dataAsOf: input.dataAsOf,
                  error: null,
                })
                .where(and(eq(reports.id, input.id), ne(reports.status, "completed")))
                .returning({ id: reports.id }),
            );
            if (claimed === undefined) return false;
            if (input.release !== undefined) yield* register(input.id, input.release);
            if (input.artifacts.length > 0) {
              yield* query((db) =>
                db.insert(reportArtifacts).values(
                  input.artifacts.map((artifact) => ({
                    reportId: input.id,
                    name: artifact.name,
                    format: artifact.format,
                    language: artifact.language ?? null,
                    mediaType: artifact.mediaType,
                    size: artifact.size,
                    sha256: artifact.sha256,
                    bytes: artifact.bytes,
                  })),
                ),
              );
            }
            return true;
          }),
        ),
      fail: (id, error) =>
        Effect.asVoid(
          query((db) =>
            db
              .update(reports)
              .set({ status: "failed", error })
              .where(and(eq(reports.id, id), ne(reports.status, "completed"))),
          ),
        ),
      readArtifact: (id, name) =>
        Effect.gen(function* () {
          const job = yield* findById(id);
          const [row] = yield* query((db) =>
            db
              .select({ ...artifactColumns, bytes: reportArtifacts.bytes })
              .from(reportArtifacts)
              .where(and(eq(reportArtifacts.reportId, job.id), eq(reportArtifacts.name, name))),
          );
          if (row === undefined) return undefined;
          const artifact = Schema.decodeUnknownSync(ReportJob.ReportArtifact)(toArtifact(row));
          return { ...artifact, bytes: row.bytes };
        }),
    });
  }),
);
