import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { type ContentCoding, offeredCodings, preferredCoding } from "../contentCoding.js";

/**
 * The console's pages may load only what the API itself serves: its own scripts and styles (Vite emits no inline
 * ones), images, and calls to the API on the same origin.
 */
export const consoleCsp =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

const mediaTypes: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** The mark that the console's build script writes last: a folder without it holds no whole build. */
export const consoleBuildMark = ".comensha-build.json";

/** Whether `distDir` holds a finished console build (the API serves nothing else). */
export const hasConsoleBuild = (distDir: string | undefined): distDir is string =>
  distDir !== undefined && existsSync(join(distDir, "index.html")) && existsSync(join(distDir, consoleBuildMark));

/** Where the build stores a file's compressed copies: beside it, with these suffixes. */
const suffixes: Readonly<Record<ContentCoding, string>> = { br: ".br", gzip: ".gz" };

interface StaticFile {
  readonly bytes: Uint8Array;
  readonly encoded: ReadonlyMap<ContentCoding, Uint8Array>;
  readonly mediaType: string;
  readonly immutable: boolean;
}

/**
 * Every file of the built console, read once: it is small, and it never changes while the server runs. The `.br`
 * and `.gz` siblings that the build wrote are kept with their file, not served as files of their own; dotfiles
 * (the build mark) are not served.
 */
const readDist = (dir: string): ReadonlyMap<string, StaticFile> => {
  const files = new Map<string, StaticFile>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      if (name.startsWith(".") || offeredCodings.some((coding) => name.endsWith(suffixes[coding]))) continue;
      const encoded = new Map<ContentCoding, Uint8Array>();
      for (const coding of offeredCodings) {
        if (existsSync(path + suffixes[coding])) encoded.set(coding, readFileSync(path + suffixes[coding]));
      }
      const urlPath = `/${relative(dir, path).split(sep).join("/")}`;
      files.set(urlPath, {
        bytes: readFileSync(path),
        encoded,
        mediaType: mediaTypes[extname(name)] ?? "application/octet-stream",
        immutable: urlPath.startsWith("/assets/"),
      });
    }
  };
  walk(dir);
  return files;
};

/** Paths that belong to the API, never to the console's router. */
const isApiPath = (path: string) =>
  path.startsWith("/v1/") ||
  path === "/v1" ||
  path === "/health" ||
  path.startsWith("/health/") ||
  path === "/openapi.json" ||
  path === "/docs" ||
  path.startsWith("/docs/");

/**
 * Serves the built console (`apps/console/dist`) from the API's origin: its files (brotli or gzip as the build
 * precompressed them, when the client accepts it; hashed assets cached for a year), and `index.html` for any other
 * page the console's router knows, so a reload of `/reports` works. It answers only GET requests that no API route
 * took (the app's not-found handler asks it first), so the API's 404 and 405 answers stay as they are. Without a
 * finished build (no build mark: none yet, or one that failed half-way) it answers nothing.
 */
export const consolePages = (
  distDir: string | undefined,
): ((method: string, path: string, acceptEncoding?: string) => Response | undefined) => {
  if (!hasConsoleBuild(distDir)) return () => undefined;
  const files = readDist(distDir);
  const index = files.get("/index.html");
  const send = (file: StaticFile, cacheControl: string, acceptEncoding: string | undefined) => {
    const coding = preferredCoding(acceptEncoding, [...file.encoded.keys()]);
    const bytes = coding === undefined ? file.bytes : (file.encoded.get(coding) ?? file.bytes);
    const headers = new Headers({
      "content-type": file.mediaType,
      "content-length": String(bytes.byteLength),
      "cache-control": cacheControl,
      "content-security-policy": consoleCsp,
    });
    if (file.encoded.size > 0) headers.set("vary", "Accept-Encoding");
    if (coding !== undefined) headers.set("content-encoding", coding);
    return new Response(bytes, { status: 200, headers });
  };
  return (method, path, acceptEncoding) => {
    if ((method !== "GET" && method !== "HEAD") || isApiPath(path)) return undefined;
    const file = files.get(path);
    if (file !== undefined && path !== "/index.html") {
      return send(file, file.immutable ? "public, max-age=31536000, immutable" : "no-cache", acceptEncoding);
    }
    const wantsPage = extname(path) === "" || path === "/index.html";
    return index !== undefined && wantsPage ? send(index, "no-cache", acceptEncoding) : undefined;
  };
};
