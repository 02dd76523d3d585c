import { Duplicate, Ports } from "@comensha/domain";
import { Effect, Exit, Schema } from "effect";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import type { Operation } from "../openapi.js";
import { invalidCursor, ProblemError, ProblemType } from "../problem.js";
import { pageRequestOf, readJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import { audit } from "../services/audit.js";
import { decodeBody } from "../validation.js";
import { audited } from "./audited.js";
import { runCollecting, runEffect, throwDefect } from "./runEffect.js";

const DuplicateResponse = Schema.Struct({ ...Duplicate.Duplicate.fields }).annotate({ identifier: "Duplicate" });
const DuplicatePage = Schema.Struct({
  data: Schema.Array(DuplicateResponse),
  nextCursor: Schema.NullOr(Schema.String),
}).annotate({ identifier: "DuplicatePage" });
const DecisionRequest = Duplicate.DuplicateDecision.annotate({ identifier: "DuplicateDecision" });
const encode = Schema.encodeSync(DuplicateResponse);

const coordinatorProblems = {
  401: { description: "No valid API key.", problem: true },
  403: { description: "Only coordinators review duplicates.", problem: true },
} as const;

/** OpenAPI descriptions of the duplicate review routes. */
export const duplicateOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/duplicates",
    operationId: "listDuplicates",
    summary: "Possible duplicates to review (coordinators)",
    description:
      "For coordinators: possible duplicates, newest first, optionally by status. A possible duplicate says which " +
      "blind indexes matched (their names, never values) between the person of a new registration and an existing " +
      "one. Audited as a read of personal data.",
    tags: ["duplicates"],
    security: true,
    query: [
      {
        name: "status",
        description: "open, merged, dismissed, or stale (closed because a correction made the persons no longer match)",
        schema: { type: "string", enum: [...Duplicate.DuplicateStatus.literals] },
      },
      { name: "limit", schema: { type: "integer", minimum: 1, maximum: 200 } },
      { name: "cursor", schema: { type: "string" } },
    ],
    responses: {
      200: { description: "A page of possible duplicates.", schema: DuplicatePage },
      400: { description: "A bad status, limit or cursor.", problem: true },
      ...coordinatorProblems,
    },
  },
  {
    method: "get",
    path: "/v1/duplicates/:id",
    operationId: "getDuplicate",
    summary: "One possible duplicate, open or decided (coordinators); audited like the list",
    description:
      "For coordinators: one possible duplicate with its decision, if any; audited as a read of personal data.",
    tags: ["duplicates"],
    security: true,
    responses: {
      200: { description: "The possible duplicate.", schema: DuplicateResponse },
      ...coordinatorProblems,
      404: { description: "No such duplicate.", problem: true },
    },
  },
  ...(["merge", "dismiss"] as const).map(
    (decision): Operation => ({
      method: "post",
      path: `/v1/duplicates/:id/${decision}`,
      operationId: `${decision}Duplicate`,
      summary:
        decision === "merge"
          ? "Merge the new person into the existing one, with a reason"
          : "Dismiss a possible duplicate, with a reason",
      description:
        decision === "merge"
          ? "Merges the person of the new registration into the existing one, with a reason of 3-1000 characters " +
            "(stored encrypted): the merged person points to the surviving one and nothing is deleted. A decided " +
            "duplicate is 409."
          : "Records that the two persons are different people, with a reason of 3-1000 characters (stored " +
            "encrypted). A decided duplicate is 409.",
      tags: ["duplicates"],
      security: true,
      requestBody: DecisionRequest,
      responses: {
        200: { description: "The decided duplicate.", schema: DuplicateResponse },
        ...coordinatorProblems,
        404: { description: "No such duplicate.", problem: true },
        409: { description: "Already decided.", problem: true },
        422: { description: "A reason is required.", problem: true },
      },
    }),
  ),
];

const caller = (c: Context<AppEnv>) => ({ principal: c.get("principal"), requestId: c.get("requestId") });

const notFound = () => new ProblemError(404, ProblemType.notFound, "No such duplicate");

const parseId = (id: string | undefined) => {
  const result = Schema.decodeUnknownExit(Duplicate.DuplicateId)(id);
  if (Exit.isFailure(result)) throw notFound();
  return result.value;
};

const run = runEffect((error) =>
  (error as { _tag?: string })._tag === "DuplicateNotFound"
    ? notFound()
    : new ProblemError(500, ProblemType.internal, "Internal server error"),
);

/** `/v1/duplicates`: the review queue of possible duplicates; coordinators merge or dismiss, with a reason. */
export const duplicateRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();
  routes.get(
    "/",
    audited(runtime, "duplicate", "duplicate.list", async (c) => {
      requireRole(c, "coordinator");
      const pageRequest = pageRequestOf(c, { defaultLimit: 50, maxLimit: 200 });
      const status = c.req.query("status");
      if (status !== undefined && !(Duplicate.DuplicateStatus.literals as ReadonlyArray<string>).includes(status)) {
        throw new ProblemError(400, ProblemType.badRequest, "status must be open, merged, dismissed or stale");
      }
      const exit = await runCollecting(
        runtime,
        Effect.gen(function* () {
          const page = yield* (yield* Ports.DuplicateRepository).list(
            status === undefined ? {} : { status: status as Duplicate.DuplicateStatus },
            pageRequest,
          );
          yield* audit(caller(c), "duplicate.list", "success", { type: "duplicate" });
          return page;
        }),
      );
      throwDefect(exit);
      if (Exit.isFailure(exit)) throw invalidCursor();
      return c.json({ data: exit.value.data.map((duplicate) => encode(duplicate)), nextCursor: exit.value.nextCursor });
    }),
  );

  routes.get(
    "/:id",
    audited(runtime, "duplicate", "duplicate.read", async (c) => {
      requireRole(c, "coordinator");
      const id = parseId(c.req.param("id"));
      const duplicate = await run(
        runtime,
        Effect.gen(function* () {
          const found = yield* (yield* Ports.DuplicateRepository).findById(id);
          yield* audit(caller(c), "duplicate.read", "success", { type: "duplicate", id });
          return found;
        }),
      );
      return c.json(encode(duplicate));
    }),
  );

  for (const decision of ["merge", "dismiss"] as const) {
    routes.post(
      `/:id/${decision}`,
      audited(runtime, "duplicate", `duplicate.${decision}`, async (c) => {
        const principal = requireRole(c, "coordinator");
        const id = Schema.decodeUnknownExit(Duplicate.DuplicateId)(c.req.param("id"));
        if (Exit.isFailure(id)) throw new ProblemError(404, ProblemType.notFound, "No such duplicate");
        const { reason } = decodeBody(DecisionRequest, (await readJson(c)).json);
        const exit = await runCollecting(
          runtime,
          Effect.gen(function* () {
            const transactor = yield* Ports.Transactor;
            return yield* transactor.transaction(
              Effect.gen(function* () {
                const decided = yield* (yield* Ports.DuplicateRepository).decide({
                  id: id.value,
                  status: decision === "merge" ? "merged" : "dismissed",
                  reason,
                  decidedBy: principal.id,
                });
                if (decision === "merge") {
                  yield* (yield* Ports.PersonRepository).merge(decided.personId, decided.candidatePersonId);
                }
                yield* audit(caller(c), `duplicate.${decision}`, "success", { type: "duplicate", id: id.value });
                return decided;
              }),
            );
          }),
        );
        if (Exit.isSuccess(exit)) return c.json(encode(exit.value));
        const failure = exit.cause.reasons.find((r) => r._tag === "Fail");
        const tag = failure?._tag === "Fail" ? (failure.error as { _tag: string })._tag : undefined;
        if (tag === "DuplicateNotFound") throw new ProblemError(404, ProblemType.notFound, "No such duplicate");
        if (tag === "DuplicateAlreadyDecided") throw new ProblemError(409, ProblemType.invalidState, "Already decided");
        throwDefect(exit);
        throw new ProblemError(500, ProblemType.internal, "Internal server error");
      }),
    );
  }
  return routes;
};
