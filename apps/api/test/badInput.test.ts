import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { startServer } from "../src/server.js";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

/** Each example of the attack report (issue 13) that reached a 500 or a non-problem answer, by name. */
describe("bad input never reaches a 500, and is refused at its path", () => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  let admin: ReturnType<typeof caller>;
  let auditor: ReturnType<typeof caller>;
  let registrationId = "";
  let requestId = "";
  let n = 0;

  beforeAll(async () => {
    api = await openTestApi("pglite");
    police = caller(api, (await makeOrganisation(api, { name: "Politie Invoer", kind: "police" })).apiKey);
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha Invoer", kind: "other", role: "coordinator" })).apiKey,
    );
    admin = caller(api, (await makeOrganisation(api, { name: "Beheer Invoer", kind: "other", role: "admin" })).apiKey);
    auditor = caller(
      api,
      (await makeOrganisation(api, { name: "Audit Invoer", kind: "other", role: "auditor" })).apiKey,
    );
    const created = await police("/v1/registrations", {
      method: "POST",
      body: registrationBody(),
      headers: { "Idempotency-Key": "bad-input-registration" },
    });
    expect(created.status).toBe(201);
    registrationId = ((await created.json()) as Json).id as string;
    const request = await police("/v1/placement-requests", {
      method: "POST",
      body: {
        registrationId,
        needs: { targetGroup: "women", children: 0, urgency: "tonight", security: "high", languages: ["nl"] },
      },
      headers: { "Idempotency-Key": "bad-input-request" },
    });
    expect(request.status).toBe(201);
    requestId = ((await request.json()) as Json).id as string;
  });
  afterAll(async () => {
    await api?.close();
  });

  const problemOf = async (response: Response, status: number) => {
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    const problem = (await response.json()) as Json & { errors?: Array<{ path: string; message: string }> };
    expect(response.status, JSON.stringify(problem)).toBe(status);
    return problem;
  };
  const registrationCount = async () =>
    (((await (await coordinator("/v1/registrations?limit=200")).json()) as { data: Array<Json> }).data ?? []).length;

  it("refuses a NUL byte in a login without a session: 422 at /email, not a 500", async () => {
    const response = await api.app.request("/v1/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "coordinator\u0000@example.org", password: "geheim-wachtwoord" }),
    });
    const problem = await problemOf(response, 422);
    expect(problem.type).toBe("https://comensha.nl/problems/validation-failed");
    expect(problem.errors).toEqual([{ path: "/email", message: "Control characters (such as NUL) are not allowed" }]);
  });

  it("refuses a NUL byte in shelter, organisation and user names at their path", async () => {
    const shelter = await admin("/v1/shelters", {
      method: "POST",
      body: { name: "COSM\u0000Noord", kind: "cosm", region: "noord_nederland", places: [] },
      headers: { "Idempotency-Key": `bad-input-${++n}` },
    });
    expect((await problemOf(shelter, 422)).errors?.map((error) => error.path)).toEqual(["/name"]);
    const organisation = await admin("/v1/organisations", {
      method: "POST",
      body: { name: "Politie\u0000Zuid", kind: "police" },
      headers: { "Idempotency-Key": `bad-input-${++n}` },
    });
    expect((await problemOf(organisation, 422)).errors?.map((error) => error.path)).toEqual(["/name"]);
    const user = await admin("/v1/users", {
      method: "POST",
      body: { email: "nieuw@example.org", name: "Anna\u0000de Vries", role: "coordinator" },
      headers: { "Idempotency-Key": `bad-input-${++n}` },
    });
    expect((await problemOf(user, 422)).errors?.map((error) => error.path)).toEqual(["/name"]);
  });

  it("refuses a registration with a NUL byte in a name (it was accepted with 201), and stores nothing", async () => {
    const before = await registrationCount();
    const response = await police("/v1/registrations", {
      method: "POST",
      body: registrationBody({
        person: {
          familyName: "Jan\u0000sen",
          givenNames: "Eva\u001b",
          aliases: [],
          dateOfBirth: "1990-01-01",
          sex: "female",
          nationalities: ["NL"],
        },
      }),
      headers: { "Idempotency-Key": `bad-input-${++n}` },
    });
    expect((await problemOf(response, 422)).errors?.map((error) => error.path)).toEqual([
      "/person/familyName",
      "/person/givenNames",
    ]);
    expect(await registrationCount()).toBe(before);
  });

  it("answers %00 in a path id with a 404 problem (it was a 500 from the audit insert)", async () => {
    for (const path of [
      "/v1/registrations/%00",
      `/v1/registrations/${registrationId}%00/versions`,
      "/v1/persons/%00/export",
      "/v1/placement-requests/%00",
    ]) {
      await problemOf(await coordinator(path), 404);
    }
    await problemOf(await coordinator("/v1/registrations?status=%00"), 400);
  });

  it("refuses impossible calendar dates in queries with a 4xx problem (they were 500s)", async () => {
    const reported = await coordinator("/v1/registrations?reportedFrom=2023-02-30");
    expect(reported.status).toBeGreaterThanOrEqual(400);
    expect(reported.status).toBeLessThan(500);
    expect(reported.headers.get("Content-Type")).toBe("application/problem+json");
    await problemOf(await coordinator(`/v1/placement-requests/${requestId}/suggestions?from=2023-13-01`), 400);
    await problemOf(await coordinator("/v1/shelters/availability?from=2023-13-01"), 400);
    await problemOf(await coordinator("/v1/shelters/availability?from=2024-02-29&to=2023-02-29"), 400);
    expect((await coordinator("/v1/shelters/availability?from=2024-02-29")).status).toBe(200);
  });

  it("answers an upper-case id as not found, never as a failed decryption (they were 500s)", async () => {
    const upper = registrationId.toUpperCase();
    await problemOf(await police(`/v1/registrations/${upper}`), 404);
    await problemOf(await coordinator(`/v1/registrations/${upper}/versions`), 404);
    await problemOf(
      await police(`/v1/registrations/${upper}`, {
        method: "PUT",
        body: registrationBody(),
        headers: { "If-Match": '"1"' },
      }),
      404,
    );
    await problemOf(
      await police(`/v1/registrations/${upper}/withdraw`, { method: "POST", body: {}, headers: { "If-Match": '"1"' } }),
      404,
    );
    expect((await police(`/v1/registrations/${registrationId}`)).status).toBe(200);
  });

  it("refuses a body nested 100,000 levels deep with a 400 problem (it was a 500 from a stack overflow)", async () => {
    for (const body of ["[".repeat(100_000) + "]".repeat(100_000), `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`]) {
      const response = await police("/v1/registrations", {
        method: "POST",
        body,
        headers: { "Idempotency-Key": `bad-input-${++n}` },
      });
      expect((await problemOf(response, 400)).title).toBe("The body is nested too deeply");
    }
    const shelter = await admin("/v1/shelters", {
      method: "POST",
      body: `{"name":${"[".repeat(40)}${"]".repeat(40)}}`,
      headers: { "Idempotency-Key": `bad-input-${++n}` },
    });
    await problemOf(shelter, 400);
    const brackets = await admin("/v1/shelters", {
      method: "POST",
      body: JSON.stringify({ name: "[".repeat(100), kind: "cosm", region: "amsterdam", places: [] }),
      headers: { "Idempotency-Key": `bad-input-${++n}` },
    });
    expect((await problemOf(brackets, 422)).errors?.map((error) => error.path)).toEqual(["/places"]);
  });

  it("answers a cursor that no page made with a 400 problem naming /cursor, on every list route", async () => {
    const lists = operations.filter((operation) => operation.query?.some((parameter) => parameter.name === "cursor"));
    expect(lists.length).toBeGreaterThanOrEqual(9);
    const answers = await Promise.all(
      lists.map(async (operation) => {
        const path = `${operation.path.replace(":id", registrationId)}?cursor=not-a-cursor`;
        for (const as of [police, coordinator, admin, auditor]) {
          const response = await as(path);
          if (response.status === 403) continue;
          const problem = (await response.json()) as Json;
          return { operationId: operation.operationId, status: response.status, errors: problem.errors };
        }
        return { operationId: operation.operationId, status: 403, errors: undefined };
      }),
    );
    expect(answers).toEqual(
      lists.map((operation) => ({
        operationId: operation.operationId,
        status: 400,
        errors: [{ path: "/cursor", message: "Use nextCursor of a previous page." }],
      })),
    );
  });

  it("refuses a body declared in another charset than UTF-8 (it was read as UTF-8)", async () => {
    const response = await police("/v1/registrations", {
      method: "POST",
      body: JSON.stringify(registrationBody()),
      headers: { "Content-Type": "application/json; charset=latin1", "Idempotency-Key": `bad-input-${++n}` },
    });
    expect((await problemOf(response, 415)).type).toBe("https://comensha.nl/problems/unsupported-media-type");
    const utf8 = await police("/v1/registrations", {
      method: "POST",
      body: JSON.stringify(registrationBody()),
      headers: { "Content-Type": "application/json; charset=UTF-8", "Idempotency-Key": `bad-input-${++n}` },
    });
    expect(utf8.status).toBe(201);
  });
});

describe("bodies the HTTP layer refuses are problems too", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "comensha-bad-input-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Writes raw bytes to the server and reads the whole answer until the server closes the connection. */
  const raw = (url: string, chunks: ReadonlyArray<string | Buffer>) =>
    new Promise<string>((resolve, reject) => {
      const { hostname, port } = new URL(url);
      const socket = connect(Number(port), hostname);
      const received: Array<Buffer> = [];
      socket.on("data", (data) => received.push(data));
      socket.on("error", (error) =>
        received.length > 0 ? resolve(Buffer.concat(received).toString()) : reject(error),
      );
      socket.on("close", () => resolve(Buffer.concat(received).toString()));
      socket.on("connect", () => {
        for (const chunk of chunks) if (!socket.destroyed) socket.write(chunk);
        socket.end();
      });
    });

  it("answers a 10 MB chunked body with 413 problem+json, and a malformed chunk with 400 problem+json", async () => {
    const server = await startServer({
      config: loadConfig({ PORT: "0", HOST: "127.0.0.1", COMENSHA_DATA_DIR: dataDir }),
      logger: silentLogger,
    });
    try {
      const big = Buffer.alloc(10 * 1024 * 1024, "a");
      const tooLarge = await fetch(`${server.url}/v1/registrations`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: "Bearer cmk_00000000_x" },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(big);
            controller.close();
          },
        }),
        duplex: "half",
      } as RequestInit);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.headers.get("Content-Type")).toBe("application/problem+json");

      const malformed = await raw(server.url, [
        "POST /v1/registrations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
          "Transfer-Encoding: chunked\r\n\r\nzz-not-a-size\r\n{}\r\n0\r\n\r\n",
      ]);
      expect(malformed).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(malformed).toContain("Content-Type: application/problem+json");
      expect(JSON.parse(malformed.slice(malformed.indexOf("\r\n\r\n") + 4))).toMatchObject({
        type: "https://comensha.nl/problems/bad-request",
        status: 400,
      });
    } finally {
      await server.close();
    }
  }, 60_000);
});
