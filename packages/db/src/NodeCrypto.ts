import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { Ports } from "@comensha/domain";
import { Effect, Layer, Redacted } from "effect";

/** Key material for personal data: 32-byte keys, from configuration (never from the database). */
export interface CryptoKeys {
  readonly encryptionKey: Redacted.Redacted<Uint8Array>;
  readonly indexKey: Redacted.Redacted<Uint8Array>;
}

const formatVersion = 1;
const nonceLength = 12;
const tagLength = 16;

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

/**
 * The domain's Crypto with node:crypto: AES-256-GCM with a random 96-bit nonce and the context as associated
 * data (a ciphertext only decrypts in the row it was written for); blind indexes are HMAC-SHA-256 under a key
 * derived per index name (HKDF), truncated to {@link blindIndexBytes} bytes.
 */
export const CryptoLive = (keys: CryptoKeys) =>
  Layer.sync(Ports.Crypto, () => {
    const encryptionKey = Redacted.value(keys.encryptionKey);
    const indexKey = Redacted.value(keys.indexKey);
    const indexKeys = new Map<string, Buffer>();
    const keyForIndex = (name: string) => {
      let key = indexKeys.get(name);
      if (key === undefined) {
        key = Buffer.from(hkdfSync("sha256", indexKey, Buffer.alloc(0), `comensha blind index ${name}`, 32));
        indexKeys.set(name, key);
      }
      return key;
    };
    return Ports.Crypto.of({
      encrypt: (plaintext, context) =>
        Effect.sync(() => {
          const nonce = randomBytes(nonceLength);
          const cipher = createCipheriv("aes-256-gcm", encryptionKey, nonce, { authTagLength: tagLength });
          cipher.setAAD(Buffer.from(context, "utf8"));
          const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
          return new Uint8Array(Buffer.concat([Buffer.of(formatVersion), nonce, body, cipher.getAuthTag()]));
        }),
      decrypt: (ciphertext, context) =>
        Effect.try({
          try: () => {
            const data = Buffer.from(ciphertext);
            if (data.length < 1 + nonceLength + tagLength || data[0] !== formatVersion) throw new Error("bad format");
            const nonce = data.subarray(1, 1 + nonceLength);
            const tag = data.subarray(data.length - tagLength);
            const decipher = createDecipheriv("aes-256-gcm", encryptionKey, nonce, { authTagLength: tagLength });
            decipher.setAAD(Buffer.from(context, "utf8"));
            decipher.setAuthTag(tag);
            return Buffer.concat([
              decipher.update(data.subarray(1 + nonceLength, data.length - tagLength)),
              decipher.final(),
            ]).toString("utf8");
          },
          catch: () => new Ports.DecryptionFailed(),
        }),
      blindIndex: (name, normalised) =>
        Effect.sync(() =>
          createHmac("sha256", keyForIndex(name))
            .update(normalised, "utf8")
            .digest()
            .subarray(0, blindIndexBytes)
            .toString("hex"),
        ),
    });
  });
