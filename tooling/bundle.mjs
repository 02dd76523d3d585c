#!/usr/bin/env node
// The production bundle: one self-contained folder that runs the API, the worker and the CLI from compiled
// JavaScript, with the built console beside them. The Dockerfile copies exactly this folder; CI builds it, moves
// nothing else along, and starts it (.ci/bundle).
//
//   node tooling/bundle.mjs OUT     (npm run bundle -- OUT)
//
// Steps: build every package (turbo), `pnpm deploy --prod` of @comensha/api into OUT (its dist/ and its production
// dependencies only; the workspace packages are bundled into dist/), then the console's dist/ into OUT/console.
// The result runs with `node OUT/dist/main.js` (API) and `node OUT/dist/cli.js worker|migrate|...`.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = process.argv[2];
if (out === undefined) {
  process.stderr.write("usage: node tooling/bundle.mjs OUT\n");
  process.exit(2);
}
const target = resolve(process.cwd(), out);

const bootstrap = (args) => {
  const result = spawnSync(process.execPath, [join(root, "tooling/bootstrap.mjs"), ...args], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

bootstrap(["exec", "turbo", "run", "build", "--filter=@comensha/api...", "--filter=@comensha/console"]);
if (existsSync(target)) rmSync(target, { recursive: true, force: true });
bootstrap(["--filter", "@comensha/api", "deploy", "--prod", target]);
const consoleDist = join(root, "apps/console/dist");
if (!existsSync(join(consoleDist, ".comensha-build.json"))) {
  process.stderr.write("bundle: the console has no finished build\n");
  process.exit(1);
}
cpSync(consoleDist, join(target, "console"), { recursive: true });
process.stderr.write(`bundle: ${target} (node dist/main.js serves the API and the console)\n`);
