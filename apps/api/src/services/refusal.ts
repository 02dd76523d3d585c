import { Effect } from "effect";

/**
 * The outcome of a transaction that commits its refusals too (a failed login's audit event and lock-out count must
 * stay): the transaction answers the refusal as a value, and this fails with it once it has committed, or succeeds
 * with any other outcome.
 */
export const refuseAfterCommit = <T>(outcome: T): Effect.Effect<Exclude<T, Error>, Extract<T, Error>> =>
  outcome instanceof Error ? Effect.fail(outcome as Extract<T, Error>) : Effect.succeed(outcome as Exclude<T, Error>);
