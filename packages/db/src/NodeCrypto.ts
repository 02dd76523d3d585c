import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from "node:crypto";
import { Ports } from "@comensha/domain";
import { Effect, Layer, Redacted } from "effect";

/**
 * Key material for personal data: 32-byte keys, from configuration (never from the database). The current keys
 * encrypt and index; previous keys (during a rotation, see `KeyRotation.ts`) only decrypt and find matches.
 */
export interface CryptoKeys {
  readonly encryptionKey: Redacted.Redacted<Uint8Array>;
  readonly indexKey: Redacted.Redacted<Uint8Array>;
  /** Encryption keys being rotated away: data under them stays readable until `comensha keys rotate` is done. */
  readonly previousEncryptionKeys?: ReadonlyArray<Redacted.Redacted<Uint8Array>>;
  /** Index keys being rotated away: lookups also find blind indexes made under them. */
  readonly previousIndexKeys?: ReadonlyArray<Redacted.Redacted<Uint8Array>>;
}

/** A key as the database may know it: its id and its check value, never the key. */
export interface KeyFingerprint {
  /** 8 hex digits: the start of SHA-256 over the key's check value; names the key in logs, messages and ciphertexts. */
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

/** Format 1 (legacy): `[0x01][nonce][body][tag]`, no key id; decrypted by trying the keys one after another. */
const legacyFormat = 1;
/** Format 2: `[0x02][4-byte key id][nonce][body][tag]`; the key id is the key's fingerprint key id. */
const keyedFormat = 2;
const keyIdLength = 4;
const nonceLength = 12;
const tagLength = 16;

/**
 * The first bytes of every ciphertext the key with this id writes (format 2 and the key id), as hex: how SQL tells
 * a value under the current key from one still to be rotated.
 */
export const ciphertextHeaderHex = (keyId: string) => `0${keyedFormat}${keyId}`;

/** Length of {@link ciphertextHeaderHex} in bytes. */
export const ciphertextHeaderBytes = 1 + keyIdLength;

/** Bits kept of each blind index: enough to find matches, few enough that a hash alone pins down nobody. */
export const blindIndexBytes = 8;

/** Decodes a base64 key of exactly 32 bytes; throws with a message fit for an operator otherwise. */
export const decodeKey = (name: string, base64: string): Redacted.Redacted<Uint8Array> => {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded (got ${bytes.length} bytes)`);
  return Redacted.make(new Uint8Array(bytes));
};

/** A new random 32-byte key, base64-encoded. */
export const generateKey = () => randomBytes(32).toString("base64");

/** Each distinct key once, with its fingerprint; two different keys with one key id cannot be told apart. */
const keyRing = (purpose: string, keys: ReadonlyArray<Redacted.Redacted<Uint8Array>>) => {
  const ring = new Map<string, Buffer>();
  for (const key of keys) {
    const { keyId } = fingerprintOf(key);
    const bytes = Buffer.from(Redacted.value(key));
    const known = ring.get(keyId);
    if (known !== undefined && !known.equals(bytes)) {
      throw new Error(`two different ${purpose} keys have the same key id ${keyId}: generate another new key`);
    }
    ring.set(keyId, bytes);
  }
  return ring;
};

const open = (key: KeyObject, nonce: Buffer, body: Buffer, tag: Buffer, context: string) => {
  const decipher = createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: tagLength });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
};

/**
 * The domain's Crypto with node:crypto: AES-256-GCM with a random 96-bit nonce and the context as associated
 * data (a ciphertext only decrypts in the row it was written for), always under the current key, whose key id
 * leads the ciphertext (format 2) so that a previous key is found at once during a rotation; format 1 (before key
 * ids) is tried with each key, the GCM tag telling a wrong one. Blind indexes are HMAC-SHA-256 under a key derived
 * per index name (HKDF), truncated to {@link blindIndexBytes} bytes: written under the current index key, looked
 * up under the current and previous ones.
 */
export const CryptoLive = (keys: CryptoKeys) =>
  Layer.sync(Ports.Crypto, () => {
    const encryptionKeys = keyRing("encryption", [keys.encryptionKey, ...(keys.previousEncryptionKeys ?? [])]);
    const currentKeyId = fingerprintOf(keys.encryptionKey).keyId;
    // Key objects made once: node:crypto makes one from raw bytes on every call otherwise.
    const encryptionKey = createSecretKey(Buffer.from(Redacted.value(keys.encryptionKey)));
    const decryptionKeys = new Map([...encryptionKeys].map(([keyId, key]) => [keyId, createSecretKey(key)]));
    const header = Buffer.from(ciphertextHeaderHex(currentKeyId), "hex");
    const indexKeys = [...keyRing("index", [keys.indexKey, ...(keys.previousIndexKeys ?? [])]).values()];
    const derived = new Map<string, KeyObject>();
    const keyForIndex = (indexKey: Buffer, position: number, name: string) => {
      const cacheKey = `${position}:${name}`;
      let key = derived.get(cacheKey);
      if (key === undefined) {
        key = createSecretKey(
          Buffer.from(hkdfSync("sha256", indexKey, Buffer.alloc(0), `comensha blind index ${name}`, 32)),
        );
        derived.set(cacheKey, key);
      }
      return key;
    };
    const indexUnder = (indexKey: Buffer, position: number, name: string, normalised: string) =>
      createHmac("sha256", keyForIndex(indexKey, position, name))
        .update(normalised, "utf8")
        .digest()
        .subarray(0, blindIndexBytes)
        .toString("hex");
    const [currentIndexKey] = indexKeys as [Buffer, ...Array<Buffer>];
    return Ports.Crypto.of({
      encrypt: (plaintext, context) =>
        Effect.sync(() => {
          const nonce = randomBytes(nonceLength);
          const cipher = createCipheriv("aes-256-gcm", encryptionKey, nonce, { authTagLength: tagLength });
          cipher.setAAD(Buffer.from(context, "utf8"));
          const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
          return new Uint8Array(Buffer.concat([header, nonce, body, cipher.getAuthTag()]));
        }),
      decrypt: (ciphertext, context) =>
        Effect.try({
          try: () => {
            const data = Buffer.from(ciphertext);
            if (data[0] === keyedFormat && data.length >= ciphertextHeaderBytes + nonceLength + tagLength) {
              const key = decryptionKeys.get(data.subarray(1, ciphertextHeaderBytes).toString("hex"));
              if (key === undefined) throw new Error("unknown key id");
              const nonceEnd = ciphertextHeaderBytes + nonceLength;
              return open(
                key,
                data.subarray(ciphertextHeaderBytes, nonceEnd),
                data.subarray(nonceEnd, data.length - tagLength),
                data.subarray(data.length - tagLength),
                context,
              );
            }
            if (data[0] === legacyFormat && data.length >= 1 + nonceLength + tagLength) {
              const parts = [
                data.subarray(1, 1 + nonceLength),
                data.subarray(1 + nonceLength, data.length - tagLength),
                data.subarray(data.length - tagLength),
              ] as const;
              for (const key of decryptionKeys.values()) {
                try {
                  return open(key, ...parts, context);
                } catch {
                  // The tag did not verify: another key, or tampered with; try the next key.
                }
              }
            }
            throw new Error("bad format or no key fits");
          },
          catch: () => new Ports.DecryptionFailed(),
        }),
      blindIndex: (name, normalised) => Effect.sync(() => indexUnder(currentIndexKey, 0, name, normalised)),
      blindIndexCandidates: (name, normalised) =>
        Effect.sync(() => indexKeys.map((indexKey, position) => indexUnder(indexKey, position, name, normalised))),
    });
  });
