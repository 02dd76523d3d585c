import { Database, type MigrationStatus } from "@comensha/db";
import { Effect, Exit, Schema } from "effect";
import { Hono } from "hono";
import type { AppEnv } from "../env.js";
import type { Operation } from "../openapi.js";
import { databaseUnavailable, ProblemError, ProblemType, unavailableRetryAfterSeconds } from "../problem.js";
import type { AppRuntime } from "../runtime.js";

/** The answer of `GET /health`: the API process is up, and which database it is configured with. */
export const Health = Schema.Struct({
  status: Schema.Literal("ok"),
  database: Schema.Literals(["pglite", "postgres"]),
}).annotate({ identifier: "Health", description: "The API is up, and which kind of database it uses." });

/** The answer of `GET /health/ready`: the database answers and holds exactly this version's migrations. */
export const Readiness = Schema.Struct({
  status: Schema.Literal("ready"),
  database: Schema.Literals(["pglite", "postgres"]),
  migrations: Schema.Struct({
    expected: Schema.Int.annotate({ description: "Migrations this version of the API carries." }),
    applied: Schema.Int.annotate({ description: "Migrations recorded as applied in the database." }),
  }),
}).annotate({
  identifier: "Readiness",
  description: "The API can serve requests: its database answers and its schema is at this version's migrations.",
});

/** Every route, the probes too, refuses a query parameter with control characters; the probes take none. */
const queryProblem = {
  description: "A query parameter holds control characters (bad-request); the probes take no parameters.",
  problem: true,
} as const;

/** OpenAPI description of the health routes. */
export const healthOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/health",
    operationId: "getHealth",
    summary: "Liveness: the process answers (the database is not asked)",
    description:
      "The liveness probe. It answers from the process alone and never asks the database, so a database outage does " +
      "not get every process restarted. No authentication.",
    tags: ["system"],
    responses: {
      200: { description: "The API process is up; which kind of database it uses.", schema: Health },
      400: queryProblem,
    },
  },
  {
    method: "get",
    path: "/health/ready",
    operationId: "getReadiness",
    summary: "Readiness: the database answers and its migrations are this version's",
    description:
      "The readiness probe for load balancers. It asks the database for its applied migrations and answers 200 when " +
      "the database answers and holds this version's migrations (or a newer version's after them, as during a " +
      "rolling upgrade); otherwise 503 `unavailable` with `Retry-After` and a detail saying what is missing. No " +
      "authentication.",
    tags: ["system"],
    responses: {
      200: { description: "Ready to serve requests.", schema: Readiness },
      400: queryProblem,
      503: {
        description:
          "Not ready, with `Retry-After`: the database does not answer, or it lacks migrations of this version " +
          "(or holds ones that do not match them).",
        problem: true,
      },
    },
  },
];

/** Why the schema is not ready, for an operator reading the problem's detail. */
const migrationDetail = ({ expected, applied, state }: MigrationStatus) => {
  switch (state) {
    case "behind":
      return (
        `${applied} of the ${expected} migrations of this version are applied: run \`pnpm comensha migrate\` ` +
        "(or start the API, which migrates)."
      );
    default:
      return (
        `The database records ${applied} migrations that do not match this version's ${expected}: ` +
        "drizzle.__drizzle_migrations was changed by hand."
      );
  }
};

/**
 * `GET /health` (liveness) answers from the process alone, so a database outage makes load balancers stop sending
 * traffic (readiness) without an orchestrator restarting every instance (liveness). `GET /health/ready` asks the
 * database for its applied migrations and answers 503 problem+json unless it answers and holds at least this
 * version's: a database that a newer version has migrated further stays ready for this one, since a release's
 * migrations only add to what the release before still uses (docs/deploy.md, upgrades), so old processes keep
 * serving until the new ones take over.
 */
export const healthRoutes = (runtime: AppRuntime) =>
  new Hono<AppEnv>()
    .get("/health", async (c) => {
      const database = await runtime.runPromise(Database.useSync((service) => service.kind));
      return c.json({ status: "ok", database } satisfies typeof Health.Type);
    })
    .get("/health/ready", async (c) => {
      const exit = await runtime.runPromiseExit(
        Database.use((database) =>
          Effect.map(database.migrationStatus, (migrations) => ({ kind: database.kind, migrations })),
        ),
      );
      if (Exit.isFailure(exit)) {
        throw databaseUnavailable("The database does not answer; this instance takes no requests until it does.");
      }
      const { kind, migrations } = exit.value;
      if (migrations.state === "behind" || migrations.state === "diverged") {
        throw new ProblemError(503, ProblemType.unavailable, "The database schema does not match this version", {
          detail: migrationDetail(migrations),
          headers: { "Retry-After": String(unavailableRetryAfterSeconds) },
        });
      }
      return c.json({
        status: "ready",
        database: kind,
        migrations: { expected: migrations.expected, applied: migrations.applied },
      } satisfies typeof Readiness.Type);
    });
