#!/usr/bin/env node
// @ts-check
// A CPU profile of the production server while it creates registrations (not a benchmark: for finding where the
// time goes). Writes a .cpuprofile to BENCH_PROFILE_DIR (default: a temporary folder) and prints the top functions
// by self time, and the time per package.
//
//   node bench/profileCreate.mjs [requests=2000] [concurrency=8]
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiDir, cli, startServer, withDatabase } from "./lib.mjs";

const total = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 8);
const dir = process.env.BENCH_PROFILE_DIR ?? mkdtempSync(join(tmpdir(), "comensha-profile-"));

await withDatabase("profile", async (url) => {
  const env = { DATABASE_URL: url };
  cli(["migrate"], env);
  const partner = JSON.parse(
    cli(["org", "create", "--name", "Profile police", "--kind", "police", "--role", "partner", "--json"], env),
  );
  const server = await startServer(env, {
    command: [
      process.execPath,
      "--max-semi-space-size=16",
      "--cpu-prof",
      `--cpu-prof-dir=${dir}`,
      join(apiDir, "dist/main.js"),
    ],
  });
  let n = 0;
  const one = async () => {
    n += 1;
    const response = await fetch(`${server.base}/v1/registrations`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${partner.apiKey}`,
        "content-type": "application/json",
        "idempotency-key": randomUUID(),
      },
      body: JSON.stringify({
        reportedOn: "2026-11-20",
        person: {
          familyName: `Prof${n}`,
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
      }),
    });
    if (response.status !== 201) throw new Error(`${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        await one();
      }
    }),
  );
  process.stdout.write(`${total} creates in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  await server.stop();
});

const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
if (file === undefined) throw new Error(`no profile in ${dir}`);
const profile = JSON.parse(readFileSync(join(dir, file), "utf8"));
/** @type {Map<number, any>} */
const nodes = new Map(profile.nodes.map((/** @type {any} */ node) => [node.id, node]));
const self = new Map();
const byPackage = new Map();
const dt = profile.timeDeltas;
let totalMs = 0;
profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ i) => {
  const node = nodes.get(id);
  const ms = (dt[i] ?? 0) / 1000;
  totalMs += ms;
  const frame = node.callFrame;
  const key = `${frame.functionName || "(anonymous)"} ${frame.url.replace(/.*node_modules\/(\.pnpm\/)?/, "").slice(0, 80)}:${frame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + ms);
  const pkg =
    /node_modules\/(?:\.pnpm\/)?(@?[^/@]+(?:\/[^/@]+)?)/.exec(frame.url)?.[1] ??
    (frame.url.includes("/dist/") ? "app (dist)" : frame.url === "" ? `(${frame.functionName})` : "node");
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
});
process.stdout.write(`profile: ${join(dir, file)}; ${totalMs.toFixed(0)} ms sampled\n\nby package:\n`);
for (const [pkg, ms] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  process.stdout.write(`${((ms / totalMs) * 100).toFixed(1).padStart(5)}%  ${pkg}\n`);
}
process.stdout.write("\ntop self time:\n");
for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
  process.stdout.write(`${((ms / totalMs) * 100).toFixed(1).padStart(5)}%  ${key}\n`);
}
