import { readFileSync, writeFileSync } from "node:fs";
import { ProcessingRecord } from "@comensha/domain";
import Comensha, { ForbiddenError } from "@comensha/sdk";
import { Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caller, makeOrganisation, openTestApi, type TestApi } from "./support.js";

const documentUrl = new URL("../../../docs/processing-record.md", import.meta.url);

describe("GET /v1/processing-record", () => {
  let api: TestApi;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    api = await openTestApi("pglite");
    for (const role of ["admin", "auditor", "coordinator", "policy", "partner"]) {
      keys[role] = (await makeOrganisation(api, { name: `Org ${role}`, kind: "other", role })).apiKey;
    }
  });

  afterAll(async () => {
    await api?.close();
  });

  it("answers the domain's record to administrators and auditors", async () => {
    for (const role of ["admin", "auditor"]) {
      const response = await caller(api, keys[role] ?? "")("/v1/processing-record");
      expect(response.status, role).toBe(200);
      const body = Schema.decodeUnknownSync(ProcessingRecord.ProcessingRecord)(await response.json());
      expect(body).toEqual(ProcessingRecord.processingRecord);
    }
  });

  it("refuses (403) coordinators, policy staff and partners", async () => {
    for (const role of ["coordinator", "policy", "partner"]) {
      const response = await caller(api, keys[role] ?? "")("/v1/processing-record");
      expect(response.status, role).toBe(403);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    }
  });
});

describe("client.processingRecord.get()", () => {
  let api: TestApi;
  const clientOf = (apiKey: string) =>
    new Comensha({ apiKey, baseUrl: "http://api.test", fetch: async (url, init) => api.app.request(url, init) });

  beforeAll(async () => {
    api = await openTestApi("pglite");
  });

  afterAll(async () => {
    await api?.close();
  });

  it("resolves to the record for an auditor and throws ForbiddenError for a partner", async () => {
    const auditor = (await makeOrganisation(api, { name: "Audit", kind: "other", role: "auditor" })).apiKey;
    const partner = (await makeOrganisation(api, { name: "Politie", kind: "police" })).apiKey;
    const record = await clientOf(auditor).processingRecord.get();
    expect(record.legalBases.map((basis) => basis.code)).toEqual(["statutory", "consent", "legitimate_interest"]);
    await expect(clientOf(partner).processingRecord.get()).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("docs/processing-record.md", () => {
  it("is the domain's record rendered (regenerate with UPDATE_PROCESSING_RECORD=1)", () => {
    const rendered = ProcessingRecord.renderMarkdown(ProcessingRecord.processingRecord);
    if (process.env.UPDATE_PROCESSING_RECORD === "1") writeFileSync(documentUrl, rendered);
    expect(readFileSync(documentUrl, "utf8")).toBe(rendered);
  });
});
