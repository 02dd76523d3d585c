import { Schema } from "effect";

/**
 * The disclosure-control policy applied to every published table (statistische geheimhouding): values from 1 up to
 * `threshold - 1` are suppressed, with secondary suppression so that none can be recomputed from the totals, and,
 * when `roundingBase` is set, every published value is rounded to a multiple of it. Zeros describe nobody and are
 * published. The policy applied is written into the report.
 */
export const DisclosurePolicy = Schema.Struct({
  threshold: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1000 })),
  roundingBase: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 2, maximum: 1000 }))),
});
export type DisclosurePolicy = typeof DisclosurePolicy.Type;

/** The default policy: suppress values below 5, no rounding. */
export const defaultPolicy: DisclosurePolicy = { threshold: 5 };
