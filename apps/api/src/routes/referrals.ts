import { Organisation, Person, Referral } from "@comensha/domain";
import { Exit, Schema } from "effect";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import { idempotent, storedResponse } from "../idempotency.js";
import type { Operation } from "../openapi.js";
import { invalidCursor, ProblemError, ProblemType } from "../problem.js";
import { pageRequestOf, readJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import { actOnReferral, createReferral, getReferral, listReferrals } from "../services/referrals.js";
import { decodeBody } from "../validation.js";
import { audited, callerOf } from "./audited.js";
import { mergedAway, personNotFound } from "./personCase.js";
import { runEffect } from "./runEffect.js";

/** A referral as CoMensha's coordinators see it. */
export const ReferralResponse = Schema.Struct({ ...Referral.Referral.fields }).annotate({
  identifier: "Referral",
  description:
    "A referral of a person to an organisation for a service (HTCDS 2.0 outgoing referral): its state, whether the " +
    "person's identifiers go with it and on which legal basis, and the coded answer and outcome.",
});

/**
 * A referral as the receiving organisation sees it: no person id and no names of CoMensha's staff or keys; `person`
 * (on a single read) with the identifiers only when the referral shares them.
 */
export const ReceivedReferralResponse = ReferralResponse.mapFields(
  ({ personId: _personId, referredBy: _referredBy, referringOrganisationId: _referrer, ...fields }) => fields,
).annotate({ identifier: "ReceivedReferral" });

const PersonView = Schema.Struct({
  ...Referral.ReferredPerson.fields,
}).annotate({ identifier: "ReferredPerson" });

/** One referral with the person as it shows them. */
export const ReferralWithPerson = Schema.Struct({
  ...ReceivedReferralResponse.fields,
  personId: Schema.optionalKey(Person.PersonId),
  referredBy: Schema.optionalKey(Referral.ReferralActor),
  referringOrganisationId: Schema.optionalKey(Organisation.OrganisationId),
  person: PersonView,
}).annotate({
  identifier: "ReferralWithPerson",
  description:
    "A referral with the person: sex, year of birth and nationalities, and `identifiers` from their newest report " +
    "when the referral shares them (null otherwise, or once erased). Coordinators also get `personId` and `referredBy`.",
});

const ReferralPage = Schema.Struct({
  data: Schema.Array(Schema.Union([ReferralResponse, ReceivedReferralResponse])),
  nextCursor: Schema.NullOr(Schema.String),
}).annotate({ identifier: "ReferralPage" });

/** The body of `POST /v1/referrals`. */
export const ReferralInput = Referral.NewReferral.annotate({ identifier: "ReferralInput" });
const AnswerInput = Referral.ReferralAnswer;
const ReportInput = Schema.Struct({ outcome: Referral.ReferralOutcome }).annotate({ identifier: "ReferralReport" });

const encodeCoordinator = Schema.encodeSync(ReferralResponse);
const encodeReceived = Schema.encodeSync(ReceivedReferralResponse);
const encodeWithPerson = Schema.encodeSync(ReferralWithPerson);

const problems = {
  401: { description: "No valid API key or console session.", problem: true },
  403: { description: "Not a coordinator, or (for care organisations) not the receiver's to do.", problem: true },
} as const;

const oneReferral = {
  ...problems,
  404: { description: "No such referral, or none made to your organisation.", problem: true },
  409: { description: "The referral's state does not allow this (see detail).", problem: true },
} as const;

const idempotencyHeader = {
  name: "Idempotency-Key",
  required: false,
  description: "Honoured when sent (the SDK always sends one): a retry gets the first answer.",
} as const;

/** OpenAPI descriptions of the referral routes. */
export const referralOperations: ReadonlyArray<Operation> = [
  {
    method: "post",
    path: "/v1/referrals",
    operationId: "createReferral",
    summary: "Refer a person to care (coordinators)",
    description:
      "Refers a person to an organisation (a care coordinator, legal aid, IOM, a municipality; never one that " +
      "enforces the law) for a service. The person's identifiers go with it only on a legal basis: `sharingBasis` " +
      "`consent` (with `consentGivenOn`) or `vital_interest`; without sharing, the receiver sees sex, year of birth " +
      "and nationalities only. A person merged into another is 409.",
    tags: ["referrals"],
    security: true,
    headers: [idempotencyHeader],
    requestBody: ReferralInput,
    responses: {
      201: { description: "The pending referral.", schema: ReferralResponse },
      ...problems,
      404: { description: "No such person.", problem: true },
      409: { description: "The person was merged into another.", problem: true },
      422: { description: "The body breaks the schema or a referral rule (see detail).", problem: true },
    },
  },
  {
    method: "get",
    path: "/v1/referrals",
    operationId: "listReferrals",
    summary: "Referrals: all (coordinators) or those made to your organisation (care)",
    description:
      "Newest first. Coordinators may filter by `personId`, `toOrganisationId` and `state`; a care organisation sees " +
      "the referrals made to it and nothing else, by `state`. Audited.",
    tags: ["referrals"],
    security: true,
    query: [
      { name: "state", schema: { type: "string", enum: [...Referral.stateCodeList.codes] } },
      { name: "personId", description: "Coordinators only.", schema: { type: "string", format: "uuid" } },
      { name: "toOrganisationId", description: "Coordinators only.", schema: { type: "string", format: "uuid" } },
      { name: "limit", schema: { type: "integer", minimum: 1, maximum: 200 } },
      { name: "cursor", schema: { type: "string" } },
    ],
    responses: {
      200: { description: "A page of referrals.", schema: ReferralPage },
      400: { description: "A bad filter, limit or cursor.", problem: true },
      ...problems,
    },
  },
  {
    method: "get",
    path: "/v1/referrals/:id",
    operationId: "getReferral",
    summary: "One referral with the person as it shows them",
    description:
      "For a coordinator, or the organisation it was made to: the person's identifiers are in it only when the " +
      "referral shares them. Every read is audited.",
    tags: ["referrals"],
    security: true,
    responses: { 200: { description: "The referral.", schema: ReferralWithPerson }, ...oneReferral },
  },
  {
    method: "post",
    path: "/v1/referrals/:id/answer",
    operationId: "answerReferral",
    summary: "Accept or decline a referral (the receiving organisation)",
    description: "`{ decision: accept }` or `{ decision: decline, reason }` with a coded reason; only a pending one.",
    tags: ["referrals"],
    security: true,
    headers: [idempotencyHeader],
    requestBody: AnswerInput,
    responses: {
      200: { description: "The answered referral.", schema: ReceivedReferralResponse },
      ...oneReferral,
      422: { description: "The body breaks the schema.", problem: true },
    },
  },
  {
    method: "post",
    path: "/v1/referrals/:id/report",
    operationId: "reportReferral",
    summary: "Report back how an accepted referral ended (the receiving organisation)",
    description: "A coded outcome; the referral is then completed.",
    tags: ["referrals"],
    security: true,
    headers: [idempotencyHeader],
    requestBody: ReportInput,
    responses: {
      200: { description: "The completed referral.", schema: ReceivedReferralResponse },
      ...oneReferral,
      422: { description: "The body breaks the schema.", problem: true },
    },
  },
  {
    method: "post",
    path: "/v1/referrals/:id/withdraw",
    operationId: "withdrawReferral",
    summary: "Withdraw a pending or accepted referral (coordinators)",
    description: "The receiver then sees it as withdrawn.",
    tags: ["referrals"],
    security: true,
    headers: [idempotencyHeader],
    responses: { 200: { description: "The withdrawn referral.", schema: ReferralResponse }, ...oneReferral },
  },
];

const notFound = () => new ProblemError(404, ProblemType.notFound, "Referral not found");

const toProblem = (error: unknown): ProblemError => {
  switch ((error as { _tag?: string })._tag) {
    case "ReferralNotFound":
      return notFound();
    case "PersonNotFound":
      return personNotFound();
    case "PersonMergedAway":
      return mergedAway(error as never);
    case "InvalidCursor":
      return invalidCursor();
    case "ReferralStateConflict": {
      const conflict = error as Referral.ReferralStateConflict;
      return new ProblemError(409, ProblemType.invalidState, "The referral's state does not allow this", {
        detail: `A ${conflict.state} referral cannot be given the action ${conflict.action}.`,
      });
    }
    case "ReferralRefused": {
      const refused = error as Referral.ReferralRefused;
      return new ProblemError(422, ProblemType.validationFailed, "The referral breaks a rule", {
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

const referralIdOf = (c: Context<AppEnv>) => {
  const id = Schema.decodeUnknownExit(Referral.ReferralId)(c.req.param("id"));
  if (Exit.isFailure(id)) throw notFound();
  return id.value;
};

/** A query parameter decoded with `schema`, or a 400 naming it. */
const queryParam = <S extends Schema.Top>(c: Context<AppEnv>, name: string, schema: S) => {
  const value = c.req.query(name);
  if (value === undefined) return undefined;
  const decoded = Schema.decodeUnknownExit(schema as never)(value);
  if (Exit.isFailure(decoded)) {
    throw new ProblemError(400, ProblemType.badRequest, `${name} is not valid`, {
      errors: [{ path: `/${name}`, message: `Not a valid ${name}` }],
    });
  }
  return decoded.value as S["Type"];
};

const encodeFor = (c: Context<AppEnv>, referral: Referral.Referral) =>
  c.get("principal").role === "care" ? encodeReceived(referral) : encodeCoordinator(referral);

/** `/v1/referrals`: coordinators refer persons to care; the receiving (`care`) organisation answers and reports. */
export const referralRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.post(
    "/",
    audited(runtime, "referral", "referral.create", async (c) => {
      requireRole(c, "coordinator");
      const { bytes, json } = await readJson(c);
      const input = decodeBody(ReferralInput, json);
      return idempotent(
        c,
        runtime,
        bytes,
        (complete) =>
          run(
            runtime,
            createReferral(
              callerOf(c),
              input,
              (referral) => storedResponse(201, encodeCoordinator(referral)),
              complete,
            ),
          ),
        { required: false },
      );
    }),
  );

  routes.get(
    "/",
    audited(runtime, "referral", "referral.list", async (c) => {
      const principal = requireRole(c, "coordinator", "care");
      const page = pageRequestOf(c, { defaultLimit: 50, maxLimit: 200 });
      const state = queryParam(c, "state", Referral.ReferralState);
      const personId = queryParam(c, "personId", Person.PersonId);
      const toOrganisationId = queryParam(c, "toOrganisationId", Organisation.OrganisationId);
      if (principal.role === "care" && (personId !== undefined || toOrganisationId !== undefined)) {
        throw new ProblemError(400, ProblemType.badRequest, "A care organisation filters its referrals by state only");
      }
      const found = await run(
        runtime,
        listReferrals(
          callerOf(c),
          {
            ...(state === undefined ? {} : { state }),
            ...(personId === undefined ? {} : { personId }),
            ...(toOrganisationId === undefined ? {} : { toOrganisationId }),
          },
          page,
        ),
      );
      return c.json({ data: found.data.map((referral) => encodeFor(c, referral)), nextCursor: found.nextCursor });
    }),
  );

  routes.get(
    "/:id",
    audited(runtime, "referral", "referral.read", async (c) => {
      const principal = requireRole(c, "coordinator", "care");
      const { referral, person } = await run(runtime, getReferral(callerOf(c), referralIdOf(c)));
      const { personId, referredBy, referringOrganisationId, ...received } = referral;
      return c.json(
        encodeWithPerson({
          ...received,
          ...(principal.role === "coordinator" ? { personId, referredBy, referringOrganisationId } : {}),
          person,
        }),
      );
    }),
  );

  const act = (path: string, action: "answer" | "report" | "withdraw", roles: ReadonlyArray<"coordinator" | "care">) =>
    routes.post(
      `/:id/${path}`,
      audited(runtime, "referral", `referral.${action}`, async (c) => {
        requireRole(c, ...roles);
        const id = referralIdOf(c);
        const { bytes, json } = action === "withdraw" ? { bytes: new Uint8Array(), json: {} } : await readJson(c);
        const input =
          action === "answer"
            ? ((answer) =>
                answer.decision === "accept"
                  ? { action: "accept" as const }
                  : { action: "decline" as const, declineReason: answer.reason })(decodeBody(AnswerInput, json))
            : action === "report"
              ? { action: "report" as const, outcome: decodeBody(ReportInput, json).outcome }
              : { action: "withdraw" as const };
        return idempotent(
          c,
          runtime,
          bytes,
          (complete) =>
            run(
              runtime,
              actOnReferral(
                callerOf(c),
                { id, ...input },
                (referral) => storedResponse(200, encodeFor(c, referral)),
                complete,
              ),
            ),
          { required: false },
        );
      }),
    );

  act("answer", "answer", ["coordinator", "care"]);
  act("report", "report", ["coordinator", "care"]);
  act("withdraw", "withdraw", ["coordinator"]);

  return routes;
};
