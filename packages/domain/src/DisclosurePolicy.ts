import { Schema } from "effect";

/**
 * The disclosure-control policy applied to every published table (statistische geheimhouding): values from 1 up to
 * `threshold - 1` are suppressed, with secondary suppression so that none can be recomputed from the totals, and,
 * when `roundingBase` is set, every published value is rounded to a multiple of it. Zeros describe nobody and are
 * published. The policy applied is written into the report.
 */
export const DisclosurePolicy = Schema.Struct({
  threshold: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1000 })),
  roundingBase: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1000 }))),
});
export type DisclosurePolicy = typeof DisclosurePolicy.Type;

/**
 * The weakest policy anything may publish under: no threshold below 5 (a count of 1 to 4 people is never
 * published). The API, the CLI and the worker all check a policy with {@link policyViolations}, so none of them
 * can publish under a weaker one.
 */
export const minimumThreshold = 5;
/** The smallest rounding base: 1 leaves values as they are. */
export const minimumRoundingBase = 1;

/** The default policy: suppress values below 5, no rounding. */
export const defaultPolicy: DisclosurePolicy = { threshold: minimumThreshold };

/** One way a policy is weaker than the minimum, at the field it concerns. */
export interface PolicyViolation {
  readonly path: ReadonlyArray<string>;
  readonly message: string;
}

/** How `policy` is weaker than the minimum (empty when it may be published): a report may be stricter, never weaker. */
export const policyViolations = (policy: {
  readonly threshold: number;
  readonly roundingBase?: number | undefined;
}): ReadonlyArray<PolicyViolation> => {
  const violations: Array<PolicyViolation> = [];
  if (!Number.isInteger(policy.threshold) || policy.threshold < minimumThreshold) {
    violations.push({
      path: ["threshold"],
      message: `must be at least ${minimumThreshold}: a report may be stricter than the default, never weaker`,
    });
  }
  if (
    policy.roundingBase !== undefined &&
    (!Number.isInteger(policy.roundingBase) || policy.roundingBase < minimumRoundingBase)
  ) {
    violations.push({ path: ["roundingBase"], message: `must be a whole number of at least ${minimumRoundingBase}` });
  }
  return violations;
};
