import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataDirectoryInUse } from "@comensha/db";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { startServer } from "../src/server.js";

describe("the server on an embedded data directory", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "comensha-server-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = () => loadConfig({ PORT: "0", HOST: "127.0.0.1", COMENSHA_DATA_DIR: dataDir });

  it("serves /health over HTTP, keeps a second process out of the data directory, and releases it on close", async () => {
    const server = await startServer({ config: config(), logger: silentLogger });
    try {
      const response = await fetch(`${server.url}/health`);
      expect(await response.json()).toEqual({ status: "ok", database: "pglite" });
      const second = await startServer({ config: config(), logger: silentLogger }).then(
        (s) => s,
        (error: unknown) => error,
      );
      expect(second).toBeInstanceOf(DataDirectoryInUse);
      expect((second as Error).message).toContain("is in use by process");
    } finally {
      await server.close();
    }
    const again = await startServer({ config: config(), logger: silentLogger });
    const response = await fetch(`${again.url}/health`);
    expect(response.status).toBe(200);
    await again.close();
  });
});
