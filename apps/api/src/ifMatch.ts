import type { Context } from "hono";
import type { AppEnv } from "./env.js";
import { ProblemError, ProblemType } from "./problem.js";

/**
 * The version `If-Match` names (an `ETag` `"<n>"`, weak or strong): missing is 428, anything else but a version 412.
 * The use case compares it with the current version and answers 412 itself when it is stale.
 */
export const expectedVersion = (c: Context<AppEnv>, what: string): number => {
  const header = c.req.header("If-Match");
  if (header === undefined) {
    throw new ProblemError(428, ProblemType.preconditionRequired, "If-Match is required", {
      detail: `Send If-Match with the ETag of the ${what} you read.`,
    });
  }
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (match === null) {
    throw new ProblemError(412, ProblemType.preconditionFailed, "If-Match does not match the current version");
  }
  return Number(match[1]);
};
