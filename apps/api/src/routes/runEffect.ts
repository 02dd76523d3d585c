import { Cause, type Effect, Exit, Result } from "effect";
import type { ProblemError } from "../problem.js";
import type { AppRuntime, AppServices } from "../runtime.js";

/**
 * Runs a route's Effect on the runtime: a typed failure becomes the problem `toProblem` maps it to; a defect stays a
 * defect (the app answers 500 without its message).
 */
export const runEffect =
  (toProblem: (error: unknown) => ProblemError) =>
  async <A, E>(runtime: AppRuntime, effect: Effect.Effect<A, E, AppServices>): Promise<A> => {
    const exit = await runtime.runPromiseExit(effect);
    if (Exit.isSuccess(exit)) return exit.value;
    const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail");
    if (failure !== undefined && failure._tag === "Fail") throw toProblem(failure.error);
    throw Cause.squash(exit.cause);
  };

/**
 * Throws the defect of a failed exit, when it has one, so the app answers it as what it is (503 while the database
 * is unreachable, else 500) instead of as the problem that a route gives its own typed failures (a bad cursor, an
 * unknown id).
 */
export const throwDefect = <A, E>(exit: Exit.Exit<A, E>): void => {
  if (Exit.isSuccess(exit)) return;
  const defect = Cause.findDefect(exit.cause);
  if (Result.isSuccess(defect)) throw defect.success;
};
