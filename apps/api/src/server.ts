import { Server as HttpServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Database, describeError, KeyMismatch, sealLegacyPlaintext, storageLayer, verifyKeys } from "@comensha/db";
import { startReportWorker } from "@comensha/reports";
import { type ServerType, serve } from "@hono/node-server";
import { Effect, type Layer, ManagedRuntime } from "effect";
import { makeApp } from "./app.js";
import type { ApiConfig } from "./config.js";
import { startPlacementJobs, startRetentionJob } from "./jobs.js";
import { jsonLogger, type Logger } from "./logger.js";
import { ProblemType } from "./problem.js";
import type { AppRuntime, AppServices } from "./runtime.js";
import { defaultDispatcherOptions, startWebhookDispatcher, type WebhookDispatcher } from "./webhookDispatcher.js";

/** A running API server. */
export interface RunningServer {
  /** Where it answers, e.g. `http://localhost:3000` (the real port when `PORT=0`). */
  readonly url: string;
  readonly runtime: AppRuntime;
  /** Stops accepting connections, lets in-flight requests finish (bounded), then closes the database. */
  readonly close: () => Promise<void>;
}

/** Options of `startServer`. */
export interface StartServerOptions {
  readonly config: ApiConfig;
  /** The services to run on; by default storage as `config.storage` describes it. */
  readonly layer?: Layer.Layer<AppServices, unknown>;
  readonly logger?: Logger;
  /** Close on SIGTERM and SIGINT, then exit the process (0 on a clean shutdown). */
  readonly handleSignals?: boolean;
  /** How long in-flight requests may take to finish on close before their connections are cut; 10 s. */
  readonly drainMillis?: number;
}

const listen = (app: ReturnType<typeof makeApp>, port: number, hostname: string) =>
  new Promise<ServerType>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, () => {
      server.off("error", reject);
      resolve(server);
    });
    server.once("error", reject);
  });

/**
 * Answers a request that Node's HTTP parser refuses before the app sees it (a malformed or oversized chunk, headers
 * too large, a request that took too long to arrive) with RFC 9457 problem+json instead of Node's bare text, then
 * closes the connection: every answer of this server is a problem when it is an error.
 */
const answerParserErrors = (server: ServerType) => {
  if (!(server instanceof HttpServer)) return;
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, title] =
      error.code === "HPE_HEADER_OVERFLOW"
        ? [431, "Request Header Fields Too Large", "The request headers are too large"]
        : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? [408, "Request Timeout", "The request took too long to arrive"]
          : [400, "Bad Request", "The request is not valid HTTP"];
    const body = JSON.stringify({ type: ProblemType.badRequest, title, status });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
};

/**
 * Lets every connection end after its current response once the server is closing: a response not yet begun says
 * `Connection: close`, and a kept-alive connection whose response had already begun is closed as soon as it is idle.
 * Without it a client that keeps connections alive (a load balancer) goes on sending requests over them while the
 * server drains, until the drain times out and cuts them, requests in flight included. Answers what to call when
 * closing begins.
 */
const endConnectionsAfterResponse = (server: ServerType) => {
  if (!(server instanceof HttpServer)) return () => undefined;
  let closing = false;
  const unanswered = new Set<ServerResponse>();
  const closeAfter = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader("Connection", "close");
  };
  server.prependListener("request", (_request, response: ServerResponse) => {
    if (closing) closeAfter(response);
    unanswered.add(response);
    response.once("close", () => {
      unanswered.delete(response);
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  return () => {
    closing = true;
    for (const response of unanswered) closeAfter(response);
    server.closeIdleConnections();
  };
};

const urlHost = (host: string) => {
  if (host === "" || host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
};

/**
 * Opens storage, runs the migrations and serves the API. Resolves once it listens; `close()` shuts it down
 * gracefully. If it cannot start (database, migrations, port in use), storage is closed again before it rejects,
 * so an embedded data directory is never left locked. The CLI's `start` calls this before seeding.
 */
export const startServer = async (options: StartServerOptions): Promise<RunningServer> => {
  const { config } = options;
  const logger = options.logger ?? jsonLogger();
  const runtime: AppRuntime = ManagedRuntime.make(options.layer ?? storageLayer(config.storage));
  let server: ServerType;
  let kind: "pglite" | "postgres";
  let dispatcher: WebhookDispatcher | undefined;
  try {
    kind = await runtime.runPromise(
      Effect.gen(function* () {
        const database = yield* Database;
        yield* database.migrate;
        yield* verifyKeys;
        yield* sealLegacyPlaintext;
        if (config.worker) {
          yield* startReportWorker({ stepDelayMillis: config.reportStepDelayMillis });
          yield* startPlacementJobs;
          yield* startRetentionJob((run) => logger("info", "retention applied", { ...run }));
        }
        return database.kind;
      }),
    );
    server = await listen(
      makeApp({
        runtime,
        logger,
        consoleDir: config.consoleDir,
        rateLimit: config.rateLimit,
        secondFactorRoles: config.secondFactorRoles,
        webhooks: { allowLoopbackHttp: config.webhooks.allowLoopbackHttp },
      }),
      config.port,
      config.host,
    );
  } catch (error) {
    logger(
      "error",
      "start-up failed",
      error instanceof KeyMismatch
        ? { error: error._tag, problem: error.problem, hint: error.message }
        : describeError(error),
    );
    await runtime.dispose();
    throw error;
  }
  if (config.worker) {
    dispatcher = startWebhookDispatcher(runtime, {
      ...defaultDispatcherOptions,
      pollMs: config.webhooks.pollMs,
      retryScale: config.webhooks.retryScale,
      allowInternal: config.webhooks.allowLoopbackHttp,
    });
  }
  answerParserErrors(server);
  const endConnections = endConnectionsAfterResponse(server);
  const url = `http://${urlHost(config.host)}:${(server.address() as AddressInfo).port}`;
  logger("info", "listening", { url, database: kind, keys: config.keySource });
  if (kind === "postgres" && config.keySource !== "environment") {
    logger("warn", "personal data is encrypted with demo keys from the data directory", {
      hint: "set COMENSHA_ENCRYPTION_KEY and COMENSHA_INDEX_KEY (required when NODE_ENV=production)",
    });
  }

  const onSignal = (signal: NodeJS.Signals) => {
    logger("info", "signal received", { signal });
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger("error", "shutdown failed", describeError(error));
        process.exit(1);
      },
    );
  };

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
      logger("info", "shutting down");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          if ("closeAllConnections" in server) server.closeAllConnections();
          resolve();
        }, options.drainMillis ?? 10_000);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        endConnections();
      });
      await dispatcher?.stop();
      await runtime.dispose();
      logger("info", "stopped");
    })();
    return closing;
  };

  if (options.handleSignals === true) {
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
  }
  return { url, runtime, close };
};
