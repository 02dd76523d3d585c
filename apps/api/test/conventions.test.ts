import { HTTPException } from "hono/http-exception";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonLogger } from "../src/logger.js";
import { ProblemType } from "../src/problem.js";
import { openTestApi, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

describe("the API's HTTP conventions", () => {
  let api: TestApi;
  const lines: Array<Json> = [];

  beforeAll(async () => {
    api = await openTestApi(
      "pglite",
      jsonLogger((line) => lines.push(JSON.parse(line) as Json)),
    );
    api.app.get("/test/crash", () => {
      throw new Error("cannot reach person Anna Voorbeeld");
    });
    api.app.get("/test/unsupported", () => {
      throw new HTTPException(415, { message: "internal hint" });
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  const logged = (requestId: string | null) => lines.filter((line) => line.requestId === requestId);

  it("answers a known path with another method as a 405 problem listing the allowed methods", async () => {
    const response = await api.app.request("/health", { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD");
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    const problem = (await response.json()) as Json;
    expect(problem.type).toBe(ProblemType.methodNotAllowed);
    expect(problem.requestId).toBe(response.headers.get("X-Request-Id"));
  });

  it("answers an unhandled error with a 500 problem that does not reveal the error, and logs it", async () => {
    const response = await api.app.request("/test/crash");
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toContain("Anna");
    const problem = JSON.parse(body) as Json;
    expect(problem).toMatchObject({ type: ProblemType.internal, status: 500, title: "Internal server error" });
    const [error] = logged(response.headers.get("X-Request-Id")).filter((line) => line.level === "error");
    expect(error).toMatchObject({ msg: "unhandled error", method: "GET", path: "/test/crash", error: "Error" });
  });

  it("turns an HTTPException into the problem for its status without its message", async () => {
    const response = await api.app.request("/test/unsupported");
    expect(response.status).toBe(415);
    const body = await response.text();
    expect(body).not.toContain("internal hint");
    expect((JSON.parse(body) as Json).type).toBe(ProblemType.unsupportedMediaType);
    expect(logged(response.headers.get("X-Request-Id")).map((line) => line.level)).toEqual(["info"]);
  });

  it("logs one JSON line per request with the path but neither the query string nor credentials", async () => {
    const response = await api.app.request("/health?familyName=Voorbeeld", {
      headers: { Authorization: "Bearer cmk_secret_value", "X-Request-Id": "log-check-1" },
    });
    expect(response.status).toBe(200);
    const requestLines = logged("log-check-1");
    expect(requestLines).toHaveLength(1);
    const [line] = requestLines;
    expect(line).toMatchObject({ level: "info", msg: "request", method: "GET", path: "/health", status: 200 });
    expect(typeof line?.time).toBe("string");
    expect(new Date(line?.time as string).toISOString()).toBe(line?.time);
    expect(line?.durationMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(line)).not.toMatch(/Voorbeeld|cmk_secret_value|Bearer/);
  });

  it("puts the security headers on problem responses too", async () => {
    const response = await api.app.request("/nothing-here");
    expect(response.status).toBe(404);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(response.headers.get("Content-Security-Policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });

  it("serves /docs under its own policy, with a fresh script nonce per response that the page's scripts carry", async () => {
    const nonceOf = (csp: string) => /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    const first = await api.app.request("/docs");
    const second = await api.app.request("/docs");
    const csp = first.headers.get("Content-Security-Policy") ?? "";
    const nonce = nonceOf(csp);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second.headers.get("Content-Security-Policy") ?? "")).not.toBe(nonce);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(/script-src [^;]*unsafe-inline/.test(csp)).toBe(false);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).toContain('"url": "/openapi.json"');
    expect(html).toContain('"telemetry": false');
    expect(first.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("gives a path that merely starts with /docs the API's policy", async () => {
    const response = await api.app.request("/docsx");
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'none'; frame-ancestors");
  });
});
