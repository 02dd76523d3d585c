import { Ports } from "@comensha/domain";
import { desc, isNotNull } from "drizzle-orm";
import { Context, Data, Effect, Layer } from "effect";
import { Database, queryWith } from "./Database.js";
import { type CryptoKeys, fingerprintOf, type KeyFingerprint } from "./NodeCrypto.js";
import { registrationContext } from "./RegistrationRepository.js";
import { keyChecks, registrations } from "./schema.js";

export { fingerprintOf, type KeyFingerprint } from "./NodeCrypto.js";

/** What a key is for: encrypting personal data, or keying the blind indexes. */
export type KeyPurpose = "encryption" | "index";

/**
 * The fingerprints of the keys this process's Crypto uses, provided beside it by `storageLayer`: the current key
 * of each purpose, and the previous ones still read during a rotation.
 */
export class KeyFingerprints extends Context.Service<
  KeyFingerprints,
  {
    readonly encryption: KeyFingerprint;
    readonly index: KeyFingerprint;
    readonly previous: { readonly [P in KeyPurpose]: ReadonlyArray<KeyFingerprint> };
  }
>()("@comensha/db/KeyFingerprints") {
  static readonly layer = (keys: CryptoKeys) =>
    Layer.succeed(KeyFingerprints, {
      encryption: fingerprintOf(keys.encryptionKey),
      index: fingerprintOf(keys.indexKey),
      previous: {
        encryption: (keys.previousEncryptionKeys ?? []).map(fingerprintOf),
        index: (keys.previousIndexKeys ?? []).map(fingerprintOf),
      },
    });
}

/** The variable that holds the current key of a purpose, and the one that holds its previous keys. */
export const keyVariables = {
  encryption: { current: "COMENSHA_ENCRYPTION_KEY", previous: "COMENSHA_PREVIOUS_ENCRYPTION_KEYS" },
  index: { current: "COMENSHA_INDEX_KEY", previous: "COMENSHA_PREVIOUS_INDEX_KEYS" },
} as const;

/** The keys of this process do not fit the data in the database: the message names the key and what to do. */
export class KeyMismatch extends Data.TaggedError("KeyMismatch")<{
  /**
   * `encryption`/`index`: the current key is unknown; `swapped`: the two current keys are exchanged;
   * `undecryptable`: the encryption key does not decrypt data written before check values; `retired`: the current
   * key was rotated away; `unknownPrevious`: a previous key is unknown; `stillInUse`: a key that still protects data
   * is missing.
   */
  readonly problem: "encryption" | "index" | "swapped" | "undecryptable" | "retired" | "unknownPrevious" | "stillInUse";
  readonly keyId: string;
  readonly knownKeyIds: ReadonlyArray<string>;
  /** For `retired`, `unknownPrevious` and `stillInUse`: which kind of key. */
  readonly purpose?: KeyPurpose;
}> {
  override get message() {
    const known = this.knownKeyIds.length === 0 ? "" : ` (this database knows key ids ${this.knownKeyIds.join(", ")})`;
    const where =
      "Keys come from COMENSHA_ENCRYPTION_KEY and COMENSHA_INDEX_KEY (previous keys during a rotation from " +
      "COMENSHA_PREVIOUS_ENCRYPTION_KEYS and COMENSHA_PREVIOUS_INDEX_KEYS), or for the embedded demo from keys.json " +
      "in the data directory.";
    const purpose = this.purpose ?? "encryption";
    const variables = keyVariables[purpose];
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
      case "retired":
        return (
          `The ${purpose} key in ${variables.current} (key id ${this.keyId}) was retired by a key rotation: this ` +
          `database's data is no longer under it${this.knownKeyIds.length === 0 ? "" : ` but under key id ${this.knownKeyIds.join(", ")}`}. ` +
          `Start with the current ${purpose} key. ${where}`
        );
      case "unknownPrevious":
        return (
          `${variables.previous} holds a key (key id ${this.keyId}) that this database was never written with${known}. ` +
          `Remove it: previous keys are the keys a rotation moves data away from. ${where}`
        );
      case "stillInUse":
        return (
          `The ${purpose} key id ${this.keyId} still protects data in this database: keep it in ${variables.previous} ` +
          `until \`comensha keys rotate\` has finished (\`comensha keys status\` shows what is left). ${where}`
        );
      default:
        return (
          `The ${this.problem} key (key id ${this.keyId}) is not one this database was written with${known}. ` +
          `Start with the ${this.problem === "encryption" ? "COMENSHA_ENCRYPTION_KEY" : "COMENSHA_INDEX_KEY"} ` +
          "the data was written with: changing a key takes a rotation that re-encrypts the data, with the old key " +
          `kept in ${variables.previous} while it runs (see docs/privacy.md, "Rotating keys"), not a new value. ${where}`
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
 * A current key the database does not know is accepted only as the start of a rotation: when a previous key of
 * the same purpose is known and not retired; its check value is then recorded. Fails with {@link KeyMismatch}
 * when the current key is unknown or retired, the two are swapped, a previous key is unknown, or a key that still
 * protects data (known, not retired) is neither the current nor a previous one.
 */
export const verifyKeys = Effect.gen(function* () {
  const query = queryWith(yield* Database);
  const fingerprints = yield* KeyFingerprints;
  const crypto = yield* Ports.Crypto;
  const transactor = yield* Ports.Transactor;
  yield* transactor.transaction(
    Effect.gen(function* () {
      yield* transactor.lock(["comensha:key-checks"]);
      const rows = yield* query((db) => db.select().from(keyChecks));
      const missing = purposes.filter((purpose) => !rows.some((row) => row.purpose === purpose));
      if (missing.length > 0) {
        const [newest] = yield* query((db) =>
          db
            .select({ id: registrations.id, version: registrations.version, identifiers: registrations.identifiers })
            .from(registrations)
            .where(isNotNull(registrations.identifiers))
            .orderBy(desc(registrations.updatedAt))
            .limit(1),
        );
        if (newest?.identifiers != null && missing.includes("encryption")) {
          const readable = yield* crypto
            .decrypt(newest.identifiers, registrationContext(newest.id, newest.version))
            .pipe(
              Effect.as(true),
              Effect.catch(() => Effect.succeed(false)),
            );
          if (!readable) {
            return yield* new KeyMismatch({
              problem: "undecryptable",
              keyId: fingerprints.encryption.keyId,
              knownKeyIds: [],
            });
          }
        }
        const added = missing.map((purpose) => ({ purpose, ...fingerprints[purpose], retiredAt: null }));
        yield* query((db) => db.insert(keyChecks).values(added).onConflictDoNothing());
        rows.push(...added.map((row) => ({ ...row, createdAt: "" })));
      }
      const known = (purpose: KeyPurpose) => rows.filter((row) => row.purpose === purpose);
      const rowOf = (purpose: KeyPurpose, fingerprint: KeyFingerprint) =>
        known(purpose).find((row) => row.checkValue === fingerprint.checkValue);
      const fits = (purpose: KeyPurpose, fingerprint: KeyFingerprint) => rowOf(purpose, fingerprint) !== undefined;
      if (
        fits("index", fingerprints.encryption) &&
        (fits("encryption", fingerprints.index) || !fits("encryption", fingerprints.encryption))
      ) {
        return yield* new KeyMismatch({ problem: "swapped", keyId: fingerprints.encryption.keyId, knownKeyIds: [] });
      }
      const active = (purpose: KeyPurpose) => known(purpose).filter((row) => row.retiredAt === null);
      for (const purpose of purposes) {
        const current = fingerprints[purpose];
        for (const previous of fingerprints.previous[purpose]) {
          if (!fits(purpose, previous)) {
            return yield* new KeyMismatch({
              problem: "unknownPrevious",
              purpose,
              keyId: previous.keyId,
              knownKeyIds: known(purpose).map((row) => row.keyId),
            });
          }
        }
        const row = rowOf(purpose, current);
        if (row?.retiredAt != null) {
          return yield* new KeyMismatch({
            problem: "retired",
            purpose,
            keyId: current.keyId,
            knownKeyIds: active(purpose).map((active) => active.keyId),
          });
        }
        if (row === undefined) {
          const rotating = fingerprints.previous[purpose].some(
            (previous) => rowOf(purpose, previous)?.retiredAt === null,
          );
          if (!rotating) {
            return yield* new KeyMismatch({
              problem: purpose,
              keyId: current.keyId,
              knownKeyIds: known(purpose).map((known) => known.keyId),
            });
          }
          const added = { purpose, ...current, retiredAt: null };
          yield* query((db) => db.insert(keyChecks).values(added).onConflictDoNothing());
          rows.push({ ...added, createdAt: "" });
        }
        const given = new Set([current, ...fingerprints.previous[purpose]].map((key) => key.checkValue));
        const needed = active(purpose).find((row) => !given.has(row.checkValue));
        if (needed !== undefined) {
          return yield* new KeyMismatch({
            problem: "stillInUse",
            purpose,
            keyId: needed.keyId,
            knownKeyIds: active(purpose).map((active) => active.keyId),
          });
        }
      }
    }),
  );
});
