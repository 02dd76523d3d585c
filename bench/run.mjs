#!/usr/bin/env node
// @ts-check
// Runs every benchmark of the real system, one after another (never two at once: they would measure each other),
// on the compiled code that `pnpm bench` has just built. The benchmarks that need a large database share one: it is
// seeded once by bench/seed.mjs (which times the seeding), then measured by the annual report and the duplicate
// lookup benchmarks, then dropped. Results go to bench/results/<name>.json (BENCH_OUT) as well as to the terminal;
// docs/performance.md holds the latest figures and how they were measured.
//
//   pnpm bench                          (all of them; BENCH_ONLY=api-create,console-js for some)
//   BENCH_PERSONS=100000 pnpm bench     (a smaller shared database, for a quick look)
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { benchDir, machine, withDatabase } from "./lib.mjs";

const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
const out = process.env.BENCH_OUT ?? join(benchDir, "results");
const wanted = (/** @type {string} */ name) => only === undefined || only.includes(name);

/**
 * @param {string} script
 * @param {NodeJS.ProcessEnv} [env]
 */
const run = (script, env = {}) => {
  process.stderr.write(`\n# ${script}\n`);
  const result = spawnSync(process.execPath, [join(benchDir, script)], {
    stdio: "inherit",
    env: { ...process.env, BENCH_OUT: out, ...env },
  });
  if (result.status !== 0) throw new Error(`${script} failed (${result.status ?? result.signal})`);
};

process.stdout.write(`Benchmarks on ${machine()}\n`);
if (wanted("console-js")) run("consoleJs.mjs");
if (wanted("startup")) run("startup.mjs");
if (wanted("api-create")) run("apiCreate.mjs");
if (wanted("seed") || wanted("annual-report") || wanted("duplicate-lookup")) {
  await withDatabase("shared", async (url) => {
    const shared = { BENCH_DATABASE_URL: url };
    run("seed.mjs", shared);
    if (wanted("annual-report")) run("annualReport.mjs", shared);
    if (wanted("duplicate-lookup")) run("duplicateLookup.mjs", shared);
  });
}
process.stdout.write(`\nResults in ${out}\n`);
