import { testDatabaseKinds } from "@comensha/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxBodyBytes } from "../src/app.js";
import { ProblemType } from "../src/problem.js";
import { openTestApi, type TestApi } from "./support.js";

describe.each(testDatabaseKinds())("the API on %s", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi(kind);
  });
  afterAll(async () => {
    await api?.close();
  });

  it("answers /health with the kind of database", async () => {
    const response = await api.app.request("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: kind });
  });

  it("answers an unknown route with a 404 problem carrying a stable type and the request id", async () => {
    const response = await api.app.request("/nothing-here");
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem.type).toBe(ProblemType.notFound);
    expect(problem.status).toBe(404);
    expect(problem.instance).toBe("/nothing-here");
    expect(problem.requestId).toBe(response.headers.get("X-Request-Id"));
  });

  it("keeps a sane incoming X-Request-Id and replaces an unsafe one", async () => {
    const kept = await api.app.request("/health", { headers: { "X-Request-Id": "partner-req.42" } });
    expect(kept.headers.get("X-Request-Id")).toBe("partner-req.42");
    const replaced = await api.app.request("/health", {
      headers: { "X-Request-Id": `bad id <script>;${"x".repeat(200)}` },
    });
    expect(replaced.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a body over the limit with a 413 problem", async () => {
    const response = await api.app.request("/v1/anything", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Length": String(maxBodyBytes + 1) },
      body: "x".repeat(maxBodyBytes + 1),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { type: string }).type).toBe(ProblemType.payloadTooLarge);
  });

  it("sets security headers on API responses", async () => {
    const response = await api.app.request("/health");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });

  it("serves the API reference at /docs pointing at /openapi.json", async () => {
    const response = await api.app.request("/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/html");
    expect(await response.text()).toContain("/openapi.json");
  });
});
