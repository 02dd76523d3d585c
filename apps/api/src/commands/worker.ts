import { Database, sealLegacyPlaintext, storageLayer, verifyKeys } from "@comensha/db";
import { startReportWorker } from "@comensha/reports";
import { Effect, ManagedRuntime } from "effect";
import type { ApiConfig } from "../config.js";
import { startPlacementJobs, startRetentionJob } from "../jobs.js";
import { defaultDispatcherOptions, startWebhookDispatcher } from "../webhookDispatcher.js";

/**
 * Runs the report worker, the placement jobs (offer expiry) and the webhook dispatcher without the HTTP API until SIGTERM or SIGINT (one
 * that arrives while it is still starting stops it right after the start, through the same path), then
 * lets a running report finish (up to 10 seconds; a report cut off later is run again by the next worker). With
 * PostgreSQL, run as many as needed.
 */
export const runWorker = async (config: ApiConfig) => {
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
  const runtime = ManagedRuntime.make(storageLayer(config.storage));
  await runtime.runPromise(
    Effect.gen(function* () {
      yield* (yield* Database).migrate;
      yield* verifyKeys;
      yield* sealLegacyPlaintext;
      yield* startReportWorker({ stepDelayMillis: config.reportStepDelayMillis });
      yield* startPlacementJobs;
      yield* startRetentionJob((run) =>
        console.log(JSON.stringify({ level: "info", msg: "retention applied", ...run })),
      );
    }),
  );
  const dispatcher = startWebhookDispatcher(runtime, {
    ...defaultDispatcherOptions,
    pollMs: config.webhooks.pollMs,
    retryScale: config.webhooks.retryScale,
    allowInternal: config.webhooks.allowLoopbackHttp,
  });
  console.log(JSON.stringify({ level: "info", msg: "report worker started", pid: process.pid }));
  await stopped;
  await dispatcher.stop();
  await runtime.dispose();
  console.log(JSON.stringify({ level: "info", msg: "report worker stopped" }));
};
