import { Ports, Session } from "@comensha/domain";
import { eq } from "drizzle-orm";
import { Effect, Layer } from "effect";
import { Database, queryWith } from "./Database.js";
import { loginThrottles } from "./schema.js";

/** The domain's LoginThrottleRepository on drizzle: one row per e-mail key while it has recent failures or a lock. */
export const LoginThrottleRepositoryLive = Layer.effect(
  Ports.LoginThrottleRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    return Ports.LoginThrottleRepository.of({
      find: (key) =>
        Effect.map(
          query((db) => db.select().from(loginThrottles).where(eq(loginThrottles.key, key))),
          ([row]): Session.LoginThrottle =>
            row === undefined
              ? Session.emptyThrottle
              : {
                  failures: row.failures.map(Number),
                  lockedUntil: row.lockedUntil === null ? null : Date.parse(row.lockedUntil),
                },
        ),
      save: (key, throttle) => {
        const values = {
          failures: [...throttle.failures],
          lockedUntil: throttle.lockedUntil === null ? null : new Date(throttle.lockedUntil).toISOString(),
        };
        return Effect.asVoid(
          query((db) =>
            db
              .insert(loginThrottles)
              .values({ key, ...values })
              .onConflictDoUpdate({ target: loginThrottles.key, set: values }),
          ),
        );
      },
      clear: (key) => Effect.asVoid(query((db) => db.delete(loginThrottles).where(eq(loginThrottles.key, key)))),
    });
  }),
);
