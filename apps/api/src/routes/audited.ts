import type { Context } from "hono";
import type { AppEnv } from "../env.js";
import { ProblemError } from "../problem.js";
import type { AppRuntime } from "../runtime.js";
import { audit, type Caller } from "../services/audit.js";

/** Who makes this request, as use cases and the audit log take it. */
export const callerOf = (c: Context<AppEnv>): Caller => ({
  principal: c.get("principal"),
  requestId: c.get("requestId"),
});

/**
 * Wraps a personal-data route so that every call writes exactly one audit event: on success the use case writes
 * it (inside the transaction of its change); on any failure, this writes one afterwards, outside the rolled-back
 * transaction: `denied` for 403 and 404 (not yours, or not there), `failure` otherwise. The resource's id is the
 * path parameter `idParam` (`id` unless the resource is nested, e.g. a person's note).
 */
export const audited =
  (
    runtime: AppRuntime,
    resourceType: string,
    action: string,
    handler: (c: Context<AppEnv>) => Promise<Response>,
    idParam = "id",
  ) =>
  async (c: Context<AppEnv>) => {
    c.set("audited", { resourceType, action });
    try {
      return await handler(c);
    } catch (error) {
      const status = error instanceof ProblemError ? error.status : 500;
      // The id as asked for, at most 100 characters: a refused id is recorded too, and may be anything.
      const id = c.req.param(idParam)?.slice(0, 100);
      await runtime.runPromise(
        audit(callerOf(c), action, status === 403 || status === 404 ? "denied" : "failure", {
          type: resourceType,
          ...(id === undefined ? {} : { id }),
        }),
      );
      throw error;
    }
  };
