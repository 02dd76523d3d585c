import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createTestDatabase, type TestDatabase } from "@comensha/db/testing";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { repositoryRoot } from "../src/config.js";

/**
 * A worker killed (SIGKILL, no chance to clean up) in the middle of a report, then started again, finishes that
 * report exactly once: on the embedded database (the API with its in-process worker, as `npm start` runs it) and on
 * PostgreSQL (a separate `comensha worker` process).
 */

/** The CLI in this very Node.js process's binary (not through the `tsx` wrapper, whose child would outlive a kill). */
const apiDir = join(repositoryRoot, "apps/api");
const node = [process.execPath, "--import", "tsx", join(apiDir, "src/cli.ts")] as const;

/** Environment of the processes under test: slow report steps so there is time to kill them mid-report. */
const slowEnv = {
  COMENSHA_REPORT_STEP_DELAY_MS: "700",
  COMENSHA_QUEUE_SUPERVISE_SECONDS: "2",
  PORT: "0",
  HOST: "127.0.0.1",
};

const comensha = async (env: NodeJS.ProcessEnv, ...args: ReadonlyArray<string>) => {
  const { stdout } = await promisify(execFile)(node[0], [...node.slice(1), ...args], {
    cwd: apiDir,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return stdout;
};

/** Starts `comensha <args>` and resolves once a line of its output matches `ready`, with that match. */
const launch = (env: NodeJS.ProcessEnv, args: ReadonlyArray<string>, ready: RegExp) =>
  new Promise<{ child: ChildProcess; match: RegExpMatchArray }>((resolve, reject) => {
    const child = spawn(node[0], [...node.slice(1), ...args], {
      cwd: apiDir,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = output.match(ready);
      if (match !== null) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${output}`));
    });
  });

const kill = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill(signal);
  });

const poll = async <A>(read: () => Promise<A>, done: (value: A) => boolean, what: string): Promise<A> => {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
};

interface ReportView {
  readonly status: string;
  readonly progress: number;
  readonly artifacts: ReadonlyArray<{ readonly name: string; readonly sha256: string }>;
}

describe("a report survives its worker being killed", () => {
  const children: Array<ChildProcess> = [];
  afterAll(async () => {
    await Promise.all(children.map((child) => kill(child, "SIGKILL")));
  });

  it("on the embedded database: the API killed mid-report finishes it after a restart, once", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "comensha-crash-"));
    const env = { ...slowEnv, COMENSHA_DATA_DIR: dataDir, DATABASE_URL: "" };
    try {
      await comensha(env, "seed", "--years", "2", "--last-year", "2025", "--persons-per-year", "150");
      const { apiKey } = JSON.parse(
        await comensha(env, "org", "create", "--name", "Beleid", "--kind", "other", "--role", "policy", "--json"),
      ) as { apiKey: string };
      const headers = { Authorization: `Bearer ${apiKey}` };
      const first = await launch(env, ["start"], /CoMensha API: (http:\/\/\S+)/);
      children.push(first.child);
      const url = first.match[1] ?? "";
      const created = await fetch(`${url}/v1/reports`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
        body: JSON.stringify({ parameters: { kind: "annual_monitor", year: 2025 } }),
      });
      expect(created.status).toBe(202);
      const { id } = (await created.json()) as { id: string };
      const read = async (base: string) =>
        (await (await fetch(`${base}/v1/reports/${id}`, { headers })).json()) as ReportView;
      const running = await poll(
        () => read(url),
        (job) => job.status === "running" && job.progress >= 20,
        "progress",
      );
      expect(running.artifacts).toEqual([]);
      await kill(first.child, "SIGKILL");

      const second = await launch(env, ["start"], /CoMensha API: (http:\/\/\S+)/);
      children.push(second.child);
      const restartedUrl = second.match[1] ?? "";
      const done = await poll(
        () => read(restartedUrl),
        (job) => job.status === "completed",
        "completion",
      );
      expect(done.artifacts).toHaveLength(6);
      expect(new Set(done.artifacts.map((artifact) => artifact.name)).size).toBe(6);
      const list = (await (await fetch(`${restartedUrl}/v1/reports`, { headers })).json()) as {
        data: ReadonlyArray<{ id: string; status: string }>;
      };
      expect(list.data.map((job) => [job.id, job.status])).toEqual([[id, "completed"]]);
      await kill(second.child, "SIGTERM");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);

  it.runIf(process.env.DATABASE_URL)(
    "on PostgreSQL: a separate worker killed mid-report, and another started, store the report once",
    async () => {
      const database: TestDatabase = await createTestDatabase("postgres");
      const url = database.config.kind === "postgres" ? database.config.url : "";
      const env = {
        ...slowEnv,
        DATABASE_URL: url,
        COMENSHA_DATA_DIR: mkdtempSync(join(tmpdir(), "comensha-keys-")),
        COMENSHA_DEMO_KEYS: "on",
      };
      const sql = postgres(url, { max: 1, onnotice: () => undefined });
      try {
        await comensha(env, "seed", "--years", "2", "--last-year", "2025", "--persons-per-year", "150");
        const { apiKey } = JSON.parse(
          await comensha(env, "org", "create", "--name", "Beleid", "--kind", "other", "--role", "policy", "--json"),
        ) as { apiKey: string };
        const api = await launch({ ...env, COMENSHA_WORKER: "off" }, ["start"], /CoMensha API: (http:\/\/\S+)/);
        children.push(api.child);
        const base = api.match[1] ?? "";
        const created = await fetch(`${base}/v1/reports`, {
          method: "POST",
          headers: {
            Authorization: `Bearer ${apiKey}`,
            "Content-Type": "application/json",
            "Idempotency-Key": crypto.randomUUID(),
          },
          body: JSON.stringify({ parameters: { kind: "annual_monitor", year: 2025 } }),
        });
        const { id } = (await created.json()) as { id: string };
        const state = async () => {
          const [row] = await sql<Array<{ status: string; progress: number }>>`
            select status, progress from reports where id = ${id}`;
          return row ?? { status: "missing", progress: 0 };
        };
        expect((await state()).status).toBe("queued");

        const first = await launch(env, ["worker"], /report worker started/);
        children.push(first.child);
        await poll(state, (row) => row.status === "running" && row.progress >= 20, "progress");
        await kill(first.child, "SIGKILL");

        const second = await launch(env, ["worker"], /report worker started/);
        children.push(second.child);
        const finished = await poll(
          state,
          (row) => row.status === "completed" || row.status === "failed",
          "completion",
        );
        expect(finished.status).toBe("completed");
        const artifacts = await sql<Array<{ name: string }>>`
          select name from report_artifacts where report_id = ${id} order by name`;
        expect(artifacts.map((row) => row.name)).toEqual([
          "annual_monitor-2025.en.csv",
          "annual_monitor-2025.en.html",
          "annual_monitor-2025.json",
          "annual_monitor-2025.nl.csv",
          "annual_monitor-2025.nl.html",
          "annual_monitor-2025.schema.json",
        ]);
        const [{ reports } = { reports: 0 }] = await sql<Array<{ reports: number }>>`
          select count(*)::int as reports from reports`;
        expect(reports).toBe(1);
        await kill(second.child, "SIGTERM");
        await kill(api.child, "SIGTERM");
      } finally {
        await sql.end();
        await database.drop();
      }
    },
    300_000,
  );
});
