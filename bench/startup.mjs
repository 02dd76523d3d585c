#!/usr/bin/env node
// @ts-check
// Warm start and resident memory of the production server (`node dist/main.js`, compiled by `pnpm build`), on the
// embedded database (PGlite) and, when DATABASE_URL names a PostgreSQL server, on PostgreSQL. Three ways to run
// it: "production" (the compiled server with the V8 flag of the production command), "node defaults" (the same
// without the flag) and "tsx (npm start)" (the TypeScript loader that `npm start` uses), for comparison.
//
// Each storage is prepared once (migrated and filled with the demo data: 5 years, ~6,600 registrations), then the
// server is started `runs` times on it. "Warm" means the data and the code are already on disk and in the page
// cache: what a restart or a new replica costs. Measured per start:
//   - ready: from spawn to the first 200 of GET /health/ready (database reachable, migrations current);
//   - rss idle: VmRSS of the server once ready;
//   - rss busy: VmRSS after 200 authenticated list requests (registrations and the capacity board);
//   - rss after writes: VmRSS after 1,000 registrations created next (8 at a time).
// Prints a table (and writes it to $BENCH_OUT/startup.json when set). Targets (issue 16): ready <= 2 s and rss
// <= 250 MB after 1,000 writes on PostgreSQL, with the production command.
//
//   node bench/startup.mjs      (after `pnpm build`; `pnpm bench` from the root builds and runs every benchmark)
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { report } from "./lib.mjs";

const apiDir = join(dirname(fileURLToPath(import.meta.url)), "../apps/api");
const runs = Number(process.env.BENCH_RUNS ?? 5);
/**
 * The young generation's semi-space that the production command gives V8 (docs/deploy.md): Node's default on a
 * machine with much memory lets the heap grow to about 200 MB of mostly empty young space during start-up.
 */
const semiSpaceMegabytes = 16;
const keys = {
  COMENSHA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  COMENSHA_INDEX_KEY: Buffer.alloc(32, 9).toString("base64"),
};

/** @param {string} pid */
const rssMegabytes = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match === null ? Number.NaN : Number(match[1]) / 1024;
};

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {ReadonlyArray<string>} command
 * @param {NodeJS.ProcessEnv} env
 */
const cli = (command, env) =>
  execFileSync(process.execPath, [join(apiDir, "dist/cli.js"), ...command], {
    cwd: apiDir,
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });

/**
 * Starts the server once and measures it.
 * @param {ReadonlyArray<string>} command
 * @param {NodeJS.ProcessEnv} env
 * @param {string} apiKey a coordinator's key, for the reads
 * @param {string} partnerKey a partner's key, for the writes
 */
const measure = async (command, env, apiKey, partnerKey) => {
  const port = 3900 + Math.floor(Math.random() * 90);
  const started = performance.now();
  const child = spawn(command[0] ?? process.execPath, command.slice(1), {
    cwd: apiDir,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      COMENSHA_WORKER: "off",
      NODE_ENV: "production",
      // The limiter stays on, with limits that 1,000 writes in a row do not reach.
      COMENSHA_RATE_LIMIT_PER_SECOND: "1000000",
      COMENSHA_RATE_LIMIT_BURST: "1000000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    let readyMs = Number.NaN;
    for (let attempt = 0; attempt < 1200; attempt += 1) {
      const ok = await fetch(`${base}/health/ready`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ok) {
        readyMs = performance.now() - started;
        break;
      }
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      await sleep(25);
    }
    if (Number.isNaN(readyMs)) throw new Error("the server was not ready within 30 s");
    const pid = String(child.pid);
    const idle = rssMegabytes(pid);
    const headers = { authorization: `Bearer ${apiKey}` };
    for (let i = 0; i < 100; i += 1) {
      for (const path of ["/v1/registrations?limit=100", "/v1/shelters/availability"]) {
        const response = await fetch(`${base}${path}`, { headers });
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        await response.arrayBuffer();
      }
    }
    const busy = rssMegabytes(pid);
    // Then 1,000 writes: new registrations, 8 at a time, as a partner's system sends them.
    let written = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (written < 1000) {
          written += 1;
          const response = await fetch(`${base}/v1/registrations`, {
            method: "POST",
            headers: {
              authorization: `Bearer ${partnerKey}`,
              "content-type": "application/json",
              "idempotency-key": randomUUID(),
            },
            body: JSON.stringify(registration(written)),
          });
          if (response.status !== 201) throw new Error(`a create answered ${response.status}`);
          await response.arrayBuffer();
        }
      }),
    );
    return { readyMs, rssIdleMb: idle, rssBusyMb: busy, rssWritesMb: rssMegabytes(pid) };
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
};

/** A synthetic report; `n` makes each one a new person. @param {number} n */
const registration = (n) => ({
  reportedOn: "2026-06-20",
  person: {
    familyName: `Startup${n.toString(36)}${Math.random().toString(36).slice(2, 8)}`,
    givenNames: "Test",
    aliases: [],
    dateOfBirth: "1990-01-01",
    sex: "female",
    nationalities: ["NG"],
  },
  exploitation: { forms: ["sexual"], country: "NL", policeRegion: "amsterdam" },
  dossierType: "registration_and_shelter",
  legalBasis: "statutory",
  consentToShareWithShelter: true,
});

/** @param {ReadonlyArray<number>} values */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** @type {Array<{ storage: string, runtime: string, readyMs: number, readyMaxMs: number, rssIdleMb: number, rssBusyMb: number, rssWritesMb: number }>} */
const results = [];

/**
 * @param {string} storage
 * @param {NodeJS.ProcessEnv} env
 */
const benchStorage = async (storage, env) => {
  cli(["migrate"], env);
  cli(["seed", "--years", "5", "--seed", "42", "--last-year", "2025", "--today", "2026-06-30"], env);
  const created = JSON.parse(
    cli(["org", "create", "--name", "Bench coordinators", "--kind", "other", "--role", "coordinator", "--json"], env),
  );
  const apiKey = String(created.apiKey);
  const partnerKey = String(
    JSON.parse(cli(["org", "create", "--name", "Bench police", "--kind", "police", "--role", "partner", "--json"], env))
      .apiKey,
  );
  const runtimes = [
    {
      runtime: "production",
      command: [process.execPath, `--max-semi-space-size=${semiSpaceMegabytes}`, join(apiDir, "dist/main.js")],
    },
    { runtime: "node defaults", command: [process.execPath, join(apiDir, "dist/main.js")] },
    { runtime: "tsx (npm start)", command: [process.execPath, "--import", "tsx", join(apiDir, "src/main.ts")] },
  ];
  for (const { runtime, command } of runtimes) {
    await measure(command, env, apiKey, partnerKey);
    const samples = [];
    for (let run = 0; run < runs; run += 1) samples.push(await measure(command, env, apiKey, partnerKey));
    results.push({
      storage,
      runtime,
      readyMs: Math.round(median(samples.map((s) => s.readyMs))),
      readyMaxMs: Math.round(Math.max(...samples.map((s) => s.readyMs))),
      rssIdleMb: Math.round(median(samples.map((s) => s.rssIdleMb))),
      rssBusyMb: Math.round(median(samples.map((s) => s.rssBusyMb))),
      rssWritesMb: Math.round(median(samples.map((s) => s.rssWritesMb))),
    });
  }
};

const dataDir = mkdtempSync(join(tmpdir(), "comensha-bench-startup-"));
try {
  await benchStorage("pglite", { ...keys, COMENSHA_DATA_DIR: dataDir, DATABASE_URL: "" });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
if (serverUrl) {
  const database = `comensha_bench_${process.pid}`;
  const admin = (/** @type {string} */ statement) => execFileSync("psql", [serverUrl, "-qc", statement]);
  admin(`create database ${database}`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    await benchStorage("postgres", { ...keys, DATABASE_URL: url.href });
  } finally {
    admin(`drop database if exists ${database} with (force)`);
  }
} else {
  process.stderr.write("DATABASE_URL is not set: PostgreSQL is not measured.\n");
}

const lines = [
  `Warm start to ready and resident memory (median of ${runs})`,
  "storage   runtime             ready ms  (max)   rss idle MB  rss after 200 reads MB  rss after 1,000 writes MB",
  ...results.map(
    (r) =>
      `${r.storage.padEnd(9)} ${r.runtime.padEnd(19)} ${String(r.readyMs).padStart(8)}  ${`(${r.readyMaxMs})`.padStart(6)}` +
      `   ${String(r.rssIdleMb).padStart(11)}  ${String(r.rssBusyMb).padStart(22)}  ${String(r.rssWritesMb).padStart(25)}`,
  ),
  "Targets (issue 16), production on PostgreSQL: ready <= 2 s, rss <= 250 MB after 1,000 writes.",
];
report("startup", lines.join("\n"), { runs, results });
