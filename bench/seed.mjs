#!/usr/bin/env node
// @ts-check
// How fast `comensha seed --persons N` fills a database: the compiled CLI (apps/api/dist/cli.js) seeds BENCH_PERSONS
// persons (default 1,000,000) into a throwaway PostgreSQL database, over five years, in batches (BENCH_BATCH,
// default the CLI's 5,000). Measured: the wall time of the whole command (migrations included), the rows it wrote
// per second (persons, registrations with their first versions, blind indexes, duplicates and placement requests),
// and whether it stays under the target of 5 minutes for a million persons (scaled for another BENCH_PERSONS). Then
// a sanity check that the application reads the result: `comensha count` for the last year.
//
//   node bench/seed.mjs                           (after `pnpm build`; BENCH_PERSONS=100000 for a quick run;
//                                                  BENCH_DATABASE_URL=... seeds that database and keeps it)
import { cli, report, serverUrl, withDatabase } from "./lib.mjs";

const persons = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const batch = process.env.BENCH_BATCH;
const lastYear = 2025;
/** Target (issue 16): a million persons in under 5 minutes, the same rate for other sizes. */
const targetSeconds = (300 * persons) / 1_000_000;

/** Seeds the database at `url` (which has no registrations yet) and reads it back. @param {string} url */
const seed = async (url) => {
  const env = { DATABASE_URL: url };
  const started = performance.now();
  const output = cli(
    [
      "seed",
      "--persons",
      String(persons),
      "--years",
      "5",
      "--last-year",
      String(lastYear),
      ...(batch === undefined ? [] : ["--batch", batch]),
    ],
    env,
  );
  const seconds = (performance.now() - started) / 1000;
  const summary = JSON.parse(output.trim().split("\n").at(-1) ?? "{}");
  const counted = JSON.parse(cli(["count", "--year", String(lastYear), "--json"], env));
  return { seconds, summary, counted };
};

// BENCH_DATABASE_URL: seed that database and keep it (bench/run.mjs measures the reports and lookups on it next).
const result = process.env.BENCH_DATABASE_URL
  ? await seed(process.env.BENCH_DATABASE_URL)
  : await withDatabase("seed", seed);

const { seconds, summary, counted } = result;
const rows =
  summary.persons + 2 * summary.registrations + summary.blindIndexes + summary.duplicates + summary.placementRequests;
const text = [
  `server: ${serverUrl.replace(/\/\/[^@]*@/, "//")}`,
  `persons: ${persons.toLocaleString("en-GB")} generated, ${summary.persons.toLocaleString("en-GB")} written ` +
    `(${summary.duplicates} possible duplicates), ${summary.registrations.toLocaleString("en-GB")} registrations, ` +
    `${summary.blindIndexes.toLocaleString("en-GB")} blind indexes, ${summary.placementRequests.toLocaleString("en-GB")} placement requests`,
  `time: ${seconds.toFixed(1)} s (${Math.round(persons / seconds).toLocaleString("en-GB")} persons/s, ` +
    `${Math.round(rows / seconds).toLocaleString("en-GB")} rows/s)`,
  `target: under ${targetSeconds.toFixed(0)} s: ${seconds <= targetSeconds ? "met" : "missed"} ` +
    `(ratio ${(seconds / targetSeconds).toFixed(2)})`,
  `count ${lastYear}: ${counted.persons.toLocaleString("en-GB")} persons, ${counted.reports.toLocaleString("en-GB")} reports`,
].join("\n");
report("seed", text, {
  persons,
  seconds,
  personsPerSecond: persons / seconds,
  rowsPerSecond: rows / seconds,
  targetSeconds,
  ratio: seconds / targetSeconds,
  summary,
  counted: { year: lastYear, persons: counted.persons, reports: counted.reports },
});
