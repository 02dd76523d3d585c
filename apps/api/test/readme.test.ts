import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ProblemTypes } from "@comensha/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, repositoryRoot } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { ProblemType } from "../src/problem.js";
import { type RunningServer, startServer } from "../src/server.js";
import { makeOrganisation } from "./support.js";

const here = dirname(fileURLToPath(import.meta.url));

describe("the SDK as its README shows it", () => {
  let server: RunningServer;
  let dataDir: string;
  let apiKey: string;
  let coordinatorKey: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "comensha-readme-"));
    server = await startServer({
      config: loadConfig({ PORT: "0", HOST: "127.0.0.1", COMENSHA_DATA_DIR: dataDir }),
      logger: silentLogger,
    });
    const api = { runtime: server.runtime } as Parameters<typeof makeOrganisation>[0];
    apiKey = (await makeOrganisation(api, { name: "Politie Eenheid Amsterdam", kind: "police" })).apiKey;
    coordinatorKey = (await makeOrganisation(api, { name: "CoMensha", kind: "other", role: "coordinator" })).apiKey;
    const admin = (await makeOrganisation(api, { name: "Beheer", kind: "other", role: "admin" })).apiKey;
    const shelter = await fetch(`${server.url}/v1/shelters`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${admin}`,
        "Content-Type": "application/json",
        "Idempotency-Key": "readme-cosm",
      },
      body: JSON.stringify({
        name: "COSM Voorbeeld",
        kind: "cosm",
        region: "amsterdam",
        places: [
          { label: "V1", targetGroup: "women", securityLevel: "high", accessible: false, roomForChildren: false },
        ],
      }),
    });
    expect(shelter.status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ["packages/sdk/README.md", /## Quick start[\s\S]*?```ts\n([\s\S]*?)```/, "withdrawn"],
    ["README.md", /### With the SDK[\s\S]*?```ts\n([\s\S]*?)```/, "placed"],
  ])("runs the quick start of %s as written, against a running API", async (file, pattern, last) => {
    const readme = readFileSync(join(repositoryRoot, file), "utf8");
    const quickStart = pattern.exec(readme)?.[1];
    expect(quickStart).toContain('from "@comensha/sdk"');
    const script = join(here, `.readme-quick-start-${process.pid}.mts`);
    writeFileSync(script, (quickStart ?? "").replace("http://localhost:3000", server.url));
    try {
      const { stdout: output } = await promisify(execFile)(join(repositoryRoot, "node_modules/.bin/tsx"), [script], {
        env: { ...process.env, COMENSHA_API_KEY: apiKey, COMENSHA_COORDINATOR_KEY: coordinatorKey },
        encoding: "utf8",
      });
      expect(output).toContain("received");
      expect(output.trim().split("\n").at(-1)).toBe(last);
    } finally {
      rmSync(script, { force: true });
    }
  });

  it("knows every problem type the API answers with", () => {
    expect(new Set(Object.values(ProblemTypes))).toEqual(new Set(Object.values(ProblemType)));
  });
});
