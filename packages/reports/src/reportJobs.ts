import { JobQueue, type QueueDefinition } from "@comensha/db";
import { DisclosurePolicy, IsoDate, Ports, type Report, ReportJob } from "@comensha/domain";
import { Clock, Effect } from "effect";
import { produceReport } from "./produceReport.js";

/** The reports whose job failed every try: their worker marks them failed, so no one waits for them forever. */
export const givenUpReportQueue: QueueDefinition = {
  name: "report-given-up",
  retryLimit: 3,
  heartbeatSeconds: 10,
  expireInSeconds: 600,
};

/**
 * The queue of reports to produce. A worker that dies mid-report stops sending heartbeats; after 30 seconds
 * without one the job is run again, and completing a report twice stores it once. Producing a report is CPU-bound
 * work that holds the worker's event loop for seconds at a time; on a busy 2-core machine 10 seconds was too short
 * a window, and a live worker's job was failed and queued for a retry while it finished. A job that fails every try
 * goes to {@link givenUpReportQueue}.
 */
export const reportQueue: QueueDefinition = {
  name: "report",
  retryLimit: 5,
  heartbeatSeconds: 30,
  expireInSeconds: 3600,
  deadLetter: givenUpReportQueue,
};

/** Why a report whose job failed every try is failed; the worker's log has each try's error. */
export const givenUpReason = `the report could not be produced in ${reportQueue.retryLimit + 1} tries (the worker's log says why); request it again`;

/** Marks a report whose job failed every try as failed, unless it completed after all. */
export const giveUpReport = (id: ReportJob.ReportId) =>
  Effect.flatMap(Ports.ReportRepository, (reports) => reports.fail(id, givenUpReason));

/** The queue the schedule sends to: each job requests one scheduled report. */
export const scheduleQueue: QueueDefinition = {
  name: "report-schedule",
  retryLimit: 3,
  heartbeatSeconds: 10,
  expireInSeconds: 600,
};

/** When the scheduled reports run (Europe/Amsterdam): the annual monitor on 15 January, placements each quarter. */
export const reportSchedules: ReadonlyArray<{ readonly kind: ReportJob.ScheduledReport; readonly cron: string }> = [
  { kind: "annual_monitor", cron: "0 6 15 1 *" },
  { kind: "placement_report", cron: "0 6 1 1,4,7,10 *" },
];

/** Records a requested report, queued; send it with {@link enqueueReport} once the transaction has committed. */
export const createReport = (input: {
  readonly parameters: Report.ReportParameters;
  readonly policy?: DisclosurePolicy.DisclosurePolicy | undefined;
  readonly origin: ReportJob.ReportOrigin;
  readonly requestedBy: string;
}) =>
  Effect.flatMap(Ports.ReportRepository, (reports) =>
    reports.create({
      parameters: input.parameters,
      policy: input.policy ?? DisclosurePolicy.defaultPolicy,
      origin: input.origin,
      requestedBy: input.requestedBy,
    }),
  );

/** Hands a recorded report to the workers. */
export const enqueueReport = (id: ReportJob.ReportId) =>
  Effect.flatMap(JobQueue, (queue) => queue.send(reportQueue, { reportId: id }));

/** Options of the report worker. */
export interface ReportWorkerOptions {
  /** A pause after each step of a report, to let tests stop a worker mid-report; 0 in production. */
  readonly stepDelayMillis?: number;
}

/**
 * Produces one recorded report and stores its files, unless it is already completed or failed (a job retried
 * after a crash finds the work done). A table that fails the disclosure checker fails the report for good; any
 * other failure is a defect, and the queue retries the job.
 */
export const runReport = (id: ReportJob.ReportId, options: ReportWorkerOptions = {}) =>
  Effect.gen(function* () {
    const reports = yield* Ports.ReportRepository;
    const job = yield* reports.findById(id);
    if (job.status === "completed" || job.status === "failed") return job.status;
    yield* reports.setProgress(id, 1);
    const pause = options.stepDelayMillis ?? 0;
    // A release of the same family registered while this one was checked overtakes it: check again against it.
    for (let attempt = 1; ; attempt++) {
      const produced = yield* Effect.result(
        produceReport(job.parameters, job.policy, (percent) =>
          Effect.andThen(reports.setProgress(id, percent), pause > 0 ? Effect.sleep(pause) : Effect.void),
        ),
      );
      if (produced._tag === "Failure") {
        const error = produced.failure;
        yield* reports.fail(
          id,
          error.tableId === "policy"
            ? `the policy is weaker than the minimum: ${error.violations.join("; ")}`
            : error.tableId === "releases"
              ? `the report cannot be released together with those already published: ${error.violations.join("; ")}`
              : `table ${error.tableId} failed the disclosure check: ${error.violations.join("; ")}`,
        );
        return "failed" as const;
      }
      const completed = yield* Effect.result(
        reports.complete({
          id,
          dataAsOf: produced.success.report.dataAsOf,
          artifacts: produced.success.artifacts,
          release: produced.success.release,
        }),
      );
      if (completed._tag === "Success" || attempt >= maxAttempts) return "completed" as const;
    }
  });

/** How often a report overtaken by other releases is checked again before its job is left to the queue's retries. */
const maxAttempts = 5;

/** Today's date in the Netherlands. */
const todayInAmsterdam = Effect.map(Clock.currentTimeMillis, (millis) =>
  IsoDate.make(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date(millis))),
);

/** Requests the scheduled report of `kind` for the period before today, and queues it. */
export const requestScheduledReport = (kind: ReportJob.ScheduledReport) =>
  Effect.gen(function* () {
    const parameters = ReportJob.scheduledParameters(kind, yield* todayInAmsterdam);
    const job = yield* createReport({ parameters, origin: "schedule", requestedBy: "schedule" });
    yield* enqueueReport(job.id);
    return job;
  });

/**
 * Starts the report worker in this process: it takes report jobs from the queue one at a time, fails the reports
 * whose job failed every try, requeues reports left queued whose job is gone (it may never have been sent; one that
 * is still waiting or running is left alone, so workers starting together do not produce a report twice), and keeps
 * the schedule of the periodic reports.
 */
export const startReportWorker = (options: ReportWorkerOptions = {}) =>
  Effect.gen(function* () {
    const queue = yield* JobQueue;
    const context = yield* Effect.context<JobQueue | Ports.ReportRepository | ReportServices>();
    const run = <A, E>(effect: Effect.Effect<A, E, JobQueue | Ports.ReportRepository | ReportServices>) =>
      Effect.runPromiseWith(context)(effect);
    yield* queue.work<{ readonly reportId: string }>(reportQueue, async ({ reportId }) => {
      await run(Effect.orDie(runReport(ReportJob.ReportId.make(reportId), options)));
    });
    yield* queue.work<{ readonly reportId: string }>(givenUpReportQueue, async ({ reportId }) => {
      await run(giveUpReport(ReportJob.ReportId.make(reportId)));
    });
    yield* queue.work<{ readonly kind: ReportJob.ScheduledReport }>(scheduleQueue, async ({ kind }) => {
      await run(requestScheduledReport(kind));
    });
    for (const schedule of reportSchedules) {
      yield* queue.schedule(scheduleQueue, { key: schedule.kind, cron: schedule.cron, data: { kind: schedule.kind } });
    }
    const reports = yield* Ports.ReportRepository;
    const waiting = yield* reports.listWaiting;
    yield* Effect.forEach(waiting, (job) => queue.sendUnlessPending(reportQueue, { reportId: job.id }), {
      discard: true,
    });
  });

/** The services producing a report reads. */
export type ReportServices = Ports.RegistrationRepository | Ports.StatisticsSource | Ports.ReleaseRegister;
