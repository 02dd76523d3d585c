import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import Comensha, { ApiPromise, ComenshaError, Comensha as NamedComensha, VERSION } from "../src/index.js";
import { apiKey, clientWith, json, mockFetch } from "./support.js";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe("constructing a client", () => {
  it("exports the client as the default and as a named export", () => {
    expect(Comensha).toBe(NamedComensha);
  });

  it("keeps VERSION equal to the version in package.json", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(VERSION).toBe(manifest.version);
    expect(Comensha.VERSION).toBe(manifest.version);
  });

  it("throws a ComenshaError when there is no API key, neither passed nor in the environment", () => {
    vi.stubEnv("COMENSHA_API_KEY", "");
    expect(() => new Comensha({ baseUrl: "http://api.test" })).toThrow(ComenshaError);
    expect(() => new Comensha({ baseUrl: "http://api.test" })).toThrow(/COMENSHA_API_KEY/);
  });

  it("reads the API key from COMENSHA_API_KEY when none is passed", async () => {
    vi.stubEnv("COMENSHA_API_KEY", "cmk_fromenv_secret");
    const { fetch, requests } = mockFetch(json(200, { data: [] }));
    await new Comensha({ baseUrl: "http://api.test", fetch }).codeLists.get();
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer cmk_fromenv_secret");
  });

  it("works where there is no process (browsers): a passed key is used, a missing one is a ComenshaError", () => {
    vi.stubGlobal("process", undefined);
    let withKey: unknown;
    let withoutKey: unknown;
    try {
      withKey = new Comensha({ apiKey, baseUrl: "http://api.test" });
    } catch (error) {
      withKey = error;
    }
    try {
      withoutKey = new Comensha({ baseUrl: "http://api.test" });
    } catch (error) {
      withoutKey = error;
    }
    vi.unstubAllGlobals();
    expect(withKey).toBeInstanceOf(Comensha);
    expect(withoutKey).toBeInstanceOf(ComenshaError);
  });

  it("throws a ComenshaError without a base URL, with one that is not http(s), or with a bad retry count", () => {
    vi.stubEnv("COMENSHA_BASE_URL", "");
    expect(() => new Comensha({ apiKey })).toThrow(/base URL/);
    expect(() => new Comensha({ apiKey, baseUrl: "ftp://api.test" })).toThrow(ComenshaError);
    expect(() => new Comensha({ apiKey, baseUrl: "not a url" })).toThrow(ComenshaError);
    expect(() => new Comensha({ apiKey, baseUrl: "http://api.test", maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => new Comensha({ apiKey, baseUrl: "http://api.test", timeout: 0 })).toThrow(/timeout/);
  });

  it("uses the defaults of 2 retries and a 60 s timeout, and drops a trailing slash of the base URL", () => {
    const client = new Comensha({ apiKey, baseUrl: "http://api.test/comensha/" });
    expect(client.maxRetries).toBe(2);
    expect(client.timeout).toBe(60_000);
    expect(client.baseUrl).toBe("http://api.test/comensha");
  });

  it("does not show the API key among the client's properties", () => {
    const client = new Comensha({ apiKey, baseUrl: "http://api.test" });
    expect(JSON.stringify(client)).not.toContain("s3cr3t");
    expect(Object.values(client)).not.toContain(apiKey);
  });
});

describe("headers", () => {
  it("sends the key as a bearer token, asks for JSON and names the SDK and its version", async () => {
    const { fetch, requests } = mockFetch(json(200, { data: [] }));
    await clientWith(fetch).codeLists.get();
    const headers = requests[0]?.headers;
    expect(headers?.get("authorization")).toBe(`Bearer ${apiKey}`);
    expect(headers?.get("accept")).toBe("application/json");
    expect(headers?.get("x-comensha-client")).toBe(`sdk-ts/${VERSION}`);
    expect(headers?.get("user-agent")).toBe(`comensha-sdk-ts/${VERSION}`);
    expect(headers?.has("content-type")).toBe(false);
  });

  it("does not set User-Agent in a browser", async () => {
    vi.stubGlobal("document", {});
    const { fetch, requests } = mockFetch(json(200, { data: [] }));
    await clientWith(fetch).codeLists.get();
    expect(requests[0]?.headers.has("user-agent")).toBe(false);
    expect(requests[0]?.headers.get("x-comensha-client")).toBe(`sdk-ts/${VERSION}`);
  });

  it("adds the client's default headers and each call's headers, and removes those set to null", async () => {
    const { fetch, requests } = mockFetch(json(200, { data: [] }), json(200, { data: [] }));
    const client = clientWith(fetch, { defaultHeaders: { "X-Tenant": "east", "User-Agent": null } });
    await client.codeLists.get();
    await client.codeLists.get({ headers: { "X-Tenant": "west", "X-Trace": "t-1" } });
    expect(requests[0]?.headers.get("x-tenant")).toBe("east");
    expect(requests[0]?.headers.has("user-agent")).toBe(false);
    expect(requests[1]?.headers.get("x-tenant")).toBe("west");
    expect(requests[1]?.headers.get("x-trace")).toBe("t-1");
  });

  it("sends to the base URL's path prefix", async () => {
    const { fetch, requests } = mockFetch(json(200, { data: [] }));
    await clientWith(fetch, { baseUrl: "https://gateway.test/comensha/" }).codeLists.get();
    expect(requests[0]?.url).toBe("https://gateway.test/comensha/v1/code-lists");
  });
});

describe("the promise a call returns", () => {
  it("is a Promise, and withResponse() gives the headers and the request id too", async () => {
    const { fetch } = mockFetch(json(200, { id: "sex", codes: [] }, { ETag: '"1"', "X-Request-Id": "req-42" }));
    const call = clientWith(fetch).codeLists.get("sex");
    expect(call).toBeInstanceOf(Promise);
    expect(call).toBeInstanceOf(ApiPromise);
    const { data, response, requestId } = await call.withResponse();
    expect(data).toEqual({ id: "sex", codes: [] });
    expect(response.headers.get("etag")).toBe('"1"');
    expect(requestId).toBe("req-42");
    expect(await call).toEqual({ id: "sex", codes: [] });
  });

  it("supports catch and finally", async () => {
    const { fetch } = mockFetch(new Response("nope", { status: 404 }));
    let finished = false;
    const caught = await clientWith(fetch)
      .codeLists.get("sex")
      .catch((error: unknown) => (error as Error).name)
      .finally(() => {
        finished = true;
      });
    expect(caught).toBe("NotFoundError");
    expect(finished).toBe(true);
  });

  it("reaches a route the SDK does not wrap through request(), with the same headers", async () => {
    const { fetch, requests } = mockFetch(json(200, { status: "ok", database: "pglite" }));
    const health = await clientWith(fetch).request<{ status: string }>({
      method: "GET",
      path: "/v1/shelters/{id}",
      params: { id: "a b" },
      query: { include: "places", skip: undefined },
    });
    expect(health.status).toBe("ok");
    expect(requests[0]?.url).toBe("http://api.test/v1/shelters/a%20b?include=places");
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${apiKey}`);
  });

  it("rejects a 2xx answer that claims JSON but is not, without retrying it", async () => {
    const { fetch, requests } = mockFetch(
      new Response("{not json", { status: 200, headers: { "Content-Type": "application/json" } }),
    );
    await expect(clientWith(fetch).codeLists.get()).rejects.toThrow(/not JSON/);
    expect(requests).toHaveLength(1);
  });
});
