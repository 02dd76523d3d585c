import type { AddressInfo } from "node:net";
import { Database, storageLayer } from "@comensha/db";
import { serve } from "@hono/node-server";
import { Effect, ManagedRuntime } from "effect";
import { makeApp } from "./app.js";
import type { ApiConfig } from "./config.js";
import { jsonLogger, type Logger } from "./logger.js";
import type { AppRuntime } from "./runtime.js";

/** A running API server. */
export interface RunningServer {
  readonly url: string;
  readonly runtime: AppRuntime;
  /** Stops accepting connections, lets in-flight requests finish (bounded), then closes the database. */
  readonly close: () => Promise<void>;
}

/**
 * Opens storage, runs the migrations and serves the API. Resolves once it listens; `close()` shuts it down
 * gracefully. With `handleSignals`, SIGTERM and SIGINT close it and exit the process.
 */
export const startServer = async (options: {
  readonly config: ApiConfig;
  readonly logger?: Logger;
  readonly handleSignals?: boolean;
  readonly drainMillis?: number;
}): Promise<RunningServer> => {
  const logger = options.logger ?? jsonLogger();
  const runtime: AppRuntime = ManagedRuntime.make(storageLayer(options.config.storage));
  try {
    await runtime.runPromise(Effect.flatMap(Database, (database) => database.migrate));
  } catch (error) {
    await runtime.dispose();
    throw error;
  }
  const app = makeApp({ runtime, logger });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: options.config.port, hostname: options.config.host }, () =>
      resolve(started),
    );
    started.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const url = `http://localhost:${address.port}`;
  const kind = await runtime.runPromise(Effect.map(Database, (database) => database.kind));
  logger("info", "listening", { url, database: kind, keys: options.config.keySource });
  if (kind === "postgres" && options.config.keySource !== "environment") {
    logger("warn", "personal data is encrypted with demo keys from the data directory", {
      hint: "set COMENSHA_ENCRYPTION_KEY and COMENSHA_INDEX_KEY (required when NODE_ENV=production)",
    });
  }

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
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
        if ("closeIdleConnections" in server) server.closeIdleConnections();
      });
      await runtime.dispose();
      logger("info", "stopped");
    })();
    return closing;
  };

  if (options.handleSignals === true) {
    const onSignal = (signal: NodeJS.Signals) => {
      logger("info", "signal received", { signal });
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger("error", "shutdown failed", { error: String(error) });
          process.exit(1);
        },
      );
    };
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
  }
  return { url, runtime, close };
};
