import { describeError } from "@comensha/db";
import type { AppRuntime } from "./runtime.js";
import { type DispatchOptions, dispatchDue } from "./services/webhooks.js";

/** How the worker sends webhooks: how often it looks for due deliveries, and how it posts them. */
export interface WebhookDispatcherOptions extends DispatchOptions {
  /** The wait between two looks when nothing was due, in ms (1000). */
  readonly pollMs: number;
  /** The most deliveries claimed at once (50). */
  readonly batch: number;
}

export const defaultDispatcherOptions: WebhookDispatcherOptions = {
  pollMs: 1000,
  batch: 50,
  timeoutMs: 10_000,
  retryScale: 1,
  allowInternal: false,
};

/** A running dispatcher: `stop` lets the posts under way finish and stops looking. */
export interface WebhookDispatcher {
  readonly stop: () => Promise<void>;
}

/**
 * Sends the webhook deliveries in this process (the worker, or the all-in-one server): every `pollMs` it claims what
 * is due (a new event at once; a retry when its time comes), posts it and records the attempt; a full batch is
 * followed at once by the next. The outbox is the database's `webhook_deliveries`: a delivery is written in the
 * transaction of its change, so nothing is lost when a process stops, and several workers share the work (a claimed
 * delivery is leased to one of them). Logs each round's failure by its classes, never a payload or a URL.
 */
export const startWebhookDispatcher = (
  runtime: AppRuntime,
  options: WebhookDispatcherOptions = defaultDispatcherOptions,
  log: (level: "error", msg: string, fields: Record<string, unknown>) => void = (level, msg, fields) =>
    console.error(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })),
): WebhookDispatcher => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    timer = undefined;
    running = (async () => {
      let attempted = 0;
      try {
        attempted = await runtime.runPromise(dispatchDue({ ...options, limit: options.batch }));
      } catch (error) {
        log("error", "webhook dispatch failed", describeError(error));
      }
      if (!stopped) timer = setTimeout(tick, attempted >= options.batch ? 0 : options.pollMs);
    })();
  };
  timer = setTimeout(tick, 0);
  return {
    stop: async () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
  };
};
