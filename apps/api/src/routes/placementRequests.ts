import { IsoDate, Placement, PlacementRequest, Ports } from "@comensha/domain";
import { Effect, Exit, Schema } from "effect";
import { Hono } from "hono";
import { type Principal, requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import { idempotent, storedResponse } from "../idempotency.js";
import type { Operation } from "../openapi.js";
import { invalidCursor, ProblemError, ProblemType } from "../problem.js";
import { pageRequestOf, readJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import { audit } from "../services/audit.js";
import {
  acceptOffer,
  declineOffer,
  type EndBeforeStart,
  endPlacement,
  type NothingToAct,
  type OfferLapsed,
  type OfferRefused,
  offerPlace,
  suggestPlaces,
  transitionRequest,
} from "../services/placements.js";
import { today } from "../services/registrations.js";
import { decodeBody } from "../validation.js";
import { audited, callerOf } from "./audited.js";
import { runEffect } from "./runEffect.js";

/** A placement request on the wire. */
const { personId: _personId, ...partnerFields } = PlacementRequest.PlacementRequest.fields;

/**
 * A placement request as a partner sees it: without the (deduplicated) person id, which would let organisations
 * learn that they reported the same person.
 */
export const PlacementRequestResponse = Schema.Struct(partnerFields).annotate({ identifier: "PlacementRequest" });

/**
 * A placement request as CoMensha's coordinators see it: with the person, the open offer (`null` unless the request
 * is `offered`) and the placement (`null` until the request is `placed`; kept, with its end, once `ended`).
 */
export const CoordinatorPlacementRequestResponse = Schema.Struct({
  ...PlacementRequest.PlacementRequest.fields,
  offer: Schema.NullOr(Placement.OfferSummary.annotate({ identifier: "OfferSummary" })),
  placement: Schema.NullOr(Placement.PlacementSummary.annotate({ identifier: "PlacementSummary" })),
}).annotate({ identifier: "CoordinatorPlacementRequest" });

/** What a placement request answers: the coordinator's view to coordinators, the partner's to partners. */
const PlacementRequestView = Schema.Union([CoordinatorPlacementRequestResponse, PlacementRequestResponse]);

const encodePartner = Schema.encodeSync(PlacementRequestResponse);
const encodeCoordinator = Schema.encodeSync(CoordinatorPlacementRequestResponse);
const PlacementRequestPage = Schema.Struct({
  data: Schema.Array(PlacementRequestView),
  nextCursor: Schema.NullOr(Schema.String),
}).annotate({ identifier: "PlacementRequestPage" });

const viewDescription = "Coordinators get a CoordinatorPlacementRequest (with personId, offer and placement).";

const problems = {
  401: { description: "No valid API key.", problem: true },
  403: { description: "The key's role may not do this.", problem: true },
  404: { description: "No such placement request visible to you.", problem: true },
  409: {
    description: "The request's state does not allow this (invalid-state); detail names the state.",
    problem: true,
  },
} as const;

const transitions = {
  cancel: {
    event: "Cancel",
    roles: ["partner", "coordinator"],
    summary: "Cancel a placement request (an open offer for it is withdrawn)",
    description:
      "A partner (for its own organisation's request) or a coordinator cancels the request; an open offer " +
      "for it is withdrawn. A placed person leaves by ending the placement instead.",
  },
  "start-search": {
    event: "StartSearch",
    roles: ["coordinator"],
    summary: "Start searching for a place (coordinators)",
    description: "For coordinators: a `requested` or `waitlisted` request becomes `searching`, to be offered a place.",
  },
  waitlist: {
    event: "Waitlist",
    roles: ["coordinator"],
    summary: "Put the request on the waiting list (coordinators)",
    description:
      "For coordinators: no fitting place is free; a `requested` or `searching` request waits on the " +
      "waiting list, from which it may still be offered a place.",
  },
} as const;

/** OpenAPI descriptions of the placement request routes. */
export const placementRequestOperations: ReadonlyArray<Operation> = [
  {
    method: "post",
    path: "/v1/placement-requests",
    operationId: "createPlacementRequest",
    summary: "Request first shelter for a person you registered (requires Idempotency-Key)",
    description:
      "A partner requests first shelter for a person of one of its own registrations; a coordinator for any. The " +
      "request states the needs (target group, children, urgency, security, languages, medical needs, which are " +
      "stored encrypted) and optionally a preferred region, and starts in state `requested`.",
    tags: ["placements"],
    security: true,
    headers: [{ name: "Idempotency-Key", required: true, description: "1-255 visible ASCII characters; a UUID." }],
    requestBody: PlacementRequest.NewPlacementRequest.annotate({ identifier: "NewPlacementRequest" }),
    responses: {
      201: { description: `The request, in state requested. ${viewDescription}`, schema: PlacementRequestView },
      400: { description: "A header is wrong.", problem: true },
      ...problems,
      422: { description: "The body breaks the schema, or names a registration you cannot see.", problem: true },
    },
  },
  {
    method: "get",
    path: "/v1/placement-requests",
    operationId: "listPlacementRequests",
    summary: "Your organisation's placement requests (coordinators: all), newest first",
    description:
      "A partner sees its own organisation's requests; a coordinator sees all, each with the person, the open offer " +
      "and the placement. Optionally by state; cursor-paginated.",
    tags: ["placements"],
    security: true,
    query: [
      { name: "state", schema: { type: "string", enum: [...PlacementRequest.PlacementState.literals] } },
      {
        name: "order",
        description:
          "`newest` (default): newest first. `urgency`: the coordinator's queue, most urgent first (tonight, this " +
          "week, planned), and within one urgency the request that has waited longest first.",
        schema: { type: "string", enum: [...PlacementRequest.ListOrder.literals] },
      },
      { name: "limit", schema: { type: "integer", minimum: 1, maximum: 200 } },
      { name: "cursor", schema: { type: "string" } },
    ],
    responses: {
      200: { description: `A page of requests. ${viewDescription}`, schema: PlacementRequestPage },
      400: { description: "A bad parameter.", problem: true },
      401: problems[401],
      403: problems[403],
    },
  },
  {
    method: "get",
    path: "/v1/placement-requests/:id",
    operationId: "getPlacementRequest",
    summary: "One placement request",
    description:
      "A partner sees its own organisation's requests only (another's is 404); a coordinator sees any, with the " +
      "person, the open offer and the placement.",
    tags: ["placements"],
    security: true,
    responses: {
      200: {
        description:
          `The request. ${viewDescription} The offer says which place of which shelter is offered until when; ` +
          "the placement, where the person is placed since when.",
        schema: PlacementRequestView,
      },
      401: problems[401],
      403: problems[403],
      404: problems[404],
    },
  },
  {
    method: "get",
    path: "/v1/placement-requests/:id/suggestions",
    operationId: "suggestPlaces",
    summary: "Places that fit a request's needs, best first (coordinators)",
    description:
      "Up to 20 places that fit the needs and can be booked from the start date on (no later booking, no other open " +
      "offer), best first: in the preferred region, then with the fewest spare scarce features.",
    tags: ["placements"],
    security: true,
    query: [
      {
        name: "from",
        description: "start date (YYYY-MM-DD), default today",
        schema: { type: "string", format: "date" },
      },
    ],
    responses: {
      200: {
        description: "Up to 20 suggestions.",
        schema: Schema.Struct({
          data: Schema.Array(
            Schema.Struct({
              placeId: Schema.String,
              label: Schema.String,
              shelterId: Schema.String,
              shelterName: Schema.String,
              shelterKind: Schema.String,
              region: Schema.String,
              isInPreferredRegion: Schema.Boolean,
              spareFeatures: Schema.Array(Schema.String),
            }),
          ),
        }).annotate({ identifier: "PlaceSuggestions" }),
      },
      ...problems,
    },
  },
  {
    method: "post",
    path: "/v1/placement-requests/:id/offers",
    operationId: "offerPlace",
    summary: "Offer a place from a start date, until an expiry (coordinators)",
    description:
      "For coordinators: offers a place from a start date until an expiry in the future; the request becomes " +
      "`offered`. An offer needs the registration's consent to share with a shelter; a COSM place needs an adult " +
      "without Dutch nationality whose reflection period runs on the start date, unless the coordinator overrides " +
      "it with a reason.",
    tags: ["placements"],
    security: true,
    requestBody: Placement.NewOffer.annotate({ identifier: "NewOffer" }),
    responses: {
      201: { description: "The offer; the request is offered.", schema: Placement.NewOffer },
      ...problems,
      409: {
        description:
          "The request's state does not allow an offer (invalid-state), the place's shelter is closed " +
          "(shelter-closed: offer a place of an open shelter), or the place is booked on or after the start date " +
          "(place-already-booked: a stay is open-ended, so offer a place the suggestions list).",
        problem: true,
      },
      422: {
        description:
          "The offer breaks a rule (consent, COSM eligibility, an expiresAt that is not in the future) or names no place.",
        problem: true,
      },
    },
  },
  {
    method: "post",
    path: "/v1/placement-requests/:id/accept",
    operationId: "acceptOffer",
    summary: "Accept the open offer: books the place (never twice for overlapping dates)",
    description:
      "A partner (for its own organisation's request) or a coordinator accepts the open offer: the place is booked " +
      "from the offer's start date and the request becomes `placed`. A place is never booked twice for overlapping " +
      "dates, however many accept at once: the losers get 409 `place-already-booked`.",
    tags: ["placements"],
    security: true,
    responses: {
      201: { description: "The placement; the request is placed.", schema: Placement.Placement },
      ...problems,
      409: {
        description:
          "No open offer or another state (invalid-state), the offer has lapsed (offer-expired: decline it and " +
          "offer again), or another placement holds the place on some of those days (place-already-booked).",
        problem: true,
      },
    },
  },
  {
    method: "post",
    path: "/v1/placement-requests/:id/decline",
    operationId: "declineOffer",
    summary: "Decline the open offer; the request is searched again",
    description:
      "A partner (for its own organisation's request) or a coordinator declines the open offer; the request is " +
      "`searching` again. A lapsed offer is declined this way too.",
    tags: ["placements"],
    security: true,
    responses: {
      200: { description: `The request, searching. ${viewDescription}`, schema: PlacementRequestView },
      ...problems,
    },
  },
  {
    method: "post",
    path: "/v1/placement-requests/:id/end",
    operationId: "endPlacement",
    summary: "End the placement on a date with a reason (coordinators); the place is free from that date",
    description:
      "For coordinators: ends the placement on a date with a reason; the place is free from that date and the " +
      "request becomes `ended`.",
    tags: ["placements"],
    security: true,
    requestBody: Placement.EndPlacement.annotate({ identifier: "EndPlacement" }),
    responses: {
      200: { description: "The ended placement.", schema: Placement.Placement },
      ...problems,
      422: { description: "A bad end date or reason.", problem: true },
    },
  },
  ...Object.entries(transitions).map(
    ([path, transition]): Operation => ({
      method: "post",
      path: `/v1/placement-requests/:id/${path}`,
      operationId: `${path.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}PlacementRequest`,
      summary: transition.summary,
      description: transition.description,
      tags: ["placements"],
      security: true,
      responses: {
        200: { description: `The request in its new state. ${viewDescription}`, schema: PlacementRequestView },
        ...problems,
      },
    }),
  ),
];

const scopeOf = (principal: Principal) =>
  principal.role === "coordinator" ? {} : { organisationId: principal.organisationId };

/**
 * The requests as `principal` may see them: to a partner without the person; to a coordinator with the person, the
 * open offer and the placement, read for all of them at once (one query per kind, however long the page).
 */
const present = (principal: Principal, requests: ReadonlyArray<PlacementRequest.PlacementRequest>) =>
  principal.role !== "coordinator"
    ? Effect.succeed(requests.map((request) => encodePartner(request)))
    : Effect.gen(function* () {
        const summaries = yield* (yield* Ports.PlacementRepository).summarise(requests.map((request) => request.id));
        return requests.map((request) => {
          const summary = summaries.get(request.id);
          return encodeCoordinator({
            ...request,
            offer: request.state === "offered" ? (summary?.offer ?? null) : null,
            placement: summary?.placement ?? null,
          });
        });
      });

/** One request as `principal` may see it (see {@link present}). */
const presentOne = (principal: Principal, request: PlacementRequest.PlacementRequest) =>
  Effect.map(present(principal, [request]), ([view]) => view);

const parseId = (id: string | undefined) => {
  const result = Schema.decodeUnknownExit(PlacementRequest.PlacementRequestId)(id);
  if (Exit.isFailure(result)) throw new ProblemError(404, ProblemType.notFound, "Placement request not found");
  return result.value;
};

const toProblem = (error: unknown): ProblemError => {
  const tag = (error as { _tag?: string })._tag;
  if (tag === "PlacementRequestNotFound") {
    return new ProblemError(404, ProblemType.notFound, "Placement request not found");
  }
  if (tag === "IllegalTransition") {
    const illegal = error as PlacementRequest.IllegalTransition;
    return new ProblemError(409, ProblemType.invalidState, "The request's state does not allow this", {
      detail: `The request is ${illegal.from}; ${illegal.event} is not allowed then.`,
    });
  }
  if (tag === "RegistrationNotFound") {
    return new ProblemError(
      422,
      ProblemType.validationFailed,
      "The registration is not one you can request shelter for",
      {
        errors: [{ path: "/registrationId", message: "No such registration visible to you" }],
      },
    );
  }
  if (tag === "InvalidCursor") return invalidCursor();
  if (tag === "PlaceAlreadyBooked") {
    return new ProblemError(409, ProblemType.placeAlreadyBooked, "The place is already booked for those dates", {
      detail:
        "Another placement holds this place on or after the start date, and a stay is open-ended; offer a place that " +
        "the suggestions list.",
    });
  }
  if (tag === "OfferRefused") {
    return new ProblemError(422, ProblemType.validationFailed, "The offer breaks a rule", {
      errors: (error as OfferRefused).violations.map((violation) => ({
        path: `/${violation.path.join("/")}`,
        message: violation.message,
      })),
    });
  }
  if (tag === "EndBeforeStart") {
    return new ProblemError(422, ProblemType.validationFailed, "The end date is not after the start", {
      errors: [{ path: "/endsOn", message: `Must be after ${(error as EndBeforeStart).startsOn}` }],
    });
  }
  if (tag === "PlaceNotFound") {
    return new ProblemError(422, ProblemType.validationFailed, "No such place", {
      errors: [{ path: "/placeId", message: "No such place" }],
    });
  }
  if (tag === "OfferLapsed") {
    return new ProblemError(409, ProblemType.offerExpired, "The offer has lapsed", {
      detail: `It expired at ${(error as OfferLapsed).expiresAt}; decline it and offer again.`,
    });
  }
  if (tag === "ShelterClosed") {
    return new ProblemError(409, ProblemType.shelterClosed, "The place's shelter is closed", {
      detail: "A closed shelter offers no places; offer a place of an open shelter.",
    });
  }
  if (tag === "NothingToAct") {
    return new ProblemError(409, ProblemType.invalidState, `The request has no open ${(error as NothingToAct).what}`);
  }
  return new ProblemError(500, ProblemType.internal, "Internal server error");
};

const run = runEffect(toProblem);

/** `/v1/placement-requests`: partners request first shelter for people they registered; coordinators work them. */
export const placementRequestRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.post(
    "/",
    audited(runtime, "placement_request", "placement_request.create", async (c) => {
      const principal = requireRole(c, "partner", "coordinator");
      const { bytes, json } = await readJson(c);
      return idempotent(c, runtime, bytes, async (complete) => {
        const input = decodeBody(PlacementRequest.NewPlacementRequest, json);
        return run(
          runtime,
          Effect.gen(function* () {
            const transactor = yield* Ports.Transactor;
            return yield* transactor.transaction(
              Effect.gen(function* () {
                const registration = yield* (yield* Ports.RegistrationRepository).findById(
                  input.registrationId,
                  scopeOf(principal),
                );
                const request = yield* (yield* Ports.PlacementRequestRepository).create({
                  ...input,
                  organisationId: registration.organisationId,
                  personId: registration.personId,
                  requestedBy: principal.role === "coordinator" ? "coordinator" : "partner",
                  requestedOn: yield* today,
                });
                yield* audit(callerOf(c), "placement_request.create", "success", {
                  type: "placement_request",
                  id: request.id,
                });
                const response = storedResponse(201, yield* presentOne(principal, request), {
                  location: `/v1/placement-requests/${request.id}`,
                });
                yield* complete(response);
                return response;
              }),
            );
          }),
        );
      });
    }),
  );

  routes.get(
    "/",
    audited(runtime, "placement_request", "placement_request.list", async (c) => {
      const principal = requireRole(c, "partner", "coordinator");
      const pageRequest = pageRequestOf(c, { defaultLimit: 50, maxLimit: 200 });
      const state = c.req.query("state");
      if (state !== undefined && !PlacementRequest.PlacementState.literals.includes(state as never)) {
        throw new ProblemError(400, ProblemType.badRequest, "state is not a placement state");
      }
      const order = c.req.query("order");
      if (order !== undefined && !PlacementRequest.ListOrder.literals.includes(order as never)) {
        throw new ProblemError(400, ProblemType.badRequest, "order must be newest or urgency");
      }
      const page = await run(
        runtime,
        Effect.gen(function* () {
          const result = yield* (yield* Ports.PlacementRequestRepository).list(
            {
              ...scopeOf(principal),
              ...(state === undefined ? {} : { state: state as PlacementRequest.PlacementState }),
              ...(order === undefined ? {} : { order: order as PlacementRequest.ListOrder }),
            },
            pageRequest,
          );
          yield* audit(callerOf(c), "placement_request.list", "success", { type: "placement_request" });
          return { data: yield* present(principal, result.data), nextCursor: result.nextCursor };
        }),
      );
      return c.json(page);
    }),
  );

  routes.get(
    "/:id",
    audited(runtime, "placement_request", "placement_request.read", async (c) => {
      const principal = requireRole(c, "partner", "coordinator");
      const id = parseId(c.req.param("id"));
      const request = await run(
        runtime,
        Effect.gen(function* () {
          const found = yield* (yield* Ports.PlacementRequestRepository).findById(id, scopeOf(principal));
          yield* audit(callerOf(c), "placement_request.read", "success", { type: "placement_request", id });
          return yield* presentOne(principal, found);
        }),
      );
      return c.json(request);
    }),
  );

  for (const [path, transition] of Object.entries(transitions)) {
    const action = `placement_request.${path.replace("-", "_")}`;
    routes.post(
      `/:id/${path}`,
      audited(runtime, "placement_request", action, async (c) => {
        const principal = requireRole(c, ...transition.roles);
        const id = parseId(c.req.param("id"));
        const request = await run(
          runtime,
          Effect.gen(function* () {
            const changed = yield* transitionRequest(callerOf(c), id, transition.event, action);
            return yield* presentOne(principal, changed);
          }),
        );
        return c.json(request);
      }),
    );
  }

  routes.get(
    "/:id/suggestions",
    audited(runtime, "placement_request", "placement_request.suggestions", async (c) => {
      requireRole(c, "coordinator");
      const id = parseId(c.req.param("id"));
      const from = c.req.query("from");
      if (from !== undefined && !IsoDate.isIsoDate(from)) {
        throw new ProblemError(400, ProblemType.badRequest, "from must be a date (YYYY-MM-DD)");
      }
      const ranked = await run(runtime, suggestPlaces(callerOf(c), id, from));
      return c.json({
        data: ranked.slice(0, 20).map((entry) => ({
          placeId: entry.place.id,
          label: entry.place.label,
          shelterId: entry.shelter.id,
          shelterName: entry.shelter.name,
          shelterKind: entry.shelter.kind,
          region: entry.shelter.region,
          isInPreferredRegion: entry.isInPreferredRegion,
          spareFeatures: entry.spareFeatures,
        })),
      });
    }),
  );

  const OfferBody = Placement.NewOffer.annotate({ identifier: "NewOffer" });
  const EndBody = Placement.EndPlacement.annotate({ identifier: "EndPlacement" });
  const encodePlacement = Schema.encodeSync(Placement.Placement);

  routes.post(
    "/:id/offers",
    audited(runtime, "placement_request", "placement_request.offer", async (c) => {
      requireRole(c, "coordinator");
      const id = parseId(c.req.param("id"));
      const offer = decodeBody(OfferBody, (await readJson(c)).json);
      const recorded = await run(runtime, offerPlace(callerOf(c), id, offer));
      return c.json(recorded, 201);
    }),
  );

  routes.post(
    "/:id/accept",
    audited(runtime, "placement_request", "placement_request.accept", async (c) => {
      requireRole(c, "partner", "coordinator");
      const placement = await run(runtime, acceptOffer(callerOf(c), parseId(c.req.param("id"))));
      return c.json(encodePlacement(placement), 201);
    }),
  );

  routes.post(
    "/:id/decline",
    audited(runtime, "placement_request", "placement_request.decline", async (c) => {
      const principal = requireRole(c, "partner", "coordinator");
      const request = await run(
        runtime,
        Effect.flatMap(declineOffer(callerOf(c), parseId(c.req.param("id"))), (declined) =>
          presentOne(principal, declined),
        ),
      );
      return c.json(request);
    }),
  );

  routes.post(
    "/:id/end",
    audited(runtime, "placement_request", "placement_request.end", async (c) => {
      requireRole(c, "coordinator");
      const id = parseId(c.req.param("id"));
      const input = decodeBody(EndBody, (await readJson(c)).json);
      const placement = await run(runtime, endPlacement(callerOf(c), id, input));
      return c.json(encodePlacement(placement));
    }),
  );

  return routes;
};
