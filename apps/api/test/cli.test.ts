import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig, repositoryRoot } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { startServer } from "../src/server.js";

const dataDir = mkdtempSync(join(tmpdir(), "comensha-cli-"));

const comensha = async (...args: ReadonlyArray<string>) => {
  const { stdout } = await promisify(execFile)(
    join(repositoryRoot, "node_modules/.bin/tsx"),
    [join(repositoryRoot, "apps/api/src/cli.ts"), ...args],
    { env: { ...process.env, COMENSHA_DATA_DIR: dataDir, DATABASE_URL: "" }, encoding: "utf8" },
  );
  return stdout;
};

describe("the comensha command line", () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("creates an organisation with a key shown once, lists keys by prefix, and revokes them", async () => {
    const created = JSON.parse(
      await comensha("org", "create", "--name", "Politie CLI-test", "--kind", "police", "--json"),
    );
    expect(created.organisation).toMatchObject({ name: "Politie CLI-test", kind: "police", status: "active" });
    expect(created.apiKey).toMatch(/^cmk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toContain(created.keyPrefix);

    const second = JSON.parse(await comensha("org", "key", "create", "--org", created.organisation.id, "--json"));
    const keys = JSON.parse(await comensha("org", "key", "list", "--org", created.organisation.id, "--json"));
    expect(keys.map((key: { prefix: string }) => key.prefix).sort()).toEqual(
      [created.keyPrefix, second.key.prefix].sort(),
    );
    expect(JSON.stringify(keys)).not.toContain(created.apiKey.split("_")[2]);
    const revoked = JSON.parse(await comensha("org", "key", "revoke", "--key", second.key.id, "--json"));
    expect(revoked.revokedAt).not.toBeNull();

    const server = await startServer({
      config: loadConfig({ PORT: "0", HOST: "127.0.0.1", COMENSHA_DATA_DIR: dataDir }),
      logger: silentLogger,
    });
    try {
      const as = (key: string) => fetch(`${server.url}/v1/code-lists`, { headers: { Authorization: `Bearer ${key}` } });
      expect((await as(created.apiKey)).status).toBe(200);
      expect((await as(second.apiKey)).status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it("refuses an unknown kind with a clear message", async () => {
    await expect(comensha("org", "create", "--name", "X", "--kind", "spaceship")).rejects.toThrow(/kind/);
  });
});
