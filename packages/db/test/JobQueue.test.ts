import { Ports, ReportJob } from "@comensha/domain";
import { Effect, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database, JobQueue, storageLayer } from "../src/index.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";

const echo = { name: "echo", retryLimit: 2, heartbeatSeconds: 10, expireInSeconds: 60 };
const givenUp = { name: "given-up", retryLimit: 0, heartbeatSeconds: 10, expireInSeconds: 60 };
const failing = { name: "failing", retryLimit: 1, heartbeatSeconds: 10, expireInSeconds: 60, deadLetter: givenUp };

describe.each(testDatabaseKinds())("the job queue and report store on %s", (kind) => {
  let database: TestDatabase;
  let runtime: ManagedRuntime.ManagedRuntime<Database | JobQueue | Ports.ReportRepository, unknown>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    runtime = ManagedRuntime.make(
      storageLayer({ database: database.config, keys: testKeys, queueSuperviseIntervalSeconds: 2 }),
    );
    await runtime.runPromise(Effect.flatMap(Database, (db) => db.migrate));
  });

  afterAll(async () => {
    await runtime?.dispose();
    await database?.drop();
  });

  it("hands a sent job to the worker with its data", async () => {
    const received: Array<unknown> = [];
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    await runtime.runPromise(
      Effect.gen(function* () {
        const queue = yield* JobQueue;
        yield* queue.work<{ n: number }>(echo, async (data) => {
          received.push(data);
          done();
        });
        yield* queue.send(echo, { n: 42 });
      }),
    );
    await finished;
    expect(received).toEqual([{ n: 42 }]);
  });

  it("moves a job that failed every try to its dead letter queue, with its data", async () => {
    const tries: Array<unknown> = [];
    const dead: Array<unknown> = [];
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    await runtime.runPromise(
      Effect.gen(function* () {
        const queue = yield* JobQueue;
        yield* queue.work<{ n: number }>(failing, async (data) => {
          tries.push(data);
          throw new Error("this job always fails");
        });
        yield* queue.work<{ n: number }>(givenUp, async (data) => {
          dead.push(data);
          done();
        });
        yield* queue.send(failing, { n: 7 });
      }),
    );
    await finished;
    expect(dead).toEqual([{ n: 7 }]);
    expect(tries).toEqual([{ n: 7 }, { n: 7 }]);
  });

  it("stores a report's artifacts once: a second completion changes nothing", async () => {
    const result = await runtime.runPromise(
      Effect.gen(function* () {
        const reports = yield* Ports.ReportRepository;
        const job = yield* reports.create({
          parameters: { kind: "annual_monitor", year: 2025 },
          policy: { threshold: 5 },
          origin: "cli",
          requestedBy: "test",
        });
        yield* reports.setProgress(job.id, 40);
        const running = yield* reports.findById(job.id);
        const artifact = {
          name: "a.csv",
          format: "csv" as const,
          language: "nl" as const,
          mediaType: "text/csv",
          size: 3,
          sha256: "abc",
          bytes: new TextEncoder().encode("a,b"),
        };
        const first = yield* reports.complete({ id: job.id, dataAsOf: "2025-12-31", artifacts: [artifact] });
        const second = yield* reports.complete({
          id: job.id,
          dataAsOf: "2025-12-31",
          artifacts: [{ ...artifact, name: "b.csv" }],
        });
        const completed = yield* reports.findById(job.id);
        const content = yield* reports.readArtifact(job.id, "a.csv");
        const missing = yield* Effect.flip(
          reports.findById(ReportJob.ReportId.make("01900000-0000-7000-8000-000000000000")),
        );
        return { running, first, second, completed, content, missing };
      }),
    );
    expect(result.running.status).toBe("running");
    expect(result.running.progress).toBe(40);
    expect([result.first, result.second]).toEqual([true, false]);
    expect(result.completed.status).toBe("completed");
    expect(result.completed.dataAsOf).toBe("2025-12-31");
    expect(result.completed.artifacts.map((a) => a.name)).toEqual(["a.csv"]);
    expect(new TextDecoder().decode(result.content?.bytes)).toBe("a,b");
    expect(result.missing._tag).toBe("ReportNotFound");
  });
});
