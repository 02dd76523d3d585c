import { IsoDate, Ports, Shelter, TargetGroup } from "@comensha/domain";
import { Effect, Schema } from "effect";
import { Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import { idempotent, storedResponse } from "../idempotency.js";
import type { Operation } from "../openapi.js";
import { ProblemError, ProblemType } from "../problem.js";
import { readJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import { audit } from "../services/audit.js";
import { decodeBody } from "../validation.js";
import { throwDefect } from "./runEffect.js";

const ShelterResponse = Schema.Struct({ ...Shelter.Shelter.fields }).annotate({ identifier: "Shelter" });
const encodeShelter = Schema.encodeSync(ShelterResponse);

/** One place in the availability answer: the place, its shelter, and whether it is free the whole range. */
const PlaceAvailabilityResponse = Schema.Struct({
  placeId: Shelter.PlaceId,
  label: Schema.String,
  shelterId: Shelter.ShelterId,
  shelterName: Schema.String,
  shelterKind: Schema.String,
  region: Schema.String,
  targetGroup: TargetGroup.TargetGroup,
  securityLevel: Shelter.SecurityLevel,
  accessible: Schema.Boolean,
  roomForChildren: Schema.Boolean,
  free: Schema.Boolean,
}).annotate({ identifier: "PlaceAvailability" });

/** Free and total places per target group over a date range, and every place. */
const AvailabilityResponse = Schema.Struct({
  from: Schema.String,
  to: Schema.String,
  totals: Schema.Array(Schema.Struct({ targetGroup: TargetGroup.TargetGroup, places: Schema.Int, free: Schema.Int })),
  places: Schema.Array(PlaceAvailabilityResponse),
}).annotate({ identifier: "Availability" });

/** The body of `PATCH /v1/shelters/{id}`: open or close a shelter. */
const ShelterStatusChange = Schema.Struct({ status: Shelter.ShelterStatus }).annotate({
  identifier: "ShelterStatusChange",
});

/** OpenAPI descriptions of the shelter routes. */
export const shelterOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/shelters",
    operationId: "listShelters",
    summary: "Shelter locations with their places",
    description:
      "Every shelter location with its kind, police region, status and places (each for one target group, with its " +
      "security level and features). For everyone with a key or session.",
    tags: ["shelters"],
    security: true,
    responses: {
      200: {
        description: "All shelters.",
        schema: Schema.Struct({ data: Schema.Array(ShelterResponse) }).annotate({ identifier: "ShelterList" }),
      },
      401: { description: "No valid API key.", problem: true },
      403: { description: "A care organisation sees its referrals only.", problem: true },
    },
  },
  {
    method: "get",
    path: "/v1/shelters/availability",
    operationId: "getAvailability",
    summary: "Which places are free over a date range [from, to)",
    description:
      "For each place, whether it is free over the half-open range [from, to), and the totals of places and free " +
      "places per target group.",
    tags: ["shelters"],
    security: true,
    query: [
      { name: "from", description: "first day (YYYY-MM-DD)", schema: { type: "string", format: "date" } },
      {
        name: "to",
        description: "day after the last (YYYY-MM-DD), default from + 1 day",
        schema: { type: "string", format: "date" },
      },
    ],
    responses: {
      200: { description: "Free places per target group, and every place.", schema: AvailabilityResponse },
      400: { description: "A bad date range.", problem: true },
      401: { description: "No valid API key.", problem: true },
      403: { description: "A care organisation sees its referrals only.", problem: true },
    },
  },
  {
    method: "patch",
    path: "/v1/shelters/:id",
    operationId: "setShelterStatus",
    summary: "Open or close a shelter (admins); a closed shelter offers no places",
    description: "For administrators: closes a shelter, which then offers no places, or opens it again.",
    tags: ["shelters"],
    security: true,
    requestBody: Schema.Struct({ status: Shelter.ShelterStatus }).annotate({ identifier: "ShelterStatusChange" }),
    responses: {
      200: { description: "The shelter.", schema: ShelterResponse },
      401: { description: "No valid API key.", problem: true },
      403: { description: "Only admins manage shelters.", problem: true },
      404: { description: "No such shelter.", problem: true },
      422: { description: "The body breaks the schema.", problem: true },
    },
  },
  {
    method: "post",
    path: "/v1/shelters",
    operationId: "createShelter",
    summary: "Add a shelter location with its places (admins; requires Idempotency-Key)",
    description: "For administrators: a shelter location with its places. A COSM shelter has no places for minors.",
    tags: ["shelters"],
    security: true,
    headers: [{ name: "Idempotency-Key", required: true, description: "1-255 visible ASCII characters; a UUID." }],
    requestBody: Shelter.NewShelter.annotate({ identifier: "NewShelter" }),
    responses: {
      201: { description: "The new shelter.", schema: ShelterResponse },
      400: { description: "A header is wrong.", problem: true },
      401: { description: "No valid API key.", problem: true },
      403: { description: "Only admins manage shelters.", problem: true },
      422: { description: "The body breaks the schema.", problem: true },
    },
  },
];

/**
 * Who reads the shelters and their availability: every role but `care`, which sees the referrals made to it and
 * nothing else (where victims are sheltered is not a receiving organisation's business).
 */
const shelterReaders = ["partner", "coordinator", "policy", "admin", "auditor"] as const;

/** `/v1/shelters`: locations and places (admins add them), and live availability for everyone with access. */
export const shelterRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.get("/", async (c) => {
    requireRole(c, ...shelterReaders);
    const shelters = await runtime.runPromise(Effect.flatMap(Ports.ShelterRepository, (repository) => repository.list));
    return c.json({ data: shelters.map((shelter) => encodeShelter(shelter)) });
  });

  routes.get("/availability", async (c) => {
    requireRole(c, ...shelterReaders);
    const from = c.req.query("from") ?? IsoDate.ofInstant(Date.now());
    const to = c.req.query("to") ?? (IsoDate.isIsoDate(from) ? IsoDate.addDays(from, 1) : from);
    if (!IsoDate.isIsoDate(from) || !IsoDate.isIsoDate(to) || to <= from) {
      throw new ProblemError(400, ProblemType.badRequest, "from and to must be dates with from < to", {
        errors: [{ path: "/from", message: "Expected YYYY-MM-DD before to" }],
      });
    }
    const places = await runtime.runPromise(
      Effect.flatMap(Ports.ShelterRepository, (repository) => repository.availability({ from, to })),
    );
    const totals = TargetGroup.codeList.codes.map((targetGroup) => {
      const ofGroup = places.filter((entry) => entry.place.targetGroup === targetGroup);
      return { targetGroup, places: ofGroup.length, free: ofGroup.filter((entry) => entry.free).length };
    });
    return c.json({
      from,
      to,
      totals,
      places: places.map(({ place, shelter, free }) => ({
        placeId: place.id,
        label: place.label,
        shelterId: shelter.id,
        shelterName: shelter.name,
        shelterKind: shelter.kind,
        region: shelter.region,
        targetGroup: place.targetGroup,
        securityLevel: place.securityLevel,
        accessible: place.accessible,
        roomForChildren: place.roomForChildren,
        free,
      })),
    });
  });

  routes.post("/", async (c) => {
    requireRole(c, "admin");
    const { bytes, json } = await readJson(c);
    return idempotent(c, runtime, bytes, async (complete) => {
      const input = decodeBody(Shelter.NewShelter, json);
      return runtime.runPromise(
        Effect.gen(function* () {
          const transactor = yield* Ports.Transactor;
          return yield* transactor.transaction(
            Effect.gen(function* () {
              const shelter = yield* (yield* Ports.ShelterRepository).create(input);
              yield* audit(
                { principal: c.get("principal"), requestId: c.get("requestId") },
                "shelter.create",
                "success",
                {
                  type: "shelter",
                  id: shelter.id,
                },
              );
              const response = storedResponse(201, encodeShelter(shelter), { location: `/v1/shelters/${shelter.id}` });
              yield* complete(response);
              return response;
            }),
          );
        }),
      );
    });
  });

  routes.patch("/:id", async (c) => {
    const principal = requireRole(c, "admin");
    const id = Schema.decodeUnknownExit(Shelter.ShelterId)(c.req.param("id"));
    if (id._tag === "Failure") throw new ProblemError(404, ProblemType.notFound, "No such shelter");
    const { status } = decodeBody(ShelterStatusChange, (await readJson(c)).json);
    const exit = await runtime.runPromiseExit(
      Effect.gen(function* () {
        const transactor = yield* Ports.Transactor;
        return yield* transactor.transaction(
          Effect.gen(function* () {
            const shelter = yield* (yield* Ports.ShelterRepository).setStatus(id.value, status);
            yield* audit(
              { principal, requestId: c.get("requestId") },
              `shelter.${status === "closed" ? "close" : "open"}`,
              "success",
              {
                type: "shelter",
                id: id.value,
              },
            );
            return shelter;
          }),
        );
      }),
    );
    throwDefect(exit);
    if (exit._tag === "Failure") throw new ProblemError(404, ProblemType.notFound, "No such shelter");
    return c.json(encodeShelter(exit.value));
  });

  return routes;
};
