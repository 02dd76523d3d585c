#!/usr/bin/env node
// @ts-check
// Throughput and latency of `POST /v1/registrations` on PostgreSQL, against what the database itself can do:
//   (a) a raw single-row INSERT loop (one autocommit INSERT of a small row per call);
//   (b) the same transaction written as minimal hand SQL: the rows one API create writes (person, blind indexes,
//       registration, version, audit event, idempotency key), inserted by postgres.js in one transaction of one
//       statement per row, one commit. The rows are copies of the ones the API wrote for a first request (read back
//       from the database), with fresh ids, so (b) writes the same tables, columns and sizes as the API.
// Each concurrency (c = 1, 8, 32) runs the three interleaved, round after round, so a noisy machine changes all
// three alike; the ratios are the medians over the rounds. Then the API alone at half its best throughput, as an
// open-loop constant rate (latency measured from each request's planned start, so a stall counts in full), for
// p50 and p99.
//
//   node bench/apiCreate.mjs      (after `pnpm build`; BENCH_SECONDS per run, BENCH_ROUNDS rounds)
//
// Targets (issue 16): API throughput >= 50% of (b), and p99 < 25 ms at half the API's maximum rate.
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import {
  cli,
  cpuMilliseconds,
  databaseCpuMilliseconds,
  median,
  percentile,
  report,
  startServer,
  uuidv7,
  withDatabase,
} from "./lib.mjs";

const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const concurrencies = (process.env.BENCH_CONCURRENCY ?? "1,8,32").split(",").map(Number);

/** A synthetic report; `n` makes each person's identifiers unique, so every request creates a new person. */
const body = (/** @type {number} */ n) =>
  JSON.stringify({
    reportedOn: "2026-11-20",
    person: {
      familyName: `Bench${n.toString(36)}`,
      givenNames: "Test Persoon",
      aliases: [],
      dateOfBirth: `19${String(60 + (n % 40)).padStart(2, "0")}-0${1 + (n % 9)}-1${n % 10}`,
      sex: n % 2 === 0 ? "female" : "male",
      nationalities: ["NG"],
    },
    exploitation: { forms: ["sexual"], country: "NL", policeRegion: "amsterdam" },
    dossierType: "registration_and_shelter",
    legalBasis: "statutory",
    consentToShareWithShelter: true,
    reflectionPeriod: { offeredOn: "2026-11-20", offeredBy: "police", startsOn: "2026-11-20", dublin: false },
  });

let sequence = 0;

/**
 * Calls `call` with `concurrency` callers in a closed loop for `durationMs`; answers calls per second and latencies.
 * @param {number} concurrency
 * @param {number} durationMs
 * @param {() => Promise<void>} call
 */
const closedLoop = async (concurrency, durationMs, call) => {
  const latencies = [];
  const end = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const before = performance.now();
        await call();
        latencies.push(performance.now() - before);
      }
    }),
  );
  return { perSecond: latencies.length / ((performance.now() - started) / 1000), latencies };
};

/**
 * Calls `call` at a constant `rate` per second for `durationMs`, whatever the answers' pace (open loop); each
 * latency runs from the call's planned start.
 * @param {number} rate
 * @param {number} durationMs
 * @param {() => Promise<void>} call
 */
const openLoop = async (rate, durationMs, call) => {
  const latencies = /** @type {Array<number>} */ ([]);
  const pending = [];
  const start = performance.now();
  const total = Math.floor((rate * durationMs) / 1000);
  for (let i = 0; i < total; i += 1) {
    const planned = start + (i * 1000) / rate;
    const wait = planned - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(call().then(() => latencies.push(performance.now() - planned)));
  }
  await Promise.all(pending);
  return latencies;
};

await withDatabase("create", async (url) => {
  const env = { DATABASE_URL: url };
  cli(["migrate"], env);
  const partner = JSON.parse(
    cli(["org", "create", "--name", "Bench police", "--kind", "police", "--role", "partner", "--json"], env),
  );
  const server = await startServer(env);
  const sql = postgres(url, { max: 40, onnotice: () => undefined });
  try {
    const headers = {
      authorization: `Bearer ${partner.apiKey}`,
      "content-type": "application/json",
    };
    const apiCreate = async () => {
      sequence += 1;
      const n = sequence;
      const response = await fetch(`${server.base}/v1/registrations`, {
        method: "POST",
        headers: { ...headers, "idempotency-key": randomUUID() },
        body: body(n),
      });
      if (response.status !== 201) throw new Error(`create answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    };

    // The rows one create writes, read back as templates for the hand-written transaction.
    await apiCreate();
    const columnsOf = async (/** @type {string} */ table) =>
      (
        await sql`select column_name from information_schema.columns
          where table_name = ${table} and table_schema = 'public' and is_generated = 'NEVER'
          order by ordinal_position`
      ).map((row) => String(row.column_name));
    const one = async (/** @type {string} */ query) => {
      const [row] = await sql.unsafe(query);
      if (row === undefined) throw new Error(`no template row: ${query}`);
      return /** @type {Record<string, unknown>} */ (row.row);
    };
    const registration = await one("select to_jsonb(r) as row from registrations r limit 1");
    const templates = {
      person: await one(`select to_jsonb(p) as row from persons p where id = '${registration.person_id}'`),
      indexes: (
        await sql`select to_jsonb(b) as row from person_blind_indexes b where person_id = ${String(registration.person_id)}`
      ).map((row) => /** @type {Record<string, unknown>} */ (row.row)),
      registration,
      version: await one(
        `select to_jsonb(v) as row from registration_versions v where registration_id = '${registration.id}'`,
      ),
      audit: await one("select to_jsonb(a) as row from audit_events a where action = 'registration.create' limit 1"),
      idempotency: await one("select to_jsonb(i) as row from idempotency_keys i limit 1"),
    };
    /** An INSERT of one row of `table` from a JSON object, for the columns an application writes. */
    const insertOf = async (/** @type {string} */ table) => {
      const columns = (await columnsOf(table)).map((column) => `"${column}"`).join(", ");
      return `insert into ${table} (${columns}) select ${columns} from jsonb_populate_record(null::${table}, $1::jsonb)`;
    };
    const statements = {
      person: await insertOf("persons"),
      index: await insertOf("person_blind_indexes"),
      registration: await insertOf("registrations"),
      version: await insertOf("registration_versions"),
      audit: await insertOf("audit_events"),
      idempotency: await insertOf("idempotency_keys"),
    };
    const handCreate = async () => {
      const personId = uuidv7();
      const registrationId = uuidv7();
      await sql.begin(async (tx) => {
        await tx.unsafe(statements.person, [{ ...templates.person, id: personId }], { prepare: true });
        for (const index of templates.indexes) {
          await tx.unsafe(statements.index, [{ ...index, person_id: personId, value: randomUUID() }], {
            prepare: true,
          });
        }
        await tx.unsafe(
          statements.registration,
          [{ ...templates.registration, id: registrationId, person_id: personId }],
          { prepare: true },
        );
        await tx.unsafe(statements.version, [{ ...templates.version, registration_id: registrationId }], {
          prepare: true,
        });
        await tx.unsafe(statements.audit, [{ ...templates.audit, id: uuidv7(), resource_id: registrationId }], {
          prepare: true,
        });
        await tx.unsafe(statements.idempotency, [{ ...templates.idempotency, key: randomUUID() }], { prepare: true });
      });
    };
    await sql`create table bench_raw (id bigserial primary key, n integer not null, at timestamptz not null default now())`;
    const rawInsert = async () => {
      sequence += 1;
      await sql`insert into bench_raw (n) values (${sequence})`;
    };

    /** @type {Array<{ concurrency: number, api: number, hand: number, raw: number, ofHand: number, ofRaw: number, serverCpuMs: number, clientCpuMs: number, databaseCpuMs: number, handDatabaseCpuMs: number }>} */
    const rows = [];
    const runMs = seconds * 1000;
    for (const concurrency of concurrencies) {
      const cpu = /** @type {number[]} */ ([]);
      const clientCpu = /** @type {number[]} */ ([]);
      const databaseCpu = /** @type {number[]} */ ([]);
      const handDatabaseCpu = /** @type {number[]} */ ([]);
      const samples = {
        api: /** @type {number[]} */ ([]),
        hand: /** @type {number[]} */ ([]),
        raw: /** @type {number[]} */ ([]),
      };
      const ratios = { hand: /** @type {number[]} */ ([]), raw: /** @type {number[]} */ ([]) };
      // One short warm-up of each, then the rounds.
      await closedLoop(concurrency, 500, apiCreate);
      await closedLoop(concurrency, 500, handCreate);
      await closedLoop(concurrency, 500, rawInsert);
      for (let round = 0; round < rounds; round += 1) {
        const cpuBefore = cpuMilliseconds(server.pid);
        const clientBefore = process.cpuUsage();
        const databaseBefore = databaseCpuMilliseconds();
        const apiRun = await closedLoop(concurrency, runMs, apiCreate);
        const api = apiRun.perSecond;
        cpu.push((cpuMilliseconds(server.pid) - cpuBefore) / apiRun.latencies.length);
        databaseCpu.push((databaseCpuMilliseconds() - databaseBefore) / apiRun.latencies.length);
        const clientUsed = process.cpuUsage(clientBefore);
        clientCpu.push((clientUsed.user + clientUsed.system) / 1000 / apiRun.latencies.length);
        const handBefore = databaseCpuMilliseconds();
        const handRun = await closedLoop(concurrency, runMs, handCreate);
        const hand = handRun.perSecond;
        handDatabaseCpu.push((databaseCpuMilliseconds() - handBefore) / handRun.latencies.length);
        const raw = (await closedLoop(concurrency, runMs, rawInsert)).perSecond;
        samples.api.push(api);
        samples.hand.push(hand);
        samples.raw.push(raw);
        ratios.hand.push(api / hand);
        ratios.raw.push(api / raw);
      }
      rows.push({
        concurrency,
        api: median(samples.api),
        hand: median(samples.hand),
        raw: median(samples.raw),
        ofHand: median(ratios.hand),
        ofRaw: median(ratios.raw),
        serverCpuMs: median(cpu),
        clientCpuMs: median(clientCpu),
        databaseCpuMs: median(databaseCpu),
        handDatabaseCpuMs: median(handDatabaseCpu),
      });
    }
    const best = Math.max(...rows.map((row) => row.api));
    const rate = Math.max(1, Math.round(best / 2));
    await openLoop(rate, 1000, apiCreate);
    const latencies = await openLoop(rate, Math.max(runMs, 5000), apiCreate);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const bestRatio = Math.max(...rows.map((row) => row.ofHand));

    const lines = [
      "c    API create/s  hand SQL tx/s  raw INSERT/s  API/hand  API/raw  CPU ms/create: server  client  database (hand)",
      ...rows.map(
        (row) =>
          `${String(row.concurrency).padEnd(4)} ${row.api.toFixed(0).padStart(12)}  ${row.hand.toFixed(0).padStart(13)}` +
          `  ${row.raw.toFixed(0).padStart(12)}  ${(row.ofHand * 100).toFixed(0).padStart(7)}%  ${(row.ofRaw * 100).toFixed(1).padStart(6)}%  ${row.serverCpuMs.toFixed(2).padStart(22)}  ${row.clientCpuMs.toFixed(2).padStart(6)}` +
          `  ${row.databaseCpuMs.toFixed(2).padStart(8)} (${row.handDatabaseCpuMs.toFixed(2)})`,
      ),
      `At ${rate}/s (half the API's best ${best.toFixed(0)}/s): p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
      `Targets: API >= 50% of hand SQL (best: ${(bestRatio * 100).toFixed(0)}%) ${bestRatio >= 0.5 ? "met" : "NOT met"}; ` +
        `p99 < 25 ms ${p99 < 25 ? "met" : "NOT met"}`,
    ];
    report("api-create", lines.join("\n"), { seconds, rounds, rows, halfRate: { rate, p50, p99 } });
  } finally {
    await sql.end({ timeout: 5 });
    await server.stop();
  }
});
