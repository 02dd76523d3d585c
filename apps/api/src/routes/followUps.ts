import { type CaseStatus, FollowUp, Shelter, StayList, User } from "@comensha/domain";
import { renderRowsCsv } from "@comensha/reports";
import { Exit, Schema } from "effect";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import { idempotent, storedResponse } from "../idempotency.js";
import type { Operation } from "../openapi.js";
import { invalidCursor, ProblemError, ProblemType } from "../problem.js";
import { pageRequestOf, readJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import { closeFollowUp, createFollowUp, listFollowUps, listWorklist, readStayList } from "../services/followUps.js";
import { today as todayOf } from "../services/registrations.js";
import { decodeBody } from "../validation.js";
import { audited, callerOf } from "./audited.js";
import { mergedAway, personIdOf, personNotFound } from "./personCase.js";
import { runEffect } from "./runEffect.js";

/** A follow-up task on the wire. */
export const FollowUpResponse = Schema.Struct({ ...FollowUp.FollowUp.fields }).annotate({
  identifier: "FollowUp",
  description:
    "A follow-up task about a person's case: its kind, due date, owner (a console user's id) and state, who made " +
    "and who closed it. `title` is `none`, `readable` with its text, `undecryptable`, or `erased` with the person's data.",
});

/** A person's tasks and what their case suggests. */
export const FollowUpList = Schema.Struct({
  items: Schema.Array(FollowUpResponse),
  suggestions: Schema.Array(FollowUp.SuggestedFollowUp),
}).annotate({
  identifier: "FollowUpList",
  description:
    "A person's tasks in every state by due date (those of persons merged into them included), and the tasks their " +
    "case suggests that do not exist yet: the end of each running reflection period, the 3-month norm of each COSM stay.",
});

/** A page of a worklist. */
export const FollowUpPage = Schema.Struct({
  asOf: Schema.String,
  data: Schema.Array(FollowUpResponse),
  nextCursor: Schema.NullOr(Schema.String),
}).annotate({
  identifier: "FollowUpPage",
  description: "Tasks by due date (overdue ones first), as of `asOf` (today, in the Netherlands).",
});

/** The body of `POST /v1/persons/{id}/follow-ups`. */
export const FollowUpInput = FollowUp.NewFollowUp.annotate({ identifier: "FollowUpInput" });

/** A shelter's weekly stay list on the wire. */
export const StayListResponse = StayList.StayList.annotate({
  identifier: "StayList",
  description:
    "Every stay that held a place of the shelter on a night of the ISO week (Monday to Sunday): the person, the " +
    "report they were placed from, the placement's dates, the nights stayed by the week's end and within the week, " +
    "and the person's open follow-up tasks due by the week's end.",
});

const encodeTask = Schema.encodeSync(FollowUpResponse);
const encodeList = Schema.encodeSync(FollowUpList);
const encodePage = Schema.encodeSync(FollowUpPage);
const encodeStayList = Schema.encodeSync(StayListResponse);

const unauthorized = { description: "No valid API key or console session.", problem: true } as const;
const coordinatorsOnly = { description: "Only coordinators work with follow-up tasks.", problem: true } as const;

const idempotencyHeader = {
  name: "Idempotency-Key",
  required: false,
  description: "Honoured when sent (the SDK always sends one): a retry gets the first answer.",
} as const;

const closeOperation = (state: "complete" | "cancel"): Operation => ({
  method: "post",
  path: `/v1/follow-ups/:id/${state}`,
  operationId: state === "complete" ? "completeFollowUp" : "cancelFollowUp",
  summary:
    state === "complete" ? "Mark a follow-up task done (coordinators)" : "Cancel a follow-up task (coordinators)",
  description:
    `Closes an open task as ${state === "complete" ? "`done`" : "`cancelled`"}, recording who and when; no body. ` +
    "A task closed already is 409 `invalid-state`. Audited.",
  tags: ["follow-ups"],
  security: true,
  headers: [idempotencyHeader],
  responses: {
    200: { description: "The task, closed.", schema: FollowUpResponse },
    401: unauthorized,
    403: coordinatorsOnly,
    404: { description: "No such task.", problem: true },
    409: { description: "The task was closed already, or the same key is in flight.", problem: true },
  },
});

/** OpenAPI descriptions of the follow-up and stay list routes. */
export const followUpOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/persons/:id/follow-ups",
    operationId: "listFollowUps",
    summary: "A person's follow-up tasks and suggested ones (coordinators)",
    description:
      "Every task about the person and the persons merged into them, by due date, with the tasks their case suggests " +
      "(not added until a coordinator adds them). Audited as a read of the person's tasks.",
    tags: ["follow-ups"],
    security: true,
    responses: {
      200: { description: "The tasks and suggestions.", schema: FollowUpList },
      401: unauthorized,
      403: coordinatorsOnly,
      404: { description: "No such person.", problem: true },
      409: { description: "The person was merged into another (their tasks are the survivor's).", problem: true },
    },
  },
  {
    method: "post",
    path: "/v1/persons/:id/follow-ups",
    operationId: "createFollowUp",
    summary: "Add a follow-up task about a person (coordinators)",
    description:
      "A task of a kind (`follow_up_kind`) due on a date, owned by a coordinator among the console's users: `owner`, " +
      "or the calling user when left out (an API key must name one). The title is optional free text of at most 200 " +
      "characters: stored encrypted, never logged, erased with the person's data.",
    tags: ["follow-ups"],
    security: true,
    headers: [idempotencyHeader],
    requestBody: FollowUpInput,
    responses: {
      201: { description: "Added.", schema: FollowUpResponse },
      401: unauthorized,
      403: coordinatorsOnly,
      404: { description: "No such person.", problem: true },
      409: {
        description: "The person was merged into another, or the same key is in flight.",
        problem: true,
      },
      422: {
        description: "The body breaks the schema, or the owner is not an active coordinator (or is missing).",
        problem: true,
      },
    },
  },
  {
    method: "get",
    path: "/v1/follow-ups",
    operationId: "listWorklist",
    summary: "A worklist of follow-up tasks, overdue first (coordinators)",
    description:
      "Tasks across persons by due date, so the overdue ones come first: `owner=me` for the calling user's own (or a " +
      "user's id), `state` to narrow to one state, `overdue=true` for the open tasks due before today. Audited.",
    tags: ["follow-ups"],
    security: true,
    query: [
      { name: "owner", description: "`me` or a user's id.", schema: { type: "string" } },
      { name: "state", schema: { type: "string", enum: [...FollowUp.FollowUpState.literals] } },
      { name: "overdue", schema: { type: "string", enum: ["true", "false"] } },
      { name: "limit", schema: { type: "integer", minimum: 1, maximum: 200 } },
      { name: "cursor", schema: { type: "string" } },
    ],
    responses: {
      200: { description: "A page of tasks.", schema: FollowUpPage },
      400: { description: "A bad parameter, or `owner=me` from an API key.", problem: true },
      401: unauthorized,
      403: coordinatorsOnly,
    },
  },
  closeOperation("complete"),
  closeOperation("cancel"),
  {
    method: "get",
    path: "/v1/shelters/:id/stay-list",
    operationId: "getStayList",
    summary: "A shelter's weekly stay list, as JSON or CSV (coordinators)",
    description:
      "The stays of one ISO week (`week=2026-W02`; this week when left out) at the shelter, with the nights stayed " +
      "and each person's open follow-up tasks due by the week's end. As `text/csv` when `Accept` asks for it or " +
      "`format=csv` (UTF-8 with a byte order mark, CRLF, RFC 4180 quoting, formula-like text neutralised). A read " +
      "of personal data, audited as `stay_list.read`.",
    tags: ["follow-ups"],
    security: true,
    query: [
      { name: "week", description: "An ISO week, `YYYY-Www`.", schema: { type: "string" } },
      { name: "format", schema: { type: "string", enum: ["json", "csv"] } },
    ],
    responses: {
      200: {
        description: "The stay list (JSON, or CSV as an attachment).",
        schema: StayListResponse,
        binary: ["text/csv"],
      },
      400: { description: "A bad week or format.", problem: true },
      401: unauthorized,
      403: coordinatorsOnly,
      404: { description: "No such shelter.", problem: true },
    },
  },
];

const taskNotFound = () => new ProblemError(404, ProblemType.notFound, "Follow-up task not found");
const shelterNotFound = () => new ProblemError(404, ProblemType.notFound, "Shelter not found");

const toProblem = (error: unknown): ProblemError => {
  switch ((error as { _tag?: string })._tag) {
    case "PersonNotFound":
      return personNotFound();
    case "PersonMergedAway":
      return mergedAway(error as CaseStatus.PersonMergedAway);
    case "FollowUpNotFound":
      return taskNotFound();
    case "ShelterNotFound":
      return shelterNotFound();
    case "FollowUpClosed":
      return new ProblemError(409, ProblemType.invalidState, "The task was closed already", {
        detail: `It is ${(error as FollowUp.FollowUpClosed).state}.`,
      });
    case "FollowUpOwnerRefused":
      return new ProblemError(422, ProblemType.validationFailed, "The owner is not an active coordinator", {
        errors: [{ path: "/owner", message: "Name a console user with the coordinator role who is active" }],
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

const badParameter = (name: string, message: string) =>
  new ProblemError(400, ProblemType.badRequest, `${name} is not valid`, { errors: [{ path: `/${name}`, message }] });

const queryParam = <S extends Schema.Top>(c: Context<AppEnv>, name: string, schema: S, message: string) => {
  const value = c.req.query(name);
  if (value === undefined) return undefined;
  const decoded = Schema.decodeUnknownExit(schema as never)(value);
  if (Exit.isFailure(decoded)) throw badParameter(name, message);
  return decoded.value as S["Type"];
};

const taskIdOf = (c: Context<AppEnv>) => {
  const id = Schema.decodeUnknownExit(FollowUp.FollowUpId)(c.req.param("id"));
  if (Exit.isFailure(id)) throw taskNotFound();
  return id.value;
};

/** `/v1/persons/{id}/follow-ups`: coordinators add and read the follow-up tasks of a person's case. */
export const personFollowUpRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.get(
    "/:id/follow-ups",
    audited(runtime, "person", "follow_up.list", async (c) => {
      requireRole(c, "coordinator");
      const found = await run(runtime, listFollowUps(callerOf(c), personIdOf(c)));
      return c.json(encodeList(found));
    }),
  );

  routes.post(
    "/:id/follow-ups",
    audited(runtime, "person", "follow_up.create", async (c) => {
      const principal = requireRole(c, "coordinator");
      const personId = personIdOf(c);
      const { bytes, json } = await readJson(c);
      const input = decodeBody(FollowUpInput, json);
      const owner = input.owner ?? (principal.kind === "user" ? principal.id : undefined);
      if (owner === undefined) {
        throw new ProblemError(422, ProblemType.validationFailed, "An owner is required", {
          errors: [{ path: "/owner", message: "An API key names the user who owns the task" }],
        });
      }
      return idempotent(
        c,
        runtime,
        bytes,
        (complete) =>
          run(
            runtime,
            createFollowUp(
              callerOf(c),
              personId,
              input,
              owner,
              (task) => storedResponse(201, encodeTask(task)),
              complete,
            ),
          ),
        { required: false },
      );
    }),
  );

  return routes;
};

/** `/v1/follow-ups`: a coordinator's worklist, and closing a task as done or cancelled. */
export const followUpRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.get(
    "/",
    audited(runtime, "follow_up", "follow_up.list", async (c) => {
      const principal = requireRole(c, "coordinator");
      const page = pageRequestOf(c, { defaultLimit: 50, maxLimit: 200 });
      const ownerParam = c.req.query("owner");
      let owner: User.UserId | undefined;
      if (ownerParam === "me") {
        if (principal.kind !== "user") throw badParameter("owner", "owner=me is for a console user; name a user's id");
        owner = principal.id;
      } else {
        owner = queryParam(c, "owner", User.UserId, "Expected me or a user's id");
      }
      const state = queryParam(c, "state", FollowUp.FollowUpState, "Expected open, done or cancelled");
      const overdue = queryParam(c, "overdue", Schema.Literals(["true", "false"]), "Expected true or false");
      const found = await run(runtime, listWorklist(callerOf(c), { owner, state, overdue: overdue === "true" }, page));
      return c.json(encodePage(found));
    }),
  );

  for (const [path, state, action] of [
    ["complete", "done", "follow_up.complete"],
    ["cancel", "cancelled", "follow_up.cancel"],
  ] as const) {
    routes.post(
      `/:id/${path}`,
      audited(runtime, "follow_up", action, async (c) => {
        requireRole(c, "coordinator");
        const id = taskIdOf(c);
        return idempotent(
          c,
          runtime,
          new Uint8Array(),
          (complete) =>
            run(
              runtime,
              closeFollowUp(callerOf(c), id, state, (task) => storedResponse(200, encodeTask(task)), complete),
            ),
          { required: false },
        );
      }),
    );
  }

  return routes;
};

/** The header of the stay list's CSV: stable English codes. */
export const stayListCsvHeader = [
  "week",
  "person_id",
  "registration_id",
  "placement_id",
  "starts_on",
  "ends_on",
  "days_stayed",
  "days_in_week",
  "open_follow_ups_due",
  "next_follow_up_due_on",
] as const;

/** Whether the caller asked for CSV: `format=csv`, or an `Accept` that names `text/csv` (and `format` not `json`). */
const wantsCsv = (c: Context<AppEnv>) => {
  const format = c.req.query("format");
  if (format !== undefined && format !== "json" && format !== "csv") {
    throw badParameter("format", "Expected json or csv");
  }
  if (format !== undefined) return format === "csv";
  return /(^|,)\s*text\/csv\s*(;|,|$)/i.test(c.req.header("Accept") ?? "");
};

/** `/v1/shelters/{id}/stay-list`: the weekly stay list of a shelter, for coordinators, as JSON or CSV. */
export const stayListRoutes = (runtime: AppRuntime) =>
  new Hono<AppEnv>().get(
    "/:id/stay-list",
    audited(runtime, "shelter", "stay_list.read", async (c) => {
      requireRole(c, "coordinator");
      const shelterId = Schema.decodeUnknownExit(Shelter.ShelterId)(c.req.param("id"));
      if (Exit.isFailure(shelterId)) throw shelterNotFound();
      const csv = wantsCsv(c);
      const week =
        queryParam(c, "week", StayList.IsoWeek, "Expected an ISO week that exists, as YYYY-Www") ??
        StayList.weekOf(await runtime.runPromise(todayOf));
      const list = await run(runtime, readStayList(callerOf(c), shelterId.value, week));
      if (!csv) return c.json(encodeStayList(list));
      const rows = list.rows.map((row) => [
        list.week,
        row.personId,
        row.registrationId,
        row.placementId,
        row.startsOn,
        row.endsOn ?? undefined,
        row.daysStayed,
        row.daysInWeek,
        row.openFollowUpsDue,
        row.nextFollowUpDueOn ?? undefined,
      ]);
      return c.body(renderRowsCsv([stayListCsvHeader, ...rows]), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="stay-list-${list.week}.csv"`,
        "Cache-Control": "no-store",
      });
    }),
  );
