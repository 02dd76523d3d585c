// @ts-check
// Shared helpers of the benchmarks: the compiled CLI and server, a temporary PostgreSQL database per benchmark,
// percentiles, and where results go. Every benchmark prints its figures and, with BENCH_OUT set to a folder,
// writes them there as <name>.json (bench/run.mjs collects them).
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const rootDir = join(benchDir, "..");
export const apiDir = join(rootDir, "apps/api");

/** Fixed keys: the benchmarks' databases are thrown away. */
export const keys = {
  COMENSHA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  COMENSHA_INDEX_KEY: Buffer.alloc(32, 9).toString("base64"),
};

/** The PostgreSQL server to measure: DATABASE_URL, else the local one of the development machine. */
export const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the compiled CLI (apps/api/dist/cli.js) and answers its standard output.
 * @param {ReadonlyArray<string>} command
 * @param {NodeJS.ProcessEnv} env
 */
export const cli = (command, env) =>
  execFileSync(process.execPath, [join(apiDir, "dist/cli.js"), ...command], {
    cwd: apiDir,
    env: { ...process.env, ...keys, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "inherit"],
  });

/**
 * A fresh database on the PostgreSQL server for the length of `use`, dropped afterwards.
 * @template T
 * @param {string} name
 * @param {(url: string) => Promise<T>} use
 * @returns {Promise<T>}
 */
export const withDatabase = async (name, use) => {
  const database = `comensha_bench_${name}_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.unsafe(`create database ${database}`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    return await use(url.href);
  } finally {
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end({ timeout: 5 });
  }
};

/** @param {string | number} pid resident memory of a process in MB */
export const rssMegabytes = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match === null ? Number.NaN : Number(match[1]) / 1024;
};

/** @param {string | number} pid CPU time (user + system) a process has used so far, in ms */
export const cpuMilliseconds = (pid) => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat (11 and 12 after the command name), in clock ticks.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};

/**
 * CPU time (user + system) the local PostgreSQL's processes have used so far, in ms: the server is on this machine,
 * so its backends are the processes named `postgres`. A process that ended between two readings (an autovacuum
 * worker) drops out of the sum; over a few seconds of load that is noise, not a trend.
 */
export const databaseCpuMilliseconds = () => {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") total += cpuMilliseconds(entry);
    } catch {
      // The process ended while it was read.
    }
  }
  return total;
};

/**
 * Starts the production server (`node --max-semi-space-size=16 dist/main.js`, as `npm run serve` and the
 * Dockerfile run it) and waits until /health/ready answers 200.
 * @param {NodeJS.ProcessEnv} env
 * @param {{ readonly command?: ReadonlyArray<string> }} [options]
 */
export const startServer = async (env, options = {}) => {
  const port = 3900 + Math.floor(Math.random() * 90);
  const command = options.command ?? [process.execPath, "--max-semi-space-size=16", join(apiDir, "dist/main.js")];
  const started = performance.now();
  const child = spawn(command[0] ?? process.execPath, command.slice(1), {
    cwd: apiDir,
    env: {
      ...process.env,
      ...keys,
      ...env,
      PORT: String(port),
      COMENSHA_WORKER: "off",
      // The limiter stays on (its cost is part of a request), with limits no benchmark reaches.
      COMENSHA_RATE_LIMIT_PER_SECOND: "1000000",
      COMENSHA_RATE_LIMIT_BURST: "1000000",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  };
  for (let attempt = 0; attempt < 1200; attempt += 1) {
    const ok = await fetch(`${base}/health/ready`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) return { base, pid: child.pid ?? 0, readyMs: performance.now() - started, stop };
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    await sleep(25);
  }
  await stop();
  throw new Error("the server was not ready within 30 s");
};

/**
 * The p-th percentile (0-100) of `values`, nearest rank.
 * @param {ReadonlyArray<number>} values
 * @param {number} p
 */
export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
};

/** @param {ReadonlyArray<number>} values */
export const median = (values) => percentile(values, 50);

/** The machine the figures were measured on, as docs/performance.md names it. */
export const machine = () =>
  `Node.js ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown"}), ` +
  `${Math.round(totalmem() / 1024 ** 3)} GiB`;

/**
 * Prints a benchmark's result and writes it to $BENCH_OUT/<name>.json when BENCH_OUT is set.
 * @param {string} name
 * @param {string} text what to print
 * @param {unknown} data the figures, as JSON
 */
export const report = (name, text, data) => {
  process.stdout.write(`\n## ${name}\n${text}\n`);
  const out = process.env.BENCH_OUT;
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `${name}.json`), `${JSON.stringify({ machine: machine(), ...Object(data) }, null, 2)}\n`);
  }
};

/** A UUID version 7 (time-ordered, as the application's ids are), so hand-written inserts index like the API's. */
export const uuidv7 = () => {
  const bytes = randomBytes(16);
  const now = Date.now();
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
