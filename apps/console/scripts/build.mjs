#!/usr/bin/env node
// @ts-check
// Builds the console into `dist/` so that a failed build never leaves a `dist` that is served or taken as current:
//   1. the inputs (the console's sources, the SDK's and the domain's, the lockfile) are hashed; with `--if-stale` a
//      `dist` whose build mark names the same hash is kept as it is;
//   2. Vite builds into a fresh temporary folder beside `dist`;
//   3. text assets get brotli and gzip siblings (`.br`, `.gz`) for the API to serve precompressed;
//   4. the build mark (`.comensha-build.json`) is written last, and the folder is swapped in for `dist`.
// The API serves a `dist` only when it carries the mark. On any failure the temporary folder is removed and `dist`
// stays as it was.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const consoleDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(consoleDir, "../..");

/** The build mark: its presence says the folder holds a whole build; `inputs` says of which sources. */
export const buildMarkName = ".comensha-build.json";

/** What the built console depends on: a change to any of these makes `dist` stale. */
const inputPaths = [
  "apps/console/src",
  "apps/console/index.html",
  "apps/console/package.json",
  "apps/console/vite.config.ts",
  "apps/console/scripts/build.mjs",
  "packages/sdk/src",
  "packages/sdk/package.json",
  "packages/domain/src",
  "packages/domain/package.json",
  "pnpm-lock.yaml",
];

/** Files that are compressed ahead of time: text, over 1 KiB (smaller ones are not worth a second request header). */
const compressible = /\.(?:js|mjs|css|html|svg|json|txt|map|ico|webmanifest)$/;
const minCompressBytes = 1024;

/**
 * The sha256 of every input file's path and bytes, in a fixed order, so the same sources give the same hash on any
 * machine (file times do not count: a fresh clone has new ones).
 * @param {string} base the repository root
 * @returns {string}
 */
export const hashInputs = (base = root) => {
  const hash = createHash("sha256");
  /** @param {string} path */
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
      return;
    }
    hash.update(relative(base, path).split(sep).join("/"));
    hash.update("\0");
    hash.update(readFileSync(path));
    hash.update("\0");
  };
  for (const input of inputPaths) {
    const path = join(base, input);
    if (existsSync(path)) visit(path);
  }
  return hash.digest("hex");
};

/**
 * The inputs hash that a built folder's mark names, or undefined when it has no (readable) mark.
 * @param {string} dist
 * @returns {string | undefined}
 */
export const builtInputs = (dist) => {
  try {
    const mark = JSON.parse(readFileSync(join(dist, buildMarkName), "utf8"));
    return typeof mark.inputs === "string" ? mark.inputs : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Writes `.br` and `.gz` beside every compressible file of `folder` that is big enough and gets smaller.
 * @param {string} folder
 */
const precompress = (folder) => {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      precompress(path);
      continue;
    }
    if (!compressible.test(name)) continue;
    const bytes = readFileSync(path);
    if (bytes.length < minCompressBytes) continue;
    const brotli = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
    if (brotli.length < bytes.length) writeFileSync(`${path}.br`, brotli);
    const gzip = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
    if (gzip.length < bytes.length) writeFileSync(`${path}.gz`, gzip);
  }
};

/**
 * Builds the console into `outDir` (default apps/console/dist) through a temporary folder; see the top of this file.
 * @param {{ ifStale?: boolean, outDir?: string, appDir?: string, logLevel?: "info" | "warn" | "error" | "silent" }} options
 * @returns {Promise<"built" | "current">}
 */
export const buildConsole = async (options = {}) => {
  const appDir = options.appDir ?? consoleDir;
  const outDir = options.outDir ?? join(appDir, "dist");
  const inputs = hashInputs();
  if (options.ifStale && builtInputs(outDir) === inputs) return "current";
  if (options.logLevel !== "silent") process.stderr.write(`Building the console (${relative(root, appDir)}) ...\n`);
  const staging = `${outDir}.tmp-${process.pid}`;
  const retired = `${outDir}.old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const { build } = await import("vite");
    await build({
      root: appDir,
      configFile: join(appDir, "vite.config.ts"),
      logLevel: options.logLevel ?? "warn",
      build: { outDir: staging, emptyOutDir: true },
    });
    if (!existsSync(join(staging, "index.html"))) throw new Error("the build wrote no index.html");
    precompress(staging);
    writeFileSync(join(staging, buildMarkName), `${JSON.stringify({ inputs, builtAt: new Date().toISOString() })}\n`);
    if (existsSync(outDir)) renameSync(outDir, retired);
    renameSync(staging, outDir);
    rmSync(retired, { recursive: true, force: true });
    return "built";
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const appArg = args.indexOf("--app");
  buildConsole({
    ifStale: args.includes("--if-stale"),
    ...(appArg >= 0 && args[appArg + 1] !== undefined ? { appDir: args[appArg + 1] } : {}),
  }).then(
    (result) => {
      if (result === "current") process.stderr.write("console: dist is current\n");
    },
    (error) => {
      process.stderr.write(`console: the build failed; dist is left as it was\n${error?.message ?? error}\n`);
      process.exit(1);
    },
  );
}
