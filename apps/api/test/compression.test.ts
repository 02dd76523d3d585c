import { createHash } from "node:crypto";
import { gunzipSync, inflateSync } from "node:zlib";
import { testDatabaseKinds } from "@comensha/db/testing";
import { Ports } from "@comensha/domain";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemType } from "../src/problem.js";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

const bodyOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

/** The body as the client gets it after undoing the response's content coding. */
const decodedBody = async (response: Response) => {
  const bytes = await bodyOf(response);
  const coding = response.headers.get("Content-Encoding");
  if (coding === "gzip") return gunzipSync(bytes);
  if (coding === "deflate") return inflateSync(bytes);
  if (coding === null) return bytes;
  throw new Error(`unexpected Content-Encoding ${coding}`);
};

describe.each(testDatabaseKinds())("compression of the API's answers on %s", (kind) => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let policy: ReturnType<typeof caller>;

  beforeAll(async () => {
    api = await openTestApi(kind);
    police = caller(api, (await makeOrganisation(api, { name: "Politie Testeenheid", kind: "police" })).apiKey);
    policy = caller(api, (await makeOrganisation(api, { name: "Beleid", kind: "other", role: "policy" })).apiKey);
    for (let index = 0; index < 5; index++) {
      const created = await police("/v1/registrations", {
        method: "POST",
        body: registrationBody(),
        headers: { "Idempotency-Key": crypto.randomUUID() },
      });
      expect(created.status).toBe(201);
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  it("gzips a large list for a client that accepts gzip, to the same JSON as without", async () => {
    const plain = await police("/v1/registrations");
    expect(plain.status).toBe(200);
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    expect(plain.headers.get("Vary")).toContain("Accept-Encoding");
    const plainBytes = await bodyOf(plain);
    expect(plainBytes.byteLength).toBeGreaterThan(1024);
    expect(Number(plain.headers.get("Content-Length"))).toBe(plainBytes.byteLength);

    const gzipped = await police("/v1/registrations", { headers: { "Accept-Encoding": "gzip, deflate, br" } });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers.get("Content-Encoding")).toBe("gzip");
    expect(gzipped.headers.get("Content-Type")).toBe("application/json");
    expect(gzipped.headers.get("Content-Length")).toBeNull();
    expect(gzipped.headers.get("Vary")).toContain("Accept-Encoding");
    expect(gzipped.headers.get("X-Request-Id")).not.toBeNull();
    expect(gzipped.headers.get("Cache-Control")).toBe("no-store");
    const compressed = await bodyOf(gzipped);
    expect(compressed.byteLength).toBeLessThan(plainBytes.byteLength);
    expect(JSON.parse(gunzipSync(compressed).toString("utf8"))).toEqual(JSON.parse(plainBytes.toString("utf8")));
  });

  it("deflates for a client that accepts only deflate", async () => {
    const plain = (await (await police("/v1/registrations")).json()) as unknown;
    const deflated = await police("/v1/registrations", { headers: { "Accept-Encoding": "deflate" } });
    expect(deflated.headers.get("Content-Encoding")).toBe("deflate");
    expect(JSON.parse((await decodedBody(deflated)).toString("utf8"))).toEqual(plain);
  });

  it("leaves a tiny answer uncompressed, whatever the client accepts", async () => {
    const response = await api.app.request("/health", { headers: { "Accept-Encoding": "gzip, deflate" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Encoding")).toBeNull();
    expect(await response.json()).toEqual({ status: "ok", database: kind });

    const problem = await police("/v1/registrations/01900000-0000-7000-8000-000000000000", {
      headers: { "Accept-Encoding": "gzip" },
    });
    expect(problem.status).toBe(404);
    expect(problem.headers.get("Content-Encoding")).toBeNull();
    expect(problem.headers.get("Content-Type")).toBe("application/problem+json");
    expect(((await problem.json()) as { type: string }).type).toBe(ProblemType.notFound);
  });

  it("compresses nothing for a client that sends no Accept-Encoding or refuses every coding", async () => {
    for (const headers of [{}, { "Accept-Encoding": "identity" }, { "Accept-Encoding": "gzip;q=0, deflate;q=0" }]) {
      const response = await police("/v1/registrations", { headers });
      expect(response.headers.get("Content-Encoding")).toBeNull();
      expect(((await response.json()) as { data: unknown[] }).data).toHaveLength(5);
    }
    const document = await api.app.request("/openapi.json");
    expect(document.headers.get("Content-Encoding")).toBeNull();
    expect((await document.json()) as { openapi: string }).toMatchObject({ openapi: "3.1.0" });
  });

  it("compresses the OpenAPI document and a large problem+json answer", async () => {
    const document = await api.app.request("/openapi.json", { headers: { "Accept-Encoding": "gzip" } });
    expect(document.headers.get("Content-Encoding")).toBe("gzip");
    expect(JSON.parse((await decodedBody(document)).toString("utf8"))).toMatchObject({ openapi: "3.1.0" });

    const invalid = Object.fromEntries(Array.from({ length: 60 }, (_, index) => [`unknownField${index}`, index]));
    const rejected = await police("/v1/registrations", {
      method: "POST",
      body: { ...registrationBody({ reportedOn: "not a date", dossierType: "nothing" }), ...invalid },
      headers: { "Idempotency-Key": crypto.randomUUID(), "Accept-Encoding": "gzip" },
    });
    expect(rejected.status).toBe(422);
    expect(rejected.headers.get("Content-Type")).toBe("application/problem+json");
    const problem = JSON.parse((await decodedBody(rejected)).toString("utf8")) as { type: string; errors: unknown[] };
    expect(problem.type).toBe(ProblemType.validationFailed);
    expect(problem.errors.length).toBeGreaterThan(0);
  });

  it("keeps If-Match working with the weak ETag of a compressed answer", async () => {
    const aliases = Array.from({ length: 20 }, (_, index) => `Alias ${String.fromCharCode(65 + index)} Voorbeeldnaam`);
    const created = await police("/v1/registrations", {
      method: "POST",
      body: registrationBody({ person: { ...registrationBody().person, aliases } }),
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const plain = await police(`/v1/registrations/${id}`);
    expect(plain.headers.get("ETag")).toBe('"1"');
    const read = await police(`/v1/registrations/${id}`, { headers: { "Accept-Encoding": "gzip" } });
    expect(read.status).toBe(200);
    expect(read.headers.get("Content-Encoding")).toBe("gzip");
    const etag = read.headers.get("ETag") ?? "";
    expect(etag).toBe('W/"1"');
    const registration = JSON.parse((await decodedBody(read)).toString("utf8")) as Record<string, unknown>;
    expect(registration.version).toBe(1);

    const stale = await police(`/v1/registrations/${id}/withdraw`, {
      method: "POST",
      body: {},
      headers: { "If-Match": 'W/"7"', "Accept-Encoding": "gzip" },
    });
    expect(stale.status).toBe(412);
    const withdrawn = await police(`/v1/registrations/${id}/withdraw`, {
      method: "POST",
      body: {},
      headers: { "If-Match": etag, "Accept-Encoding": "gzip" },
    });
    expect(withdrawn.status).toBe(200);
    expect(JSON.parse((await decodedBody(withdrawn)).toString("utf8"))).toMatchObject({ status: "withdrawn" });
  });

  it("streams a report file gzipped when asked, byte for byte the file once decoded, and as stored when not", async () => {
    const csv = new TextEncoder().encode(
      `region;persons\n${Array.from({ length: 200 }, (_, index) => `region_${index};${index}`).join("\n")}\n`,
    );
    const sha256 = createHash("sha256").update(csv).digest("hex");
    const reportId = await api.runtime.runPromise(
      Effect.gen(function* () {
        const reports = yield* Ports.ReportRepository;
        const job = yield* reports.create({
          parameters: { kind: "annual_monitor", year: 2025 },
          policy: { threshold: 5 },
          origin: "api",
          requestedBy: "test",
        });
        yield* reports.complete({
          id: job.id,
          dataAsOf: "2025-12-31",
          artifacts: [
            {
              name: "annual_monitor-2025.nl.csv",
              format: "csv",
              language: "nl",
              mediaType: "text/csv; charset=utf-8",
              size: csv.byteLength,
              sha256,
              bytes: csv,
            },
          ],
        });
        return job.id;
      }),
    );
    const path = `/v1/reports/${reportId}/artifacts/annual_monitor-2025.nl.csv`;

    const gzipped = await policy(path, { headers: { "Accept-Encoding": "gzip" } });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers.get("Content-Encoding")).toBe("gzip");
    expect(gzipped.headers.get("Content-Disposition")).toBe('attachment; filename="annual_monitor-2025.nl.csv"');
    expect(gzipped.headers.get("ETag")).toBe(`W/"${sha256}"`);
    expect(gzipped.body).toBeInstanceOf(ReadableStream);
    expect(new Uint8Array(await decodedBody(gzipped))).toEqual(csv);

    const plain = await policy(path);
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    expect(plain.headers.get("ETag")).toBe(`"${sha256}"`);
    expect(new Uint8Array(await bodyOf(plain))).toEqual(csv);
  });
});
