#!/usr/bin/env node
// @ts-check
// The console's JavaScript at first load: what a browser must fetch before it can show the log-in or the dashboard,
// that is the script of `apps/console/dist/index.html`, its modulepreloads, and every chunk those import statically
// (not the pages loaded when opened). Sizes as the API serves them: gzip -9 (and brotli, which browsers that accept
// it get), against the target; and all the console's scripts together.
//
// The console is built first when its dist is stale (`scripts/build.mjs --if-stale`). The figures are the bytes of
// that dist. Then a second Vite build, in memory, tells what the first-load chunks are made of: the largest packages
// and folders (rendered size before minifying, so as a ranking, not bytes on the wire), and whether any chunk holds
// a module of `effect` (the domain's schemas, which the console must not ship).
//
//   node bench/consoleJs.mjs
//
// Target (issue 16): first-load JavaScript <= 100 KiB gzip, with no `effect` in it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, posix } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { report, rootDir } from "./lib.mjs";

const consoleDir = join(rootDir, "apps/console");
const distDir = join(consoleDir, "dist");
const targetKiB = 100;

/** @param {number} bytes */
const kib = (bytes) => bytes / 1024;
/** @param {number} bytes */
const formatKiB = (bytes) => `${kib(bytes).toFixed(1)} KiB`;

/**
 * The scripts `index.html` loads at once: its module scripts and modulepreloads, as paths under dist (`assets/...`).
 * @param {string} html
 */
const htmlScripts = (html) => {
  const found = new Set();
  for (const match of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="\/([^"]+\.js)"/g)) found.add(match[1]);
  for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="\/([^"]+\.js)"/g))
    found.add(match[1]);
  return [...found];
};

/**
 * The chunks a minified chunk imports statically (`import{a as b}from"./x.js"`, `import"./x.js"`,
 * `export{a}from"./x.js"`), as paths under dist; dynamic `import("./x.js")` (a page) is left out.
 * @param {string} path under dist
 * @param {string} code
 */
const staticImports = (path, code) => {
  const found = new Set();
  for (const match of code.matchAll(
    /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g,
  )) {
    found.add(posix.join(posix.dirname(path), match[1] ?? ""));
  }
  return [...found];
};

/** @param {string} path under dist */
const sizes = (path) => {
  const file = join(distDir, path);
  const bytes = readFileSync(file);
  const gzip = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
  // The build writes `.br` beside each script over 1 KiB; compute it for the smaller ones.
  const brotli = existsSync(`${file}.br`)
    ? readFileSync(`${file}.br`).length
    : brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }).length;
  return { path, raw: bytes.length, gzip, brotli };
};

/** @param {ReadonlyArray<{ raw: number, gzip: number, brotli: number }>} files */
const sum = (files) => ({
  files: files.length,
  raw: files.reduce((total, file) => total + file.raw, 0),
  gzip: files.reduce((total, file) => total + file.gzip, 0),
  brotli: files.reduce((total, file) => total + file.brotli, 0),
});

/**
 * Where a module comes from: its npm package, or its folder of the repository (a page folder of the console, a
 * workspace package).
 * @param {string} id
 */
const originOf = (id) => {
  const packages = [...id.matchAll(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)];
  const last = packages.at(-1);
  if (last !== undefined) return last[1] ?? id;
  const inRepo = id.startsWith(`${rootDir}/`) ? id.slice(rootDir.length + 1) : id.replace(/^\0/, "");
  const match = /^(packages\/[^/]+|apps\/console\/src\/[^/.]+(?:\/|\.tsx?$))/.exec(inRepo);
  return match === null ? inRepo : (match[1] ?? inRepo).replace(/\/$/, "");
};

/**
 * What this benchmark reads of Vite's build in memory (`write: false`); Vite is the console's, not a dependency here.
 * @typedef {{ type: "chunk", fileName: string, isEntry: boolean, imports: ReadonlyArray<string>,
 *   modules: Readonly<Record<string, { renderedLength: number }>> }} Chunk
 * @typedef {{ output: ReadonlyArray<Chunk | { type: "asset" }> }} BuildOutput
 * @typedef {{ build: (config: object) => Promise<BuildOutput | ReadonlyArray<BuildOutput>> }} Vite
 */

/**
 * The composition of the first-load chunks, from a build in memory: module sizes by origin, the largest modules, and
 * the modules of `effect` in any chunk.
 * @param {ReadonlyArray<string>} initialFiles paths under dist, from the real dist
 */
const analyse = async (initialFiles) => {
  const vitePath = createRequire(join(consoleDir, "package.json")).resolve("vite");
  /** @type {Vite} */
  const vite = await import(pathToFileURL(vitePath).href);
  const result = await vite.build({
    root: consoleDir,
    configFile: join(consoleDir, "vite.config.ts"),
    logLevel: "silent",
    build: { write: false },
  });
  /** @type {ReadonlyArray<BuildOutput>} */
  const builds = Array.isArray(result) ? result : [result];
  const chunks = builds
    .flatMap((out) => out.output)
    .filter(/** @returns {output is Chunk} */ (output) => output.type === "chunk");
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  /** @type {Set<string>} */
  const initial = new Set();
  /** @param {string} fileName */
  const visit = (fileName) => {
    const chunk = byFile.get(fileName);
    if (chunk === undefined || initial.has(fileName)) return;
    initial.add(fileName);
    for (const imported of chunk.imports) visit(imported);
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
  const sameFiles = [...initial].sort().join() === [...initialFiles].sort().join();

  /** @type {Map<string, number>} */
  const origins = new Map();
  /** @type {Array<{ id: string, rendered: number }>} */
  const modules = [];
  let effectModules = 0;
  for (const chunk of chunks) {
    for (const [id, module] of Object.entries(chunk.modules)) {
      if (originOf(id) === "effect") effectModules++;
      if (!initial.has(chunk.fileName)) continue;
      origins.set(originOf(id), (origins.get(originOf(id)) ?? 0) + module.renderedLength);
      modules.push({
        id: id.startsWith(`${rootDir}/`) ? id.slice(rootDir.length + 1) : id,
        rendered: module.renderedLength,
      });
    }
  }
  const largestOrigins = [...origins]
    .map(([origin, rendered]) => ({ origin, rendered }))
    .sort((a, b) => b.rendered - a.rendered)
    .slice(0, 12);
  const largestModules = modules.sort((a, b) => b.rendered - a.rendered).slice(0, 8);
  return { sameFiles, effectModules, largestOrigins, largestModules };
};

const main = async () => {
  const { buildConsole } = await import(pathToFileURL(join(consoleDir, "scripts/build.mjs")).href);
  const built = await buildConsole({ ifStale: true, logLevel: "warn" });

  /** @type {Set<string>} */
  const initialFiles = new Set();
  /** @param {string} path */
  const visit = (path) => {
    if (initialFiles.has(path)) return;
    initialFiles.add(path);
    for (const imported of staticImports(path, readFileSync(join(distDir, path), "utf8"))) visit(imported);
  };
  for (const path of htmlScripts(readFileSync(join(distDir, "index.html"), "utf8"))) visit(path);
  const allScripts = readdirSync(join(distDir, "assets"))
    .filter((name) => name.endsWith(".js"))
    .map((name) => `assets/${name}`);

  const initialSizes = [...initialFiles].map(sizes);
  const initial = sum(initialSizes);
  const total = sum(allScripts.map(sizes));
  const effectInDist = allScripts.filter((path) => readFileSync(join(distDir, path), "utf8").includes("~effect/"));
  const composition = await analyse([...initialFiles]);

  const ratio = kib(initial.gzip) / targetKiB;
  const lines = [
    `console dist: ${built === "built" ? "built now" : "current"} (${allScripts.length} scripts)`,
    `first load: ${initial.files} script(s), ${formatKiB(initial.gzip)} gzip -9 (${formatKiB(initial.brotli)} brotli, ${formatKiB(initial.raw)} minified)`,
    `  ${initialSizes.map((file) => `${file.path} ${formatKiB(file.gzip)}`).join(", ")}`,
    `all scripts: ${formatKiB(total.gzip)} gzip -9 (${formatKiB(total.brotli)} brotli, ${formatKiB(total.raw)} minified)`,
    `effect: ${composition.effectModules} module(s) in the chunks; ${effectInDist.length} script(s) of dist carry "~effect/"`,
    `target: first load <= ${targetKiB} KiB gzip -> ${(ratio * 100).toFixed(0)}% of it (${ratio <= 1 && composition.effectModules === 0 && effectInDist.length === 0 ? "met" : "NOT met"})`,
    "largest at first load (rendered size before minifying):",
    ...composition.largestOrigins.map(({ origin, rendered }) => `  ${formatKiB(rendered).padStart(10)}  ${origin}`),
    ...(composition.sameFiles ? [] : ["note: the in-memory build chose other first-load chunks than dist holds"]),
  ];
  report("console-js", lines.join("\n"), {
    targetKiB,
    ratio,
    initial: { ...initial, scripts: initialSizes },
    total,
    effectModules: composition.effectModules,
    effectScriptsInDist: effectInDist,
    largestInitialOrigins: composition.largestOrigins,
    largestInitialModules: composition.largestModules,
  });
};

await main();
