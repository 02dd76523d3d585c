import { randomBytes } from "node:crypto";
import { Redacted } from "effect";
import postgres from "postgres";
import type { DatabaseConfig } from "./Database.js";
import type { CryptoKeys } from "./NodeCrypto.js";

/** A database opened for one test file, and how to throw it away. */
export interface TestDatabase {
  readonly kind: "pglite" | "postgres";
  readonly config: DatabaseConfig;
  readonly drop: () => Promise<void>;
}

/**
 * The database kinds a test suite runs on: PGlite always, real PostgreSQL too when `DATABASE_URL` names a server
 * (as in `.ci/run`).
 */
export const testDatabaseKinds = (): ReadonlyArray<"pglite" | "postgres"> =>
  process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/**
 * Opens a fresh, empty database of `kind`: an in-memory PGlite, or a new database `comensha_test_<random>` on the
 * server named by `DATABASE_URL`, dropped again by `drop()`.
 */
export const createTestDatabase = async (kind: "pglite" | "postgres"): Promise<TestDatabase> => {
  if (kind === "pglite") return { kind, config: { kind: "pglite" }, drop: async () => undefined };
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("DATABASE_URL must name a PostgreSQL server for postgres tests");
  const name = `comensha_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    config: { kind: "postgres", url: url.toString(), maxConnections: 20 },
    drop: async () => {
      const client = postgres(serverUrl, { max: 1, onnotice: () => undefined });
      try {
        await client.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
};

/** Fixed, obviously fake keys for tests. */
export const testKeys: CryptoKeys = {
  encryptionKey: Redacted.make(new Uint8Array(32).fill(7)),
  indexKey: Redacted.make(new Uint8Array(32).fill(9)),
};
