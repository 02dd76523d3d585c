import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, type ClientRequest, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JobQueue, storageLayer } from "@comensha/db";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "@comensha/db/testing";
import { Effect, ManagedRuntime, Redacted } from "effect";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot } from "../src/config.js";
import { offerExpiryQueue } from "../src/jobs.js";
import { ProblemType } from "../src/problem.js";
import { comensha, poll, startApi, startWorker, type TestProcess } from "./processes.js";
import { registrationBody } from "./support.js";

/**
 * A deployment as DESIGN.md section 2 describes it: two API processes (`COMENSHA_WORKER=off`) and two
 * `comensha worker` processes, all started at once on one fresh PostgreSQL database. Whatever reaches which process,
 * a place is booked once, a report is produced once, a lapsed offer expires once, an Idempotency-Key creates once,
 * and a process stopped with SIGTERM loses nothing it had accepted.
 */

type Json = Record<string, unknown>;

/** A complete answer over HTTP, and which API process gave it. */
interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly replayed: boolean;
  readonly text: string;
  readonly json: Json;
  readonly servedBy: string;
}

const needs = { targetGroup: "women", children: 0, urgency: "tonight", security: "standard", languages: ["en"] };
const farFuture = "2099-01-01T00:00:00Z";
const contenders = 50;
const rounds = 20;
const annualMonitorFiles = [
  "annual_monitor-2025.en.csv",
  "annual_monitor-2025.en.html",
  "annual_monitor-2025.json",
  "annual_monitor-2025.nl.csv",
  "annual_monitor-2025.nl.html",
  "annual_monitor-2025.schema.json",
];

const base64 = (key: Redacted.Redacted<Uint8Array>) => Buffer.from(Redacted.value(key)).toString("base64");

/** What came back for one request sent over node:http: a complete answer, or the error that ended it. */
interface Outcome {
  readonly requestId: string;
  readonly status?: number;
  readonly text?: string;
  readonly error?: string;
}

/** Sends `request` with `body` and waits for the whole answer, or the error that ends it. */
const complete = (request: ClientRequest, requestId: string, body?: Buffer) =>
  new Promise<Outcome>((resolve) => {
    request.once("error", (error: NodeJS.ErrnoException) => resolve({ requestId, error: error.code ?? String(error) }));
    request.once("response", (incoming) => {
      const chunks: Array<Buffer> = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.once("error", (error: NodeJS.ErrnoException) =>
        resolve({ requestId, error: error.code ?? String(error) }),
      );
      incoming.once("end", () =>
        resolve({ requestId, status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    if (body !== undefined) request.end(body);
  });

/** A POST of a JSON `body` over `agent` (kept-alive connections), with a request id of its own. */
const postOn = (agent: Agent, url: string, headers: Record<string, string>, body: string) => {
  const requestId = randomUUID();
  const bytes = Buffer.from(body, "utf8");
  const request = httpRequest(url, {
    method: "POST",
    agent,
    headers: {
      ...headers,
      "Idempotency-Key": randomUUID(),
      "X-Request-Id": requestId,
      "Content-Type": "application/json",
      "Content-Length": String(bytes.length),
    },
  });
  return complete(request, requestId, bytes);
};

/**
 * A POST whose headers go first and whose body follows only when `send()` is called: once the server has answered
 * `100 Continue` (`continued`), it has accepted the request and is waiting for the rest of it.
 */
const postInTwoParts = (url: string, headers: Record<string, string>, body: string) => {
  const requestId = randomUUID();
  const bytes = Buffer.from(body, "utf8");
  const request = httpRequest(url, {
    method: "POST",
    agent: false,
    headers: {
      ...headers,
      "X-Request-Id": requestId,
      "Content-Type": "application/json",
      "Content-Length": String(bytes.length),
      Expect: "100-continue",
    },
  });
  const response = complete(request, requestId);
  const continued = Promise.race([
    new Promise<void>((resolve) => request.once("continue", () => resolve())),
    response.then((early) => {
      throw new Error(`answered before the body was sent: ${JSON.stringify(early)}`);
    }),
  ]);
  request.flushHeaders();
  return { continued, response, send: () => request.end(bytes) };
};

/** Opens a new connection to `url` and answers the error code, or "connected". */
const connectTo = (url: string) =>
  new Promise<string>((resolve) => {
    const request = httpRequest(`${url}/health`, { agent: false });
    request.once("response", (incoming) => {
      incoming.resume();
      resolve("connected");
    });
    request.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
    request.end();
  });

/** The storage of the test itself, to send jobs as any process of the deployment would. */
const openQueue = (database: TestDatabase) =>
  ManagedRuntime.make(storageLayer({ database: database.config, keys: testKeys }));

describe.runIf(testDatabaseKinds().includes("postgres"))(
  "two API processes and two workers on one PostgreSQL database (needs DATABASE_URL)",
  () => {
    const started: Array<TestProcess> = [];
    let dataDir: string | undefined;
    let database: TestDatabase | undefined;
    let sql: postgres.Sql;
    let queue: ReturnType<typeof openQueue> | undefined;
    let apis: ReadonlyArray<TestProcess & { readonly url: string }>;
    let workers: ReadonlyArray<TestProcess>;
    let workerEnv: NodeJS.ProcessEnv;
    const track = <P extends TestProcess>(child: P) => {
      started.push(child);
      return child;
    };
    const keys = { police: "", coordinator: "", admin: "", policy: "" };

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), "comensha-multi-"));
      database = await createTestDatabase("postgres");
      const url = database.config.kind === "postgres" ? database.config.url : "";
      sql = postgres(url, { max: 2, onnotice: () => undefined });
      const env = {
        DATABASE_URL: url,
        COMENSHA_ENCRYPTION_KEY: base64(testKeys.encryptionKey),
        COMENSHA_INDEX_KEY: base64(testKeys.indexKey),
        COMENSHA_DATA_DIR: dataDir,
        COMENSHA_QUEUE_SUPERVISE_SECONDS: "2",
      };
      const organisation = async (name: string, kind: string, role: string) => {
        const printed = await comensha(env, "org", "create", "--name", name, "--kind", kind, "--role", role, "--json");
        return (JSON.parse(printed) as { apiKey: string }).apiKey;
      };
      // Hundreds of requests a second from one address and key on purpose: the rate limits (rateLimit.test.ts) stay
      // out of this test of concurrency.
      const apiEnv = { ...env, COMENSHA_WORKER: "off", COMENSHA_RATE_LIMIT: "off" };
      workerEnv = { ...env, COMENSHA_REPORT_STEP_DELAY_MS: "400" };
      const launched = await Promise.all([
        startApi("api-a", apiEnv).then(track),
        startApi("api-b", apiEnv).then(track),
        startWorker("worker-1", workerEnv).then(track),
        startWorker("worker-2", workerEnv).then(track),
        comensha(env, "seed", "--years", "2", "--last-year", "2025", "--persons-per-year", "150"),
      ]);
      apis = [launched[0], launched[1]];
      workers = [launched[2], launched[3]];
      [keys.police, keys.coordinator, keys.admin, keys.policy] = await Promise.all([
        organisation("Politie Meervoud", "police", "partner"),
        organisation("CoMensha Meervoud", "other", "coordinator"),
        organisation("Beheer Meervoud", "other", "admin"),
        organisation("Beleid Meervoud", "other", "policy"),
      ]);
      queue = openQueue(database);
    }, 180_000);

    afterEach(() => {
      expect(started.flatMap((child) => child.unexpectedExit() ?? [])).toEqual([]);
    });

    afterAll(async () => {
      await Promise.all(started.map((child) => child.stop("SIGKILL")));
      await queue?.dispose();
      await sql?.end();
      await database?.drop();
      if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    const call = async (
      api: (typeof apis)[number],
      key: string,
      method: "GET" | "POST",
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<Answer> => {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...(method === "POST" ? { "Idempotency-Key": randomUUID() } : {}),
          ...headers,
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        contentType: response.headers.get("content-type") ?? "",
        replayed: response.headers.get("idempotent-replayed") === "true",
        text,
        json: text === "" ? {} : (JSON.parse(text) as Json),
        servedBy: api.name,
      };
    };
    const succeed = async (answer: Promise<Answer>) => {
      const { status, text, json, servedBy } = await answer;
      expect(status, `${servedBy}: ${text}`).toBeLessThan(300);
      return json;
    };
    const apiAt = (index: number) => apis[index % apis.length] as (typeof apis)[number];

    /** A women's shelter with one place, made through `api`; answers the place's id. */
    const newPlace = async (api: (typeof apis)[number], name: string) => {
      const shelter = await succeed(
        call(api, keys.admin, "POST", "/v1/shelters", {
          name,
          kind: "womens_shelter",
          region: "midden_nederland",
          places: [
            { label: "K1", targetGroup: "women", securityLevel: "standard", accessible: false, roomForChildren: false },
          ],
        }),
      );
      return (shelter.places as Array<{ id: string }>)[0]?.id as string;
    };

    /** A placement request that a coordinator is searching a place for, made through `api`. */
    const searchingRequest = async (api: (typeof apis)[number]) => {
      const registration = await succeed(call(api, keys.police, "POST", "/v1/registrations", registrationBody()));
      const request = await succeed(
        call(api, keys.police, "POST", "/v1/placement-requests", { registrationId: registration.id, needs }),
      );
      await succeed(call(api, keys.coordinator, "POST", `/v1/placement-requests/${request.id}/start-search`));
      return request.id as string;
    };

    const offer = (api: (typeof apis)[number], request: string, placeId: string, startsOn: string) =>
      succeed(
        call(api, keys.coordinator, "POST", `/v1/placement-requests/${request}/offers`, {
          placeId,
          startsOn,
          expiresAt: farFuture,
        }),
      );

    const reportRow = async (id: string) => {
      const [row] = await sql<Array<{ status: string; progress: number }>>`
        select status, progress from reports where id = ${id}`;
      return row ?? { status: "missing", progress: 0 };
    };
    const reportJobs = (id: string) =>
      sql<Array<{ id: string; state: string; retryCount: number }>>`
        select id, state, retry_count as "retryCount" from pgboss.job
        where name = 'report' and data->>'reportId' = ${id}`;
    const jobLog = (msg: string, jobId: string, among: ReadonlyArray<TestProcess> = workers) =>
      among.flatMap((worker) =>
        worker
          .logs()
          .filter((line) => line.msg === msg && line.jobId === jobId)
          .map(() => worker.name),
      );

    it("starts both API processes, both workers and a seed at once on a fresh database, each migration run once", async () => {
      const journal = JSON.parse(
        readFileSync(join(repositoryRoot, "packages/db/drizzle/meta/_journal.json"), "utf8"),
      ) as {
        entries: ReadonlyArray<{ when: number }>;
      };
      const applied = await sql<Array<{ createdAt: string }>>`
        select created_at::text as "createdAt" from drizzle.__drizzle_migrations order by created_at`;
      expect(applied.map((row) => Number(row.createdAt))).toEqual(journal.entries.map((entry) => entry.when));
      for (const api of apis) expect((await call(api, keys.police, "GET", "/health")).status).toBe(200);
      for (const worker of workers) expect(worker.logs().map((line) => line.msg)).toContain("report worker started");
    });

    it(`books the last free place exactly once when ${contenders} accept at once through both API processes, ${rounds} rounds`, async () => {
      const requests = await Promise.all(
        Array.from({ length: contenders }, (_, index) => searchingRequest(apiAt(index))),
      );
      for (let round = 0; round < rounds; round++) {
        const place = await newPlace(apiAt(round), `Vrouwenopvang Race ${round}`);
        await Promise.all(requests.map((request, index) => offer(apiAt(index), request, place, "2027-01-01")));
        const answers = await Promise.all(
          requests.map((request, index) =>
            call(apiAt(index + round), keys.coordinator, "POST", `/v1/placement-requests/${request}/accept`),
          ),
        );
        const odd = answers.filter((answer) => answer.status !== 201 && answer.status !== 409);
        expect(odd.map((answer) => `round ${round}: ${answer.servedBy} ${answer.status} ${answer.text}`)).toEqual([]);
        const won = answers.filter((answer) => answer.status === 201);
        const lost = answers.filter((answer) => answer.status === 409);
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(contenders - 1);
        for (const answer of lost) {
          expect(answer.contentType).toContain("application/problem+json");
          expect(answer.json.type).toBe(ProblemType.placeAlreadyBooked);
        }
        for (const api of apis) {
          expect(answers.filter((answer) => answer.servedBy === api.name)).toHaveLength(contenders / 2);
        }
        const winner = answers.findIndex((answer) => answer.status === 201);
        const booked = await sql<Array<{ requestId: string }>>`
          select request_id as "requestId" from placements where place_id = ${place}`;
        expect(booked).toEqual([{ requestId: requests[winner] }]);
        expect(won[0]?.json.placeId).toBe(place);
        await Promise.all(
          requests
            .filter((_, index) => index !== winner)
            .map((request, index) =>
              succeed(call(apiAt(index), keys.coordinator, "POST", `/v1/placement-requests/${request}/decline`)),
            ),
        );
        requests[winner] = await searchingRequest(apiAt(round));
      }
      for (const api of apis) {
        const accepts = api.logs().filter((line) => line.msg === "request" && String(line.path).endsWith("/accept"));
        expect(accepts).toHaveLength((contenders / 2) * rounds);
      }
    }, 240_000);

    it("creates one registration per Idempotency-Key sent to both API processes at once", async () => {
      const [before] = await sql<Array<{ count: number }>>`select count(*)::int as count from registrations`;
      const created: Array<string> = [];
      for (let attempt = 0; attempt < 10; attempt++) {
        const key = randomUUID();
        const body = registrationBody();
        const headers = { "Idempotency-Key": key };
        const pair = await Promise.all(
          apis.map((api) => call(api, keys.police, "POST", "/v1/registrations", body, headers)),
        );
        const first = pair.find((answer) => answer.status === 201 && !answer.replayed);
        expect(first, JSON.stringify(pair.map((answer) => [answer.status, answer.text]))).toBeDefined();
        const other = pair.find((answer) => answer !== first) as Answer;
        if (other.status === 201) {
          expect(other.replayed).toBe(true);
          expect(other.text).toBe(first?.text);
        } else {
          expect(other.status).toBe(409);
          expect(other.contentType).toContain("application/problem+json");
          expect(other.json.type).toBe(ProblemType.idempotencyInFlight);
        }
        const later = await Promise.all(
          apis.map((api) => call(api, keys.police, "POST", "/v1/registrations", body, headers)),
        );
        for (const answer of later) {
          expect(answer).toMatchObject({ status: 201, replayed: true, text: first?.text });
        }
        created.push(first?.json.id as string);
      }
      const [after] = await sql<Array<{ count: number }>>`select count(*)::int as count from registrations`;
      expect((after?.count ?? 0) - (before?.count ?? 0)).toBe(10);
      const stored = await sql<Array<{ id: string }>>`select id from registrations where id in ${sql(created)}`;
      expect(stored).toHaveLength(10);
    });

    it("produces a report requested once exactly once, with one set of files, while both workers take jobs", async () => {
      const requested = await call(apiAt(0), keys.policy, "POST", "/v1/reports", {
        parameters: { kind: "annual_monitor", year: 2025 },
      });
      expect(requested.status).toBe(202);
      const id = requested.json.id as string;
      const done = await poll(
        () => reportRow(id),
        (row) => row.status === "completed" || row.status === "failed",
        "the report",
      );
      expect(done.status).toBe("completed");
      const rows = await sql<Array<{ id: string }>>`select id from reports where origin = 'api'`;
      expect(rows).toEqual([{ id }]);
      const files = await sql<Array<{ name: string }>>`
        select name from report_artifacts where report_id = ${id} order by name`;
      expect(files.map((file) => file.name)).toEqual(annualMonitorFiles);
      // The report is marked completed inside its job; the queue marks the job completed (and the worker logs it)
      // a moment later, so wait for that before counting.
      const jobs = await poll(
        () => reportJobs(id),
        (rows) => rows.every((row) => row.state !== "active" && jobLog("job completed", row.id).length > 0),
        "the report's job",
      );
      expect(jobs).toEqual([{ id: expect.any(String), state: "completed", retryCount: 0 }]);
      const jobId = jobs[0]?.id as string;
      const ranOn = jobLog("job started", jobId);
      expect(ranOn).toHaveLength(1);
      expect(jobLog("job completed", jobId)).toEqual(ranOn);
      const seen = await call(apiAt(1), keys.policy, "GET", `/v1/reports/${id}`);
      expect(seen.json).toMatchObject({ id, status: "completed" });
      expect((seen.json.artifacts as Array<{ name: string }>).map((file) => file.name).sort()).toEqual(
        annualMonitorFiles,
      );
    }, 120_000);

    it("lets each lapsed offer expire once, with one audit event, when both workers run the expiry job", async () => {
      const place = await newPlace(apiAt(0), "Vrouwenopvang Verloop Meervoud");
      const requests = await Promise.all(Array.from({ length: 10 }, (_, index) => searchingRequest(apiAt(index))));
      await Promise.all(requests.map((request, index) => offer(apiAt(index), request, place, "2027-02-01")));
      await sql`
        update placement_offers set expires_at = now() - interval '1 minute'
        where request_id in ${sql(requests)} and status = 'open'`;
      const jobsBefore = await sql<Array<{ id: string }>>`select id from pgboss.job where name = 'offer-expiry'`;
      await queue?.runPromise(
        Effect.flatMap(JobQueue, (jobs) =>
          Effect.forEach([1, 2, 3, 4], () => jobs.send(offerExpiryQueue, {}), {
            concurrency: "unbounded",
            discard: true,
          }),
        ),
      );
      await poll(
        () => sql<Array<{ state: string }>>`select state from pgboss.job where name = 'offer-expiry'`,
        (jobs) => jobs.length >= jobsBefore.length + 4 && jobs.every((job) => job.state === "completed"),
        "the offer-expiry jobs",
      );
      const states = await sql<Array<{ state: string }>>`
        select state from placement_requests where id in ${sql(requests)}`;
      expect(states.map((row) => row.state)).toEqual(requests.map(() => "searching"));
      const offers = await sql<Array<{ requestId: string; status: string }>>`
        select request_id as "requestId", status from placement_offers where request_id in ${sql(requests)}`;
      expect(offers.map((row) => row.status)).toEqual(requests.map(() => "expired"));
      const events = await sql<Array<{ resourceId: string; actorId: string; outcome: string }>>`
        select resource_id as "resourceId", actor_id as "actorId", outcome from audit_events
        where action = 'placement_request.offer_expired' and resource_id in ${sql(requests)}
        order by resource_id`;
      expect(events).toEqual(
        [...requests].sort().map((resourceId) => ({ resourceId, actorId: "offer-expiry", outcome: "success" })),
      );
    }, 120_000);

    it("lets a worker stopped with SIGTERM finish the report it runs, so it completes once", async () => {
      const requested = await call(apiAt(1), keys.policy, "POST", "/v1/reports", {
        parameters: { kind: "annual_monitor", year: 2024 },
      });
      expect(requested.status).toBe(202);
      const id = requested.json.id as string;
      await poll(
        () => reportRow(id),
        (row) => row.status === "running" && row.progress >= 20,
        "progress",
      );
      const [job] = await reportJobs(id);
      const runner = workers.find((worker) => jobLog("job started", job?.id ?? "").includes(worker.name));
      expect(runner).toBeDefined();
      const exit = (runner as TestProcess).stop("SIGTERM");
      const done = await poll(
        () => reportRow(id),
        (row) => row.status === "completed" || row.status === "failed",
        "the report",
      );
      expect(done.status).toBe("completed");
      expect(await exit).toEqual({ code: 0, signal: null });
      expect(await reportJobs(id)).toEqual([{ id: job?.id, state: "completed", retryCount: 0 }]);
      expect(jobLog("job completed", job?.id ?? "")).toEqual([runner?.name]);
      const logged = (runner as TestProcess).logs().map((line) => line.msg);
      expect(logged.lastIndexOf("job completed")).toBeLessThan(logged.indexOf("report worker stopped"));
      const files = await sql<Array<{ name: string }>>`
        select name from report_artifacts where report_id = ${id} order by name`;
      expect(files.map((file) => file.name)).toEqual(annualMonitorFiles.map((name) => name.replace("2025", "2024")));
    }, 120_000);

    it("produces a report waiting for workers once when two workers start together", async () => {
      for (const worker of workers) expect(await worker.stop("SIGTERM")).toEqual({ code: 0, signal: null });
      const requested = await call(apiAt(0), keys.policy, "POST", "/v1/reports", {
        parameters: { kind: "annual_monitor", year: 2025 },
      });
      expect(requested.status).toBe(202);
      const id = requested.json.id as string;
      expect(await reportJobs(id)).toEqual([{ id: expect.any(String), state: "created", retryCount: 0 }]);
      const starting = await Promise.all([
        startWorker("worker-3", workerEnv).then(track),
        startWorker("worker-4", workerEnv).then(track),
      ]);
      const done = await poll(
        () => reportRow(id),
        (row) => row.status === "completed" || row.status === "failed",
        "the report",
      );
      expect(done.status).toBe("completed");
      // The report completes in the worker's transaction; the queue marks its job completed just after.
      const jobs = await poll(
        () => reportJobs(id),
        (rows) => rows.every((row) => row.state !== "active"),
        "the report's job",
      );
      expect(jobs).toEqual([{ id: expect.any(String), state: "completed", retryCount: 0 }]);
      expect(jobLog("job started", jobs[0]?.id ?? "", starting)).toHaveLength(1);
      const files = await sql<Array<{ name: string }>>`
        select name from report_artifacts where report_id = ${id} order by name`;
      expect(files.map((file) => file.name)).toEqual(annualMonitorFiles);
    }, 120_000);

    it("lets an API process stopped with SIGTERM answer every request it had accepted, then exit 0", async () => {
      const [stopping, staying] = apis as [(typeof apis)[number], (typeof apis)[number]];
      const url = `${stopping.url}/v1/registrations`;
      const police = { Authorization: `Bearer ${keys.police}` };
      const body = JSON.stringify(registrationBody());
      const [before] = await sql<Array<{ count: number }>>`select count(*)::int as count from registrations`;
      const earlierLogs = stopping.logs().length;
      const waiting = Array.from({ length: 10 }, () =>
        postInTwoParts(url, { ...police, "Idempotency-Key": randomUUID() }, body),
      );
      await Promise.all(waiting.map((request) => request.continued));
      const agent = new Agent({ keepAlive: true, maxSockets: 4 });
      let answered = 0;
      const keepPosting = async () => {
        const outcomes: Array<Outcome> = [];
        for (;;) {
          const outcome = await postOn(agent, url, police, body);
          outcomes.push(outcome);
          if (outcome.status === undefined) return outcomes;
          answered += 1;
        }
      };
      const posting = Array.from({ length: 4 }, keepPosting);
      await poll(
        async () => answered,
        (count) => count >= 12,
        "requests on kept-alive connections",
      );
      const signalled = Date.now();
      const exit = stopping.stop("SIGTERM");
      await stopping.waitFor(/"msg":"shutting down"/);
      await poll(
        () => connectTo(stopping.url),
        (outcome) => outcome === "ECONNREFUSED",
        "the listening socket to close",
        5_000,
      );
      for (const request of waiting) request.send();
      const answers = [
        ...(await Promise.all(waiting.map((request) => request.response))),
        ...(await Promise.all(posting)).flat(),
      ];
      expect(await exit).toEqual({ code: 0, signal: null });
      const stoppedAfter = Date.now() - signalled;
      agent.destroy();

      const whole = answers.filter((answer) => answer.status !== undefined);
      expect(whole.map((answer) => answer.status)).toEqual(whole.map(() => 201));
      const failed = answers.filter((answer) => answer.status === undefined);
      expect(failed.filter((answer) => !["ECONNREFUSED", "ECONNRESET", "EPIPE"].includes(answer.error ?? ""))).toEqual(
        [],
      );
      const served = stopping
        .logs()
        .slice(earlierLogs)
        .filter((line) => line.msg === "request" && line.method === "POST" && line.path === "/v1/registrations")
        .map((line) => line.requestId as string);
      const answeredIds = new Set(whole.map((answer) => answer.requestId));
      expect(served.filter((requestId) => !answeredIds.has(requestId))).toEqual([]);
      expect(stopping.logs().map((line) => line.msg)).toContain("stopped");

      const ids = whole.map((answer) => (JSON.parse(answer.text ?? "{}") as Json).id as string);
      const stored = await sql<Array<{ id: string }>>`select id from registrations where id in ${sql(ids)}`;
      expect(stored).toHaveLength(ids.length);
      const [after] = await sql<Array<{ count: number }>>`select count(*)::int as count from registrations`;
      expect((after?.count ?? 0) - (before?.count ?? 0)).toBe(ids.length);
      expect((await call(staying, keys.police, "GET", "/health")).status).toBe(200);
      expect(stoppedAfter).toBeLessThan(5_000);
    }, 60_000);
  },
);
