import { CountedYear, Ports } from "@comensha/domain";
import { Clock, Effect, Schema } from "effect";
import { Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import type { Operation } from "../openapi.js";
import { ProblemError, ProblemType } from "../problem.js";
import type { AppRuntime } from "../runtime.js";

/** The headline figures of a year for the console's dashboard: counts only, no personal data. */
export const StatisticsOverview = Schema.Struct({
  year: Schema.Int,
  /** Persons counted in the year under the counting rule (once each, however many reports). */
  persons: Schema.Int,
  /** Reports (registrations) of the year, over all organisations. */
  reports: Schema.Int,
  /** The last day on which the year's registrations changed. */
  dataAsOf: Schema.String,
}).annotate({ identifier: "StatisticsOverview" });

const encode = Schema.encodeSync(StatisticsOverview);

/** OpenAPI description of the statistics route. */
export const statisticsOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/statistics/overview",
    operationId: "getStatisticsOverview",
    summary: "Persons and reports of a year under the counting rule, for the dashboard (no personal data)",
    description:
      "For coordinators, policy staff and administrators: the persons (each once, however many reports) and the " +
      "reports of a calendar year under the counting rule, and the day the year's data last changed. No personal " +
      "data.",
    tags: ["statistics"],
    security: true,
    query: [
      {
        name: "year",
        description: "The calendar year; the current year by default.",
        schema: { type: "integer", minimum: 1900, maximum: 2999 },
      },
    ],
    responses: {
      200: { description: "The year's figures.", schema: StatisticsOverview },
      400: { description: "year is not a year.", problem: true },
      401: { description: "No valid API key or console session.", problem: true },
      403: { description: "Coordinators, policy staff and administrators only.", problem: true },
    },
  },
];

/** Persons and reports of `year` under the counting rule (counted by the database), and the day the data is as of. */
export const overviewOf = (year: number) =>
  Effect.gen(function* () {
    const statistics = yield* Ports.StatisticsSource;
    const [counted = CountedYear.emptyYear(year)] = yield* statistics.countedYears({ from: year, to: year });
    const reports = counted.reports.reduce((sum, report) => sum + report.count, 0);
    const dataAsOf = yield* statistics.registrationsChangedOn({ from: `${year}-01-01`, to: `${year + 1}-01-01` });
    return { year, persons: CountedYear.personsIn(counted), reports, dataAsOf };
  });

/** `/v1/statistics`: aggregates for the console; policy staff may read them, as they hold no personal data. */
export const statisticsRoutes = (runtime: AppRuntime) =>
  new Hono<AppEnv>().get("/overview", async (c) => {
    requireRole(c, "coordinator", "policy", "admin");
    const raw = c.req.query("year");
    const year =
      raw === undefined
        ? new Date(await runtime.runPromise(Clock.currentTimeMillis)).getUTCFullYear()
        : /^\d{4}$/.test(raw)
          ? Number(raw)
          : Number.NaN;
    if (!Number.isInteger(year) || year < 1900 || year > 2999) {
      throw new ProblemError(400, ProblemType.badRequest, "year must be a calendar year (YYYY)");
    }
    return c.json(encode(await runtime.runPromise(overviewOf(year))));
  });
