import { Ports, Release } from "@comensha/domain";
import { asc, eq, max } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { reportReleases } from "./schema.js";

const decodeRelease = Schema.decodeUnknownSync(Release.Release);

/**
 * The domain's ReleaseRegister on drizzle: the releases of a family, oldest first. Releases are written with the
 * report they belong to ({@link ReportRepositoryLive}'s `complete`), so a report is never out without being in it.
 */
export const ReleaseRegisterLive = Layer.effect(
  Ports.ReleaseRegister,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    return Ports.ReleaseRegister.of({
      listFamily: (family) =>
        Effect.gen(function* () {
          const rows = yield* query((db) =>
            db
              .select()
              .from(reportReleases)
              .where(eq(reportReleases.family, family))
              .orderBy(asc(reportReleases.sequence)),
          );
          const [latest] = yield* query((db) =>
            db
              .select({ sequence: max(reportReleases.sequence) })
              .from(reportReleases)
              .where(eq(reportReleases.family, family)),
          );
          return {
            releases: rows.map((row) =>
              decodeRelease({
                reportId: row.reportId,
                parameters: row.parameters,
                family: row.family,
                policy: row.policy,
                tables: row.tables,
                releasedAt: toIsoTimestamp(row.releasedAt),
              }),
            ),
            sequence: Number(latest?.sequence ?? 0),
          };
        }),
    });
  }),
);
