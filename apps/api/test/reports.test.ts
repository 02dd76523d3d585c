import { generateDemoData, JobQueue, writeDemoData } from "@comensha/db";
import { Counting, Ports } from "@comensha/domain";
import {
  createReport,
  givenUpReason,
  givenUpReportQueue,
  reportQueue,
  requestScheduledReport,
  startReportWorker,
} from "@comensha/reports";
import { Clock, Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caller, makeOrganisation, openTestApi, type TestApi } from "./support.js";

const kinds = process.env.DATABASE_URL ? (["pglite", "postgres"] as const) : (["pglite"] as const);

describe.each(kinds)("reports over HTTP on %s", (kind) => {
  let api: TestApi;
  let policy: ReturnType<typeof caller>;
  let partner: ReturnType<typeof caller>;

  beforeAll(async () => {
    api = await openTestApi(kind);
    await api.runtime.runPromise(
      writeDemoData(generateDemoData({ seed: 11, years: 2, lastYear: 2025, personsPerYear: 150 })),
    );
    policy = caller(api, (await makeOrganisation(api, { name: "Beleid", kind: "other", role: "policy" })).apiKey);
    partner = caller(api, (await makeOrganisation(api, { name: "Politie", kind: "police" })).apiKey);
    await api.runtime.runPromise(startReportWorker());
  });

  afterAll(async () => {
    await api?.close();
  });

  const request = (body: unknown, key = crypto.randomUUID()) =>
    policy("/v1/reports", { method: "POST", body, headers: { "Idempotency-Key": key } });

  const waitFor = async (id: string) => {
    for (let attempt = 0; attempt < 600; attempt++) {
      const job = (await (await policy(`/v1/reports/${id}`)).json()) as {
        status: string;
        artifacts: Array<{ name: string; href: string; sha256: string }>;
      };
      if (job.status === "completed" || job.status === "failed") return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`report ${id} did not finish`);
  };

  it("queues a requested annual monitor (202), produces it, and serves its files", async () => {
    const response = await request({ parameters: { kind: "annual_monitor", year: 2025 } });
    expect(response.status).toBe(202);
    const queued = (await response.json()) as { id: string; status: string; policy: unknown };
    expect(response.headers.get("location")).toBe(`/v1/reports/${queued.id}`);
    expect(queued.policy).toEqual({ threshold: 5 });
    const done = await waitFor(queued.id);
    expect(done.status).toBe("completed");
    expect(done.artifacts.map((artifact) => artifact.name)).toEqual([
      "annual_monitor-2025.en.csv",
      "annual_monitor-2025.en.html",
      "annual_monitor-2025.json",
      "annual_monitor-2025.nl.csv",
      "annual_monitor-2025.nl.html",
      "annual_monitor-2025.schema.json",
    ]);
    const json = done.artifacts.find((artifact) => artifact.name.endsWith("2025.json"));
    const download = await policy(json?.href ?? "");
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="annual_monitor-2025.json"');
    expect(download.headers.get("etag")).toBe(`"${json?.sha256}"`);
    const report = (await download.json()) as {
      tables: Array<{ id: string; grandTotal?: number | null }>;
      policy: unknown;
    };
    const persons = await api.runtime.runPromise(
      Effect.map(
        Effect.flatMap(Ports.RegistrationRepository, (registrations) => registrations.listCountable(2025)),
        (rows) => Counting.countPersons(rows, 2025).length,
      ),
    );
    expect(report.policy).toEqual({ threshold: 5 });
    expect(report.tables.find((table) => table.id === "persons_by_sex")?.grandTotal).toBe(persons);
  });

  it("produces byte-identical files when the same report is run again on the same data", async () => {
    const body = { parameters: { kind: "annual_monitor", year: 2025 }, policy: { threshold: 5, roundingBase: 5 } };
    const first = await waitFor(((await (await request(body)).json()) as { id: string }).id);
    const second = await waitFor(((await (await request(body)).json()) as { id: string }).id);
    expect(first.status).toBe("completed");
    expect(second.artifacts.map((artifact) => [artifact.name, artifact.sha256])).toEqual(
      first.artifacts.map((artifact) => [artifact.name, artifact.sha256]),
    );
    const html = await (await policy(first.artifacts.find((a) => a.name.endsWith(".nl.html"))?.href ?? "")).text();
    expect(html).toContain('<html lang="nl">');
    expect(html).not.toMatch(/\d{2}:\d{2}:\d{2}/);

    // Shown in the browser (the console's "view with charts"): inline, the same bytes, and no scripts allowed.
    const htmlHref = first.artifacts.find((a) => a.name.endsWith(".nl.html"))?.href ?? "";
    const inline = await policy(`${htmlHref}?disposition=inline`);
    expect(inline.headers.get("content-disposition")).toBe('inline; filename="annual_monitor-2025.nl.html"');
    expect(inline.headers.get("content-security-policy")).toContain("sandbox");
    expect(inline.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await inline.text()).toBe(html);
    const csvHref = first.artifacts.find((a) => a.name.endsWith(".nl.csv"))?.href ?? "";
    expect((await policy(`${csvHref}?disposition=inline`)).headers.get("content-disposition")).toMatch(/^attachment;/);
    const unknown = await policy(`${htmlHref}?disposition=popup`);
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
    expect(((await unknown.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe("/disposition");
  });

  it("makes the scheduled placement report of the previous quarter", async () => {
    const july = Date.UTC(2025, 6, 1, 6);
    const job = await api.runtime.runPromise(
      requestScheduledReport("placement_report").pipe(
        Effect.provideService(Clock.Clock, {
          currentTimeMillisUnsafe: () => july,
          currentTimeMillis: Effect.succeed(july),
          monotonicTimeNanosUnsafe: () => BigInt(july) * 1_000_000n,
          monotonicTimeNanos: Effect.succeed(BigInt(july) * 1_000_000n),
          currentTimeNanosUnsafe: () => BigInt(july) * 1_000_000n,
          currentTimeNanos: Effect.succeed(BigInt(july) * 1_000_000n),
          sleep: () => Effect.void,
        }),
      ),
    );
    expect(job.parameters).toEqual({ kind: "placement_report", from: "2025-04-01", to: "2025-07-01" });
    expect(job.origin).toBe("schedule");
    const done = await waitFor(job.id);
    expect(done.status).toBe("completed");
    expect(done.artifacts.map((artifact) => artifact.name)).toContain("placement_report-2025-04-01_2025-07-01.en.html");
  });

  it("fails a report whose job failed every try, saying so, and leaves a completed one alone", async () => {
    expect(reportQueue.deadLetter).toBe(givenUpReportQueue);
    const completed = (await (await request({ parameters: { kind: "annual_monitor", year: 2024 } })).json()) as {
      id: string;
    };
    expect((await waitFor(completed.id)).status).toBe("completed");
    const stuck = await api.runtime.runPromise(
      createReport({ parameters: { kind: "annual_monitor", year: 2023 }, origin: "api", requestedBy: "test" }),
    );
    // What pg-boss does with a job after its last failed try: its data goes to the dead letter queue.
    await api.runtime.runPromise(
      Effect.flatMap(JobQueue, (queue) =>
        Effect.all([
          queue.send(givenUpReportQueue, { reportId: completed.id }),
          queue.send(givenUpReportQueue, { reportId: stuck.id }),
        ]),
      ),
    );
    const failed = (await waitFor(stuck.id)) as { status: string; error?: string };
    expect(failed).toMatchObject({ status: "failed", error: givenUpReason });
    expect(givenUpReason).toContain("6 tries");
    expect(((await (await policy(`/v1/reports/${completed.id}`)).json()) as { status: string }).status).toBe(
      "completed",
    );
  });

  it("writes one audit event per request and per download", async () => {
    const response = await request({ parameters: { kind: "annual_monitor", year: 2024 } });
    const { id } = (await response.json()) as { id: string };
    const done = await waitFor(id);
    await policy(done.artifacts[0]?.href ?? "");
    await policy(`/v1/reports/${id}/artifacts/nothing.csv`);
    const events = await api.runtime.runPromise(Effect.flatMap(Ports.AuditLog, (log) => log.list({ limit: 500 })));
    const mine = events.data.filter((event) => event.resourceId === id);
    expect(mine.map((event) => `${event.action}:${event.outcome}`).sort()).toEqual([
      "report.download:denied",
      "report.download:success",
      "report.request:success",
    ]);
  });

  it("replays a retried request with the same Idempotency-Key instead of queuing a second report", async () => {
    const key = crypto.randomUUID();
    const body = { parameters: { kind: "annual_monitor", year: 2023 }, policy: { threshold: 10 } };
    const first = (await (await request(body, key)).json()) as { id: string };
    const again = await request(body, key);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as { id: string }).id).toBe(first.id);
  });

  it("never publishes under a weaker policy, even one written past the API into a report row", async () => {
    const sneaked = await api.runtime.runPromise(
      createReport({
        parameters: { kind: "annual_monitor", year: 2024 },
        policy: { threshold: 1 },
        origin: "api",
        requestedBy: "test",
      }),
    );
    await api.runtime.runPromise(
      Effect.flatMap(JobQueue, (queue) => queue.send(reportQueue, { reportId: sneaked.id })),
    );
    const failed = (await waitFor(sneaked.id)) as { status: string; error?: string; artifacts: Array<unknown> };
    expect(failed.status).toBe("failed");
    expect(failed.error).toBe(
      "the policy is weaker than the minimum: threshold must be at least 5: a report may be stricter than the default, never weaker",
    );
    expect(failed.artifacts).toEqual([]);
  });

  it("refuses partners, a weaker policy than the default, and an empty placement period", async () => {
    const asPartner = await partner("/v1/reports", {
      method: "POST",
      body: { parameters: { kind: "annual_monitor", year: 2025 } },
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    expect(asPartner.status).toBe(403);
    expect((await partner("/v1/reports")).status).toBe(403);
    const weak = await request({ parameters: { kind: "annual_monitor", year: 2025 }, policy: { threshold: 2 } });
    expect(weak.status).toBe(422);
    expect(((await weak.json()) as { errors: Array<{ path: string }> }).errors.map((error) => error.path)).toEqual([
      "/policy/threshold",
    ]);
    for (const weaker of [
      { threshold: 4, roundingBase: 1 },
      { threshold: 5, roundingBase: 0 },
    ]) {
      const refused = await request({ parameters: { kind: "annual_monitor", year: 2025 }, policy: weaker });
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as { errors: Array<{ path: string }> }).errors.map((error) => error.path)).toEqual(
        [weaker.threshold < 5 ? "/policy/threshold" : "/policy/roundingBase"],
      );
    }
    const empty = await request({
      parameters: { kind: "placement_report", from: "2025-04-01", to: "2025-04-01" },
    });
    expect(empty.status).toBe(422);
    for (const limit of ["0", "201", "ten"]) {
      const bad = await policy(`/v1/reports?limit=${limit}`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors).toEqual([
        { path: "/limit", message: "Expected an integer between 1 and 200" },
      ]);
    }
    expect(((await (await policy("/v1/reports?limit=1")).json()) as { data: unknown[] }).data).toHaveLength(1);
    const unknown = await policy("/v1/reports/01900000-0000-7000-8000-000000000000");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
  });
});
