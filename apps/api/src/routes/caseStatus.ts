import { CaseStatus, Person } from "@comensha/domain";
import { Schema } from "effect";
import { Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import { idempotent, storedResponse } from "../idempotency.js";
import type { Operation } from "../openapi.js";
import { ProblemError, ProblemType } from "../problem.js";
import { readJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import { changeCaseStatus, getCaseStatus } from "../services/caseStatus.js";
import { decodeBody } from "../validation.js";
import { audited, callerOf } from "./audited.js";
import { mergedAway, personIdOf, personNotFound } from "./personCase.js";
import { runEffect } from "./runEffect.js";

/** A person's case status on the wire, with its history. */
export const CaseStatusResponse = Schema.Struct({
  personId: Person.PersonId,
  status: CaseStatus.CaseStatus,
  history: Schema.Array(Schema.Struct({ ...CaseStatus.CaseStatusChange.fields })),
}).annotate({
  identifier: "CaseStatus",
  description:
    "Where a person's trajectory stands after the first report (HTCDS 2.0 cas_Status: active, follow_up, closed, " +
    "closed_referred), with every change: from, to, a coded reason, who (by kind and id) and when.",
});

/** The body of `POST /v1/persons/{id}/case-status`. */
export const CaseStatusInput = CaseStatus.NewCaseStatus.annotate({ identifier: "CaseStatusInput" });

const encode = Schema.encodeSync(CaseStatusResponse);

const problems = {
  401: { description: "No valid API key or console session.", problem: true },
  403: { description: "Only coordinators see and change case status.", problem: true },
  404: { description: "No such person.", problem: true },
  409: {
    description: "The person was merged into another (their case is the survivor's), or the same key is in flight.",
    problem: true,
  },
} as const;

/** OpenAPI descriptions of the case status routes. */
export const caseStatusOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/persons/:id/case-status",
    operationId: "getCaseStatus",
    summary: "A person's case status and its history (coordinators)",
    description:
      "Where the person's trajectory stands (every person is active until a coordinator changes it) and every " +
      "change, oldest first. Reasons are coded; what happened in words belongs in the case's notes.",
    tags: ["persons"],
    security: true,
    responses: {
      200: { description: "The case status with its history.", schema: CaseStatusResponse },
      ...problems,
    },
  },
  {
    method: "post",
    path: "/v1/persons/:id/case-status",
    operationId: "changeCaseStatus",
    summary: "Change a person's case status (coordinators)",
    description:
      "Moves the case to another status with a coded reason: `referred` closes it as `closed_referred`, and only " +
      "that reason does; a closed case may be reopened. The same status again is refused (422).",
    tags: ["persons"],
    security: true,
    headers: [
      {
        name: "Idempotency-Key",
        required: false,
        description: "Honoured when sent (the SDK always sends one): a retry gets the first answer.",
      },
    ],
    requestBody: CaseStatusInput,
    responses: {
      200: { description: "The case status with its history, the change included.", schema: CaseStatusResponse },
      ...problems,
      422: { description: "The body breaks the schema, or the change is not allowed (see detail).", problem: true },
    },
  },
];

const toProblem = (error: unknown): ProblemError => {
  switch ((error as { _tag?: string })._tag) {
    case "PersonNotFound":
      return personNotFound();
    case "PersonMergedAway":
      return mergedAway(error as CaseStatus.PersonMergedAway);
    case "CaseStatusChangeRefused":
      return new ProblemError(422, ProblemType.validationFailed, "The case status cannot change so", {
        detail: `Refused: ${(error as CaseStatus.CaseStatusChangeRefused).problem}.`,
        errors: [{ path: "/status", message: (error as CaseStatus.CaseStatusChangeRefused).problem }],
      });
    default:
      return error instanceof ProblemError
        ? error
        : new ProblemError(500, ProblemType.internal, "Internal server error");
  }
};

const run = runEffect(toProblem);

/** `/v1/persons/{id}/case-status`: coordinators read and change where a person's trajectory stands. */
export const caseStatusRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.get(
    "/:id/case-status",
    audited(runtime, "person", "case_status.read", async (c) => {
      requireRole(c, "coordinator");
      return c.json(encode(await run(runtime, getCaseStatus(callerOf(c), personIdOf(c)))));
    }),
  );

  routes.post(
    "/:id/case-status",
    audited(runtime, "person", "case_status.change", async (c) => {
      requireRole(c, "coordinator");
      const personId = personIdOf(c);
      const { bytes, json } = await readJson(c);
      const input = decodeBody(CaseStatusInput, json);
      return idempotent(
        c,
        runtime,
        bytes,
        (complete) =>
          run(
            runtime,
            changeCaseStatus(callerOf(c), personId, input, (view) => storedResponse(200, encode(view)), complete),
          ),
        { required: false },
      );
    }),
  );

  return routes;
};
