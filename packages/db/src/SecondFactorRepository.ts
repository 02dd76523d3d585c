import { Ports, type User } from "@comensha/domain";
import { and, count, eq, isNull, lt, or } from "drizzle-orm";
import { Effect, Layer } from "effect";
import { Database, queryWith } from "./Database.js";
import { recoveryCodes, users } from "./schema.js";

/** The associated data of a user's encrypted TOTP secret: a secret moved to another user's row does not decrypt. */
export const totpSecretContext = (userId: string) => `user:${userId}:totp-secret`;

/** The domain's SecondFactorRepository on drizzle: the secret in `users`, the recovery codes' hashes beside it. */
export const SecondFactorRepositoryLive = Layer.effect(
  Ports.SecondFactorRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const crypto = yield* Ports.Crypto;

    const insertCodes = (userId: User.UserId, hashes: ReadonlyArray<string>) =>
      hashes.length === 0
        ? Effect.void
        : Effect.asVoid(
            query((db) => db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })))),
          );
    const dropCodes = (userId: User.UserId) =>
      Effect.asVoid(query((db) => db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId))));

    return Ports.SecondFactorRepository.of({
      find: (userId) =>
        Effect.gen(function* () {
          const [row] = yield* query((db) =>
            db
              .select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt, lastStep: users.totpLastStep })
              .from(users)
              .where(eq(users.id, userId)),
          );
          const [left] = yield* query((db) =>
            db
              .select({ n: count() })
              .from(recoveryCodes)
              .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))),
          );
          const secret =
            row?.secret === null || row?.secret === undefined
              ? undefined
              : yield* crypto.decrypt(row.secret, totpSecretContext(userId));
          return {
            secret,
            enrolled: row?.enabledAt !== null && row?.enabledAt !== undefined,
            lastUsedStep: row?.lastStep ?? null,
            recoveryCodesLeft: Number(left?.n ?? 0),
          };
        }),
      start: (userId, secret) =>
        Effect.gen(function* () {
          const sealed = yield* crypto.encrypt(secret, totpSecretContext(userId));
          yield* query((db) =>
            db
              .update(users)
              .set({ totpSecret: sealed, totpEnabledAt: null, totpLastStep: null })
              .where(eq(users.id, userId)),
          );
          yield* dropCodes(userId);
        }),
      confirm: ({ userId, step, recoveryCodeHashes, at }) =>
        Effect.gen(function* () {
          yield* query((db) =>
            db.update(users).set({ totpEnabledAt: at, totpLastStep: step }).where(eq(users.id, userId)),
          );
          yield* dropCodes(userId);
          yield* insertCodes(userId, recoveryCodeHashes);
        }),
      useStep: (userId, step) =>
        Effect.map(
          query((db) =>
            db
              .update(users)
              .set({ totpLastStep: step })
              .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
              .returning({ id: users.id }),
          ),
          (rows) => rows.length === 1,
        ),
      useRecoveryCode: (userId, codeHash, at) =>
        Effect.map(
          query((db) =>
            db
              .update(recoveryCodes)
              .set({ usedAt: at })
              .where(
                and(
                  eq(recoveryCodes.userId, userId),
                  eq(recoveryCodes.codeHash, codeHash),
                  isNull(recoveryCodes.usedAt),
                ),
              )
              .returning({ userId: recoveryCodes.userId }),
          ),
          (rows) => rows.length === 1,
        ),
      replaceRecoveryCodes: (userId, hashes) => Effect.andThen(dropCodes(userId), insertCodes(userId, hashes)),
      reset: (userId) =>
        Effect.andThen(
          query((db) =>
            db
              .update(users)
              .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
              .where(eq(users.id, userId)),
          ),
          dropCodes(userId),
        ),
    });
  }),
);
