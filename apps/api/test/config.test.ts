import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateKey } from "@comensha/db";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, repositoryRoot } from "../src/config.js";

const keys = { COMENSHA_ENCRYPTION_KEY: generateKey(), COMENSHA_INDEX_KEY: generateKey() };

describe("loadConfig", () => {
  it("finds the repository root from its own location, whatever the working directory", () => {
    expect(repositoryRoot).toBe(fileURLToPath(new URL("../../..", import.meta.url)).replace(/\/$/, ""));
    expect(existsSync(join(repositoryRoot, "pnpm-workspace.yaml"))).toBe(true);
  });

  it("defaults to port 3000 on all interfaces with PGlite in .data at the repository root", () => {
    const config = loadConfig(keys);
    expect(config.port).toBe(3000);
    expect(config.host).toBe("0.0.0.0");
    expect(config.dataDir).toBe(join(repositoryRoot, ".data"));
    expect(config.storage.database).toEqual({ kind: "pglite", dataDir: join(repositoryRoot, ".data") });
    expect(config.keySource).toBe("environment");
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const config = loadConfig({ ...keys, DATABASE_URL: "postgres://postgres@127.0.0.1:5432/comensha" });
    expect(config.storage.database).toEqual({ kind: "postgres", url: "postgres://postgres@127.0.0.1:5432/comensha" });
  });

  it("migrates as DATABASE_OWNER_URL's user and runs as DATABASE_URL's, or as COMENSHA_APP_ROLE", () => {
    const owner = "postgres://comensha_owner:secret@db:5432/comensha";
    const url = "postgres://comensha_app:other@db:5432/comensha";
    expect(loadConfig({ ...keys, DATABASE_URL: url, DATABASE_OWNER_URL: owner }).storage.database).toEqual({
      kind: "postgres",
      url,
      applicationRole: { name: "comensha_app", ownerUrl: owner },
    });
    const named = loadConfig({ ...keys, DATABASE_URL: url, DATABASE_OWNER_URL: owner, COMENSHA_APP_ROLE: "api" });
    expect(named.storage.database).toMatchObject({ applicationRole: { name: "api" } });
  });

  it("refuses an owner URL without DATABASE_URL, or one with the application role's own user", () => {
    const owner = "postgres://comensha_owner@db:5432/comensha";
    expect(() => loadConfig({ ...keys, DATABASE_OWNER_URL: owner })).toThrow(ConfigError);
    expect(() => loadConfig({ ...keys, DATABASE_URL: owner, DATABASE_OWNER_URL: owner })).toThrow(/same user/);
    expect(() => loadConfig({ ...keys, DATABASE_URL: "postgres://db/comensha", DATABASE_OWNER_URL: owner })).toThrow(
      /COMENSHA_APP_ROLE/,
    );
  });

  it("resolves a relative COMENSHA_DATA_DIR against the repository root and keeps an absolute one", () => {
    expect(loadConfig({ ...keys, COMENSHA_DATA_DIR: "var/demo" }).dataDir).toBe(join(repositoryRoot, "var/demo"));
    expect(loadConfig({ ...keys, COMENSHA_DATA_DIR: "/srv/comensha" }).dataDir).toBe("/srv/comensha");
  });

  it("takes the embedded database's shared_buffers from COMENSHA_PGLITE_SHARED_BUFFERS, and refuses a non-size", () => {
    expect(loadConfig(keys).storage.database).not.toHaveProperty("sharedBuffers");
    expect(loadConfig({ ...keys, COMENSHA_PGLITE_SHARED_BUFFERS: "64MB" }).storage.database).toMatchObject({
      kind: "pglite",
      sharedBuffers: "64MB",
    });
    for (const value of ["64", "64 MB", "0MB", "1TB", "64MB; drop"]) {
      expect(() => loadConfig({ ...keys, COMENSHA_PGLITE_SHARED_BUFFERS: value })).toThrow(ConfigError);
    }
  });

  it("takes PORT and HOST from the environment", () => {
    const config = loadConfig({ ...keys, PORT: "8080", HOST: "127.0.0.1" });
    expect(config.port).toBe(8080);
    expect(config.host).toBe("127.0.0.1");
  });

  it.each(["http", "-1", "65536", "80.5"])("refuses PORT=%s with a message naming PORT", (port) => {
    expect(() => loadConfig({ ...keys, PORT: port })).toThrow(ConfigError);
    expect(() => loadConfig({ ...keys, PORT: port })).toThrow(/PORT/);
  });

  it("refuses one key without the other", () => {
    expect(() => loadConfig({ COMENSHA_ENCRYPTION_KEY: keys.COMENSHA_ENCRYPTION_KEY })).toThrow(ConfigError);
  });

  it("asks admins, coordinators and care users for a second factor unless COMENSHA_SECOND_FACTOR_ROLES says otherwise", () => {
    expect(loadConfig(keys).secondFactorRoles).toEqual(["admin", "coordinator", "care"]);
    expect(
      loadConfig({ ...keys, COMENSHA_SECOND_FACTOR_ROLES: " admin, coordinator ,auditor" }).secondFactorRoles,
    ).toEqual(["admin", "coordinator", "auditor"]);
    expect(loadConfig({ ...keys, COMENSHA_SECOND_FACTOR_ROLES: "none" }).secondFactorRoles).toEqual([]);
    expect(() => loadConfig({ ...keys, COMENSHA_SECOND_FACTOR_ROLES: "admin,partner" })).toThrow(
      /COMENSHA_SECOND_FACTOR_ROLES must be console roles .* got "partner"/,
    );
  });

  it("keeps webhooks off this machine and private networks in production, unless turned on", () => {
    expect(loadConfig(keys).webhooks).toEqual({ allowLoopbackHttp: true, pollMs: 1000, retryScale: 1 });
    expect(loadConfig({ ...keys, NODE_ENV: "production" }).webhooks.allowLoopbackHttp).toBe(false);
    expect(
      loadConfig({ ...keys, NODE_ENV: "production", COMENSHA_WEBHOOK_LOOPBACK_HTTP: "on" }).webhooks.allowLoopbackHttp,
    ).toBe(true);
    expect(loadConfig({ ...keys, COMENSHA_WEBHOOK_RETRY_PERMILLE: "5" }).webhooks.retryScale).toBe(0.005);
    expect(() => loadConfig({ ...keys, COMENSHA_WEBHOOK_POLL_MS: "soon" })).toThrow(/COMENSHA_WEBHOOK_POLL_MS/);
  });
});
