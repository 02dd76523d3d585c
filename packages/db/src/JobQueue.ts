import { Context, Effect, Layer } from "effect";
import { fromPglite, PgBoss } from "pg-boss";
import { Database } from "./Database.js";

/** A queue and how its jobs are retried: a job whose worker dies stops sending heartbeats and is run again. */
export interface QueueDefinition {
  readonly name: string;
  /** How often a job is tried again after it failed or its worker died. */
  readonly retryLimit: number;
  /** A running job's worker proves it is alive this often; a job without a heartbeat for longer is retried. */
  readonly heartbeatSeconds: number;
  /** The longest a job may run. */
  readonly expireInSeconds: number;
}

/** A recurring job: a cron expression in a time zone, and the data each run gets. */
export interface ScheduleDefinition {
  readonly queue: string;
  readonly key: string;
  readonly cron: string;
  readonly data: object;
}

/**
 * The durable job queue on PostgreSQL (pg-boss), on the same database as the data: the server's, or the embedded
 * PGlite. Jobs survive a crash of the process that runs them: a job whose worker stops sending heartbeats is retried.
 * Send jobs after the transaction that made their work has committed (PGlite has a single connection).
 */
export class JobQueue extends Context.Service<
  JobQueue,
  {
    readonly send: (queue: string, data: object) => Effect.Effect<void>;
    /** Runs `handler` for each job of the queue, one at a time in this process, until the layer closes. */
    readonly work: <T>(queue: string, handler: (data: T) => Promise<void>) => Effect.Effect<void>;
    readonly schedule: (schedule: ScheduleDefinition) => Effect.Effect<void>;
  }
>()("@comensha/db/JobQueue") {
  /** Starts pg-boss on the open Database and creates the queues; stops it (waiting for running jobs) on close. */
  static readonly layer = (options: {
    readonly queues: ReadonlyArray<QueueDefinition>;
    /** How often pg-boss looks for dead workers and due schedules; lower in tests. */
    readonly superviseIntervalSeconds?: number;
  }) =>
    Layer.effect(
      JobQueue,
      Effect.gen(function* () {
        const database = yield* Database;
        const interval = options.superviseIntervalSeconds ?? 10;
        const common = {
          schema: "pgboss",
          superviseIntervalSeconds: interval,
          monitorIntervalSeconds: interval,
          cronMonitorIntervalSeconds: Math.max(interval, 10),
          registerInstance: false,
        };
        const boss = yield* Effect.acquireRelease(
          Effect.promise(async () => {
            const connection = database.connection;
            const instance =
              connection.kind === "pglite"
                ? new PgBoss({ ...common, db: fromPglite(connection.client), backend: "pglite" })
                : new PgBoss({ ...common, connectionString: connection.url, max: 4 });
            instance.on("error", (error: unknown) => {
              console.error(JSON.stringify({ level: "error", msg: "job queue error", error: String(error) }));
            });
            await instance.start();
            for (const queue of options.queues) {
              if ((await instance.getQueue(queue.name)) === null) {
                await instance.createQueue(queue.name, {
                  retryLimit: queue.retryLimit,
                  retryDelay: 1,
                  retryBackoff: true,
                  heartbeatSeconds: queue.heartbeatSeconds,
                  expireInSeconds: queue.expireInSeconds,
                });
              }
            }
            return instance;
          }),
          (instance) => Effect.promise(() => instance.stop({ graceful: true, timeout: 10_000, close: true })),
        );
        return JobQueue.of({
          send: (queue, data) => Effect.asVoid(Effect.promise(() => boss.send(queue, data))),
          work: <T>(queue: string, handler: (data: T) => Promise<void>) =>
            Effect.asVoid(
              Effect.promise(() =>
                boss.work<T>(queue, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
                  for (const job of jobs) await handler(job.data);
                }),
              ),
            ),
          schedule: (schedule) =>
            Effect.promise(() =>
              boss.schedule(schedule.queue, schedule.cron, schedule.data, {
                key: schedule.key,
                tz: "Europe/Amsterdam",
              }),
            ),
        });
      }),
    );
}
