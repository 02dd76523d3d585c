#!/usr/bin/env node
// @ts-check
// Duplicate lookup by blind index against a primary-key lookup, on PostgreSQL with many persons: the query that
// `PersonRepository.findMatches` sends for a new report (the report's blind indexes, OR-ed, joined to persons)
// against `select * from persons where id = $1`, both as prepared statements, interleaved in rounds; the ratio is
// the median over the rounds. Each lookup asks for the indexes of a random existing person, so it finds them.
//
//   node bench/duplicateLookup.mjs      (after `pnpm build`; seeds BENCH_PERSONS persons into a throwaway database,
//                                        or measures BENCH_DATABASE_URL, a database seeded before)
import postgres from "postgres";
import { cli, median, report, withDatabase } from "./lib.mjs";

const persons = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const lookupsPerRound = Number(process.env.BENCH_LOOKUPS ?? 5000);

/** @param {string} url */
const measure = async (url) => {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const [{ count }] = await sql`select count(*)::int as count from persons`;
    // A sample of persons with their indexes, as a new report of each would look them up.
    const sample = await sql`
      select p.id, array_agg(b.name order by b.name) as names, array_agg(b.value order by b.name) as values
      from (select id from persons tablesample system (1) limit 2000) p
      join person_blind_indexes b on b.person_id = p.id
      group by p.id`;
    if (sample.length === 0) throw new Error("no persons with blind indexes to look up");
    // The statement findMatches builds: one (name, value) pair per index of the report.
    const matchQuery = (/** @type {number} */ pairs) =>
      "select coalesce(persons.merged_into, persons.id) as id, person_blind_indexes.name from person_blind_indexes " +
      "inner join persons on persons.id = person_blind_indexes.person_id where " +
      Array.from(
        { length: pairs },
        (_, i) => `(person_blind_indexes.name = $${2 * i + 1} and person_blind_indexes.value = $${2 * i + 2})`,
      ).join(" or ");
    const pick = (/** @type {number} */ i) => sample[i % sample.length];
    const byIndex = async (/** @type {number} */ i) => {
      const person = pick(i);
      const names = /** @type {string[]} */ (person?.names);
      const values = /** @type {string[]} */ (person?.values);
      const rows = await sql.unsafe(
        matchQuery(names.length),
        names.flatMap((name, k) => [name, values[k] ?? ""]),
        { prepare: true },
      );
      if (rows.length === 0) throw new Error("a lookup by blind index found nobody");
    };
    const byKey = async (/** @type {number} */ i) => {
      const rows = await sql.unsafe("select * from persons where id = $1", [String(pick(i)?.id)], { prepare: true });
      if (rows.length !== 1) throw new Error("a lookup by primary key found nobody");
    };
    const timed = async (/** @type {(i: number) => Promise<void>} */ lookup) => {
      const started = performance.now();
      for (let i = 0; i < lookupsPerRound; i += 1) await lookup(i);
      return ((performance.now() - started) * 1000) / lookupsPerRound;
    };
    await timed(byIndex);
    await timed(byKey);
    const ratios = [];
    const index = [];
    const key = [];
    for (let round = 0; round < rounds; round += 1) {
      const a = await timed(byIndex);
      const b = await timed(byKey);
      index.push(a);
      key.push(b);
      ratios.push(a / b);
    }
    const first = /** @type {{ names: string[], values: string[] }} */ (/** @type {unknown} */ (pick(0)));
    const plan = await sql.unsafe(
      `explain (format json) ${matchQuery(first.names.length)}`,
      first.names.flatMap((name, k) => [name, first.values[k] ?? ""]),
    );
    const seqScan = JSON.stringify(plan).includes('"Seq Scan"');
    const ratio = median(ratios);
    const text = [
      `${count} persons; ${lookupsPerRound} lookups per round, ${rounds} rounds`,
      `by blind index: ${median(index).toFixed(0)} µs, by primary key: ${median(key).toFixed(0)} µs, ratio ${ratio.toFixed(2)}x`,
      `sequential scan in the lookup's plan: ${seqScan ? "YES" : "no"}`,
    ].join("\n");
    report("duplicate-lookup", text, {
      persons: count,
      rounds,
      lookupsPerRound,
      blindIndexMicros: median(index),
      primaryKeyMicros: median(key),
      ratio,
      seqScan,
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
};

if (process.env.BENCH_DATABASE_URL) await measure(process.env.BENCH_DATABASE_URL);
else
  await withDatabase("lookup", async (url) => {
    cli(["migrate"], { DATABASE_URL: url });
    cli(["seed", "--persons", String(persons)], { DATABASE_URL: url });
    await measure(url);
  });
