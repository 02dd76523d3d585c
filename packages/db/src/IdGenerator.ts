import { Ports } from "@comensha/domain";
import { Effect, Layer } from "effect";
import { v7 } from "uuid";

/** UUIDv7 identifiers from the system clock and a cryptographic random source. */
export const IdGeneratorLive = Layer.succeed(
  Ports.IdGenerator,
  Ports.IdGenerator.of({ next: Effect.sync(() => v7()) }),
);

/**
 * Reproducible UUIDv7 identifiers: time advances one millisecond per id from `startMillis`, and the random bits
 * come from a small seeded generator (mulberry32). For demo data and tests only: these ids are predictable.
 */
export const seededIdGenerator = (seed: number, startMillis: number) => {
  let state = seed >>> 0;
  let millis = startMillis;
  const nextRandom = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return Layer.succeed(
    Ports.IdGenerator,
    Ports.IdGenerator.of({
      next: Effect.sync(() => {
        const random = new Uint8Array(16);
        for (let i = 0; i < 16; i += 4) new DataView(random.buffer).setUint32(i, nextRandom());
        millis += 1;
        return v7({ msecs: millis, random, seq: 0 });
      }),
    }),
  );
};
