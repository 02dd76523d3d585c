import { defaultRotationBatchSize, type KeyStatus, keyStatus, rotateKeys, type StorageOptions } from "@comensha/db";
import { Effect } from "effect";
import { withStorage } from "./storage.js";

/**
 * `keys rotate [--batch N]`: re-encrypts every encrypted value under the current encryption key and rebuilds the
 * blind indexes under the current index key, in batches while the API runs, then retires the old key ids (see
 * `rotateKeys` and docs/privacy.md, "Rotating keys"). Prints progress through `print`; safe to interrupt and rerun.
 */
export const rotateKeysCommand = (
  storage: StorageOptions,
  options: { readonly batchSize?: number; readonly print: (line: string) => void },
) =>
  withStorage(
    storage,
    rotateKeys({
      batchSize: options.batchSize ?? defaultRotationBatchSize,
      progress: (line) => Effect.sync(() => options.print(line)),
    }),
  );

/** `keys status`: the key ids the database knows and what each encrypted column still holds under each. */
export const keyStatusCommand = (storage: StorageOptions) => withStorage(storage, keyStatus);

/** The lines `keys status` prints: one per key id, then one per place and key id with its count. */
export const formatKeyStatus = (status: KeyStatus): ReadonlyArray<string> => {
  const lines = ["Keys (purpose, key id, this process, retired):"];
  for (const key of status.keys) {
    lines.push(
      `  ${key.purpose.padEnd(10)} ${key.keyId}  ${key.role.padEnd(8)}  ${key.retiredAt === null ? "-" : `retired ${key.retiredAt}`}`,
    );
  }
  lines.push("Values per key id (legacy: written before key ids):");
  if (status.usage.length === 0) lines.push("  none");
  for (const usage of status.usage) lines.push(`  ${usage.where.padEnd(36)} ${usage.keyId.padEnd(8)} ${usage.count}`);
  return lines;
};
