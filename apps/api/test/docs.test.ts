import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as zlib from "node:zlib";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { preferredCoding } from "../src/contentCoding.js";
import { ProblemType } from "../src/problem.js";
import { scalarBundle } from "../src/routes/docsAssets.js";
import { openTestApi, type TestApi } from "./support.js";

vi.mock("node:zlib", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:zlib")>();
  return { ...actual, brotliCompress: vi.fn(actual.brotliCompress), gzip: vi.fn(actual.gzip) };
});

const entry = createRequire(import.meta.url).resolve("@scalar/api-reference");
const packageDir = dirname(dirname(entry));
const installed = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version: string };
const bundleFile = readFileSync(join(packageDir, "dist/browser/standalone.js"));

const externalUrl = /(?:https?:)?\/\/(?!localhost[:/]|127\.0\.0\.1[:/])[a-z0-9.-]+\.[a-z]{2,}/i;
const scriptSources = (html: string) => [...html.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)].map((match) => match[1]);

describe("the API reference at /docs", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi("pglite");
  });
  afterAll(async () => {
    await api?.close();
  });

  const asset = (headers: Record<string, string> = {}, method = "GET") =>
    api.app.request(scalarBundle.path, { method, headers });

  it("loads the renderer from a same-origin path that names the installed version", async () => {
    expect(scalarBundle.version).toBe(installed.version);
    expect(scalarBundle.path).toBe(`/docs/assets/scalar-api-reference-${installed.version}.js`);
    const response = await api.app.request("/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/html");
    expect(scriptSources(await response.text())).toEqual([scalarBundle.path]);
  });

  it("names no other host in its HTML or its content security policy", async () => {
    const response = await api.app.request("/docs");
    const html = await response.text();
    const csp = response.headers.get("Content-Security-Policy") ?? "";
    expect(html).not.toMatch(externalUrl);
    expect(html).not.toMatch(/https?:/i);
    expect(csp).not.toMatch(/https?:|\/\/|\*|\b[a-z0-9-]+\.[a-z]{2,}\b/i);
    expect(csp).toMatch(/(^|; )script-src 'nonce-[^']+'(;|$)/);
    expect(csp).toContain("connect-src 'self'");
  });

  it("switches off what would make the renderer call out or trip the policy: telemetry, fonts, developer tools, hosted client, agent, MCP, proxy, eval", async () => {
    const html = await (await api.app.request("/docs")).text();
    expect(html).toContain('"telemetry": false');
    expect(html).toContain('"withDefaultFonts": false');
    expect(html).toContain('"persistAuth": false');
    expect(html).toContain('"showDeveloperTools": "never"');
    expect(html).toContain('"hideClientButton": true');
    expect(html).toMatch(/"agent": \{\s*"disabled": true\s*\}/);
    expect(html).toMatch(/"mcp": \{\s*"disabled": true\s*\}/);
    expect(html).not.toMatch(/proxyUrl|"proxy"/);
    const jitless = html.indexOf("globalThis.__zod_globalConfig = { jitless: true }");
    expect(jitless).toBeGreaterThan(0);
    expect(jitless).toBeLessThan(html.indexOf(`src="${scalarBundle.path}"`));
  });

  it("serves the renderer as JavaScript cached for a year as immutable, the package's file byte for byte", async () => {
    const response = await asset();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("Vary")).toBe("Accept-Encoding");
    expect(response.headers.get("Content-Encoding")).toBeNull();
    expect(response.headers.get("Content-Length")).toBe(String(bundleFile.byteLength));
    expect(Buffer.from(await response.arrayBuffer()).equals(bundleFile)).toBe(true);
  });

  it("answers brotli when the client accepts it, even beside gzip, decompressing to the package's file", async () => {
    const response = await asset({ "Accept-Encoding": "gzip, deflate, br, zstd" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Encoding")).toBe("br");
    expect(response.headers.get("Vary")).toBe("Accept-Encoding");
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get("Content-Length")).toBe(String(body.byteLength));
    expect(body.byteLength).toBeLessThan(bundleFile.byteLength / 2);
    expect(zlib.brotliDecompressSync(body).equals(bundleFile)).toBe(true);
  });

  it("answers gzip when the client accepts gzip but not brotli, decompressing to the package's file", async () => {
    const response = await asset({ "Accept-Encoding": "gzip, br;q=0" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Encoding")).toBe("gzip");
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get("Content-Length")).toBe(String(body.byteLength));
    expect(body.byteLength).toBeLessThan(bundleFile.byteLength / 2);
    expect(zlib.gunzipSync(body).equals(bundleFile)).toBe(true);
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    const get = await asset({ "Accept-Encoding": "br" });
    const head = await asset({ "Accept-Encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("Content-Encoding")).toBe("br");
    expect(head.headers.get("Content-Length")).toBe(get.headers.get("Content-Length"));
    expect(head.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it("answers an unknown file under /docs/assets/ with a 404 problem", async () => {
    for (const path of ["/docs/assets/x.js", "/docs/assets/scalar-api-reference-0.0.0.js"]) {
      const response = await api.app.request(path);
      expect(response.status).toBe(404);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
      expect(((await response.json()) as { type: string }).type).toBe(ProblemType.notFound);
    }
  });
});

describe("the compression of the renderer", () => {
  it("compresses each coding once, on its first request, however many requests ask at once", async () => {
    vi.resetModules();
    vi.clearAllMocks();
    const fresh = await import("../src/routes/docsAssets.js");
    const app = new Hono().route("/", fresh.docsAssetRoutes());
    const bodyOf = async (acceptEncoding: string) => {
      const response = await app.request(fresh.scalarBundle.path, { headers: { "Accept-Encoding": acceptEncoding } });
      return Buffer.from(await response.arrayBuffer());
    };
    expect((await bodyOf("identity")).equals(bundleFile)).toBe(true);
    expect(zlib.brotliCompress).not.toHaveBeenCalled();
    expect(zlib.gzip).not.toHaveBeenCalled();
    const [first, ...others] = await Promise.all(Array.from({ length: 4 }, () => bodyOf("br")));
    const [firstGzip, ...otherGzips] = await Promise.all(Array.from({ length: 4 }, () => bodyOf("gzip")));
    others.push(await bodyOf("br"));
    otherGzips.push(await bodyOf("gzip"));
    expect(others.every((body) => first?.equals(body))).toBe(true);
    expect(otherGzips.every((body) => firstGzip?.equals(body))).toBe(true);
    expect(zlib.brotliCompress).toHaveBeenCalledTimes(1);
    expect(zlib.gzip).toHaveBeenCalledTimes(1);
  });
});

describe("the choice of content coding for the renderer", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["identity", undefined],
    ["br", "br"],
    ["gzip", "gzip"],
    ["gzip, br", "br"],
    ["br;q=0.1, gzip;q=1", "br"],
    ["br;q=0, gzip", "gzip"],
    ["BR;Q=0, GZIP", "gzip"],
    ["deflate, zstd", undefined],
    ["*", "br"],
    ["*;q=0", undefined],
    ["br;q=0, *", "gzip"],
    ["br;q=0, gzip;q=0, *", undefined],
    ["gzip;q=0.000", undefined],
    ["br;q=oops, gzip", "gzip"],
  ])("answers Accept-Encoding %j with %s", (header, coding) => {
    expect(preferredCoding(header)).toBe(coding);
  });
});
