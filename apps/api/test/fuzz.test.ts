import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

describe("the registrations API under arbitrary input", () => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let policeKey: string;
  let n = 0;
  beforeAll(async () => {
    api = await openTestApi("pglite");
    policeKey = (await makeOrganisation(api, { name: "Politie Fuzz", kind: "police" })).apiKey;
    police = caller(api, policeKey);
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = (body: string) =>
    police("/v1/registrations", { method: "POST", body, headers: { "Idempotency-Key": `fuzz-${++n}` } });

  const expectClientError = async (response: Response) => {
    expect(response.status).toBeLessThan(500);
    if (response.status >= 400) expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  };

  it("never answers 5xx to arbitrary JSON", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        await expectClientError(await post(JSON.stringify(value)));
      }),
      { numRuns: 150 },
    );
  });

  it("never answers 5xx when one field of a valid report is replaced by anything", async () => {
    const body = registrationBody();
    const paths: Array<ReadonlyArray<string>> = [
      ["reportedOn"],
      ["person"],
      ["person", "familyName"],
      ["person", "dateOfBirth"],
      ["person", "birthYear"],
      ["person", "nationalities"],
      ["person", "aliases"],
      ["exploitation", "forms"],
      ["exploitation", "country"],
      ["reflectionPeriod", "startsOn"],
      ["reflectionPeriod"],
      ["legalBasis"],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), async (path, value) => {
        const copy = structuredClone(body) as Record<string, unknown>;
        let target = copy;
        for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
        target[path.at(-1) as string] = value;
        await expectClientError(await post(JSON.stringify(copy)));
      }),
      { numRuns: 200 },
    );
  });

  it("never answers 5xx to arbitrary bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        const response = await api.app.request("/v1/registrations", {
          method: "POST",
          headers: {
            Authorization: `Bearer ${policeKey}`,
            "Content-Type": "application/json",
            "Idempotency-Key": `bytes-${++n}`,
          },
          body: bytes,
        });
        expect([400, 422]).toContain(response.status);
      }),
      { numRuns: 100 },
    );
  });
});
