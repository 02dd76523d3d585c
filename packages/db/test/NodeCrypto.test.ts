import { createCipheriv, randomBytes } from "node:crypto";
import { Ports } from "@comensha/domain";
import { Effect, Redacted } from "effect";
import { describe, expect, it } from "vitest";
import {
  blindIndexBytes,
  type CryptoKeys,
  CryptoLive,
  decodeKey,
  fingerprintOf,
  generateKey,
} from "../src/NodeCrypto.js";
import { testKeys } from "../src/testing.js";

const run = <A, E>(effect: Effect.Effect<A, E, Ports.Crypto>) =>
  Effect.runPromise(Effect.provide(effect, CryptoLive(testKeys)));

describe("NodeCrypto", () => {
  it("decrypts what it encrypted in the same context, and the ciphertext hides the plaintext", async () => {
    const { ciphertext, plaintext } = await run(
      Effect.gen(function* () {
        const crypto = yield* Ports.Crypto;
        const ciphertext = yield* crypto.encrypt("Testperson, Alda", "registration:1:1");
        return { ciphertext, plaintext: yield* crypto.decrypt(ciphertext, "registration:1:1") };
      }),
    );
    expect(plaintext).toBe("Testperson, Alda");
    expect(Buffer.from(ciphertext).toString("latin1")).not.toContain("Testperson");
  });

  it("uses a fresh nonce: the same plaintext encrypts differently each time", async () => {
    const [a, b] = await run(
      Effect.gen(function* () {
        const crypto = yield* Ports.Crypto;
        return [yield* crypto.encrypt("same", "ctx"), yield* crypto.encrypt("same", "ctx")] as const;
      }),
    );
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it("refuses a ciphertext moved to another context, or tampered with", async () => {
    const failures = await run(
      Effect.gen(function* () {
        const crypto = yield* Ports.Crypto;
        const ciphertext = yield* crypto.encrypt("secret", "registration:1:1");
        const moved = yield* Effect.flip(crypto.decrypt(ciphertext, "registration:2:1"));
        const tampered = Uint8Array.from(ciphertext);
        tampered[tampered.length - 20] = (tampered[tampered.length - 20] ?? 0) ^ 1;
        const altered = yield* Effect.flip(crypto.decrypt(tampered, "registration:1:1"));
        return [moved._tag, altered._tag];
      }),
    );
    expect(failures).toEqual(["DecryptionFailed", "DecryptionFailed"]);
  });

  it("makes blind indexes that are stable, truncated, and separated per index name", async () => {
    const [a, b, other] = await run(
      Effect.gen(function* () {
        const crypto = yield* Ports.Crypto;
        return [
          yield* crypto.blindIndex("name_dob", "alda testperson|1999-04-12"),
          yield* crypto.blindIndex("name_dob", "alda testperson|1999-04-12"),
          yield* crypto.blindIndex("name", "alda testperson|1999-04-12"),
        ];
      }),
    );
    expect(a).toBe(b);
    expect(a).toHaveLength(blindIndexBytes * 2);
    expect(other).not.toBe(a);
  });

  it("accepts only 32-byte base64 keys", () => {
    expect(Redacted.value(decodeKey("K", generateKey()))).toHaveLength(32);
    expect(() => decodeKey("COMENSHA_ENCRYPTION_KEY", "c2hvcnQ=")).toThrow(/must be 32 bytes/);
  });
});

/** A ciphertext in format 1 (before key ids) as earlier builds wrote it: `[0x01][nonce][body][tag]`. */
const legacyCiphertext = (key: Redacted.Redacted<Uint8Array>, plaintext: string, context: string) => {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Redacted.value(key), nonce, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return new Uint8Array(Buffer.concat([Buffer.of(1), nonce, body, cipher.getAuthTag()]));
};

const key = () => decodeKey("K", generateKey());
const runWith = <A, E>(keys: CryptoKeys, effect: Effect.Effect<A, E, Ports.Crypto>) =>
  Effect.runPromise(Effect.provide(effect, CryptoLive(keys)));
const decryptWith = (keys: CryptoKeys, ciphertext: Uint8Array, context: string) =>
  runWith(
    keys,
    Effect.flatMap(Ports.Crypto, (crypto) =>
      Effect.match(crypto.decrypt(ciphertext, context), {
        onFailure: (error) => error._tag,
        onSuccess: (plaintext) => `ok:${plaintext}`,
      }),
    ),
  );

describe("NodeCrypto with key ids (format 2) and previous keys", () => {
  const oldKey = key();
  const newKey = key();
  const indexKey = key();

  it("writes format 2: the format byte 2, then the current key's key id", async () => {
    const ciphertext = await runWith(
      { encryptionKey: newKey, indexKey, previousEncryptionKeys: [oldKey] },
      Effect.flatMap(Ports.Crypto, (crypto) => crypto.encrypt("Testperson, Alda", "ctx")),
    );
    expect(ciphertext[0]).toBe(2);
    expect(Buffer.from(ciphertext.subarray(1, 5)).toString("hex")).toBe(fingerprintOf(newKey).keyId);
  });

  it("reads format 2 under a previous key by its key id, and refuses a key id it does not have", async () => {
    const underOld = await runWith(
      { encryptionKey: oldKey, indexKey },
      Effect.flatMap(Ports.Crypto, (crypto) => crypto.encrypt("Testperson, Alda", "ctx")),
    );
    expect(
      await decryptWith({ encryptionKey: newKey, indexKey, previousEncryptionKeys: [oldKey] }, underOld, "ctx"),
    ).toBe("ok:Testperson, Alda");
    expect(await decryptWith({ encryptionKey: newKey, indexKey }, underOld, "ctx")).toBe("DecryptionFailed");
    const unknownId = Uint8Array.from(underOld);
    unknownId[1] = (unknownId[1] ?? 0) ^ 0xff;
    expect(
      await decryptWith({ encryptionKey: newKey, indexKey, previousEncryptionKeys: [oldKey] }, unknownId, "ctx"),
    ).toBe("DecryptionFailed");
  });

  it("reads format 1 (no key id) under the current or any previous key, and nothing else", async () => {
    const legacy = legacyCiphertext(oldKey, "Testperson, Alda", "registration:1:1");
    expect(await decryptWith({ encryptionKey: oldKey, indexKey }, legacy, "registration:1:1")).toBe(
      "ok:Testperson, Alda",
    );
    expect(
      await decryptWith(
        { encryptionKey: newKey, indexKey, previousEncryptionKeys: [key(), oldKey] },
        legacy,
        "registration:1:1",
      ),
    ).toBe("ok:Testperson, Alda");
    expect(await decryptWith({ encryptionKey: newKey, indexKey }, legacy, "registration:1:1")).toBe("DecryptionFailed");
    expect(
      await decryptWith(
        { encryptionKey: newKey, indexKey, previousEncryptionKeys: [oldKey] },
        legacy,
        "registration:2:1",
      ),
    ).toBe("DecryptionFailed");
  });

  it("indexes under the current index key and looks up under the current and previous ones, current first", async () => {
    const previousIndexKey = key();
    const [before, during, candidates] = await Promise.all([
      runWith(
        { encryptionKey: oldKey, indexKey: previousIndexKey },
        Effect.flatMap(Ports.Crypto, (crypto) => crypto.blindIndex("name_dob", "alda testperson|1999-04-12")),
      ),
      runWith(
        { encryptionKey: newKey, indexKey, previousIndexKeys: [previousIndexKey] },
        Effect.flatMap(Ports.Crypto, (crypto) => crypto.blindIndex("name_dob", "alda testperson|1999-04-12")),
      ),
      runWith(
        { encryptionKey: newKey, indexKey, previousIndexKeys: [previousIndexKey] },
        Effect.flatMap(Ports.Crypto, (crypto) => crypto.blindIndexCandidates("name_dob", "alda testperson|1999-04-12")),
      ),
    ]);
    expect(during).not.toBe(before);
    expect(candidates).toEqual([during, before]);
  });
});
