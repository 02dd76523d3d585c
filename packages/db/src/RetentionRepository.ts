import { type Person, Ports } from "@comensha/domain";
import { and, eq, inArray, isNotNull, isNull, lt, lte, max, or, sql } from "drizzle-orm";
import { Effect, Layer } from "effect";
import { Database, queryWith } from "./Database.js";
import {
  erasureRequests,
  loginThrottles,
  persons,
  placementRequests,
  placements,
  registrations,
  sessions,
} from "./schema.js";

/**
 * The domain's RetentionRepository on drizzle. It only compares with the cut-offs the domain computed from its
 * policy (Retention.ts); each statement is idempotent, so two workers running it at once, or twice, are harmless.
 */
export const RetentionRepositoryLive = Layer.effect(
  Ports.RetentionRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const count = <A>(rows: ReadonlyArray<A>) => rows.length;
    return Ports.RetentionRepository.of({
      listPersonsDue: (cutoffs, limit) =>
        Effect.map(
          query((db) => {
            const root = sql<string>`coalesce(${persons.mergedInto}, ${persons.id})`;
            // A person's last activity: the last change of any registration of theirs (a report, a correction, a
            // withdrawal) and the last change of any placement request of those registrations; a placement that has
            // not ended counts as activity today and later.
            const groups = db
              .select({
                root: root.as("root"),
                lastReport: max(registrations.updatedAt).as("last_report"),
                lastPlacement: sql<
                  string | null
                >`max(greatest(${placementRequests.updatedAt}, case when ${placements.id} is null then null else coalesce(${placements.endsOn}::timestamptz, 'infinity'::timestamptz) end))`.as(
                  "last_placement",
                ),
                everyReportClosed: sql<boolean>`bool_and(${registrations.status} in ('withdrawn', 'rejected'))`.as(
                  "every_report_closed",
                ),
                hasIdentifiers: sql<boolean>`bool_or(${registrations.erasedAt} is null)`.as("has_identifiers"),
              })
              .from(registrations)
              .innerJoin(persons, eq(persons.id, registrations.personId))
              .leftJoin(placementRequests, eq(placementRequests.registrationId, registrations.id))
              .leftJoin(placements, eq(placements.requestId, placementRequests.id))
              .groupBy(root)
              .as("groups");
            return db
              .select({ root: groups.root })
              .from(groups)
              .where(
                and(
                  groups.hasIdentifiers,
                  sql`greatest(${groups.lastReport}, ${groups.lastPlacement}) < case when ${groups.everyReportClosed} then ${cutoffs.withdrawnPersonsBefore}::timestamptz else ${cutoffs.inactivePersonsBefore}::timestamptz end`,
                ),
              )
              .orderBy(groups.root)
              .limit(limit);
          }),
          (rows) => rows.map((row) => row.root as Person.PersonId),
        ),
      eraseClosedRequestMedicalNeeds: (cutoffs) =>
        Effect.map(
          query((db) =>
            db
              .update(placementRequests)
              .set({ medicalNeeds: null })
              .where(
                and(
                  inArray(placementRequests.state, ["ended", "cancelled"]),
                  lt(placementRequests.updatedAt, cutoffs.closedRequestsBefore),
                  isNotNull(placementRequests.medicalNeeds),
                ),
              )
              .returning({ id: placementRequests.id }),
          ),
          count,
        ),
      eraseDecidedErasureReasons: (cutoffs) =>
        Effect.map(
          query((db) =>
            db
              .update(erasureRequests)
              .set({ reason: null, rejectionReason: null })
              .where(
                and(
                  lt(erasureRequests.decidedAt, cutoffs.erasureReasonsBefore),
                  or(isNotNull(erasureRequests.reason), isNotNull(erasureRequests.rejectionReason)),
                ),
              )
              .returning({ id: erasureRequests.id }),
          ),
          count,
        ),
      deleteEndedSessions: (cutoffs) =>
        Effect.map(
          query((db) =>
            db
              .delete(sessions)
              .where(or(lte(sessions.expiresAt, cutoffs.now), lte(sessions.lastSeenAt, cutoffs.sessionsIdleBefore)))
              .returning({ id: sessions.id }),
          ),
          count,
        ),
      deleteExpiredLoginThrottles: (cutoffs) =>
        Effect.map(
          query((db) =>
            db
              .delete(loginThrottles)
              .where(
                and(
                  or(isNull(loginThrottles.lockedUntil), lte(loginThrottles.lockedUntil, cutoffs.now)),
                  sql`not exists (select 1 from unnest(${loginThrottles.failures}) as failure(at) where failure.at > ${Date.parse(cutoffs.throttleFailuresBefore)})`,
                ),
              )
              .returning({ key: loginThrottles.key }),
          ),
          count,
        ),
    });
  }),
);
