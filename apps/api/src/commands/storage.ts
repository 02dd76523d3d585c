import { Database, type StorageOptions, sealLegacyPlaintext, storageLayer, verifyKeys } from "@comensha/db";
import { Effect, type Layer, ManagedRuntime } from "effect";

/** Opens storage for one command, runs `program` after the migrations (and their code step), and always closes it. */
export const withStorage = async <A, E>(
  options: StorageOptions,
  program: Effect.Effect<A, E, Layer.Success<ReturnType<typeof storageLayer>>>,
): Promise<A> => {
  const runtime = ManagedRuntime.make(storageLayer(options));
  try {
    return await runtime.runPromise(
      Effect.gen(function* () {
        yield* (yield* Database).migrate;
        yield* verifyKeys;
        yield* sealLegacyPlaintext;
        return yield* program;
      }),
    );
  } finally {
    await runtime.dispose();
  }
};
