import { Ports } from "@comensha/domain";
import { type Algorithm, hash, verify } from "@node-rs/argon2";
import { Effect, Layer, Redacted } from "effect";

/**
 * Argon2id with the parameters OWASP's Password Storage Cheat Sheet recommends as its first choice: 19 MiB of
 * memory, 2 passes, 1 lane (`m=19456,t=2,p=1`), a random 16-byte salt per hash and a 32-byte output.
 */
export const argon2Options = {
  algorithm: 2 as Algorithm.Argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

/**
 * A hash of a random password nobody knows, with the same parameters: verifying against it costs what verifying a
 * real user's password costs, so an unknown e-mail address answers as slowly as a known one.
 */
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$x3O9SX0kiYVs7KaJIPmNOA$MP37XiwnY2O5mvJAfdD615oKUcyAv9RSn2zvKKqzMB4";

const verifyOrFalse = (encoded: string, password: Redacted.Redacted<string>) =>
  Effect.promise(() => verify(encoded, Redacted.value(password)).catch(() => false));

/**
 * The domain's PasswordHasher with `@node-rs/argon2` (argon2id on libuv's thread pool, so hashing does not block the
 * event loop); the library compares in constant time.
 */
export const PasswordHasherLive = Layer.succeed(
  Ports.PasswordHasher,
  Ports.PasswordHasher.of({
    hash: (password) => Effect.promise(() => hash(Redacted.value(password), argon2Options)),
    verify: verifyOrFalse,
    verifyNothing: (password) => Effect.as(verifyOrFalse(dummyHash, password), false as const),
  }),
);
