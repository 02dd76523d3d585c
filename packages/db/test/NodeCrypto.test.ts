import { Ports } from "@comensha/domain";
import { Effect, Redacted } from "effect";
import { describe, expect, it } from "vitest";
import { blindIndexBytes, CryptoLive, decodeKey, generateKey } from "../src/NodeCrypto.js";
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
