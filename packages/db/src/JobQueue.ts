import { sql } from "drizzle-orm";
import { Context, Effect, Layer } from "effect";
import { fromPglite, type Job, PgBoss } from "pg-boss";
import { Database } from "./Database.js";
import { describeError } from "./ErrorDescription.js";

/** A queue and how its jobs are retried: a job whose worker dies stops sending heartbeats and is run again. */
export interface QueueDefinition {
  readonly name: string;
  /** How often a job is tried again after it failed or its worker died. */
  readonly retryLimit: number;
  /** A running job's worker proves it is alive this often; a job without a heartbeat for longer is retried. */
  readonly heartbeatSeconds: number;
  /** The longest a job may run. */
  readonly expireInSeconds: number;
  /**
   * Where the data of a job goes once it has failed every try (a worker that died counts as a failure): a queue of
   * its own, whose worker records that the work was given up, so nothing waits for it forever.
   */
  readonly deadLetter?: QueueDefinition;
}

/** A recurring job: a cron expression in a time zone, and the data each run gets. */
export interface ScheduleDefinition {
  readonly key: string;
  readonly cron: string;
  readonly data: object;
}

/** The states of a job that will still run, or runs now. */
const pendingStates: ReadonlySet<string> = new Set(["created", "retry", "active"]);

const log = (level: "info" | "error", msg: string, fields: Record<string, unknown>) => {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  if (level === "error") console.error(line);
  else console.log(line);
};

/**
 * Runs one job and logs its start and its end (completed, or failed with `describeError` of the error: its classes
 * and SQLSTATE, not its message, which may quote query parameters) with the job's id, its try and this process's
 * id, so the logs of several workers tell which one ran a job and why a try failed. Job data is never logged.
 */
const runJob = async <T>(queue: QueueDefinition, job: Job<T>, handler: (data: T) => Promise<void>) => {
  const fields = { queue: queue.name, jobId: job.id, try: job.retryCount + 1, pid: process.pid };
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  log("info", "job started", fields);
  try {
    await handler(job.data);
  } catch (error) {
    log("error", "job failed", { ...fields, durationMs: durationMs(), ...describeError(error) });
    throw error;
  }
  log("info", "job completed", { ...fields, durationMs: durationMs() });
};

/**
 * Whether `schema` exists: an application role that may not create schemas (docs/deploy.md, "Database roles") finds
 * the queue's schema made for it by the owner, and pg-boss must then not try to create it again.
 */
const hasSchema = async (database: Database["Service"], schema: string) => {
  const result: unknown = await database.drizzle.execute(sql`select 1 from pg_namespace where nspname = ${schema}`);
  const rows = Array.isArray(result) ? result : (result as { rows: ReadonlyArray<unknown> }).rows;
  return rows.length > 0;
};

/**
 * The durable job queue on PostgreSQL (pg-boss), on the same database as the data: the server's, or the embedded
 * PGlite. Jobs survive a crash of the process that runs them: a job whose worker stops sending heartbeats is retried.
 * pg-boss starts on first use, so a process that never queues anything pays nothing. Send jobs after the
 * transaction that made their work has committed (PGlite has a single connection).
 */
export class JobQueue extends Context.Service<
  JobQueue,
  {
    readonly send: (queue: QueueDefinition, data: object) => Effect.Effect<void>;
    /**
     * Sends a job unless the queue holds one with the same data that is waiting, waiting for a retry or running:
     * for work that every starting process sends again in case its job was lost, which must not then run twice
     * beside the job that was sent (two processes that find no job at the same moment may still both send one).
     */
    readonly sendUnlessPending: (queue: QueueDefinition, data: object) => Effect.Effect<void>;
    /**
     * Runs `handler` for each job of the queue, one at a time in this process, until the layer closes; logs each
     * job's start and end (a failed try with its error) with the job id and the process id, never its data.
     */
    readonly work: <T>(queue: QueueDefinition, handler: (data: T) => Promise<void>) => Effect.Effect<void>;
    /** Sends a job to the queue on a schedule (cron, Europe/Amsterdam time); the same key replaces the schedule. */
    readonly schedule: (queue: QueueDefinition, schedule: ScheduleDefinition) => Effect.Effect<void>;
  }
>()("@comensha/db/JobQueue") {
  /** The queue on the open Database; stops pg-boss (letting a running job finish, bounded) when the layer closes. */
  static readonly layer = (
    options: {
      /** How often pg-boss looks for dead workers and due schedules, in seconds (10); lower in tests. */
      readonly superviseIntervalSeconds?: number;
    } = {},
  ) =>
    Layer.effect(
      JobQueue,
      Effect.gen(function* () {
        const database = yield* Database;
        const interval = options.superviseIntervalSeconds ?? 10;
        const settings = {
          schema: "pgboss",
          superviseIntervalSeconds: interval,
          monitorIntervalSeconds: interval,
          cronMonitorIntervalSeconds: Math.max(interval, 10),
          registerInstance: false,
        };
        let started: Promise<PgBoss> | undefined;
        const created = new Map<string, Promise<void>>();
        const boss = () => {
          started ??= (async () => {
            const connection = database.connection;
            const instance =
              connection.kind === "pglite"
                ? new PgBoss({ ...settings, db: fromPglite(connection.client), backend: "pglite" })
                : new PgBoss({
                    ...settings,
                    connectionString: connection.url,
                    max: 4,
                    createSchema: !(await hasSchema(database, settings.schema)),
                  });
            instance.on("error", (error: unknown) => {
              log("error", "job queue error", describeError(error));
            });
            await instance.start();
            return instance;
          })();
          return started;
        };
        const queueOf = async (queue: QueueDefinition): Promise<PgBoss> => {
          const instance = await boss();
          let ready = created.get(queue.name);
          if (ready === undefined) {
            ready = (async () => {
              // A dead letter queue must exist before the queue that names it.
              if (queue.deadLetter !== undefined) await queueOf(queue.deadLetter);
              const deadLetter = queue.deadLetter?.name;
              const existing = await instance.getQueue(queue.name);
              if (existing !== null) {
                // A queue made before it had a dead letter queue gets one.
                if (deadLetter !== undefined && existing.deadLetter !== deadLetter) {
                  await instance.updateQueue(queue.name, { deadLetter });
                }
                return;
              }
              await instance.createQueue(queue.name, {
                retryLimit: queue.retryLimit,
                retryDelay: 1,
                retryBackoff: true,
                heartbeatSeconds: queue.heartbeatSeconds,
                expireInSeconds: queue.expireInSeconds,
                ...(deadLetter === undefined ? {} : { deadLetter }),
              });
            })();
            created.set(queue.name, ready);
          }
          await ready;
          return instance;
        };
        yield* Effect.addFinalizer(() =>
          started === undefined
            ? Effect.void
            : Effect.promise(async () => {
                const instance = await started;
                await instance?.stop({ graceful: true, timeout: 10_000, close: true });
              }).pipe(Effect.ignore),
        );
        return JobQueue.of({
          send: (queue, data) =>
            Effect.asVoid(Effect.promise(async () => (await queueOf(queue)).send(queue.name, data))),
          sendUnlessPending: (queue, data) =>
            Effect.promise(async () => {
              const instance = await queueOf(queue);
              const jobs = await instance.findJobs(queue.name, { data });
              if (jobs.some((job) => pendingStates.has(job.state))) return;
              await instance.send(queue.name, data);
            }),
          work: <T>(queue: QueueDefinition, handler: (data: T) => Promise<void>) =>
            Effect.asVoid(
              Effect.promise(async () =>
                (await queueOf(queue)).work<T>(
                  queue.name,
                  { batchSize: 1, pollingIntervalSeconds: 1 },
                  async (jobs) => {
                    for (const job of jobs) await runJob(queue, job, handler);
                  },
                ),
              ),
            ),
          schedule: (queue, schedule) =>
            Effect.promise(async () =>
              (await queueOf(queue)).schedule(queue.name, schedule.cron, schedule.data, {
                key: schedule.key,
                tz: "Europe/Amsterdam",
              }),
            ),
        });
      }),
    );
}
