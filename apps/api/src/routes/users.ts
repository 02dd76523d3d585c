import type { StoredResponse } from "@comensha/db";
import { Ports, User } from "@comensha/domain";
import { Effect, Exit, Schema } from "effect";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import { idempotent, storedResponse } from "../idempotency.js";
import type { Operation } from "../openapi.js";
import { invalidCursor, ProblemError, ProblemType } from "../problem.js";
import { pageRequestOf, readJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import { actorOfPrincipal, audit } from "../services/audit.js";
import { resetSecondFactor } from "../services/secondFactor.js";
import { approveUser, createUser, disableUser } from "../services/users.js";
import { decodeBody } from "../validation.js";
import { audited, callerOf } from "./audited.js";
import { runEffect } from "./runEffect.js";

const UserResponse = User.User;

const UserPage = Schema.Struct({
  data: Schema.Array(UserResponse),
  nextCursor: Schema.NullOr(Schema.String),
}).annotate({ identifier: "UserPage" });

/** The answer to `POST /v1/users`: the user and their one-time password, shown this once. */
export const CreatedUserResponse = Schema.Struct({ user: UserResponse, oneTimePassword: Schema.String }).annotate({
  identifier: "CreatedUser",
});

const encodeUser = Schema.encodeSync(UserResponse);
const encodePage = Schema.encodeSync(UserPage);
const encodeCreated = Schema.encodeSync(CreatedUserResponse);

const problems = {
  401: { description: "No valid API key or console session.", problem: true },
  403: { description: "Administrators only (or a CSRF or password-change problem).", problem: true },
} as const;

/** OpenAPI descriptions of the user administration routes. */
export const userOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/users",
    operationId: "listUsers",
    summary: "Console users (CoMensha staff), newest first",
    description: "For administrators: console users (CoMensha staff), newest first; cursor-paginated.",
    tags: ["users"],
    security: true,
    query: [
      { name: "limit", schema: { type: "integer", minimum: 1, maximum: 200 } },
      { name: "cursor", schema: { type: "string" } },
    ],
    responses: {
      200: { description: "A page of users.", schema: UserPage },
      400: { description: "A bad parameter.", problem: true },
      ...problems,
    },
  },
  {
    method: "post",
    path: "/v1/users",
    operationId: "createUser",
    summary: "Make a console user (administrators)",
    description:
      "Makes a console user with a one-time password, shown once (a replay with the same `Idempotency-Key` shows it " +
      "again) and to be changed at the first login. A coordinator or administrator is made `pending` and logs in " +
      "only once another administrator approves them (four eyes). A `care` user names the organisation they work " +
      "for (`organisationId`: an active organisation that receives referrals) and sees its referrals only; staff " +
      "name none, they belong to CoMensha.",
    tags: ["users"],
    security: true,
    headers: [{ name: "Idempotency-Key", required: true, description: "1-255 visible ASCII characters; a UUID." }],
    requestBody: User.NewUser,
    responses: {
      201: {
        description:
          "The user (status pending when their role needs a second administrator) and their one-time password.",
        schema: CreatedUserResponse,
      },
      400: { description: "A header is wrong.", problem: true },
      ...problems,
      422: {
        description:
          "The body breaks the schema, the e-mail address is taken, or the organisation does not fit the role.",
        problem: true,
      },
    },
  },
  {
    method: "post",
    path: "/v1/users/:id/approve",
    operationId: "approveUser",
    summary: "Approve a pending user (another administrator)",
    description:
      "Approves a coordinator or administrator that an administrator asked for: they may log in from now on. Only " +
      "an administrator other than the one who asked may approve (four eyes).",
    tags: ["users"],
    security: true,
    responses: {
      200: { description: "The user, active, with who approved them and when.", schema: UserResponse },
      401: problems[401],
      403: {
        description:
          "Administrators only, or you asked for this user yourself (type .../problems/second-approver-required).",
        problem: true,
      },
      404: { description: "No such user.", problem: true },
      409: { description: "The user is not pending: approved already, disabled, or never needing it.", problem: true },
    },
  },
  {
    method: "post",
    path: "/v1/users/:id/disable",
    operationId: "disableUser",
    summary: "Disable a user (administrators)",
    description:
      "The user cannot log in any more and their sessions end at once. Disabling a pending user turns the request " +
      "down. Administrators cannot disable themselves.",
    tags: ["users"],
    security: true,
    responses: {
      200: { description: "The user, disabled.", schema: UserResponse },
      ...problems,
      404: { description: "No such user.", problem: true },
      409: { description: "You cannot disable your own account (invalid-state).", problem: true },
    },
  },
  {
    method: "post",
    path: "/v1/users/:id/second-factor/reset",
    operationId: "resetSecondFactor",
    summary: "Reset a user's second factor (administrators)",
    description:
      "For a lost device and lost recovery codes: removes the user's second factor and ends their sessions; they " +
      "enrol again at the next login. Administrators cannot reset their own.",
    tags: ["users"],
    security: true,
    responses: {
      204: { description: "Reset." },
      ...problems,
      404: { description: "No such user.", problem: true },
      409: { description: "You cannot reset your own second factor (invalid-state).", problem: true },
    },
  },
];

const actorOf = (c: Context<AppEnv>) => actorOfPrincipal(c.get("principal"));

const toProblem = (error: unknown): ProblemError => {
  const tag = (error as { _tag?: string })._tag;
  if (tag === "UserNotFound") return new ProblemError(404, ProblemType.notFound, "User not found");
  if (tag === "InvalidCursor") return invalidCursor();
  if (tag === "EmailTaken") {
    return new ProblemError(422, ProblemType.validationFailed, "The request breaks a rule", {
      errors: [{ path: "/email", message: "is already the address of another user" }],
    });
  }
  if (tag === "UserOrganisationRefused") {
    const { problem } = error as User.UserOrganisationRefused;
    return new ProblemError(422, ProblemType.validationFailed, "The request breaks a rule", {
      detail: `Refused: ${problem}.`,
      errors: [{ path: "/organisationId", message: problem }],
    });
  }
  if (tag === "CannotResetOwnFactor") {
    return new ProblemError(409, ProblemType.invalidState, "You cannot reset your own second factor", {
      detail: "Ask another administrator: a second factor only protects when someone else must confirm its loss.",
    });
  }
  if (tag === "SecondApproverRequired") {
    return new ProblemError(403, ProblemType.secondApproverRequired, "A second administrator must approve", {
      detail: "The administrator who asked for a user cannot approve them; another administrator must.",
    });
  }
  if (tag === "NotAwaitingApproval") {
    return new ProblemError(409, ProblemType.invalidState, "The user is not waiting for approval", {
      detail: "Only a pending user can be approved: this one is active or disabled.",
    });
  }
  if (tag === "CannotDisableSelf") {
    return new ProblemError(409, ProblemType.invalidState, "You cannot disable your own account", {
      detail: "Ask another administrator.",
    });
  }
  return new ProblemError(500, ProblemType.internal, "Internal server error");
};

const run = runEffect(toProblem);

const parseId = (id: string | undefined) => {
  const result = Schema.decodeUnknownExit(User.UserId)(id);
  if (Exit.isFailure(result)) throw new ProblemError(404, ProblemType.notFound, "User not found");
  return result.value;
};

/** The stored answer of a create keeps the one-time password sealed (AES-GCM), bound to the user, never in clear. */
const sealContext = (userId: string) => `one-time-password:${userId}`;

/**
 * `/v1/users`: administrators list, make, approve and disable console users. Every call is audited, refusals too.
 * A user whose role needs a second administrator is made pending and approved by another administrator. The
 * idempotent replay of a create answers the same one-time password, which is stored only encrypted.
 */
export const userRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.get(
    "/",
    audited(runtime, "user", "user.list", async (c) => {
      requireRole(c, "admin");
      const pageRequest = pageRequestOf(c, { defaultLimit: 50, maxLimit: 200 });
      const page = await run(
        runtime,
        Effect.gen(function* () {
          const result = yield* (yield* Ports.UserRepository).list(pageRequest);
          yield* audit(callerOf(c), "user.list", "success", { type: "user" });
          return result;
        }),
      );
      return c.json(encodePage(page));
    }),
  );

  routes.post(
    "/",
    audited(runtime, "user", "user.create", async (c) => {
      requireRole(c, "admin");
      const { bytes, json } = await readJson(c);
      const unseal = async (stored: StoredResponse): Promise<StoredResponse> => {
        const body = JSON.parse(stored.body) as { user: { id: string }; oneTimePassword: string };
        const oneTimePassword = await run(
          runtime,
          Effect.flatMap(Ports.Crypto, (crypto) =>
            crypto.decrypt(Buffer.from(body.oneTimePassword, "base64"), sealContext(body.user.id)),
          ),
        );
        return { ...stored, body: JSON.stringify({ ...body, oneTimePassword }) };
      };
      return idempotent(
        c,
        runtime,
        bytes,
        async (complete) => {
          const input = decodeBody(User.NewUser, json);
          const transaction = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
            Effect.flatMap(Ports.Transactor, (transactor) => transactor.transaction(effect));
          return run(
            runtime,
            transaction(
              Effect.gen(function* () {
                const { credential, oneTimePassword } = yield* createUser({
                  user: input,
                  actor: actorOf(c),
                  requestId: c.get("requestId"),
                });
                const sealed = yield* (yield* Ports.Crypto).encrypt(oneTimePassword, sealContext(credential.user.id));
                const stored = storedResponse(
                  201,
                  encodeCreated({ user: credential.user, oneTimePassword: Buffer.from(sealed).toString("base64") }),
                );
                yield* complete(stored);
                return stored;
              }),
            ),
          );
        },
        { required: true, present: unseal },
      );
    }),
  );

  routes.post(
    "/:id/approve",
    audited(runtime, "user", "user.approve", async (c) => {
      requireRole(c, "admin");
      const id = parseId(c.req.param("id"));
      const user = await run(runtime, approveUser({ id, actor: actorOf(c), requestId: c.get("requestId") }));
      return c.json(encodeUser(user));
    }),
  );

  routes.post(
    "/:id/disable",
    audited(runtime, "user", "user.disable", async (c) => {
      requireRole(c, "admin");
      const id = parseId(c.req.param("id"));
      const user = await run(runtime, disableUser({ id, actor: actorOf(c), requestId: c.get("requestId") }));
      return c.json(encodeUser(user));
    }),
  );

  routes.post(
    "/:id/second-factor/reset",
    audited(runtime, "user", "user.second_factor_reset", async (c) => {
      const principal = requireRole(c, "admin");
      const id = parseId(c.req.param("id"));
      if (principal.kind === "user" && principal.id === id) throw toProblem({ _tag: "CannotResetOwnFactor" });
      await run(runtime, resetSecondFactor({ admin: principal, userId: id, requestId: c.get("requestId") }));
      return c.body(null, 204);
    }),
  );

  return routes;
};
