import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { StorageOptions } from "@comensha/db";
import { loadKeys } from "../keyMaterial.js";

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** Storage from the environment: PostgreSQL when DATABASE_URL is set, else PGlite in COMENSHA_DATA_DIR. */
export const loadStorageOptions = (env: NodeJS.ProcessEnv = process.env): StorageOptions => {
  const dataDir = resolve(repositoryRoot, env.COMENSHA_DATA_DIR || ".data");
  const { keys } = loadKeys({ env, dataDir });
  return {
    database: env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir },
    keys,
  };
};
