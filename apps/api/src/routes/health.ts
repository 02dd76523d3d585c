import { Database } from "@comensha/db";
import { Effect, Exit, Schema } from "effect";
import { Hono } from "hono";
import type { AppEnv } from "../env.js";
import type { Operation } from "../openapi.js";
import { ProblemType, problemResponse } from "../problem.js";
import type { AppRuntime } from "../runtime.js";

/** The answer of `GET /health`: the API is up and which database it uses. */
export const Health = Schema.Struct({
  status: Schema.Literal("ok"),
  database: Schema.Literals(["pglite", "postgres"]),
}).annotate({ identifier: "Health", description: "The API is up, and which kind of database it uses." });

/** OpenAPI description of the health route. */
export const healthOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/health",
    operationId: "getHealth",
    summary: "Liveness and database check",
    tags: ["system"],
    responses: {
      200: { description: "The API and its database answer.", schema: Health },
      503: { description: "The database does not answer.", problem: true },
    },
  },
];

/** `GET /health`: one database round trip; 503 problem+json when it fails. */
export const healthRoutes = (runtime: AppRuntime) =>
  new Hono<AppEnv>().get("/health", async (c) => {
    const exit = await runtime.runPromiseExit(
      Effect.gen(function* () {
        const database = yield* Database;
        yield* database.ping;
        return database.kind;
      }),
    );
    if (Exit.isFailure(exit)) {
      return problemResponse(c, 503, ProblemType.unavailable, "The database is unavailable");
    }
    return c.json({ status: "ok", database: exit.value } satisfies typeof Health.Type);
  });
