import { IdempotencyStore, JobQueue, type QueueDefinition, type ScheduleDefinition } from "@comensha/db";
import type { Ports } from "@comensha/domain";
import { Effect } from "effect";
import { expireLapsedOffers } from "./services/placements.js";
import { applyRetention, type RetentionRun } from "./services/retention.js";

/**
 * The queue of the offer-expiry job: lets lapsed offers expire, so their requests show as searching again; the same
 * run deletes stored idempotent answers past their retention, which otherwise stay until their key comes back.
 */
export const offerExpiryQueue: QueueDefinition = {
  name: "offer-expiry",
  retryLimit: 2,
  heartbeatSeconds: 10,
  expireInSeconds: 300,
};

/** Every five minutes (Europe/Amsterdam, like every schedule; the time zone does not matter here). */
export const offerExpirySchedule: ScheduleDefinition = { key: "offer-expiry", cron: "*/5 * * * *", data: {} };

/** What the placement jobs read and write. */
type PlacementJobServices =
  | JobQueue
  | IdempotencyStore
  | Ports.Transactor
  | Ports.PlacementRepository
  | Ports.PlacementRequestRepository
  | Ports.AuditLog;

/**
 * Starts the placement jobs in this process, next to the report worker: the offer-expiry job on its schedule, and
 * once at start, so offers that lapsed while no worker ran expire at once. Two workers running it at the same time
 * are harmless: each offer expires in its own transaction, once.
 */
export const startPlacementJobs = Effect.gen(function* () {
  const queue = yield* JobQueue;
  const context = yield* Effect.context<PlacementJobServices>();
  yield* queue.work(offerExpiryQueue, async () => {
    await Effect.runPromiseWith(context)(
      Effect.andThen(
        expireLapsedOffers,
        Effect.flatMap(IdempotencyStore, (store) => store.deleteExpired),
      ),
    );
  });
  yield* queue.schedule(offerExpiryQueue, offerExpirySchedule);
  yield* queue.send(offerExpiryQueue, {});
});

/** The queue of the retention job: applies the domain's retention policy (see `applyRetention`). */
export const retentionQueue: QueueDefinition = {
  name: "retention",
  retryLimit: 2,
  heartbeatSeconds: 30,
  expireInSeconds: 3600,
};

/** Daily at 03:30 (Europe/Amsterdam), when nobody works in the console. */
export const retentionSchedule: ScheduleDefinition = { key: "retention", cron: "30 3 * * *", data: {} };

/** What the retention job reads and writes. */
type RetentionJobServices =
  | IdempotencyStore
  | Ports.Transactor
  | Ports.ErasureRepository
  | Ports.RetentionRepository
  | Ports.AuditLog;

/**
 * Starts the retention job in this process, next to the report worker: daily on its schedule, and once at start. Its
 * counts (never data) go to `log`. Two workers running it at once are harmless (see `applyRetention`).
 */
export const startRetentionJob = (log: (run: RetentionRun) => void = () => undefined) =>
  Effect.gen(function* () {
    const queue = yield* JobQueue;
    const context = yield* Effect.context<RetentionJobServices>();
    yield* queue.work(retentionQueue, async () => {
      log(await Effect.runPromiseWith(context)(applyRetention));
    });
    yield* queue.schedule(retentionQueue, retentionSchedule);
    yield* queue.send(retentionQueue, {});
  });
