import { Database } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { Effect } from "effect";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeApp } from "../src/app.js";
import { silentLogger } from "../src/logger.js";
import { ProblemType } from "../src/problem.js";
import {
  adjustableClock,
  caller,
  inSession,
  makeOrganisation,
  makeUser,
  openTestApi,
  type TestApi,
  type TestSession,
} from "./support.js";

type Json = Record<string, unknown>;

const rowsOf = (result: unknown): Array<Json> =>
  Array.isArray(result) ? result : ((result as { rows: Array<Json> }).rows ?? []);

describe.each(testDatabaseKinds())("a second factor for console users on %s", (kind) => {
  let api: TestApi;
  const time = adjustableClock();
  const password = "a long synthetic passphrase for tests";
  let admin: ReturnType<typeof caller>;
  let counter = 0;

  const query = async (statement: string) =>
    rowsOf(
      await api.runtime.runPromise(
        Effect.flatMap(Database, (db) => Effect.promise(() => db.drizzle.execute(statement))),
      ),
    );

  /** The code an authenticator app shows now (or `steps` steps from now) for `secret`. */
  const codeFor = (secret: string, steps = 0) =>
    TOTP.generate({
      secret: Secret.fromBase32(secret),
      timestamp: time.clock.currentTimeMillisUnsafe() + steps * 30_000,
    });

  const login = (email: string, extra: Json = {}) =>
    api.app.request("/v1/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email, password, ...extra }),
    });

  const sessionOf = async (response: Response): Promise<TestSession> => {
    expect(response.status).toBe(200);
    const token = /comensha_session=([^;]*)/.exec(response.headers.get("Set-Cookie") ?? "")?.[1];
    const body = (await response.json()) as { user: Json; csrfToken: string };
    return { cookie: `comensha_session=${token}`, csrfToken: body.csrfToken, user: body.user };
  };

  /** A new user of `role`, logged in with the password only. */
  const newUser = async (role: string) => {
    const email = `factor${++counter}@comensha.test`;
    await makeUser(api, { email, role, password });
    return { email, session: await sessionOf(await login(email)) };
  };

  /** Enrols the signed-in user: answers the secret and the recovery codes. */
  const enrol = async (session: TestSession) => {
    const started = await inSession(api, session)("/v1/auth/second-factor", { method: "POST" });
    expect(started.status).toBe(201);
    const { secret } = (await started.json()) as { secret: string };
    const confirmed = await inSession(api, session)("/v1/auth/second-factor/confirm", {
      method: "POST",
      body: { code: codeFor(secret) },
    });
    expect(confirmed.status).toBe(200);
    const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: Array<string> };
    return { secret, recoveryCodes };
  };

  beforeAll(async () => {
    api = await openTestApi(kind, undefined, { clock: time.clock, secondFactorRoles: ["admin", "coordinator"] });
    admin = caller(api, (await makeOrganisation(api, { name: "Beheer", kind: "other", role: "admin" })).apiKey);
  });
  afterAll(async () => {
    await api?.close();
  });

  it("keeps a coordinator without a second factor to /v1/auth until they enrol; policy staff are not asked", async () => {
    const { session } = await newUser("coordinator");
    const me = (await (await inSession(api, session)("/v1/auth/session")).json()) as Json;
    expect(me).toMatchObject({ secondFactorRequired: true, user: { secondFactorEnrolled: false } });
    const refused = await inSession(api, session)("/v1/registrations");
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Json).type).toBe(ProblemType.secondFactorEnrolmentRequired);

    const policy = await newUser("policy");
    const policyMe = (await (await inSession(api, policy.session)("/v1/auth/session")).json()) as Json;
    expect(policyMe.secondFactorRequired).toBe(false);
    expect((await inSession(api, policy.session)("/v1/signals")).status).toBe(200);
  });

  it("enrols with a QR code and a first code, then opens the rest of the API", async () => {
    const { session } = await newUser("coordinator");
    const started = await inSession(api, session)("/v1/auth/second-factor", { method: "POST" });
    expect(started.status).toBe(201);
    expect(started.headers.get("Cache-Control")).toBe("no-store");
    const enrolment = (await started.json()) as { secret: string; otpauthUri: string; qrCodeSvg: string };
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/CoMensha:factor\d+%40comensha\.test\?/);
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.qrCodeSvg).toMatch(/^<svg[^>]*>/);

    const wrong = await inSession(api, session)("/v1/auth/second-factor/confirm", {
      method: "POST",
      body: { code: codeFor(enrolment.secret, 5) },
    });
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { errors: Array<Json> }).errors[0]?.path).toBe("/code");
    expect((await inSession(api, session)("/v1/registrations")).status).toBe(403);

    const confirmed = await inSession(api, session)("/v1/auth/second-factor/confirm", {
      method: "POST",
      body: { code: codeFor(enrolment.secret) },
    });
    expect(confirmed.status).toBe(200);
    const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: Array<string> };
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){5}$/);
    expect((await inSession(api, session)("/v1/registrations")).status).toBe(200);

    const again = await inSession(api, session)("/v1/auth/second-factor", { method: "POST" });
    expect(again.status).toBe(409);
  });

  it("asks for the code after a right password, refuses a wrong or reused code, and opens with a fresh one", async () => {
    const { email, session } = await newUser("coordinator");
    const { secret } = await enrol(session);

    const asked = await login(email);
    expect(asked.status).toBe(401);
    expect(asked.headers.get("Set-Cookie")).toBeNull();
    expect(((await asked.json()) as Json).type).toBe(ProblemType.secondFactorRequired);

    const wrongPassword = await api.app.request("/v1/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email, password: "not the password at all", code: codeFor(secret) }),
    });
    expect(((await wrongPassword.json()) as Json).type).toBe(ProblemType.invalidCredentials);

    const wrong = await login(email, { code: codeFor(secret, 4) });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as Json).type).toBe(ProblemType.invalidSecondFactor);
    // The code that confirmed the enrolment is used: not even within its own 30 seconds does it work again.
    const replayed = await login(email, { code: codeFor(secret) });
    expect(((await replayed.json()) as Json).type).toBe(ProblemType.invalidSecondFactor);

    time.advance(30_000);
    const fresh = await sessionOf(await login(email, { code: codeFor(secret).replace(/^(\d{3})/, "$1 ") }));
    expect(fresh.user.secondFactorEnrolled).toBe(true);
    expect((await inSession(api, fresh)("/v1/registrations")).status).toBe(200);
    const reused = await login(email, { code: codeFor(secret) });
    expect(((await reused.json()) as Json).type).toBe(ProblemType.invalidSecondFactor);

    const outcomes = await query(
      `select outcome from audit_events where action = 'auth.login' and resource_id = '${fresh.user.id}' order by id`,
    );
    // password only (before enrolling), asked, wrong password, wrong code, replay, success, reuse
    expect(outcomes.map((row) => row.outcome)).toEqual([
      "success",
      "denied",
      "failure",
      "failure",
      "failure",
      "success",
      "failure",
    ]);
  });

  it("logs in once with each recovery code, audited, and renews them against a code", async () => {
    const { email, session } = await newUser("admin");
    const { secret, recoveryCodes } = await enrol(session);
    const [first, second] = recoveryCodes as [string, string];

    const recovered = await sessionOf(await login(email, { recoveryCode: first.toUpperCase().replaceAll("-", " ") }));
    const again = await login(email, { recoveryCode: first });
    expect(((await again.json()) as Json).type).toBe(ProblemType.invalidSecondFactor);
    const used = await query(
      `select count(*)::int as n from audit_events where action = 'auth.recovery_code_use' and resource_id = '${recovered.user.id}'`,
    );
    expect(used[0]?.n).toBe(1);

    time.advance(30_000);
    const renewWrong = await inSession(api, recovered)("/v1/auth/second-factor/recovery-codes", {
      method: "POST",
      body: { code: "000000" === codeFor(secret) ? "111111" : "000000" },
    });
    expect(renewWrong.status).toBe(422);
    const renewed = await inSession(api, recovered)("/v1/auth/second-factor/recovery-codes", {
      method: "POST",
      body: { code: codeFor(secret) },
    });
    expect(renewed.status).toBe(200);
    const fresh = ((await renewed.json()) as { recoveryCodes: Array<string> }).recoveryCodes;
    expect(fresh).toHaveLength(10);
    const old = await login(email, { recoveryCode: second });
    expect(((await old.json()) as Json).type).toBe(ProblemType.invalidSecondFactor);
    expect((await login(email, { recoveryCode: fresh[0] })).status).toBe(200);
  });

  it("keeps the secret encrypted and only hashes of the recovery codes", async () => {
    const { session } = await newUser("coordinator");
    const { secret, recoveryCodes } = await enrol(session);
    const [row] = await query(
      `select encode(totp_secret, 'escape') as sealed from users where id = '${session.user.id}'`,
    );
    expect(String(row?.sealed)).not.toContain(secret);
    expect(String(row?.sealed)).not.toContain(secret.toLowerCase());
    const hashes = await query(`select code_hash from recovery_codes where user_id = '${session.user.id}'`);
    expect(hashes).toHaveLength(10);
    const stored = hashes.map((hash) => String(hash.code_hash)).join(" ");
    for (const code of recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll("-", ""));
    }
  });

  it("lets another administrator reset a lost second factor, ending the user's sessions", async () => {
    const { email, session } = await newUser("coordinator");
    await enrol(session);
    const own = await inSession(api, session)(`/v1/users/${session.user.id}/second-factor/reset`, {
      method: "POST",
    });
    expect(own.status).toBe(403);

    const reset = await admin(`/v1/users/${session.user.id}/second-factor/reset`, { method: "POST" });
    expect(reset.status).toBe(204);
    expect((await inSession(api, session)("/v1/auth/session")).status).toBe(401);
    const next = await sessionOf(await login(email));
    expect(next.user.secondFactorEnrolled).toBe(false);
    expect((await inSession(api, next)("/v1/registrations")).status).toBe(403);
    const audited = await query(
      `select actor_kind, outcome from audit_events where action = 'user.second_factor_reset' and resource_id = '${session.user.id}' order by id`,
    );
    // The coordinator's own try is refused and audited as such; the administrator's reset as a success.
    expect(audited).toEqual([
      { actor_kind: "user", outcome: "denied" },
      { actor_kind: "api_key", outcome: "success" },
    ]);

    const adminUser = await newUser("admin");
    await enrol(adminUser.session);
    const self = await inSession(api, adminUser.session)(`/v1/users/${adminUser.session.user.id}/second-factor/reset`, {
      method: "POST",
    });
    expect(self.status).toBe(409);
  });

  it("does not count the question for the code as a failed login of the address", async () => {
    const { email, session } = await newUser("coordinator");
    const { secret } = await enrol(session);
    const limited = makeApp({
      runtime: api.runtime,
      logger: silentLogger,
      rateLimit: { perSecond: 100, burst: 100, failuresPerMinute: 1, failureBurst: 2, trustProxy: false },
      secondFactorRoles: ["coordinator"],
    });
    const send = (body: Json) =>
      limited.request("/v1/auth/login", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email, password, ...body }),
      });
    for (let i = 0; i < 4; i++) expect((await send({})).status).toBe(401);
    time.advance(30_000);
    expect((await send({ code: codeFor(secret) })).status).toBe(200);
  });
});
