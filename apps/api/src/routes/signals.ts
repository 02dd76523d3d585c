import { IsoDate, PlacementRequest, Ports, Signals } from "@comensha/domain";
import { Effect, Schema } from "effect";
import { Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import type { Operation } from "../openapi.js";
import type { AppRuntime } from "../runtime.js";
import { today } from "../services/registrations.js";

const SignalsResponse = Schema.Struct({
  asOf: Schema.String,
  /** Counts per kind and target group: all that policy staff see. */
  summary: Schema.Array(Signals.SignalSummaryRow),
  /** Every signal with its request or placement: coordinators only. */
  data: Schema.optionalKey(Schema.Array(Signals.Signal)),
}).annotate({
  identifier: "Signals",
  description:
    "Bottlenecks as of today. `summary` counts them per kind and target group; `data` lists them one by one, with " +
    "the request or placement and its dates, and is left out for policy staff, who see no cases.",
});
const encode = Schema.encodeSync(SignalsResponse);

/** OpenAPI description of the signals route. */
export const signalOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/signals",
    operationId: "listSignals",
    summary: "Bottlenecks (signals) as of today",
    description:
      "For coordinators and policy staff, without personal data: target groups without a free place tonight while " +
      "requests for them wait, requests waiting longer than the norm for their urgency, reflection periods running " +
      "out within 7 days while the request still waits, COSM stays beyond 3 months, and how many follow-up tasks are " +
      "overdue (a count only, with no task, person or owner). Everyone gets the counts " +
      "(`summary`); only coordinators get each signal with its request or placement (`data`).",
    tags: ["signals"],
    security: true,
    responses: {
      200: {
        description: "The signals as of today: for coordinators `summary` and `data`, for policy staff `summary` only.",
        schema: SignalsResponse,
      },
      401: { description: "No valid API key.", problem: true },
      403: { description: "Coordinators and policy staff only.", problem: true },
    },
  },
];

const waitingStates = PlacementRequest.PlacementState.literals.filter(PlacementRequest.isWaiting);

/** Every request in `state`, page by page. */
const allInState = (state: PlacementRequest.PlacementState) =>
  Effect.gen(function* () {
    const requests = yield* Ports.PlacementRequestRepository;
    const found: Array<PlacementRequest.PlacementRequest> = [];
    let cursor: string | undefined;
    do {
      const page = yield* Effect.orDie(
        requests.list({ state }, { limit: 500, ...(cursor === undefined ? {} : { cursor }) }),
      );
      found.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return found;
  });

/**
 * Signals (knelpunten) derived from the data as of today. Coordinators get each signal with its request or placement;
 * policy staff only the counts per kind and target group, with no id or date of any case.
 */
export const signalRoutes = (runtime: AppRuntime) =>
  new Hono<AppEnv>().get("/", async (c) => {
    requireRole(c, "coordinator", "policy");
    const body = await runtime.runPromise(
      Effect.gen(function* () {
        const asOf = yield* today;
        const registrations = yield* Ports.RegistrationRepository;
        const waiting = (yield* Effect.forEach(waitingStates, allInState)).flat();
        const requests = yield* Effect.forEach(waiting, (request) =>
          Effect.map(Effect.orDie(registrations.findById(request.registrationId)), (registration) => ({
            id: request.id,
            state: request.state,
            urgency: request.needs.urgency,
            targetGroup: request.needs.targetGroup,
            requestedOn: request.requestedOn,
            reflectionPeriod: registration.reflectionPeriod,
          })),
        );
        const active = yield* (yield* Ports.PlacementRepository).listActive(asOf);
        const requestRepository = yield* Ports.PlacementRequestRepository;
        const placements = yield* Effect.forEach(active, ({ placement, shelterKind }) =>
          Effect.map(Effect.option(requestRepository.findById(placement.requestId)), (request) => ({
            id: placement.id,
            requestId: placement.requestId,
            startsOn: placement.startsOn,
            endsOn: placement.endsOn,
            shelterKind,
            targetGroup: request._tag === "Some" ? request.value.needs.targetGroup : undefined,
          })),
        );
        const tonight = yield* (yield* Ports.ShelterRepository).availability({
          from: asOf,
          to: IsoDate.addDays(asOf, 1),
        });
        const places = tonight.map((entry) => ({ targetGroup: entry.place.targetGroup, isFree: entry.free }));
        const overdueFollowUps = yield* (yield* Ports.FollowUpRepository).countOverdue(asOf);
        const signals = Signals.deriveSignals({ requests, placements, places, overdueFollowUps }, asOf);
        const summary = Signals.summariseSignals(signals, { requests, placements });
        return c.get("principal").role === "policy" ? { asOf, summary } : { asOf, summary, data: signals };
      }),
    );
    return c.json(encode(body));
  });
