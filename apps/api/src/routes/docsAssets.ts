import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { Schema } from "effect";
import { Hono } from "hono";
import { type ContentCoding, preferredCoding } from "../contentCoding.js";
import type { AppEnv } from "../env.js";

const PackageJson = Schema.Struct({ name: Schema.String, version: Schema.String, browser: Schema.String });

/**
 * The installed package `name`: its folder and its `package.json`, found by walking up from its entry point
 * because its exports map does not expose `package.json`.
 */
const installedPackage = (name: string) => {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const manifest: unknown = JSON.parse(readFileSync(file, "utf8"));
      if (Schema.is(PackageJson)(manifest) && manifest.name === name) return { dir, manifest };
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json of ${name} above its entry point`);
    dir = parent;
  }
};

/**
 * The copy of the renderer that the compiled API carries beside itself (its build writes `package.json` and the
 * script into `scalar-api-reference/`; see tsup.config.ts), so a deployed bundle needs no renderer package.
 */
const bundledCopy = fileURLToPath(new URL("./scalar-api-reference/", import.meta.url));

const readCopy = (dir: string) => {
  const manifest: unknown = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  if (!Schema.is(PackageJson)(manifest)) throw new Error(`${dir}package.json is not the renderer's manifest`);
  return { dir, manifest };
};

const scalar = existsSync(join(bundledCopy, "package.json"))
  ? readCopy(bundledCopy)
  : installedPackage("@scalar/api-reference");

/**
 * The browser bundle of the API reference renderer (`@scalar/api-reference`, pinned in the API's devDependencies):
 * its version, the file on disk (the package's `browser` entry, a single self-contained script), and the
 * same-origin path `/docs` loads it from. The path carries the version, so the script can be cached forever and
 * an upgrade of the package is a new URL.
 */
export const scalarBundle = {
  version: scalar.manifest.version,
  file: join(scalar.dir, scalar.manifest.browser),
  path: `/docs/assets/scalar-api-reference-${scalar.manifest.version}.js`,
} as const;

/**
 * Brotli quality 6: the 4.9 MB bundle shrinks to 1.2 MB in about 0.15 s (measured on a 2-core machine; the whole
 * first request 0.2-0.35 s), where the maximum (11) gains another 12 % but takes about 8 s. Gzip keeps its default
 * level (1.4 MB in about 0.1 s).
 */
const brotliQuality = 6;

const compressors: Readonly<Record<ContentCoding, (bytes: Uint8Array) => Promise<Uint8Array<ArrayBuffer>>>> = {
  br: (bytes) =>
    promisify(brotliCompress)(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: brotliQuality,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      },
    }),
  gzip: (bytes) => promisify(gzip)(bytes),
};

/**
 * The bundle's bytes in `coding`, read and compressed once, on first use, and kept in memory: a process that never
 * serves `/docs` pays nothing, and no request compresses again. A failed read or compression is retried by the
 * next request rather than remembered.
 */
const bundleBytes = (() => {
  const cache = new Map<ContentCoding | "identity", Promise<Uint8Array<ArrayBuffer>>>();
  const cached = (key: ContentCoding | "identity", make: () => Promise<Uint8Array<ArrayBuffer>>) => {
    const existing = cache.get(key);
    if (existing !== undefined) return existing;
    const made = make();
    cache.set(key, made);
    made.catch(() => cache.delete(key));
    return made;
  };
  const identity = () => cached("identity", () => readFile(scalarBundle.file));
  return (coding: ContentCoding | undefined) =>
    coding === undefined ? identity() : cached(coding, async () => compressors[coding](await identity()));
})();

/**
 * `GET /docs/assets/scalar-api-reference-<version>.js`: the reference renderer from the installed package, so
 * `/docs` needs no CDN and no internet. Cached for a year as immutable (the version is in the path), brotli or gzip
 * when the client accepts it. Any other path under `/docs/assets/` falls to the app's 404.
 */
export const docsAssetRoutes = () =>
  new Hono<AppEnv>().get(scalarBundle.path, async (c) => {
    const coding = preferredCoding(c.req.header("Accept-Encoding"));
    const bytes = await bundleBytes(coding);
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    c.header("Vary", "Accept-Encoding");
    if (coding !== undefined) c.header("Content-Encoding", coding);
    c.header("Content-Length", String(bytes.byteLength));
    return c.body(bytes);
  });
