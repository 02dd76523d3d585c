import { createHash, createHmac } from "node:crypto";
import { Ports } from "@comensha/domain";
import { desc } from "drizzle-orm";
import { Context, Data, Effect, Layer, Redacted } from "effect";
import { Database, queryWith } from "./Database.js";
import type { CryptoKeys } from "./NodeCrypto.js";
import { registrationContext } from "./RegistrationRepository.js";
import { keyChecks, registrations } from "./schema.js";

/** What a key is for: encrypting personal data, or keying the blind indexes. */
export type KeyPurpose = "encryption" | "index";

/** A key as the database may know it: its id and its check value, never the key. */
export interface KeyFingerprint {
  /** 8 hex digits: the start of SHA-256 over the key's check value; names the key in logs and messages. */
  readonly keyId: string;
  /** HMAC-SHA-256 of `comensha key check v1` under the key, first 16 bytes, hex. */
  readonly checkValue: string;
}

/** The check value of a 32-byte key and the key id derived from it (see {@link KeyFingerprint}). */
export const fingerprintOf = (key: Redacted.Redacted<Uint8Array>): KeyFingerprint => {
  const checkValue = createHmac("sha256", Redacted.value(key))
    .update("comensha key check v1", "utf8")
    .digest()
    .subarray(0, 16)
    .toString("hex");
  const keyId = createHash("sha256").update(`comensha key id v1:${checkValue}`, "utf8").digest("hex").slice(0, 8);
  return { keyId, checkValue };
};

/** The fingerprints of the keys this process's Crypto uses, provided beside it by `storageLayer`. */
export class KeyFingerprints extends Context.Service<
  KeyFingerprints,
  { readonly encryption: KeyFingerprint; readonly index: KeyFingerprint }
>()("@comensha/db/KeyFingerprints") {
  static readonly layer = (keys: CryptoKeys) =>
    Layer.succeed(KeyFingerprints, {
      encryption: fingerprintOf(keys.encryptionKey),
      index: fingerprintOf(keys.indexKey),
    });
}

/** The keys of this process do not fit the data in the database: the message names the key and what to do. */
export class KeyMismatch extends Data.TaggedError("KeyMismatch")<{
  readonly problem: "encryption" | "index" | "swapped" | "undecryptable";
  readonly keyId: string;
  readonly knownKeyIds: ReadonlyArray<string>;
}> {
  override get message() {
    const known = this.knownKeyIds.length === 0 ? "" : ` (this database knows key ids ${this.knownKeyIds.join(", ")})`;
    const where =
      "Keys come from COMENSHA_ENCRYPTION_KEY and COMENSHA_INDEX_KEY, or for the embedded demo from keys.json in " +
      "the data directory.";
    switch (this.problem) {
      case "swapped":
        return (
          "The encryption and index keys are swapped: COMENSHA_ENCRYPTION_KEY holds this database's index key and " +
          "COMENSHA_INDEX_KEY its encryption key. Exchange the two values and start again."
        );
      case "undecryptable":
        return (
          `The encryption key (key id ${this.keyId}) does not decrypt the personal data in this database. Start with ` +
          `the encryption key the data was written with. ${where}`
        );
      default:
        return (
          `The ${this.problem} key (key id ${this.keyId}) is not one this database was written with${known}. ` +
          `Start with the ${this.problem === "encryption" ? "COMENSHA_ENCRYPTION_KEY" : "COMENSHA_INDEX_KEY"} ` +
          `the data was written with: changing a key takes a rotation that re-encrypts the data, not a new value. ${where}`
        );
    }
  }
}

const purposes: ReadonlyArray<KeyPurpose> = ["encryption", "index"];

/**
 * Checks this process's keys against the check values in `key_checks`, after the migrations and before anything
 * reads or writes personal data (server, worker, CLI). A purpose without check values gets the current key's,
 * once the key is shown to fit: on an empty database at once, on a database written before the check values
 * existed only if the encryption key decrypts its newest registration (the index key is then taken on trust).
 * Fails with {@link KeyMismatch} naming the key that does not fit, or saying that the two are swapped.
 */
export const verifyKeys = Effect.gen(function* () {
  const query = queryWith(yield* Database);
  const current = yield* KeyFingerprints;
  const crypto = yield* Ports.Crypto;
  const transactor = yield* Ports.Transactor;
  const stored = yield* transactor.transaction(
    Effect.gen(function* () {
      yield* transactor.lock(["comensha:key-checks"]);
      const rows = yield* query((db) => db.select().from(keyChecks));
      const missing = purposes.filter((purpose) => !rows.some((row) => row.purpose === purpose));
      if (missing.length === 0) return rows;
      const [newest] = yield* query((db) =>
        db
          .select({ id: registrations.id, version: registrations.version, identifiers: registrations.identifiers })
          .from(registrations)
          .orderBy(desc(registrations.updatedAt))
          .limit(1),
      );
      if (newest !== undefined && missing.includes("encryption")) {
        const readable = yield* crypto.decrypt(newest.identifiers, registrationContext(newest.id, newest.version)).pipe(
          Effect.as(true),
          Effect.catch(() => Effect.succeed(false)),
        );
        if (!readable) {
          return yield* new KeyMismatch({ problem: "undecryptable", keyId: current.encryption.keyId, knownKeyIds: [] });
        }
      }
      const added = missing.map((purpose) => ({ purpose, ...current[purpose] }));
      yield* query((db) => db.insert(keyChecks).values(added).onConflictDoNothing());
      return [...rows, ...added];
    }),
  );
  const known = (purpose: KeyPurpose) => stored.filter((row) => row.purpose === purpose);
  const fits = (purpose: KeyPurpose, fingerprint: KeyFingerprint) =>
    known(purpose).some((row) => row.checkValue === fingerprint.checkValue);
  if (
    fits("index", current.encryption) &&
    (fits("encryption", current.index) || !fits("encryption", current.encryption))
  ) {
    return yield* new KeyMismatch({ problem: "swapped", keyId: current.encryption.keyId, knownKeyIds: [] });
  }
  for (const purpose of purposes) {
    if (!fits(purpose, current[purpose])) {
      return yield* new KeyMismatch({
        problem: purpose,
        keyId: current[purpose].keyId,
        knownKeyIds: known(purpose).map((row) => row.keyId),
      });
    }
  }
});
