import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { makeApp } from "../src/app.js";
import { silentLogger } from "../src/logger.js";
import { consoleBuildMark, consoleCsp } from "../src/routes/console.js";
import type { AppRuntime } from "../src/runtime.js";

describe("serving the built console", () => {
  const dist = mkdtempSync(join(tmpdir(), "comensha-dist-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>CoMensha</title>");
  writeFileSync(join(dist, "assets", "index-abc123.js"), "console.log(1)");
  const bigScript = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word ${i}`))};`;
  writeFileSync(join(dist, "assets", "app-def456.js"), bigScript);
  writeFileSync(join(dist, "assets", "app-def456.js.br"), brotliCompressSync(bigScript));
  writeFileSync(join(dist, "assets", "app-def456.js.gz"), gzipSync(bigScript));
  writeFileSync(join(dist, consoleBuildMark), '{"inputs":"abc"}\n');
  afterAll(() => rmSync(dist, { recursive: true, force: true }));
  const app = makeApp({ runtime: {} as AppRuntime, logger: silentLogger, consoleDir: dist });

  it("answers / and the console's own pages with index.html under a same-origin CSP", async () => {
    for (const path of ["/", "/reports", "/registrations/0193"]) {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("content-security-policy")).toBe(consoleCsp);
      expect(response.headers.get("cache-control")).toBe("no-cache");
      expect(await response.text()).toContain("<title>CoMensha</title>");
    }
  });

  it("serves hashed assets for a year, and a missing file as 404", async () => {
    const asset = await app.request("/assets/index-abc123.js");
    expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await asset.text()).toBe("console.log(1)");
    expect((await app.request("/assets/missing.js")).status).toBe(404);
  });

  it("leaves API paths to the API", async () => {
    const response = await app.request("/v1/nothing-here");
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const openapi = await app.request("/openapi.json");
    expect(openapi.headers.get("content-type")).toContain("application/json");
  });

  it("mounts nothing when the console is not built", async () => {
    const bare = makeApp({ runtime: {} as AppRuntime, logger: silentLogger, consoleDir: join(dist, "none") });
    expect((await bare.request("/")).status).toBe(404);
  });

  it("serves nothing from a folder without the build mark, such as one a failed build left behind", async () => {
    const half = mkdtempSync(join(tmpdir(), "comensha-dist-half-"));
    try {
      mkdirSync(join(half, "assets"));
      writeFileSync(join(half, "index.html"), '<!doctype html><script type="module" src="/assets/a.js"></script>');
      writeFileSync(join(half, "assets", "a.js"), 'import "@comensha/sdk";');
      const app = makeApp({ runtime: {} as AppRuntime, logger: silentLogger, consoleDir: half });
      for (const path of ["/", "/login", "/assets/a.js"]) expect((await app.request(path)).status).toBe(404);
    } finally {
      rmSync(half, { recursive: true, force: true });
    }
  });

  it("sends the build's brotli or gzip copy to a client that accepts it, and the plain file to one that does not", async () => {
    const path = "/assets/app-def456.js";
    const brotli = await app.request(path, { headers: { "accept-encoding": "gzip, deflate, br, zstd" } });
    expect(brotli.headers.get("content-encoding")).toBe("br");
    expect(brotli.headers.get("vary")).toBe("Accept-Encoding");
    expect(brotli.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const brotliBytes = Buffer.from(await brotli.arrayBuffer());
    expect(brotli.headers.get("content-length")).toBe(String(brotliBytes.length));
    expect(brotliDecompressSync(brotliBytes).toString("utf8")).toBe(bigScript);

    const gzip = await app.request(path, { headers: { "accept-encoding": "gzip;q=1, br;q=0" } });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString("utf8")).toBe(bigScript);

    const plain = await app.request(path);
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toBe("Accept-Encoding");
    expect(await plain.text()).toBe(bigScript);
  });

  it("never serves the build mark or the compressed copies as files of their own", async () => {
    for (const path of [`/${consoleBuildMark}`, "/assets/app-def456.js.br", "/assets/app-def456.js.gz"]) {
      expect((await app.request(path)).status).toBe(404);
    }
  });
});
