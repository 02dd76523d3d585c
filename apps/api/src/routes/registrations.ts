import { AuditEvent, CaseStatus, IsoDate, Organisation, Person, Ports, Registration } from "@comensha/domain";
import { Effect, Exit, Schema } from "effect";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import { idempotent, storedResponse } from "../idempotency.js";
import { expectedVersion } from "../ifMatch.js";
import type { Operation } from "../openapi.js";
import { invalidCursor, ProblemError, ProblemType } from "../problem.js";
import { pageRequestOf, readJson, readOptionalJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import {
  checkRules,
  createRegistration,
  getRegistration,
  listRegistrationAuditTrail,
  listRegistrations,
  listRegistrationVersions,
  updateRegistration,
} from "../services/registrations.js";
import { decodeBody, ruleViolations } from "../validation.js";
import { AuditEventPage, encodeAuditEventPage, withoutUserNames } from "./auditEvents.js";
import { audited, callerOf } from "./audited.js";
import { runEffect, throwDefect } from "./runEffect.js";
import { transferredProblem } from "./transfers.js";

/** A registration as its reporting organisation sees it: the report plus id, status, version and timestamps. */
export const RegistrationResponse = Schema.Struct({
  id: Registration.RegistrationId,
  status: Registration.RegistrationStatus,
  withdrawalReason: Schema.optionalKey(Registration.WithdrawalReason),
  version: Schema.Int,
  createdAt: Schema.String,
  updatedAt: Schema.String,
  ...Registration.RegistrationInput.fields,
  person: Person.RegisteredPerson.annotate({
    description: "The person as reported; once erased only sex, birth year and nationalities (see erasedAt).",
  }),
  erasedAt: Schema.optionalKey(
    Schema.String.annotate({
      description: "When the person's identifiers were erased (retention or an approved erasure request).",
    }),
  ),
}).annotate({ identifier: "Registration", description: "A registration (melding) of a possible victim." });

/** A registration as CoMensha's coordinators see it: also the organisation and the (deduplicated) person. */
export const CoordinatorRegistrationResponse = Schema.Struct({
  ...RegistrationResponse.fields,
  organisationId: Organisation.OrganisationId,
  personId: Person.PersonId,
}).annotate({ identifier: "CoordinatorRegistration" });

/**
 * The body of `POST /v1/registrations`: the report, and for CoMensha's coordinators optionally the reporting
 * organisation on whose behalf they register it (a report received by phone).
 */
export const CreateRegistrationRequest = Schema.Struct({
  ...Registration.RegistrationInput.fields,
  organisationId: Schema.optionalKey(
    Organisation.OrganisationId.annotate({
      description:
        "Coordinators only: the reporting organisation (active) on whose behalf CoMensha registers this report, " +
        "e.g. one received by phone. The registration then belongs to it and its rules apply (a statutory legal " +
        "basis for police, KMar and the Labour Inspectorate). Without it, the registration belongs to the " +
        "caller's organisation. A partner that sends it gets 422 at /organisationId.",
    }),
  ),
}).annotate({ identifier: "CreateRegistrationInput" });

/** The body of a withdrawal. */
export const WithdrawRequest = Schema.Struct({
  reason: Schema.optionalKey(Registration.WithdrawalReason),
}).annotate({ identifier: "WithdrawRequest" });

/** A registration in a coordinator's list: also where the person's case stands (the survivor's after a merge). */
export const CoordinatorRegistrationListItem = Schema.Struct({
  ...CoordinatorRegistrationResponse.fields,
  caseStatus: CaseStatus.CaseStatus,
}).annotate({ identifier: "CoordinatorRegistrationListItem" });

const RegistrationPage = Schema.Struct({
  data: Schema.Array(Schema.Union([CoordinatorRegistrationListItem, RegistrationResponse])),
  nextCursor: Schema.NullOr(Schema.String),
}).annotate({
  identifier: "RegistrationPage",
  description: "Partners get registrations; coordinators get each with its organisation, person and case status.",
});

const encodePartner = Schema.encodeSync(RegistrationResponse);
const encodeCoordinator = Schema.encodeSync(CoordinatorRegistrationResponse);
const encodeListItem = Schema.encodeSync(CoordinatorRegistrationListItem);

const partnerRoles = ["partner", "coordinator"] as const;

const problems = {
  400: { description: "A header or parameter is wrong.", problem: true },
  401: { description: "No valid API key.", problem: true },
  403: {
    description:
      "The key's role may not do this, or (type .../problems/transferred) your organisation transferred the " +
      "registration away: it reads it as it was, but cannot change it.",
    problem: true,
  },
  404: { description: "No such registration visible to you.", problem: true },
  409: { description: "The state does not allow this, or the same Idempotency-Key is in flight.", problem: true },
  412: { description: "If-Match does not match the current ETag.", problem: true },
  422: { description: "The body breaks the schema or a rule; see errors.", problem: true },
  428: { description: "If-Match is missing.", problem: true },
} as const;

/** OpenAPI descriptions of the registration routes. */
export const registrationOperations: ReadonlyArray<Operation> = [
  {
    method: "post",
    path: "/v1/registrations",
    operationId: "createRegistration",
    summary: "Report a possible victim (requires Idempotency-Key)",
    description:
      "A partner reports a possible victim for its own organisation; a coordinator may add `organisationId` to " +
      "register a report received by phone on behalf of that (active) organisation, whose rules then apply. The " +
      "answer is the registration with its `ETag` and `Location`. The same `Idempotency-Key` with the same body " +
      "replays the first answer; with another body it is 422 `idempotency-key-reused`. Whether the person was known " +
      "already never shows.",
    tags: ["registrations"],
    security: true,
    headers: [{ name: "Idempotency-Key", required: true, description: "1-255 visible ASCII characters; a UUID." }],
    requestBody: CreateRegistrationRequest,
    responses: {
      201: { description: "Registered; ETag and Location are set.", schema: RegistrationResponse },
      400: problems[400],
      401: problems[401],
      403: problems[403],
      409: problems[409],
      422: {
        description:
          "The body breaks the schema or a rule; see errors. `/organisationId` when a partner sends it, or it " +
          "names no active organisation.",
        problem: true,
      },
    },
  },
  {
    method: "get",
    path: "/v1/registrations",
    operationId: "listRegistrations",
    summary: "List your organisation's registrations, newest first",
    description:
      "A partner sees its own organisation's registrations only, and those it transferred away as they were at the " +
      "transfer; a coordinator sees all of them, each with its `organisationId`, `personId` and the person's " +
      "`caseStatus`. Filters by status, by the reporting date and by reference (the id or its " +
      "last 8 characters); cursor-paginated.",
    tags: ["registrations"],
    security: true,
    query: [
      { name: "limit", description: "1-200, default 50", schema: { type: "integer", minimum: 1, maximum: 200 } },
      { name: "cursor", description: "nextCursor of the previous page", schema: { type: "string" } },
      { name: "status", schema: { type: "string", enum: [...Registration.RegistrationStatus.literals] } },
      { name: "reportedFrom", schema: { type: "string", format: "date" } },
      { name: "reportedTo", schema: { type: "string", format: "date" } },
      {
        name: "caseStatus",
        description: "Coordinators only: the registrations of persons whose case has this status (else 422).",
        schema: { type: "string", enum: [...CaseStatus.codeList.codes] },
      },
      {
        name: "reference",
        description:
          "A registration's short reference (the last 8 characters of its id, as the console shows it) or its whole " +
          "id; case does not matter. Within what the caller may see; a short reference may name more than one.",
        schema: {
          type: "string",
          pattern: "^([0-9a-fA-F]{8}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$",
        },
      },
    ],
    responses: {
      200: {
        description:
          "A page of registrations. One whose personal data does not decrypt with the server's keys is left out (and " +
          "audited and logged), so a damaged record does not fail the page.",
        schema: RegistrationPage,
      },
      400: problems[400],
      401: problems[401],
      403: problems[403],
      422: {
        description: "A filter is not a valid value, or a partner filters by case status (coordinators only).",
        problem: true,
      },
    },
  },
  {
    method: "get",
    path: "/v1/registrations/:id",
    operationId: "getRegistration",
    summary: "Get one registration",
    description:
      "Another organisation's registration is 404, exactly like one that does not exist. An organisation that " +
      "transferred it away reads it as it was at its latest transfer away (read-only). The answer carries the " +
      "registration's `ETag` for a later update or withdrawal.",
    tags: ["registrations"],
    security: true,
    responses: {
      200: { description: "The registration; ETag is set.", schema: RegistrationResponse },
      401: problems[401],
      403: problems[403],
      404: problems[404],
      422: {
        description: "Its personal data does not decrypt with the server's keys (type .../problems/undecryptable).",
        problem: true,
      },
    },
  },
  {
    method: "get",
    path: "/v1/registrations/:id/versions",
    operationId: "listRegistrationVersions",
    summary: "Every version of a registration, oldest first (coordinators)",
    description:
      "For coordinators: every version of a registration as it was recorded, with its organisation and person. " +
      "Audited as a read of personal data.",
    tags: ["registrations"],
    security: true,
    responses: {
      200: {
        description: "The versions.",
        schema: Schema.Struct({ data: Schema.Array(CoordinatorRegistrationResponse) }).annotate({
          identifier: "RegistrationVersions",
        }),
      },
      401: problems[401],
      403: problems[403],
      404: problems[404],
    },
  },
  {
    method: "get",
    path: "/v1/registrations/:id/audit-events",
    operationId: "listRegistrationAuditEvents",
    summary: "The audit trail of a registration (coordinators)",
    description:
      "The audit events about one registration, newest first: who read, changed or withdrew it, when, and with what " +
      "outcome, never the data itself. `limit` 1-500. `kind=change` lists only what changed it, `kind=read` only who " +
      "read it. Users are not named here (their names are for auditors, in the audit log); an API key is named by " +
      "its organisation. Reading the trail is audited too.",
    tags: ["registrations", "audit"],
    security: true,
    query: [
      {
        name: "kind",
        description: "`change`: only the events that changed the registration; `read`: only its reads. Default: both.",
        schema: { type: "string", enum: [...AuditEvent.AuditKind.literals] },
      },
      { name: "limit", description: "1-500, default 100", schema: { type: "integer", minimum: 1, maximum: 500 } },
      { name: "cursor", description: "nextCursor of the previous page", schema: { type: "string" } },
    ],
    responses: {
      200: { description: "A page of audit events.", schema: AuditEventPage },
      400: problems[400],
      401: problems[401],
      403: problems[403],
      404: problems[404],
    },
  },
  {
    method: "put",
    path: "/v1/registrations/:id",
    operationId: "updateRegistration",
    summary: "Correct a registration (requires If-Match)",
    description:
      "Replaces the report with the whole body sent (the same shape as when it was created) and answers the next " +
      "version with a new `ETag`. Send `If-Match` with the `ETag` you read: missing is 428, stale is 412. Every " +
      "version stays readable to coordinators.",
    tags: ["registrations"],
    security: true,
    headers: [{ name: "If-Match", required: true, description: "The ETag of the version you changed." }],
    requestBody: Registration.RegistrationInput.annotate({ identifier: "RegistrationInput" }),
    responses: {
      200: { description: "The registration at its next version; new ETag.", schema: RegistrationResponse },
      401: problems[401],
      403: problems[403],
      404: problems[404],
      409: problems[409],
      412: problems[412],
      422: problems[422],
      428: problems[428],
    },
  },
  {
    method: "post",
    path: "/v1/registrations/:id/withdraw",
    operationId: "withdrawRegistration",
    summary: "Withdraw a registration, optionally with a reason (requires If-Match)",
    description:
      "Withdraws the report at its next version, optionally with a reason (1-1000 characters, stored encrypted). " +
      "Send `If-Match` with the current `ETag`; withdrawing a withdrawn registration is 409 `invalid-state`.",
    tags: ["registrations"],
    security: true,
    headers: [{ name: "If-Match", required: true, description: "The ETag of the current version." }],
    requestBody: WithdrawRequest,
    responses: {
      200: {
        description: "The registration, now withdrawn; withdrawalReason repeats the reason given (stored encrypted).",
        schema: RegistrationResponse,
      },
      401: problems[401],
      403: problems[403],
      404: problems[404],
      409: problems[409],
      412: problems[412],
      422: problems[422],
      428: problems[428],
    },
  },
];

const etagOf = (registration: Registration.Registration) => `"${registration.version}"`;

const encodeFor = (c: Context<AppEnv>, registration: Registration.Registration) =>
  c.get("principal").role === "coordinator" ? encodeCoordinator(registration) : encodePartner(registration);

const parseId = (id: string) => {
  const result = Schema.decodeUnknownExit(Registration.RegistrationId)(id);
  return Exit.isSuccess(result) ? result.value : undefined;
};

const notFound = () => new ProblemError(404, ProblemType.notFound, "Registration not found");

/** Turns a typed failure of a registration Effect into the problem the client gets. */
const toProblem = (error: unknown): ProblemError => {
  const tag = (error as { _tag?: string })._tag;
  switch (tag) {
    case "RegistrationNotFound":
      return notFound();
    case "RegistrationUndecryptable":
      return new ProblemError(422, ProblemType.undecryptable, "The registration cannot be decrypted", {
        detail:
          "Its personal data does not decrypt with the server's keys. The failure is in the audit log and the server " +
          "log; an administrator can restore it with the key it was written with.",
      });
    case "RegistrationVersionConflict":
      return new ProblemError(412, ProblemType.preconditionFailed, "The registration changed since you read it", {
        detail: `The current version is ${(error as Registration.RegistrationVersionConflict).currentVersion}.`,
      });
    case "RegistrationTransferred":
      return transferredProblem();
    case "RegistrationClosed":
      return new ProblemError(409, ProblemType.invalidState, "The registration can no longer change", {
        detail: `Its status is ${(error as Registration.RegistrationClosed).status}.`,
      });
    case "RegistrationErased":
      return new ProblemError(409, ProblemType.invalidState, "The registration can no longer change", {
        detail: "The person's identifiers were erased.",
      });
    case "InvalidCursor":
      return invalidCursor();
    default:
      return error instanceof ProblemError
        ? error
        : new ProblemError(500, ProblemType.internal, "Internal server error");
  }
};

/** A 422 naming `/organisationId`. */
const organisationIdProblem = (message: string) =>
  new ProblemError(422, ProblemType.validationFailed, "The request breaks a rule", {
    errors: [{ path: "/organisationId", message }],
  });

/** Runs an Effect; a typed failure becomes a problem, a defect stays a defect (500). */
const runOrProblem = runEffect(toProblem);

const ListFilter = Schema.Struct({
  status: Schema.optionalKey(Registration.RegistrationStatus),
  reportedFrom: Schema.optionalKey(IsoDate.IsoDate),
  reportedTo: Schema.optionalKey(IsoDate.IsoDate),
  reference: Schema.optionalKey(Registration.RegistrationReference),
  caseStatus: Schema.optionalKey(CaseStatus.CaseStatus),
});

/** `/v1/registrations`: create (idempotent), list, get, update (If-Match), withdraw (If-Match). */
export const registrationRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  /** Runs an update use case idempotently (when an Idempotency-Key is sent) and answers with the new version. */
  const respondToUpdate = async (
    c: Context<AppEnv>,
    bytes: Uint8Array,
    update: Omit<Parameters<typeof updateRegistration>[1], "id" | "expectedVersion">,
  ) => {
    const id = parseId(c.req.param("id") ?? "");
    if (id === undefined) throw notFound();
    const expected = expectedVersion(c, "registration");
    const response = await idempotent(
      c,
      runtime,
      bytes,
      (complete) =>
        runOrProblem(
          runtime,
          updateRegistration(
            callerOf(c),
            { ...update, id, expectedVersion: expected },
            (updated) => storedResponse(200, encodeFor(c, updated), { etag: etagOf(updated) }),
            complete,
          ),
        ),
      { required: false },
    );
    return response;
  };

  routes.post(
    "/",
    audited(runtime, "registration", "registration.create", async (c) => {
      requireRole(c, ...partnerRoles);
      const { bytes, json } = await readJson(c);
      const caller = callerOf(c);
      const response = await idempotent(
        c,
        runtime,
        bytes,
        async (complete, claim) => {
          const isCoordinator = caller.principal.role === "coordinator";
          if (!isCoordinator && typeof json === "object" && json !== null && "organisationId" in json) {
            throw organisationIdProblem("only CoMensha's coordinators register on behalf of another organisation");
          }
          const { organisationId: onBehalfOf, ...input } = decodeBody(CreateRegistrationRequest, json);
          const organisationId = onBehalfOf ?? caller.principal.organisationId;
          const cache = c.get("credentialCache");
          const organisation: Organisation.Organisation =
            cache?.organisations.get(organisationId) ??
            (await runtime
              .runPromiseExit(
                Effect.flatMap(Ports.OrganisationRepository, (repository) => repository.findById(organisationId)),
              )
              .then((exit): Organisation.Organisation => {
                if (Exit.isSuccess(exit)) {
                  cache?.organisations.set(organisationId, exit.value);
                  return exit.value;
                }
                throwDefect(exit);
                if (onBehalfOf !== undefined) throw organisationIdProblem("names no organisation");
                throw new ProblemError(500, ProblemType.internal, "Internal server error");
              }));
          if (onBehalfOf !== undefined && organisation.status !== "active") {
            throw organisationIdProblem("names an organisation that is not active");
          }
          const violations = await runOrProblem(runtime, checkRules(input, organisation));
          if (violations.length > 0) throw ruleViolations(violations);
          return runOrProblem(
            runtime,
            createRegistration(
              caller,
              input,
              (registration) =>
                storedResponse(201, encodeFor(c, registration), {
                  etag: etagOf(registration),
                  location: `/v1/registrations/${registration.id}`,
                }),
              complete,
              onBehalfOf === undefined ? { claim } : { onBehalfOf, claim },
            ),
          );
        },
        { required: true, claimInTransaction: true },
      );
      return response;
    }),
  );

  routes.get(
    "/",
    audited(runtime, "registration", "registration.list", async (c) => {
      requireRole(c, ...partnerRoles);
      const pageRequest = pageRequestOf(c, { defaultLimit: 50, maxLimit: 200 });
      const filter = decodeBody(ListFilter, {
        ...(c.req.query("status") === undefined ? {} : { status: c.req.query("status") }),
        ...(c.req.query("reportedFrom") === undefined ? {} : { reportedFrom: c.req.query("reportedFrom") }),
        ...(c.req.query("reportedTo") === undefined ? {} : { reportedTo: c.req.query("reportedTo") }),
        // Typed from a page or a phone call: case and surrounding blanks do not matter.
        ...(c.req.query("reference") === undefined
          ? {}
          : { reference: c.req.query("reference")?.trim().toLowerCase() }),
        ...(c.req.query("caseStatus") === undefined ? {} : { caseStatus: c.req.query("caseStatus") }),
      });
      // The case status is CoMensha's coordination: a partner may not select its registrations by it.
      if (filter.caseStatus !== undefined && c.get("principal").role !== "coordinator") {
        throw new ProblemError(422, ProblemType.validationFailed, "The request breaks a rule", {
          errors: [{ path: "/caseStatus", message: "only CoMensha's coordinators filter by case status" }],
        });
      }
      const page = await runOrProblem(runtime, listRegistrations(callerOf(c), filter, pageRequest));
      if (page.unreadable.length > 0) c.set("undecryptable", { resource: "registration", ids: page.unreadable });
      if (c.get("principal").role !== "coordinator") {
        return c.json({
          data: page.data.map((registration) => encodePartner(registration)),
          nextCursor: page.nextCursor,
        });
      }
      const statuses = await runtime.runPromise(
        Effect.flatMap(Ports.CaseStatusRepository, (repository) =>
          repository.statusesOf(page.data.map((registration) => registration.personId)),
        ),
      );
      const data = page.data.map((registration) =>
        encodeListItem({ ...registration, caseStatus: statuses.get(registration.personId) ?? "active" }),
      );
      return c.json({ data, nextCursor: page.nextCursor });
    }),
  );

  routes.get(
    "/:id",
    audited(runtime, "registration", "registration.read", async (c) => {
      requireRole(c, ...partnerRoles);
      const id = parseId(c.req.param("id") ?? "");
      if (id === undefined) throw notFound();
      const registration = await runOrProblem(runtime, getRegistration(callerOf(c), id)).catch((error: unknown) => {
        if (error instanceof ProblemError && error.type === ProblemType.undecryptable) {
          c.set("undecryptable", { resource: "registration", ids: [id] });
        }
        throw error;
      });
      c.header("ETag", etagOf(registration));
      return c.json(encodeFor(c, registration));
    }),
  );

  routes.get(
    "/:id/versions",
    audited(runtime, "registration", "registration.versions", async (c) => {
      requireRole(c, "coordinator");
      const id = parseId(c.req.param("id") ?? "");
      if (id === undefined) throw notFound();
      const versions = await runOrProblem(runtime, listRegistrationVersions(callerOf(c), id));
      return c.json({ data: versions.map((version) => encodeCoordinator(version)) });
    }),
  );

  routes.get(
    "/:id/audit-events",
    audited(runtime, "registration", "registration.audit_trail", async (c) => {
      requireRole(c, "coordinator");
      const id = parseId(c.req.param("id") ?? "");
      if (id === undefined) throw notFound();
      const pageRequest = pageRequestOf(c, { defaultLimit: 100, maxLimit: 500 });
      const kind = c.req.query("kind");
      if (kind !== undefined && !AuditEvent.AuditKind.literals.includes(kind as never)) {
        throw new ProblemError(400, ProblemType.badRequest, "kind must be change or read", {
          errors: [{ path: "/kind", message: "Expected change or read" }],
        });
      }
      const page = await runOrProblem(
        runtime,
        listRegistrationAuditTrail(callerOf(c), id, pageRequest, kind as AuditEvent.AuditKind | undefined),
      );
      return c.json(encodeAuditEventPage(withoutUserNames(page)));
    }),
  );

  routes.put(
    "/:id",
    audited(runtime, "registration", "registration.update", async (c) => {
      const principal = requireRole(c, ...partnerRoles);
      const id = parseId(c.req.param("id") ?? "");
      if (id === undefined) throw notFound();
      expectedVersion(c, "registration");
      const { bytes, json } = await readJson(c);
      const input = decodeBody(Registration.RegistrationInput, json);
      // The rules are those of the reporting organisation: for a coordinator, the registration's owner (who may be
      // a partner on whose behalf CoMensha registered it), not CoMensha itself. A transferred registration keeps
      // the rules of who reported it (the sender of its first transfer): its legal basis is that reporter's. A
      // partner learns that only of a registration it owns, so the rules say nothing about anyone else's.
      const organisation = await runOrProblem(
        runtime,
        Effect.gen(function* () {
          const owner =
            principal.role === "coordinator"
              ? (yield* (yield* Ports.RegistrationRepository).findById(id)).organisationId
              : principal.organisationId;
          const transfers = yield* (yield* Ports.TransferRepository)
            .list(id, principal.role === "coordinator" ? {} : { organisationId: principal.organisationId })
            .pipe(Effect.orElseSucceed(() => []));
          const isOwner = principal.role === "coordinator" || transfers.at(-1)?.toOrganisationId === owner;
          const reporter = (isOwner ? transfers[0]?.fromOrganisationId : undefined) ?? owner;
          return yield* (yield* Ports.OrganisationRepository).findById(reporter);
        }),
      );
      const violations = await runOrProblem(runtime, checkRules(input, organisation));
      if (violations.length > 0) throw ruleViolations(violations);
      return respondToUpdate(c, bytes, {
        action: "registration.update",
        change: (current) => ({ status: current.status, registration: input }),
      });
    }),
  );

  routes.post(
    "/:id/withdraw",
    audited(runtime, "registration", "registration.withdraw", async (c) => {
      requireRole(c, ...partnerRoles);
      if (parseId(c.req.param("id") ?? "") === undefined) throw notFound();
      expectedVersion(c, "registration");
      const body = await readOptionalJson(c);
      const { reason } = decodeBody(WithdrawRequest, body.json);
      return respondToUpdate(c, body.bytes, {
        action: "registration.withdraw",
        change: (current) => ({ status: "withdrawn", registration: current, withdrawalReason: reason }),
      });
    }),
  );

  return routes;
};
