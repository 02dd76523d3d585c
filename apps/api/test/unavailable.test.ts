import { Database } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonLogger } from "../src/logger.js";
import { ProblemType } from "../src/problem.js";
import { caller, makeOrganisation, openTestApi, registrationBody, secretOf, type TestApi } from "./support.js";

/** Connection-level codes the API may see while the database refuses connections or has just cut them. */
const unreachableCodes = ["55000", "57P01", "CONNECTION_CLOSED", "CONNECTION_ENDED", "ECONNRESET", "08006"];

describe.runIf(testDatabaseKinds().includes("postgres"))("the API while PostgreSQL is unreachable", () => {
  let api: TestApi;
  let coordinator: ReturnType<typeof caller>;
  let apiKey: string;
  let name: string;
  let admin: postgres.Sql;
  const lines: Array<Record<string, unknown>> = [];

  const allowConnections = async (allowed: boolean) => {
    await admin.unsafe(`alter database "${name}" allow_connections ${allowed}`);
    if (!allowed) {
      await admin`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = ${name} and pid <> pg_backend_pid()`;
    }
  };

  beforeAll(async () => {
    api = await openTestApi(
      "postgres",
      jsonLogger((line) => {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }),
    );
    apiKey = (await makeOrganisation(api, { name: "CoMensha", kind: "other", role: "coordinator" })).apiKey;
    coordinator = caller(api, apiKey);
    const connection = await api.runtime.runPromise(Database.useSync((database) => database.connection));
    if (connection.kind !== "postgres") throw new Error("expected PostgreSQL");
    name = new URL(connection.url).pathname.slice(1);
    admin = postgres(process.env.DATABASE_URL ?? "", { max: 1, onnotice: () => undefined });
  });
  afterAll(async () => {
    if (admin !== undefined) {
      await allowConnections(true).catch(() => undefined);
      await admin.end();
    }
    await api?.close();
  });

  it("answers data routes 503 with Retry-After, stays live, and serves again once the database is back", async () => {
    const created = await coordinator("/v1/registrations", {
      method: "POST",
      body: registrationBody({ legalBasis: "consent" }),
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    expect(created.status).toBe(201);
    expect((await coordinator("/v1/registrations")).status).toBe(200);

    await allowConnections(false);
    lines.length = 0;

    const list = await coordinator("/v1/registrations", { headers: { "X-Request-Id": "outage-list-1" } });
    expect(list.status).toBe(503);
    expect(list.headers.get("Content-Type")).toBe("application/problem+json");
    expect(list.headers.get("Retry-After")).toBe("5");
    expect(await list.json()).toEqual({
      type: ProblemType.unavailable,
      title: "The database is unavailable",
      status: 503,
      detail: "The database does not answer. Try again after Retry-After seconds.",
      instance: "/v1/registrations",
      requestId: "outage-list-1",
    });

    const create = await coordinator("/v1/registrations", {
      method: "POST",
      body: registrationBody(),
      headers: { "Idempotency-Key": crypto.randomUUID(), "Accept-Encoding": "gzip" },
    });
    expect(create.status).toBe(503);
    expect(create.headers.get("Retry-After")).toBe("5");
    expect(((await create.json()) as { type: string }).type).toBe(ProblemType.unavailable);

    const live = await api.app.request("/health");
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "ok", database: "postgres" });
    const ready = await api.app.request("/health/ready");
    expect(ready.status).toBe(503);
    expect(ready.headers.get("Retry-After")).toBe("5");
    expect(await ready.json()).toMatchObject({ type: ProblemType.unavailable, title: "The database is unavailable" });

    const warnings = lines.filter((line) => line.level === "warn");
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    const first = warnings[0] ?? {};
    expect(Object.keys(first).sort()).toEqual(["code", "level", "method", "msg", "path", "requestId", "time"]);
    expect(first).toMatchObject({ msg: "database unavailable", requestId: "outage-list-1", path: "/v1/registrations" });
    for (const warning of warnings) expect(unreachableCodes).toContain(warning.code);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(secretOf(apiKey));
    expect(logged).not.toContain("Voorbeeld");
    expect(logged).not.toMatch(/select|insert|params|stack/i);
    expect(lines.some((line) => line.level === "error")).toBe(false);

    await allowConnections(true);
    let status = 0;
    for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
      status = (await coordinator("/v1/registrations")).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
    expect((await api.app.request("/health/ready")).status).toBe(200);
  });
});
