import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { DatabaseConfig, StorageOptions } from "@comensha/db";
import { type KeySource, loadKeys } from "@comensha/db";
import { SecondFactor, User } from "@comensha/domain";
import { Schema } from "effect";
import { defaultRateLimit, type RateLimitOptions } from "./rateLimit.js";

/** The API's own folder: apps/api in the repository (from src/ or dist/), or the root of a deployed bundle. */
const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The repository root: pnpm runs the API's scripts in apps/api, but relative paths are meant from the root. In a
 * deployed bundle (`pnpm deploy`, see docs/deploy.md), which has no repository around it, the bundle's own folder.
 */
export const repositoryRoot = ((root: string) => (existsSync(join(root, "pnpm-workspace.yaml")) ? root : appRoot))(
  resolve(appRoot, "../.."),
);

/** The console shipped inside a deployed bundle (`console/`), else the repository's build (apps/console/dist). */
const defaultConsoleDir = existsSync(join(appRoot, "console", "index.html"))
  ? join(appRoot, "console")
  : join(repositoryRoot, "apps/console/dist");

/** Everything the API and CLI read from the environment, checked once at start-up. */
export interface ApiConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly storage: StorageOptions;
  readonly keySource: KeySource;
  /** Whether this process also runs the report worker (`COMENSHA_WORKER=off` leaves it to separate workers). */
  readonly worker: boolean;
  /** The built console served at `/` (`COMENSHA_CONSOLE_DIR`; default apps/console/dist, or a bundle's console/). */
  readonly consoleDir: string;
  /** A pause after each step of a report (`COMENSHA_REPORT_STEP_DELAY_MS`), to test crash recovery; 0 by default. */
  readonly reportStepDelayMillis: number;
  /** The rate limits of `/v1` (`COMENSHA_RATE_LIMIT*`); undefined with `COMENSHA_RATE_LIMIT=off`. On by default. */
  readonly rateLimit: RateLimitOptions | undefined;
  /**
   * The console roles that must use a second factor (`COMENSHA_SECOND_FACTOR_ROLES`, a comma list or `none`):
   * admin and coordinator unless configured otherwise.
   */
  readonly secondFactorRoles: ReadonlyArray<User.UserRole>;
  /** Partners' webhooks: which URLs are taken, and how the dispatcher sends (see `webhooksOf`). */
  readonly webhooks: WebhookConfig;
}

/** How webhooks are taken and sent in this deployment. */
export interface WebhookConfig {
  /**
   * Whether webhooks may go to this machine and to private networks, and an endpoint be plain `http:` on localhost
   * (`COMENSHA_WEBHOOK_LOOPBACK_HTTP`, on or off): a partner's test receiver. Off in production (`NODE_ENV=production`)
   * unless turned on, so a partner's key cannot make the worker reach the network it runs in.
   */
  readonly allowLoopbackHttp: boolean;
  /** The wait between two looks for due deliveries, in ms (`COMENSHA_WEBHOOK_POLL_MS`, 1000). */
  readonly pollMs: number;
  /** The retry schedule in thousandths of its length (`COMENSHA_WEBHOOK_RETRY_PERMILLE`, 1000: as is; tests less). */
  readonly retryScale: number;
}

/** Configuration could not be read: the message says which variable and why. */
export class ConfigError extends Error {}

const nonNegative = (env: NodeJS.ProcessEnv, name: string, fallback: number) => {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new ConfigError(`${name} must be a whole number, got "${value}"`);
  return parsed;
};

const onOff = (env: NodeJS.ProcessEnv, name: string, fallback: boolean) => {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  if (value !== "on" && value !== "off") throw new ConfigError(`${name} must be on or off, got "${value}"`);
  return value === "on";
};

const positive = (env: NodeJS.ProcessEnv, name: string, fallback: number) => {
  const value = nonNegative(env, name, fallback);
  if (value === 0) throw new ConfigError(`${name} must be at least 1`);
  return value;
};

/** A PostgreSQL memory size as `COMENSHA_PGLITE_SHARED_BUFFERS` may give it: a number with kB, MB or GB. */
const pgliteMemory = (value: string) => {
  if (!/^[1-9][0-9]{0,5}(kB|MB|GB)$/.test(value)) {
    throw new ConfigError(`COMENSHA_PGLITE_SHARED_BUFFERS must be a size such as 16MB, got "${value}"`);
  }
  return value;
};

/** The rate limits a deployment runs with: on unless `COMENSHA_RATE_LIMIT=off`. */
const rateLimitOf = (env: NodeJS.ProcessEnv): RateLimitOptions | undefined =>
  onOff(env, "COMENSHA_RATE_LIMIT", true)
    ? {
        perSecond: positive(env, "COMENSHA_RATE_LIMIT_PER_SECOND", defaultRateLimit.perSecond),
        burst: positive(env, "COMENSHA_RATE_LIMIT_BURST", defaultRateLimit.burst),
        failuresPerMinute: positive(env, "COMENSHA_AUTH_FAILURES_PER_MINUTE", defaultRateLimit.failuresPerMinute),
        failureBurst: positive(env, "COMENSHA_AUTH_FAILURE_BURST", defaultRateLimit.failureBurst),
        trustProxy: onOff(env, "COMENSHA_TRUST_PROXY", defaultRateLimit.trustProxy),
      }
    : undefined;

/** The roles that must use a second factor: `COMENSHA_SECOND_FACTOR_ROLES`, e.g. `admin,coordinator`, or `none`. */
const secondFactorRolesOf = (env: NodeJS.ProcessEnv): ReadonlyArray<User.UserRole> => {
  const value = env.COMENSHA_SECOND_FACTOR_ROLES;
  if (value === undefined || value.trim() === "") return SecondFactor.defaultRequiredRoles;
  if (value.trim() === "none") return [];
  const roles = value.split(",").map((role) => role.trim());
  const isRole = Schema.is(User.UserRole);
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    throw new ConfigError(
      `COMENSHA_SECOND_FACTOR_ROLES must be console roles (${User.UserRole.literals.join(", ")}) or none, got "${unknown.join(", ")}"`,
    );
  }
  return roles as ReadonlyArray<User.UserRole>;
};

/**
 * The PostgreSQL storage of `DATABASE_URL`. With `DATABASE_OWNER_URL` too, `DATABASE_URL` is the application role's
 * connection (`COMENSHA_APP_ROLE`, default its user) and the migrations run as the owner, who then grants that role
 * its rights (docs/deploy.md, "Database roles"); without it one role does everything, as in development and CI.
 */
const postgresStorage = (env: NodeJS.ProcessEnv, url: string): DatabaseConfig => {
  const ownerUrl = env.DATABASE_OWNER_URL;
  if (!ownerUrl) return { kind: "postgres", url };
  const userOf = (name: string, value: string) => {
    try {
      return decodeURIComponent(new URL(value).username);
    } catch {
      throw new ConfigError(`${name} must be a postgres:// URL`);
    }
  };
  const owner = userOf("DATABASE_OWNER_URL", ownerUrl);
  const name = env.COMENSHA_APP_ROLE || userOf("DATABASE_URL", url);
  if (name === "") throw new ConfigError("DATABASE_URL names no user: set COMENSHA_APP_ROLE to the application role");
  if (name === owner) {
    throw new ConfigError(
      `DATABASE_OWNER_URL and the application role are the same user "${name}": the API must not own the schema`,
    );
  }
  return { kind: "postgres", url, applicationRole: { name, ownerUrl } };
};

/**
 * Reads the configuration: `PORT` (default 3000), `HOST` (default all interfaces), `DATABASE_URL` (PostgreSQL;
 * unset: embedded PGlite in `COMENSHA_DATA_DIR`, default `./.data` from the repository root), optionally
 * `DATABASE_OWNER_URL` and `COMENSHA_APP_ROLE` (see `postgresStorage`), and the keys for personal data (see
 * `loadKeys`). This is the only place the API reads `process.env`.
 */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): ApiConfig => {
  const port = env.PORT === undefined || env.PORT === "" ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  }
  if (env.DATABASE_OWNER_URL && !env.DATABASE_URL) {
    throw new ConfigError("DATABASE_OWNER_URL needs DATABASE_URL: the application role's connection");
  }
  const dataDir = resolve(repositoryRoot, env.COMENSHA_DATA_DIR || ".data");
  const { keys, source } = (() => {
    try {
      return loadKeys({ env, dataDir });
    } catch (error) {
      throw new ConfigError(error instanceof Error ? error.message : String(error));
    }
  })();
  return {
    port,
    host: env.HOST || "0.0.0.0",
    dataDir,
    keySource: source,
    worker: env.COMENSHA_WORKER !== "off",
    consoleDir: env.COMENSHA_CONSOLE_DIR ? resolve(repositoryRoot, env.COMENSHA_CONSOLE_DIR) : defaultConsoleDir,
    reportStepDelayMillis: nonNegative(env, "COMENSHA_REPORT_STEP_DELAY_MS", 0),
    rateLimit: rateLimitOf(env),
    secondFactorRoles: secondFactorRolesOf(env),
    webhooks: {
      allowLoopbackHttp: onOff(env, "COMENSHA_WEBHOOK_LOOPBACK_HTTP", env.NODE_ENV !== "production"),
      pollMs: Math.max(50, nonNegative(env, "COMENSHA_WEBHOOK_POLL_MS", 1000)),
      retryScale: nonNegative(env, "COMENSHA_WEBHOOK_RETRY_PERMILLE", 1000) / 1000,
    },
    storage: {
      database: env.DATABASE_URL
        ? postgresStorage(env, env.DATABASE_URL)
        : {
            kind: "pglite",
            dataDir,
            ...(env.COMENSHA_PGLITE_SHARED_BUFFERS
              ? { sharedBuffers: pgliteMemory(env.COMENSHA_PGLITE_SHARED_BUFFERS) }
              : {}),
          },
      keys,
      queueSuperviseIntervalSeconds: nonNegative(env, "COMENSHA_QUEUE_SUPERVISE_SECONDS", 10) || 10,
    },
  };
};
