#!/usr/bin/env node
// @ts-check
// The annual report at volume against the hand-written SQL of its main table, on PostgreSQL. Producing the annual
// monitor of a year as the CLI and the worker produce it (`comensha report run --kind annual`, compiled, with the
// production worker's NODE_OPTIONS: the counting rule and its groups computed by the database, disclosure control,
// the release check, the files rendered, stored and registered), each run in a child process whose wall time and
// peak resident memory (`/usr/bin/time`, else VmHWM of /proc/<pid>/status) are taken, against one GROUP BY over the
// year's registrations (their sex, nationalities, forms, police region and organisation, read from the JSON `data`
// as a hand-written query reads them) run by `psql`, also a child process. The two are interleaved BENCH_RUNS times
// (default 3); the ratio is the median over the runs. Each report run starts from an empty release register
// (truncated on the throwaway database), so every run makes the year's first release, as a fresh production does.
//
// Seeds BENCH_PERSONS (default 1,000,000) persons with `comensha seed --persons N --years BENCH_YEARS` (default 2:
// the report's year and the one before, which its year-on-year tables count) into a throwaway database, or measures
// BENCH_DATABASE_URL, a database seeded before (its register is then left as it is). Targets (issue 16): the report
// within 1.5 times the hand-written SQL, and under 300 MB of peak memory.
//
//   node bench/annualReport.mjs      (after `pnpm build`)
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { apiDir, cli, keys, median, report, withDatabase } from "./lib.mjs";

const persons = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const years = Number(process.env.BENCH_YEARS ?? 2);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const year = Number(process.env.BENCH_YEAR ?? 2025);
const targets = { ratio: 1.5, peakMegabytes: 300 };

/** The hand-written aggregate of the report's main table: one GROUP BY over the registrations of the year. */
const handSql = `
  select data #>> '{person,sex}' as sex, data #> '{person,nationalities}' as nationalities,
    data #> '{exploitation,forms}' as forms, data #>> '{exploitation,policeRegion}' as police_region,
    organisation_id, count(*) as reports
  from registrations
  where reported_on >= '${year}-01-01' and reported_on < '${year + 1}-01-01' and status in ('received', 'registered')
  group by 1, 2, 3, 4, 5`;

const timeBinary = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

try {
  execFileSync("psql", ["--version"], { stdio: "ignore" });
} catch {
  throw new Error("annualReport needs psql (the PostgreSQL client) for the hand-written SQL");
}

/**
 * Runs a command as a child process; answers its wall time (ms) and peak resident memory (MB).
 * @param {string} command
 * @param {ReadonlyArray<string>} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ ms: number, peakMegabytes: number }>}
 */
const measured = (command, args, env) =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = timeBinary
      ? spawn(timeBinary, ["-f", "peak-kb %M", command, ...args], {
          cwd: apiDir,
          env,
          stdio: ["ignore", "ignore", "pipe"],
        })
      : spawn(command, args, { cwd: apiDir, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let peakKb = 0;
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    // Without /usr/bin/time: the high-water mark of the child's resident memory, read while it runs.
    const poll = timeBinary
      ? undefined
      : setInterval(() => {
          try {
            const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
            if (match) peakKb = Math.max(peakKb, Number(match[1]));
          } catch {
            // The child has just exited.
          }
        }, 5);
    child.on("error", reject);
    child.on("exit", (code) => {
      const ms = performance.now() - started;
      if (poll) clearInterval(poll);
      if (code !== 0) return reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${stderr}`));
      const reported = /peak-kb (\d+)/.exec(stderr);
      resolve({ ms, peakMegabytes: Number(reported ? reported[1] : peakKb) / 1024 });
    });
  });

/**
 * @param {string} url
 * @param {boolean} throwaway whether the register may be emptied before each run
 */
const measure = async (url, throwaway) => {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  const out = mkdtempSync(join(tmpdir(), "comensha-annual-"));
  try {
    const [{ registrations }] = await sql`
      select count(*)::int as registrations from registrations
      where reported_on >= ${`${year}-01-01`} and reported_on < ${`${year + 1}-01-01`}`;
    const [{ total }] = await sql`select count(*)::int as total from registrations`;
    await sql`vacuum analyze`;
    // As the worker runs in production (Dockerfile, docs/deploy.md): a 16 MB young generation.
    const env = {
      ...process.env,
      ...keys,
      DATABASE_URL: url,
      NODE_ENV: "production",
      NODE_OPTIONS: "--max-semi-space-size=16",
    };
    const produce = async () => {
      if (throwaway) await sql`truncate report_releases`;
      return measured(
        process.execPath,
        [
          join(apiDir, "dist/cli.js"),
          "report",
          "run",
          "--kind",
          "annual",
          "--year",
          String(year),
          "--format",
          "csv",
          "--out",
          join(out, "annual.csv"),
        ],
        env,
      );
    };
    const hand = () => measured("psql", [url, "-X", "-q", "-o", "/dev/null", "-c", handSql], env);
    // One of each first, to warm the caches and the compiled code of both.
    await produce();
    await hand();
    const reportMs = [];
    const handMs = [];
    const peaks = [];
    const ratios = [];
    for (let run = 0; run < runs; run += 1) {
      const a = await produce();
      const b = await hand();
      reportMs.push(a.ms);
      peaks.push(a.peakMegabytes);
      handMs.push(b.ms);
      ratios.push(a.ms / b.ms);
    }
    const ratio = median(ratios);
    const peak = Math.max(...peaks);
    const ok = (/** @type {boolean} */ met) => (met ? "met" : "NOT MET");
    const text = [
      `${total} registrations, ${registrations} reported in ${year}; ${runs} interleaved runs`,
      `annual report (CLI, child process): ${median(reportMs).toFixed(0)} ms, peak memory ${peak.toFixed(0)} MB`,
      `hand-written SQL GROUP BY (psql): ${median(handMs).toFixed(0)} ms`,
      `ratio ${ratio.toFixed(2)}x (target <= ${targets.ratio}x: ${ok(ratio <= targets.ratio)}); ` +
        `peak memory target < ${targets.peakMegabytes} MB: ${ok(peak < targets.peakMegabytes)}`,
    ].join("\n");
    report("annual-report", text, {
      registrations: total,
      registrationsOfYear: registrations,
      year,
      runs,
      reportMillis: median(reportMs),
      handSqlMillis: median(handMs),
      ratio,
      peakMegabytes: peak,
      targets,
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
    await sql.end({ timeout: 5 });
  }
};

if (process.env.BENCH_DATABASE_URL) await measure(process.env.BENCH_DATABASE_URL, false);
else
  await withDatabase("annual", async (url) => {
    cli(["migrate"], { DATABASE_URL: url });
    const seeded = cli(["seed", "--persons", String(persons), "--years", String(years), "--last-year", String(year)], {
      DATABASE_URL: url,
    });
    process.stdout.write(`seeded: ${seeded.trim().split("\n").at(-1)}\n`);
    await measure(url, true);
  });
