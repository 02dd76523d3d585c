import { IsoDate, PlacementRequest, Ports, Signals } from "@comensha/domain";
import { Effect, Schema } from "effect";
import { Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import type { Operation } from "../openapi.js";
import type { AppRuntime } from "../runtime.js";
import { today } from "../services/registrations.js";

const SignalsResponse = Schema.Struct({ asOf: Schema.String, data: Schema.Array(Signals.Signal) }).annotate({
  identifier: "Signals",
});
const encode = Schema.encodeSync(SignalsResponse);

/** OpenAPI description of the signals route. */
export const signalOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/signals",
    operationId: "listSignals",
    summary:
      "Bottlenecks now: target groups without a free place tonight while requests wait, requests waiting over " +
      "their norm, reflection periods expiring while waiting, long COSM stays",
    tags: ["signals"],
    security: true,
    responses: {
      200: { description: "The signals as of today.", schema: SignalsResponse },
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
 * Signals (knelpunten) derived from the data as of today; no personal data in them, so policy staff may read them
 * too.
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
        const placements = active.map(({ placement, shelterKind }) => ({
          id: placement.id,
          startsOn: placement.startsOn,
          endsOn: placement.endsOn,
          shelterKind,
        }));
        const tonight = yield* (yield* Ports.ShelterRepository).availability({
          from: asOf,
          to: IsoDate.addDays(asOf, 1),
        });
        const places = tonight.map((entry) => ({ targetGroup: entry.place.targetGroup, isFree: entry.free }));
        return { asOf, data: Signals.deriveSignals({ requests, placements, places }, asOf) };
      }),
    );
    return c.json(encode(body));
  });
