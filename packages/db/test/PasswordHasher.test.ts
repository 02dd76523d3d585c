import { Ports } from "@comensha/domain";
import { describe, expect, it } from "@effect/vitest";
import { Effect, Redacted } from "effect";
import { PasswordHasherLive } from "../src/PasswordHasher.js";

describe("PasswordHasher (argon2id)", () => {
  it.effect("hashes with OWASP's argon2id parameters and a fresh salt each time", () =>
    Effect.gen(function* () {
      const hasher = yield* Ports.PasswordHasher;
      const password = Redacted.make("correct horse battery staple");
      const first = yield* hasher.hash(password);
      const second = yield* hasher.hash(password);
      expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
      expect(second).not.toBe(first);
      expect(first).not.toContain("correct horse");
    }).pipe(Effect.provide(PasswordHasherLive)),
  );

  it.effect("verifies the right password only, and treats a malformed hash as no match", () =>
    Effect.gen(function* () {
      const hasher = yield* Ports.PasswordHasher;
      const hash = yield* hasher.hash(Redacted.make("correct horse battery staple"));
      expect(yield* hasher.verify(hash, Redacted.make("correct horse battery staple"))).toBe(true);
      expect(yield* hasher.verify(hash, Redacted.make("correct horse battery stapler"))).toBe(false);
      expect(yield* hasher.verify("not a hash", Redacted.make("anything"))).toBe(false);
      expect(yield* hasher.verifyNothing(Redacted.make("correct horse battery staple"))).toBe(false);
    }).pipe(Effect.provide(PasswordHasherLive)),
  );
});
