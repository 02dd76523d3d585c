import { type CaseStatus, Person } from "@comensha/domain";
import { Exit, Schema } from "effect";
import type { Context } from "hono";
import type { AppEnv } from "../env.js";
import { ProblemError, ProblemType } from "../problem.js";

/**
 * Shared by the routes of a person's case (`/v1/persons/{id}/…`: case status, notes): the person's id from the path,
 * and the problems of a person that is not there or was merged into another.
 */

/** The person's id of the path; a malformed one is the same 404 as an unknown one. */
export const personIdOf = (c: Context<AppEnv>): Person.PersonId => {
  const id = Schema.decodeUnknownExit(Person.PersonId)(c.req.param("id"));
  if (Exit.isFailure(id)) throw personNotFound();
  return id.value;
};

export const personNotFound = () => new ProblemError(404, ProblemType.notFound, "Person not found");

/** A person merged into another: their case (its status, its notes) is the survivor's, named in the detail. */
export const mergedAway = (error: CaseStatus.PersonMergedAway) =>
  new ProblemError(409, ProblemType.invalidState, "The person was merged into another", {
    detail: `Their case is that of person ${error.mergedInto}.`,
  });
