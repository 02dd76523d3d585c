import { Registration, Transfer } from "@comensha/domain";
import { Exit, Schema } from "effect";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import { idempotent, storedResponse } from "../idempotency.js";
import type { Operation } from "../openapi.js";
import { ProblemError, ProblemType } from "../problem.js";
import { readJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import { listTransfers, transferRegistration } from "../services/transfers.js";
import { decodeBody } from "../validation.js";
import { audited, callerOf } from "./audited.js";
import { runEffect } from "./runEffect.js";

/** A transfer on the wire: `transferredBy` (a CoMensha user or a key, by id) for coordinators only. */
export const TransferResponse = Schema.Struct({
  ...Transfer.Transfer.fields,
  transferredBy: Schema.optionalKey(Transfer.TransferActor),
}).annotate({
  identifier: "Transfer",
  description:
    "A transfer of a registration from one organisation to another (overdracht), with a coded reason and the " +
    "registration's version when it moved: what the sending organisation keeps reading, read-only.",
});

/** The body of `POST /v1/registrations/{id}/transfers`. */
export const TransferInput = Transfer.NewTransfer.annotate({ identifier: "TransferInput" });

const TransferList = Schema.Struct({ data: Schema.Array(TransferResponse) }).annotate({ identifier: "TransferList" });

const encodeTransfer = Schema.encodeSync(TransferResponse);

const problems = {
  401: { description: "No valid API key or console session.", problem: true },
  403: {
    description:
      "The caller's role may not do this, or (type .../problems/transferred) your organisation transferred the " +
      "registration away and reads it only as it was.",
    problem: true,
  },
  404: { description: "No such registration visible to you.", problem: true },
} as const;

/** OpenAPI descriptions of the transfer routes. */
export const transferOperations: ReadonlyArray<Operation> = [
  {
    method: "post",
    path: "/v1/registrations/:id/transfers",
    operationId: "transferRegistration",
    summary: "Transfer a registration to another organisation (its owner, or a coordinator)",
    description:
      "Moves the registration to `toOrganisationId` (an active partner organisation; not its owner, not CoMensha's " +
      "own) with a coded `reason`. The receiver then reads, lists and corrects it as its own and gets the webhook " +
      "`registration.transferred`; the sending organisation keeps reading it as it was at the transfer, read-only " +
      "(a correction is 403 `transferred`). Two transfers at once are taken one after the other. Audited.",
    tags: ["registrations"],
    security: true,
    headers: [
      {
        name: "Idempotency-Key",
        required: false,
        description: "Honoured when sent (the SDK always sends one): a retry gets the first answer.",
      },
    ],
    requestBody: TransferInput,
    responses: {
      201: { description: "The transfer.", schema: TransferResponse },
      ...problems,
      409: { description: "The same Idempotency-Key is in flight.", problem: true },
      422: {
        description: "The body breaks the schema or a transfer rule (at /toOrganisationId; see detail).",
        problem: true,
      },
    },
  },
  {
    method: "get",
    path: "/v1/registrations/:id/transfers",
    operationId: "listRegistrationTransfers",
    summary: "The transfers of a registration, oldest first",
    description:
      "For the owner and coordinators every transfer; for an organisation that transferred it away, those up to its " +
      "own latest transfer away. Anyone else gets 404. Audited.",
    tags: ["registrations"],
    security: true,
    responses: { 200: { description: "The transfers.", schema: TransferList }, ...problems },
  },
];

const notFound = () => new ProblemError(404, ProblemType.notFound, "Registration not found");

/** The problem of a former owner's change: stable type `transferred`, 403. */
export const transferredProblem = () =>
  new ProblemError(403, ProblemType.transferred, "Your organisation transferred this registration", {
    detail: "It belongs to another organisation now. Yours reads it as it was at the transfer, but cannot change it.",
  });

const toProblem = (error: unknown): ProblemError => {
  switch ((error as { _tag?: string })._tag) {
    case "RegistrationNotFound":
      return notFound();
    case "RegistrationTransferred":
      return transferredProblem();
    case "TransferRefused": {
      const refused = error as Transfer.TransferRefused;
      return new ProblemError(422, ProblemType.validationFailed, "The transfer breaks a rule", {
        detail: `Refused: ${refused.problem}.`,
        errors: [{ path: refused.path, message: refused.problem }],
      });
    }
    default:
      return error instanceof ProblemError
        ? error
        : new ProblemError(500, ProblemType.internal, "Internal server error");
  }
};

const run = runEffect(toProblem);

const registrationIdOf = (c: Context<AppEnv>) => {
  const id = Schema.decodeUnknownExit(Registration.RegistrationId)(c.req.param("id"));
  if (Exit.isFailure(id)) throw notFound();
  return id.value;
};

const encodeFor = (c: Context<AppEnv>, transfer: Transfer.Transfer) => {
  if (c.get("principal").role === "coordinator") return encodeTransfer(transfer);
  const { transferredBy: _transferredBy, ...rest } = transfer;
  return encodeTransfer(rest);
};

/** `/v1/registrations/{id}/transfers`: the owner (or a coordinator) transfers; owners past and present read. */
export const transferRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.post(
    "/:id/transfers",
    audited(runtime, "registration", "registration.transfer", async (c) => {
      requireRole(c, "partner", "coordinator");
      const id = registrationIdOf(c);
      const { bytes, json } = await readJson(c);
      const input = decodeBody(TransferInput, json);
      return idempotent(
        c,
        runtime,
        bytes,
        (complete) =>
          run(
            runtime,
            transferRegistration(
              callerOf(c),
              id,
              input,
              (transfer) =>
                storedResponse(201, encodeFor(c, transfer), {
                  location: `/v1/registrations/${id}/transfers`,
                }),
              complete,
            ),
          ),
        { required: false },
      );
    }),
  );

  routes.get(
    "/:id/transfers",
    audited(runtime, "registration", "registration.transfers", async (c) => {
      requireRole(c, "partner", "coordinator");
      const transfers = await run(runtime, listTransfers(callerOf(c), registrationIdOf(c)));
      return c.json({ data: transfers.map((transfer) => encodeFor(c, transfer)) });
    }),
  );

  return routes;
};
