#!/usr/bin/env node
// Brings a fresh clone up to the point where pnpm can run the project, then hands over to pnpm.
// It runs on whatever Node.js the machine has (20 or later) and needs nothing but npm:
//   1. pnpm, pinned by "packageManager" in package.json, installed into .tooling/pnpm with npm;
//   2. the workspace's dependencies (including Node.js 24 itself, the `node` devDependency), installed
//      with pnpm when the lockfile changed since the last install;
//   3. then `pnpm <args>`, so every script runs on the project's Node.js through node_modules/.bin.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pnpmVersion = manifest.packageManager.replace(/^pnpm@/, "");
const toolDir = join(root, ".tooling", `pnpm-${pnpmVersion}`);
const pnpmEntry = join(toolDir, "node_modules", "pnpm", "bin", "pnpm.mjs");
const isWindows = process.platform === "win32";

const log = (message) => process.stderr.write(`[bootstrap] ${message}\n`);

const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", shell: isWindows, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
};

const [major] = process.versions.node.split(".").map(Number);
if (major < 18) {
  log(`Node.js ${process.versions.node} is too old to bootstrap; install Node.js 20 or later.`);
  process.exit(1);
}

if (!existsSync(pnpmEntry)) {
  log(`installing pnpm ${pnpmVersion} into .tooling/ ...`);
  mkdirSync(toolDir, { recursive: true });
  writeFileSync(join(toolDir, "package.json"), '{ "private": true }\n');
  const npm = isWindows ? "npm.cmd" : "npm";
  const status = run(npm, ["install", "--no-audit", "--no-fund", "--loglevel=error", `pnpm@${pnpmVersion}`], {
    cwd: toolDir,
  });
  if (status !== 0 || !existsSync(pnpmEntry)) {
    log("could not install pnpm with npm; check the connection to the npm registry.");
    process.exit(status || 1);
  }
}

// Scripts may call `pnpm` themselves: put the installed one on PATH for everything started from here.
const separator = isWindows ? ";" : ":";
const env = {
  ...process.env,
  COREPACK_ENABLE_STRICT: "0",
  PATH: `${join(toolDir, "node_modules", ".bin")}${separator}${process.env.PATH ?? ""}`,
};
const pnpm = (args, cwd = root) => run(process.execPath, [pnpmEntry, ...args], { cwd, env });

const lockfile = join(root, "pnpm-lock.yaml");
const stamp = join(root, "node_modules", ".comensha-install-stamp");
const wanted = createHash("sha256")
  .update(existsSync(lockfile) ? readFileSync(lockfile) : "")
  .update(readFileSync(join(root, "pnpm-workspace.yaml")))
  .digest("hex");
const installed = existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : "";
if (installed !== wanted) {
  log("installing dependencies with pnpm ...");
  const frozen = process.env.CI && existsSync(lockfile) ? ["--frozen-lockfile"] : [];
  const status = pnpm(["install", ...frozen]);
  if (status !== 0) process.exit(status);
  writeFileSync(stamp, `${wanted}\n`);
}

// `--bin NAME ARGS...` runs a binary of the root's node_modules/.bin (on the project's Node.js, which is first
// on PATH) without pnpm in between, so its output and exit code reach the caller unchanged.
const args = process.argv.slice(2);
if (args[0] === "--bin") {
  const bin = join(root, "node_modules", ".bin");
  const command = join(bin, isWindows ? `${args[1]}.cmd` : String(args[1]));
  process.exit(
    run(command, args.slice(2), { cwd: process.cwd(), env: { ...env, PATH: `${bin}${separator}${env.PATH}` } }),
  );
}
process.exit(pnpm(args, process.cwd()));
