import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Secret, TOTP } from "otpauth";
import { afterAll, describe, expect, it } from "vitest";
import { createDemoKeys } from "../src/commands/demoKeys.js";
import { createDemoUsers, readDemoUsers } from "../src/commands/demoUsers.js";
import { loadConfig, repositoryRoot } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { ProblemType } from "../src/problem.js";
import { startServer } from "../src/server.js";
import { secretOf } from "./support.js";

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

    const second = JSON.parse(
      await comensha("org", "key", "create", "--org", created.organisation.id, "--label", "Koppeling CLI", "--json"),
    );
    expect(second.key.label).toBe("Koppeling CLI");
    const keys = JSON.parse(await comensha("org", "key", "list", "--org", created.organisation.id, "--json"));
    expect(keys.map((key: { prefix: string }) => key.prefix).sort()).toEqual(
      [created.keyPrefix, second.key.prefix].sort(),
    );
    expect(keys.map((key: { label: string | null }) => key.label).sort()).toEqual(["Koppeling CLI", null]);
    expect(JSON.stringify(keys)).not.toContain(secretOf(created.apiKey));
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

  it("makes a console user with a one-time password that works once and must be changed", async () => {
    const created = JSON.parse(
      await comensha("user", "create", "--email", "Nieuw@CoMensha.test", "--role", "coordinator", "--json"),
    );
    expect(created.user).toMatchObject({
      email: "nieuw@comensha.test",
      name: "Nieuw",
      role: "coordinator",
      // The command line is the operator's path: no second administrator is needed (the first coordinator).
      status: "active",
      approval: null,
      mustChangePassword: true,
      lastLoginAt: null,
    });
    expect(created.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    const listed = JSON.parse(await comensha("user", "list", "--json"));
    expect(listed.map((user: { email: string }) => user.email)).toContain("nieuw@comensha.test");
    expect(JSON.stringify(listed)).not.toContain(created.oneTimePassword);
    await expect(comensha("user", "create", "--email", "nieuw@comensha.test", "--role", "policy")).rejects.toThrow(
      /already has this e-mail address/,
    );
    await expect(comensha("user", "create", "--email", "p@comensha.test", "--role", "partner")).rejects.toThrow(/role/);

    const server = await startServer({
      config: loadConfig({ PORT: "0", HOST: "127.0.0.1", COMENSHA_DATA_DIR: dataDir }),
      logger: silentLogger,
    });
    try {
      const login = (password: string) =>
        fetch(`${server.url}/v1/auth/login`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ email: "nieuw@comensha.test", password }),
        });
      const first = await login(created.oneTimePassword);
      expect(first.status).toBe(200);
      const { user, csrfToken } = (await first.json()) as { user: { mustChangePassword: boolean }; csrfToken: string };
      expect(user.mustChangePassword).toBe(true);
      const cookie = (first.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
      const blocked = await fetch(`${server.url}/v1/registrations`, { headers: { Cookie: cookie } });
      expect(blocked.status).toBe(403);
      const changed = await fetch(`${server.url}/v1/auth/password`, {
        method: "POST",
        headers: { Cookie: cookie, "X-CSRF-Token": csrfToken, "Content-Type": "application/json" },
        body: JSON.stringify({ currentPassword: created.oneTimePassword, newPassword: "my own long password" }),
      });
      expect(changed.status).toBe(204);
      // A server as configured by default asks a coordinator for a second factor before anything else.
      const unenrolled = await fetch(`${server.url}/v1/registrations`, { headers: { Cookie: cookie } });
      expect(unenrolled.status).toBe(403);
      expect(((await unenrolled.json()) as { type: string }).type).toBe(ProblemType.secondFactorEnrolmentRequired);
      const changing = { Cookie: cookie, "X-CSRF-Token": csrfToken, "Content-Type": "application/json" };
      const started = await fetch(`${server.url}/v1/auth/second-factor`, { method: "POST", headers: changing });
      const { secret } = (await started.json()) as { secret: string };
      const code = TOTP.generate({ secret: Secret.fromBase32(secret) });
      const confirmed = await fetch(`${server.url}/v1/auth/second-factor/confirm`, {
        method: "POST",
        headers: changing,
        body: JSON.stringify({ code }),
      });
      expect(confirmed.status).toBe(200);
      expect((await fetch(`${server.url}/v1/registrations`, { headers: { Cookie: cookie } })).status).toBe(200);
      expect((await login(created.oneTimePassword)).status).toBe(401);
      const withoutCode = await login("my own long password");
      expect(withoutCode.status).toBe(401);
      expect(((await withoutCode.json()) as { type: string }).type).toBe(ProblemType.secondFactorRequired);
    } finally {
      await server.close();
    }
  }, 180_000);

  it("refuses to run a report under a weaker policy than the API allows", async () => {
    for (const [flags, message] of [
      [["--threshold", "1"], "--threshold must be at least 5"],
      [["--threshold", "4"], "--threshold must be at least 5"],
      [["--rounding", "0"], "--rounding must be a whole number of at least 1"],
    ] as const) {
      await expect(
        comensha("report", "run", "--kind", "annual", "--year", "2025", ...flags, "--out", join(dataDir, "weak.csv")),
      ).rejects.toThrow(message);
    }
    expect(existsSync(join(dataDir, "weak.csv"))).toBe(false);
  });

  it("keeps demo console logins for the embedded demo, readable for the console's tests", async () => {
    const demoDir = mkdtempSync(join(tmpdir(), "comensha-demo-users-"));
    try {
      const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", COMENSHA_DATA_DIR: demoDir });
      const keys = await createDemoKeys(config.storage, demoDir);
      const made = await createDemoUsers(config.storage, demoDir);
      expect(made.map((user) => user.email)).toEqual([
        "coordinator@demo.comensha.nl",
        "policy@demo.comensha.nl",
        "admin@demo.comensha.nl",
        "auditor@demo.comensha.nl",
      ]);
      expect(readDemoUsers(demoDir)).toEqual(made);
      expect(statSync(join(demoDir, "demo-users.json")).mode & 0o777).toBe(0o600);
      const server = await startServer({ config, logger: silentLogger });
      try {
        for (const demo of made) {
          const response = await fetch(`${server.url}/v1/auth/login`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ email: demo.email, password: demo.password }),
          });
          expect(response.status).toBe(200);
          expect(((await response.json()) as { user: Record<string, unknown> }).user).toMatchObject({
            role: demo.role,
            mustChangePassword: false,
          });
        }
        // The demo's staff keys and logins belong to the one CoMensha organisation, not to a second look-alike.
        expect(keys.filter((key) => key.role !== "partner").map((key) => key.organisation)).toEqual([
          "CoMensha",
          "CoMensha",
          "CoMensha",
        ]);
        const coordinatorKey = keys.find((key) => key.role === "coordinator")?.apiKey;
        const listed = await fetch(`${server.url}/v1/organisations?limit=200`, {
          headers: { Authorization: `Bearer ${coordinatorKey}` },
        });
        const organisations = ((await listed.json()) as { data: Array<{ name: string; isComensha: boolean }> }).data;
        expect(organisations.filter((organisation) => organisation.name.startsWith("CoMensha"))).toEqual([
          expect.objectContaining({ name: "CoMensha", isComensha: true }),
        ]);
      } finally {
        await server.close();
      }
    } finally {
      rmSync(demoDir, { recursive: true, force: true });
    }
  });

  it("refuses an unknown kind with a clear message", async () => {
    await expect(comensha("org", "create", "--name", "X", "--kind", "spaceship")).rejects.toThrow(/kind/);
  });
});
