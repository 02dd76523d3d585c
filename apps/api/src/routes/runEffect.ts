import { Unreadable } from "@comensha/domain";
import { Cause, Effect, Exit, Result } from "effect";
import type { Context } from "hono";
import { tryGetContext } from "hono/context-storage";
import type { AppEnv } from "../env.js";
import type { ProblemError } from "../problem.js";
import type { AppRuntime, AppServices } from "../runtime.js";
import { audit } from "../services/audit.js";

/**
 * Names the values of this request that did not decrypt: on the request's context for the log's warning, and each
 * record once in the audit log as `<resource>.undecryptable` (a failure), so an operator learns of a wrong or lost key
 * from the records it hides, while the answer still carries everything else.
 */
const noteUnreadable = async (
  runtime: AppRuntime,
  c: Context<AppEnv> | undefined,
  values: ReadonlyArray<Unreadable.UnreadableValue>,
) => {
  if (c === undefined) return;
  const records = new Map<string, { readonly resource: string; readonly id: string }>();
  for (const value of values) records.set(`${value.resource}\u0000${value.id}`, value);
  const first = values[0];
  if (first !== undefined) {
    const ofResource = values.filter((value) => value.resource === first.resource);
    const noted = c.get("undecryptable");
    c.set("undecryptable", {
      resource: first.resource,
      ids: [...new Set([...(noted?.ids ?? []), ...ofResource.map((value) => value.id)])],
      fields: [...new Set([...(noted?.fields ?? []), ...ofResource.map((value) => value.field)])],
    });
  }
  const principal = c.get("principal");
  if (principal === undefined) return;
  const caller = { principal, requestId: c.get("requestId") };
  await runtime.runPromise(
    Effect.forEach(
      [...records.values()],
      (record) =>
        audit(caller, `${record.resource}.undecryptable`, "failure", { type: record.resource, id: record.id }),
      { discard: true },
    ),
  );
};

/**
 * Runs a route's Effect on the runtime and answers its exit; values that repositories report as undecryptable while
 * it runs are logged and audited (see {@link noteUnreadable}).
 */
export const runCollecting = async <A, E>(runtime: AppRuntime, effect: Effect.Effect<A, E, AppServices>) => {
  const unreadable: Array<Unreadable.UnreadableValue> = [];
  const exit = await runtime.runPromiseExit(
    effect.pipe(Effect.provideService(Unreadable.UnreadableValues, { report: (value) => void unreadable.push(value) })),
  );
  if (unreadable.length > 0) await noteUnreadable(runtime, tryGetContext<AppEnv>(), unreadable);
  return exit;
};

/**
 * Runs a route's Effect on the runtime (see {@link runCollecting}): a typed failure becomes the problem `toProblem`
 * maps it to; a defect stays a defect (the app answers 500 without its message).
 */
export const runEffect =
  (toProblem: (error: unknown) => ProblemError) =>
  async <A, E>(runtime: AppRuntime, effect: Effect.Effect<A, E, AppServices>): Promise<A> => {
    const exit = await runCollecting(runtime, effect);
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
