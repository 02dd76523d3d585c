import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type CryptoKeys, decodeKey, generateKey } from "./NodeCrypto.js";

/** Where the keys came from, for the start-up log. */
export type KeySource = "environment" | "generated" | "data-directory";

/**
 * The keys for personal data. In production they come from `COMENSHA_ENCRYPTION_KEY` and `COMENSHA_INDEX_KEY`
 * (32 bytes each, base64), and during a key rotation the keys being rotated away from
 * `COMENSHA_PREVIOUS_ENCRYPTION_KEYS` and `COMENSHA_PREVIOUS_INDEX_KEYS` (comma-separated; `previousEncryptionKeys`
 * and `previousIndexKeys` in the demo's keys.json). Without them, and only outside production, the embedded demo keeps generated keys in
 * `<dataDir>/keys.json` (mode 0600) so its data stays readable across restarts. On PostgreSQL (`DATABASE_URL`) keys
 * are never generated silently: a data directory is not where that database's keys live, and a new one would make
 * new keys for old data. A throwaway demo on PostgreSQL opts in with `COMENSHA_DEMO_KEYS=on`.
 */
export const loadKeys = (options: {
  readonly env: NodeJS.ProcessEnv;
  readonly dataDir: string;
}): { readonly keys: CryptoKeys; readonly source: KeySource } => {
  const { env, dataDir } = options;
  if (env.COMENSHA_ENCRYPTION_KEY || env.COMENSHA_INDEX_KEY) {
    if (!env.COMENSHA_ENCRYPTION_KEY || !env.COMENSHA_INDEX_KEY) {
      throw new Error("Set both COMENSHA_ENCRYPTION_KEY and COMENSHA_INDEX_KEY, or neither (embedded demo only).");
    }
    return {
      keys: {
        encryptionKey: decodeKey("COMENSHA_ENCRYPTION_KEY", env.COMENSHA_ENCRYPTION_KEY),
        indexKey: decodeKey("COMENSHA_INDEX_KEY", env.COMENSHA_INDEX_KEY),
        ...previousKeys("COMENSHA_PREVIOUS_ENCRYPTION_KEYS", env.COMENSHA_PREVIOUS_ENCRYPTION_KEYS, "encryption"),
        ...previousKeys("COMENSHA_PREVIOUS_INDEX_KEYS", env.COMENSHA_PREVIOUS_INDEX_KEYS, "index"),
      },
      source: "environment",
    };
  }
  if (env.COMENSHA_PREVIOUS_ENCRYPTION_KEYS || env.COMENSHA_PREVIOUS_INDEX_KEYS) {
    throw new Error(
      "COMENSHA_PREVIOUS_ENCRYPTION_KEYS and COMENSHA_PREVIOUS_INDEX_KEYS need the current keys in " +
        "COMENSHA_ENCRYPTION_KEY and COMENSHA_INDEX_KEY.",
    );
  }
  if (env.NODE_ENV === "production") {
    throw new Error("COMENSHA_ENCRYPTION_KEY and COMENSHA_INDEX_KEY are required in production.");
  }
  if (env.DATABASE_URL && env.COMENSHA_DEMO_KEYS !== "on") {
    throw new Error(
      "COMENSHA_ENCRYPTION_KEY and COMENSHA_INDEX_KEY are required with DATABASE_URL (PostgreSQL): set them to the " +
        "keys this database was written with. For a throwaway demo only, COMENSHA_DEMO_KEYS=on keeps generated keys " +
        `in ${join(dataDir, "keys.json")}.`,
    );
  }
  const file = join(dataDir, "keys.json");
  let source: KeySource = "data-directory";
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify({ encryptionKey: generateKey(), indexKey: generateKey() }, null, 2)}\n`, {
      mode: 0o600,
      flag: "wx",
    });
    chmodSync(file, 0o600);
    source = "generated";
  }
  const stored = JSON.parse(readFileSync(file, "utf8")) as {
    encryptionKey?: string;
    indexKey?: string;
    previousEncryptionKeys?: ReadonlyArray<string>;
    previousIndexKeys?: ReadonlyArray<string>;
  };
  return {
    keys: {
      encryptionKey: decodeKey(`${file} encryptionKey`, stored.encryptionKey ?? ""),
      indexKey: decodeKey(`${file} indexKey`, stored.indexKey ?? ""),
      ...previousKeys(`${file} previousEncryptionKeys`, stored.previousEncryptionKeys?.join(","), "encryption"),
      ...previousKeys(`${file} previousIndexKeys`, stored.previousIndexKeys?.join(","), "index"),
    },
    source,
  };
};

/** Previous keys (during a rotation): comma-separated base64 keys, as `CryptoKeys` holds them; none when empty. */
const previousKeys = (name: string, list: string | undefined, purpose: "encryption" | "index") => {
  const keys = (list ?? "")
    .split(",")
    .map((key) => key.trim())
    .filter((key) => key.length > 0)
    .map((key, position) => decodeKey(`${name} (key ${position + 1})`, key));
  if (keys.length === 0) return {};
  return purpose === "encryption" ? { previousEncryptionKeys: keys } : { previousIndexKeys: keys };
};
