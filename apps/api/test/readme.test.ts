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
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "comensha-readme-"));
    server = await startServer({
      config: loadConfig({ PORT: "0", HOST: "127.0.0.1", COMENSHA_DATA_DIR: dataDir }),
      logger: silentLogger,
    });
    apiKey = (
      await makeOrganisation({ runtime: server.runtime } as Parameters<typeof makeOrganisation>[0], {
        name: "Politie Eenheid Amsterdam",
        kind: "police",
      })
    ).apiKey;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ["packages/sdk/README.md", /## Quick start[\s\S]*?```ts\n([\s\S]*?)```/, "withdrawn"],
    ["README.md", /### With the SDK[\s\S]*?```ts\n([\s\S]*?)```/, "requested"],
  ])("runs the quick start of %s as written, against a running API", async (file, pattern, last) => {
    const readme = readFileSync(join(repositoryRoot, file), "utf8");
    const quickStart = pattern.exec(readme)?.[1];
    expect(quickStart).toContain('from "@comensha/sdk"');
    const script = join(here, `.readme-quick-start-${process.pid}.mts`);
    writeFileSync(script, (quickStart ?? "").replace("http://localhost:3000", server.url));
    try {
      const { stdout: output } = await promisify(execFile)(join(repositoryRoot, "node_modules/.bin/tsx"), [script], {
        env: { ...process.env, COMENSHA_API_KEY: apiKey },
        encoding: "utf8",
      });
      expect(output).toMatch(/received 1/);
      expect(output.trim().split("\n").at(-1)).toBe(last);
    } finally {
      rmSync(script, { force: true });
    }
  });

  it("knows every problem type the API answers with", () => {
    expect(new Set(Object.values(ProblemTypes))).toEqual(new Set(Object.values(ProblemType)));
  });
});
