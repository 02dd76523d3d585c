import { Erasure, Person } from "@comensha/domain";
import { Exit, Schema } from "effect";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import { idempotent, storedResponse } from "../idempotency.js";
import type { Operation } from "../openapi.js";
import { invalidCursor, ProblemError, ProblemType } from "../problem.js";
import { pageRequestOf, readJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import {
  approveErasure,
  getErasureRequest,
  listErasureRequests,
  rejectErasure,
  requestErasure,
} from "../services/erasure.js";
import { decodeBody } from "../validation.js";
import { audited, callerOf } from "./audited.js";
import { runEffect } from "./runEffect.js";

/** An erasure request on the wire (coordinators only). */
export const ErasureRequestResponse = Schema.Struct({ ...Erasure.ErasureRequest.fields }).annotate({
  identifier: "ErasureRequest",
  description:
    "A request to erase a person's identifiers: asked by one coordinator, approved (and executed at once) or " +
    "rejected by another. The reasons are stored encrypted; `reason` reads null once retention emptied it.",
});

const ErasureRequestPage = Schema.Struct({
  data: Schema.Array(ErasureRequestResponse),
  nextCursor: Schema.NullOr(Schema.String),
}).annotate({ identifier: "ErasureRequestPage" });

/** The body of `POST /v1/persons/{id}/erasure-requests`. */
export const ErasureRequestInput = Erasure.ErasureReasonInput.annotate({ identifier: "ErasureRequestInput" });

/** The body of `POST /v1/erasure-requests/{id}/reject`. */
export const ErasureRejectionInput = Erasure.ErasureReasonInput.annotate({ identifier: "ErasureRejection" });

const encode = Schema.encodeSync(ErasureRequestResponse);

const problems = {
  400: { description: "A header, parameter or cursor is wrong.", problem: true },
  401: { description: "No valid API key or console session.", problem: true },
  403: { description: "Only coordinators handle erasure requests.", problem: true },
  404: { description: "No such erasure request.", problem: true },
  409: {
    description: "The request was already decided (invalid-state), or the same Idempotency-Key is in flight.",
    problem: true,
  },
  422: { description: "The body breaks the schema; see errors.", problem: true },
} as const;

const idempotencyHeader = {
  name: "Idempotency-Key",
  required: false,
  description: "Honoured when sent (the SDK always sends one): a retry gets the first answer.",
} as const;

/** OpenAPI descriptions of the erasure request routes. */
export const erasureRequestOperations: ReadonlyArray<Operation> = [
  {
    method: "post",
    path: "/v1/persons/:id/erasure-requests",
    operationId: "createErasureRequest",
    summary: "Ask for the erasure of a person (coordinators)",
    description:
      "Asks for the erasure of a person's direct identifiers, and those of everyone merged into them, with a reason " +
      "of 3-1000 characters (stored encrypted). Another coordinator approves or rejects it: four eyes. One request " +
      "per person may be pending.",
    tags: ["erasure"],
    security: true,
    headers: [{ name: "Idempotency-Key", required: true, description: "1-255 visible ASCII characters; a UUID." }],
    requestBody: ErasureRequestInput,
    responses: {
      201: { description: "The pending request; Location is set.", schema: ErasureRequestResponse },
      400: problems[400],
      401: problems[401],
      403: problems[403],
      404: { description: "No such person.", problem: true },
      409: {
        description: "A request for this person is already pending (invalid-state), or the key is in flight.",
        problem: true,
      },
      422: problems[422],
    },
  },
  {
    method: "get",
    path: "/v1/erasure-requests",
    operationId: "listErasureRequests",
    summary: "Erasure requests, newest first (coordinators)",
    description:
      "For coordinators: erasure requests, newest first, optionally by status; cursor-paginated. Requesters and " +
      "deciders appear by kind and id, never by name.",
    tags: ["erasure"],
    security: true,
    query: [
      { name: "status", schema: { type: "string", enum: [...Erasure.ErasureRequestStatus.literals] } },
      { name: "limit", description: "1-200, default 50", schema: { type: "integer", minimum: 1, maximum: 200 } },
      { name: "cursor", description: "nextCursor of the previous page", schema: { type: "string" } },
    ],
    responses: {
      200: { description: "A page of erasure requests.", schema: ErasureRequestPage },
      400: problems[400],
      401: problems[401],
      403: problems[403],
    },
  },
  {
    method: "get",
    path: "/v1/erasure-requests/:id",
    operationId: "getErasureRequest",
    summary: "One erasure request (coordinators)",
    description:
      "For coordinators: one erasure request, with who asked and decided, when, and what an approval erased.",
    tags: ["erasure"],
    security: true,
    responses: {
      200: { description: "The erasure request.", schema: ErasureRequestResponse },
      401: problems[401],
      403: problems[403],
      404: problems[404],
    },
  },
  {
    method: "post",
    path: "/v1/erasure-requests/:id/approve",
    operationId: "approveErasureRequest",
    summary: "Approve an erasure request and erase the person",
    description:
      "A coordinator other than the one who asked approves, and the person and everyone merged into them are erased " +
      "at once, in one transaction: identifiers, blind indexes, free text and stored idempotent answers go, while " +
      "every statistical column stays, so published figures do not change. The answer counts what was erased.",
    tags: ["erasure"],
    security: true,
    headers: [idempotencyHeader],
    responses: {
      200: { description: "The approved request with what was erased (counts).", schema: ErasureRequestResponse },
      401: problems[401],
      403: {
        description:
          "Not a coordinator, or the coordinator who asked for it (type .../problems/second-approver-required).",
        problem: true,
      },
      404: problems[404],
      409: problems[409],
    },
  },
  {
    method: "post",
    path: "/v1/erasure-requests/:id/reject",
    operationId: "rejectErasureRequest",
    summary: "Reject a pending erasure request, with a reason (coordinators)",
    description:
      "Any coordinator may reject a pending request with a reason (3-1000 characters, stored encrypted); the one " +
      "who asked for it may too, withdrawing it. Nothing is erased.",
    tags: ["erasure"],
    security: true,
    headers: [idempotencyHeader],
    requestBody: ErasureRejectionInput,
    responses: {
      200: { description: "The rejected request.", schema: ErasureRequestResponse },
      401: problems[401],
      403: problems[403],
      404: problems[404],
      409: problems[409],
      422: problems[422],
    },
  },
];

const notFound = () => new ProblemError(404, ProblemType.notFound, "Erasure request not found");

/** Turns a typed failure of an erasure Effect into the problem the client gets. */
const toProblem = (error: unknown): ProblemError => {
  switch ((error as { _tag?: string })._tag) {
    case "ErasureRequestNotFound":
      return notFound();
    case "PersonNotFound":
      return new ProblemError(404, ProblemType.notFound, "Person not found");
    case "ErasurePending":
      return new ProblemError(409, ProblemType.invalidState, "An erasure request for this person is pending", {
        detail: `Approve or reject request ${(error as Erasure.ErasurePending).requestId} first.`,
      });
    case "ErasureRequestDecided":
      return new ProblemError(409, ProblemType.invalidState, "The erasure request was already decided", {
        detail: `Its status is ${(error as Erasure.ErasureRequestDecided).status}.`,
      });
    case "SecondApproverRequired":
      return new ProblemError(403, ProblemType.secondApproverRequired, "A second coordinator must approve", {
        detail: "The coordinator who asked for an erasure cannot approve it; another coordinator (user or key) must.",
      });
    case "InvalidCursor":
      return invalidCursor();
    default:
      return error instanceof ProblemError
        ? error
        : new ProblemError(500, ProblemType.internal, "Internal server error");
  }
};

const run = runEffect(toProblem);

const parseRequestId = (c: Context<AppEnv>) => {
  const id = Schema.decodeUnknownExit(Erasure.ErasureRequestId)(c.req.param("id"));
  if (Exit.isFailure(id)) throw notFound();
  return id.value;
};

const ListFilter = Schema.Struct({ status: Schema.optionalKey(Erasure.ErasureRequestStatus) });

/** `POST /v1/persons/{id}/erasure-requests`: a coordinator asks for a person's erasure. */
export const personErasureRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();
  routes.post(
    "/:id/erasure-requests",
    audited(runtime, "person", "erasure_request.create", async (c) => {
      requireRole(c, "coordinator");
      const personId = Schema.decodeUnknownExit(Person.PersonId)(c.req.param("id"));
      if (Exit.isFailure(personId)) throw new ProblemError(404, ProblemType.notFound, "Person not found");
      const { bytes, json } = await readJson(c);
      return idempotent(c, runtime, bytes, (complete) => {
        const { reason } = decodeBody(ErasureRequestInput, json);
        return run(
          runtime,
          requestErasure(
            callerOf(c),
            personId.value,
            reason,
            (request) => storedResponse(201, encode(request), { location: `/v1/erasure-requests/${request.id}` }),
            complete,
          ),
        );
      });
    }),
  );
  return routes;
};

/** `/v1/erasure-requests`: list, read, approve (a second coordinator) and reject erasure requests. */
export const erasureRequestRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.get(
    "/",
    audited(runtime, "erasure_request", "erasure_request.list", async (c) => {
      requireRole(c, "coordinator");
      const pageRequest = pageRequestOf(c, { defaultLimit: 50, maxLimit: 200 });
      const status = c.req.query("status");
      const filter = decodeBody(ListFilter, status === undefined ? {} : { status });
      const page = await run(runtime, listErasureRequests(callerOf(c), filter, pageRequest));
      return c.json({ data: page.data.map((request) => encode(request)), nextCursor: page.nextCursor });
    }),
  );

  routes.get(
    "/:id",
    audited(runtime, "erasure_request", "erasure_request.read", async (c) => {
      requireRole(c, "coordinator");
      const request = await run(runtime, getErasureRequest(callerOf(c), parseRequestId(c)));
      return c.json(encode(request));
    }),
  );

  routes.post(
    "/:id/approve",
    audited(runtime, "erasure_request", "erasure_request.approve", async (c) => {
      requireRole(c, "coordinator");
      const id = parseRequestId(c);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return idempotent(
        c,
        runtime,
        bytes,
        (complete) =>
          run(
            runtime,
            approveErasure(callerOf(c), id, (request) => storedResponse(200, encode(request)), complete),
          ),
        { required: false },
      );
    }),
  );

  routes.post(
    "/:id/reject",
    audited(runtime, "erasure_request", "erasure_request.reject", async (c) => {
      requireRole(c, "coordinator");
      const id = parseRequestId(c);
      const { bytes, json } = await readJson(c);
      const { reason } = decodeBody(ErasureRejectionInput, json);
      return idempotent(
        c,
        runtime,
        bytes,
        (complete) =>
          run(
            runtime,
            rejectErasure(callerOf(c), id, reason, (request) => storedResponse(200, encode(request)), complete),
          ),
        { required: false },
      );
    }),
  );

  return routes;
};
