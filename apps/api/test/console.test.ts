import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeApp } from "../src/app.js";
import { silentLogger } from "../src/logger.js";
import { consoleCsp } from "../src/routes/console.js";
import type { AppRuntime } from "../src/runtime.js";

describe("serving the built console", () => {
  const dist = mkdtempSync(join(tmpdir(), "comensha-dist-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>CoMensha</title>");
  writeFileSync(join(dist, "assets", "index-abc123.js"), "console.log(1)");
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
});
