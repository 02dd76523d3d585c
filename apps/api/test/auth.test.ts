import { Database } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { Session } from "@comensha/domain";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemType } from "../src/problem.js";
import {
  adjustableClock,
  caller,
  inSession,
  logIn,
  makeOrganisation,
  makeUser,
  openTestApi,
  registrationBody,
  signIn,
  type TestApi,
} from "./support.js";

type Json = Record<string, unknown>;

const rowsOf = (result: unknown): Array<Json> =>
  Array.isArray(result) ? result : ((result as { rows: Array<Json> }).rows ?? []);

const minutes = (n: number) => n * 60 * 1000;

describe.each(testDatabaseKinds())("console login and sessions on %s", (kind) => {
  let api: TestApi;
  const time = adjustableClock();
  const password = "correct horse battery staple";
  let admin: ReturnType<typeof caller>;
  let partner: ReturnType<typeof caller>;
  let emailCounter = 0;
  const freshEmail = () => `staff${++emailCounter}@comensha.test`;

  const query = async (statement: string) =>
    rowsOf(
      await api.runtime.runPromise(
        Effect.flatMap(Database, (db) => Effect.promise(() => db.drizzle.execute(statement))),
      ),
    );
  const loginEvents = async () =>
    (await query("select actor_id, resource_id, outcome from audit_events where action = 'auth.login' order by id"))
      .length;

  beforeAll(async () => {
    api = await openTestApi(kind, undefined, { clock: time.clock });
    admin = caller(api, (await makeOrganisation(api, { name: "Beheer", kind: "other", role: "admin" })).apiKey);
    partner = caller(api, (await makeOrganisation(api, { name: "Politie", kind: "police" })).apiKey);
  });
  afterAll(async () => {
    await api?.close();
  });

  it("logs in with an HttpOnly, SameSite=Strict session cookie and answers only the user and a CSRF token", async () => {
    const email = freshEmail();
    await makeUser(api, { email, role: "coordinator", name: "Coördinator Een", password });
    const { response, session } = await logIn(api, email.toUpperCase(), password);
    expect(response.status).toBe(200);
    const [cookie = "", hint] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^comensha_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    // Beside it a hint the console can read, with no secret: only that a session was started.
    expect(hint).toBe("comensha_signed_in=1; Max-Age=43200; Path=/; SameSite=Strict");
    const body = (await response.json()) as Json;
    expect(Object.keys(body).sort()).toEqual(["csrfToken", "secondFactorRequired", "user"]);
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.user).toMatchObject({
      email,
      name: "Coördinator Een",
      role: "coordinator",
      status: "active",
      mustChangePassword: false,
    });
    expect(typeof (body.user as Json).lastLoginAt).toBe("string");
    const token = /comensha_session=([^;]+)/.exec(cookie)?.[1] ?? "";
    expect(JSON.stringify(body)).not.toContain(token);

    if (session === undefined) throw new Error("no session");
    const current = await inSession(api, session)("/v1/auth/session");
    expect(current.status).toBe(200);
    expect(await current.json()).toEqual({ user: body.user, csrfToken: body.csrfToken, secondFactorRequired: false });
  });

  it("over https (as the proxy says) sets a __Host- Secure cookie, sends HSTS, and reads no plain-named cookie", async () => {
    const email = freshEmail();
    await makeUser(api, { email, role: "coordinator", name: "Coördinator Https", password });
    const https = { "X-Forwarded-Proto": "https" };
    const { response } = await logIn(api, email, password, https);
    expect(response.status).toBe(200);
    expect(response.headers.get("Strict-Transport-Security")).toBe("max-age=63072000; includeSubDomains");
    const [cookie = "", hint] = response.headers.getSetCookie();
    expect(hint).toBe("comensha_signed_in=1; Max-Age=43200; Path=/; Secure; SameSite=Strict");
    expect(cookie).toMatch(
      /^__Host-comensha_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    const token = /__Host-comensha_session=([^;]+)/.exec(cookie)?.[1] ?? "";
    const read = (name: string, headers: Record<string, string>) =>
      api.app.request("/v1/auth/session", { headers: { Cookie: `${name}=${token}`, ...headers } });
    expect((await read("__Host-comensha_session", https)).status).toBe(200);
    // A cookie without the prefix could have been set by another host or over http: over https it is not read.
    expect((await read("comensha_session", https)).status).toBe(401);
    // Over plain http there is no HSTS (a browser would ignore it) and the cookie has no prefix.
    const plain = await api.app.request("/health");
    expect(plain.headers.get("Strict-Transport-Security")).toBeNull();
    expect(plain.headers.get("Permissions-Policy")).toContain("camera=()");
    expect(plain.headers.get("Permissions-Policy")).toContain("geolocation=()");
  });

  it("marks the cookie Secure when the request came over https", async () => {
    const email = freshEmail();
    await makeUser(api, { email, role: "policy", password });
    const proxied = await logIn(api, email, password, { "X-Forwarded-Proto": "https" });
    expect(proxied.response.headers.get("Set-Cookie")).toMatch(/; Secure/);
    const direct = await api.app.request("https://console.comensha.test/v1/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    expect(direct.headers.get("Set-Cookie")).toMatch(/; Secure/);
    expect((await logIn(api, email, password)).response.headers.get("Set-Cookie")).not.toMatch(/Secure/);
  });

  it("answers a wrong password and an unknown e-mail address identically", async () => {
    const email = freshEmail();
    await makeUser(api, { email, role: "coordinator", password });
    const wrong = await logIn(api, email, "not the password at all");
    const unknown = await logIn(api, freshEmail(), "not the password at all");
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    const strip = (problem: Json) => ({ ...problem, requestId: undefined });
    const [a, b] = [(await wrong.response.json()) as Json, (await unknown.response.json()) as Json];
    expect(a.type).toBe(ProblemType.invalidCredentials);
    expect(strip(a)).toEqual(strip(b));
    expect(wrong.response.headers.get("Set-Cookie")).toBeNull();
    expect([...wrong.response.headers.keys()].sort()).toEqual([...unknown.response.headers.keys()].sort());
  });

  it("locks an address after 5 failures in 15 minutes (even the right password gets 429), and opens after 15", async () => {
    const email = freshEmail();
    await makeUser(api, { email, role: "coordinator", password });
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await logIn(api, email, `wrong password ${attempt}`)).response.status).toBe(401);
    }
    const locked = await logIn(api, email, password);
    expect(locked.response.status).toBe(429);
    expect(locked.session).toBeUndefined();
    const retryAfter = Number(locked.response.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(((await locked.response.json()) as Json).type).toBe(ProblemType.accountLocked);

    time.advance(minutes(10));
    expect((await logIn(api, email, password)).response.status).toBe(429);
    time.advance(minutes(5) + 1000);
    expect((await logIn(api, email, password)).response.status).toBe(200);
  });

  it("locks an unknown address exactly like a known one, so the lock-out tells nothing", async () => {
    const email = freshEmail();
    for (let attempt = 0; attempt < 5; attempt++) await logIn(api, email, "whatever it is");
    expect((await logIn(api, email, "whatever it is")).response.status).toBe(429);
  });

  it("forgets failures older than 15 minutes", async () => {
    const email = freshEmail();
    await makeUser(api, { email, role: "coordinator", password });
    for (let attempt = 0; attempt < 4; attempt++) await logIn(api, email, "a wrong password");
    time.advance(minutes(16));
    for (let attempt = 0; attempt < 4; attempt++) await logIn(api, email, "a wrong password");
    expect((await logIn(api, email, password)).response.status).toBe(200);
  });

  it("ends a session after 30 minutes without a request, and keeps it while it is used", async () => {
    const email = freshEmail();
    await makeUser(api, { email, role: "coordinator", password });
    const session = await signIn(api, email, password);
    const call = inSession(api, session);
    time.advance(minutes(29));
    expect((await call("/v1/auth/session")).status).toBe(200);
    time.advance(minutes(29));
    expect((await call("/v1/registrations")).status).toBe(200);
    time.advance(minutes(30));
    const ended = await call("/v1/auth/session");
    expect(ended.status).toBe(401);
    expect(((await ended.json()) as Json).type).toBe(ProblemType.unauthorized);
  });

  it("ends a session 12 hours after login however busy it is", async () => {
    const email = freshEmail();
    await makeUser(api, { email, role: "coordinator", password });
    const session = await signIn(api, email, password);
    const call = inSession(api, session);
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      time.advance(minutes(20));
      expect((await call("/v1/auth/session")).status).toBe(200);
    }
    time.advance(minutes(20));
    expect((await call("/v1/auth/session")).status).toBe(401);
  });

  it("refuses a change with the cookie but a missing or wrong X-CSRF-Token (403), and accepts the right one", async () => {
    const email = freshEmail();
    await makeUser(api, { email, role: "coordinator", password });
    const session = await signIn(api, email, password);
    const call = inSession(api, session);
    const body = registrationBody({ legalBasis: "consent" });
    // One character off: the last one changed to another (it was itself "A" in 1 of 16 sessions, which made a
    // "wrong" token that was right).
    const oneOff = `${session.csrfToken.slice(0, -1)}${session.csrfToken.endsWith("A") ? "B" : "A"}`;
    expect(oneOff).not.toBe(session.csrfToken);
    for (const csrf of [false, "", "x".repeat(43), oneOff] as const) {
      const refused = await call("/v1/registrations", { method: "POST", body, csrf });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as Json).type).toBe(ProblemType.csrfFailed);
    }
    const made = await call("/v1/registrations", { method: "POST", body });
    expect(made.status).toBe(201);
    const audit = await query("select actor_kind, actor_id from audit_events where action = 'registration.create'");
    expect(audit).toContainEqual({ actor_kind: "user", actor_id: session.user.id });
  });

  it("logs out: the cookie stops working and is cleared", async () => {
    const email = freshEmail();
    await makeUser(api, { email, role: "auditor", password });
    const session = await signIn(api, email, password);
    const call = inSession(api, session);
    const out = await call("/v1/auth/logout", { method: "POST" });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()).toEqual([
      "comensha_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict",
      "comensha_signed_in=; Max-Age=0; Path=/; SameSite=Strict",
    ]);
    expect((await call("/v1/auth/session")).status).toBe(401);
  });

  it("logs out everywhere: another session of the user ends too, another user's does not", async () => {
    const email = freshEmail();
    const other = freshEmail();
    await makeUser(api, { email, role: "coordinator", password });
    await makeUser(api, { email: other, role: "coordinator", password });
    const first = await signIn(api, email, password);
    const second = await signIn(api, email, password);
    const someoneElse = await signIn(api, other, password);
    expect((await inSession(api, first)("/v1/auth/logout-all", { method: "POST" })).status).toBe(204);
    expect((await inSession(api, second)("/v1/auth/session")).status).toBe(401);
    expect((await inSession(api, first)("/v1/auth/session")).status).toBe(401);
    expect((await inSession(api, someoneElse)("/v1/auth/session")).status).toBe(200);
  });

  it("gives a new user a one-time password that works once and must be changed before anything else", async () => {
    const email = freshEmail();
    const created = await admin("/v1/users", {
      method: "POST",
      body: { email, name: "Nieuwe Collega", role: "coordinator" },
      headers: { "Idempotency-Key": `create-${email}` },
    });
    expect(created.status).toBe(201);
    const { user, oneTimePassword } = (await created.json()) as { user: Json; oneTimePassword: string };
    expect(user).toMatchObject({ email, role: "coordinator", status: "pending", mustChangePassword: true });
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(16);
    // A coordinator made through the API waits for a second administrator (separationOfDuties.test.ts).
    const secondAdmin = caller(
      api,
      (await makeOrganisation(api, { name: "Beheer 2", kind: "other", role: "admin" })).apiKey,
    );
    expect((await secondAdmin(`/v1/users/${String(user.id)}/approve`, { method: "POST" })).status).toBe(200);

    const first = await signIn(api, email, oneTimePassword);
    expect(first.user.mustChangePassword).toBe(true);
    const call = inSession(api, first);
    const blocked = await call("/v1/registrations");
    expect(blocked.status).toBe(403);
    expect(((await blocked.json()) as Json).type).toBe(ProblemType.passwordChangeRequired);
    expect((await call("/v1/auth/session")).status).toBe(200);

    const another = await signIn(api, email, oneTimePassword);
    const weak = await call("/v1/auth/password", {
      method: "POST",
      body: { currentPassword: oneTimePassword, newPassword: email },
    });
    expect(weak.status).toBe(422);
    const problem = (await weak.json()) as { type: string; errors: Array<Json> };
    expect(problem.type).toBe(ProblemType.validationFailed);
    expect(problem.errors).toContainEqual({ path: "/newPassword", message: "must not be your e-mail address" });
    const short = await call("/v1/auth/password", {
      method: "POST",
      body: { currentPassword: oneTimePassword, newPassword: "short" },
    });
    expect(((await short.json()) as { errors: Array<Json> }).errors).toEqual([
      { path: "/newPassword", message: "must be at least 12 characters long (it has 5)" },
      { path: "/newPassword", message: "is too common: it appears in lists of breached passwords" },
    ]);
    const common = await call("/v1/auth/password", {
      method: "POST",
      body: { currentPassword: oneTimePassword, newPassword: "password1234" },
    });
    expect(common.status).toBe(422);
    expect(((await common.json()) as { errors: Array<Json> }).errors).toEqual([
      { path: "/newPassword", message: "is too common: it appears in lists of breached passwords" },
    ]);
    const wrongCurrent = await call("/v1/auth/password", {
      method: "POST",
      body: { currentPassword: "not the one-time password", newPassword: password },
    });
    expect(((await wrongCurrent.json()) as { errors: Array<Json> }).errors).toEqual([
      { path: "/currentPassword", message: "is not your current password" },
    ]);

    const changed = await call("/v1/auth/password", {
      method: "POST",
      body: { currentPassword: oneTimePassword, newPassword: password },
    });
    expect(changed.status).toBe(204);
    expect((await call("/v1/registrations")).status).toBe(200);
    expect(((await (await call("/v1/auth/session")).json()) as { user: Json }).user.mustChangePassword).toBe(false);
    expect((await inSession(api, another)("/v1/auth/session")).status).toBe(401);
    expect((await logIn(api, email, oneTimePassword)).response.status).toBe(401);
    expect((await logIn(api, email, password)).response.status).toBe(200);

    const replay = await admin("/v1/users", {
      method: "POST",
      body: { email, name: "Nieuwe Collega", role: "coordinator" },
      headers: { "Idempotency-Key": `create-${email}` },
    });
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(((await replay.json()) as Json).oneTimePassword).toBe(oneTimePassword);
    const stored = JSON.stringify(await query("select * from idempotency_keys"));
    expect(stored).not.toContain(oneTimePassword);
  });

  it("lets only administrators list, make and disable users; a disabled user cannot log in", async () => {
    const email = freshEmail();
    const adminEmail = freshEmail();
    await makeUser(api, { email, role: "coordinator", password });
    await makeUser(api, { email: adminEmail, role: "admin", password });
    const target = await signIn(api, email, password);
    const asAdmin = inSession(api, await signIn(api, adminEmail, password));
    const asCoordinator = inSession(api, target);

    expect((await asCoordinator("/v1/users")).status).toBe(403);
    expect((await partner("/v1/users")).status).toBe(403);
    const list = (await (await asAdmin("/v1/users?limit=200")).json()) as { data: Array<Json> };
    expect(list.data.map((user) => user.email)).toEqual(expect.arrayContaining([email, adminEmail]));
    expect(JSON.stringify(list)).not.toMatch(/argon2|password_hash|passwordHash/);

    const taken = await asAdmin("/v1/users", { method: "POST", body: { email, name: "Dubbel", role: "policy" } });
    expect(taken.status).toBe(422);
    const partnerRole = await asAdmin("/v1/users", {
      method: "POST",
      body: { email: freshEmail(), name: "Partner", role: "partner" },
    });
    expect(partnerRole.status).toBe(422);

    const id = String(target.user.id);
    const me = (await (await asAdmin("/v1/auth/session")).json()) as { user: Json };
    const self = await asAdmin(`/v1/users/${String(me.user.id)}/disable`, { method: "POST" });
    expect(self.status).toBe(409);
    const disabled = await asAdmin(`/v1/users/${id}/disable`, { method: "POST" });
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ id, status: "disabled" });
    expect((await asCoordinator("/v1/auth/session")).status).toBe(401);
    const refused = await logIn(api, email, password);
    expect(refused.response.status).toBe(401);
    expect(((await refused.response.json()) as Json).type).toBe(ProblemType.invalidCredentials);
    expect((await asAdmin("/v1/users/01900000-0000-7000-8000-000000000000/disable", { method: "POST" })).status).toBe(
      404,
    );
    const audited = await query(
      "select action, outcome from audit_events where action in ('user.disable', 'user.list', 'user.create')",
    );
    expect(audited).toContainEqual({ action: "user.disable", outcome: "success" });
    expect(audited).toContainEqual({ action: "user.list", outcome: "denied" });
  });

  it("writes exactly one audit event per login attempt, with the user's id when known and never the address", async () => {
    const email = freshEmail();
    const { credential } = await makeUser(api, { email, role: "coordinator", password });
    const unknown = freshEmail();
    const before = await loginEvents();
    await logIn(api, email, password);
    await logIn(api, email, "wrong password here");
    await logIn(api, unknown, "wrong password here");
    for (let attempt = 0; attempt < 4; attempt++) await logIn(api, email, "wrong password here");
    await logIn(api, email, password);
    expect((await loginEvents()) - before).toBe(8);
    const events = (
      await query("select actor_id, resource_id, outcome from audit_events where action = 'auth.login' order by id")
    ).slice(before);
    expect(events.map((event) => event.outcome)).toEqual([
      "success",
      "failure",
      "failure",
      "failure",
      "failure",
      "failure",
      "failure",
      "denied",
    ]);
    expect(events[0]).toEqual({ actor_id: credential.user.id, resource_id: credential.user.id, outcome: "success" });
    expect(events[2]).toEqual({ actor_id: "anonymous", resource_id: null, outcome: "failure" });
    expect(JSON.stringify(await query("select * from audit_events"))).not.toContain(unknown);
  });

  it("stores passwords as argon2id hashes and no password, token or address in clear in sessions or audit", async () => {
    const email = freshEmail();
    const secret = "a very particular password 123";
    await makeUser(api, { email, role: "coordinator", password: secret });
    const session = await signIn(api, email, secret);
    await logIn(api, email, "another typed password");
    const [row] = await query(`select password_hash from users where email = '${email}'`);
    expect(String(row?.password_hash)).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
    const token = session.cookie.split("=")[1] ?? "";
    const dump = JSON.stringify([
      await query("select * from users"),
      await query("select * from sessions"),
      await query("select * from audit_events"),
      await query("select * from login_throttles"),
    ]);
    for (const value of [secret, "another typed password", token, session.csrfToken]) {
      expect(dump).not.toContain(value);
    }
    const sessionsAndAudit = JSON.stringify([
      await query("select * from sessions"),
      await query("select * from audit_events"),
      await query("select * from login_throttles"),
    ]);
    expect(sessionsAndAudit).not.toContain(email);
    const [stored] = await query(
      `select token_hash, csrf_hash from sessions where user_id = '${String(session.user.id)}'`,
    );
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.csrf_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers 401 on the session routes for an API key, and keeps API keys working beside sessions", async () => {
    expect((await admin("/v1/auth/session")).status).toBe(401);
    expect((await admin("/v1/auth/logout", { method: "POST" })).status).toBe(401);
    expect((await partner("/v1/registrations")).status).toBe(200);
    expect((await api.app.request("/v1/registrations")).status).toBe(401);
    expect(
      (await api.app.request("/v1/auth/session", { headers: { Cookie: "comensha_session=not-a-token" } })).status,
    ).toBe(401);
  });

  it("gives the dashboard the year's persons and reports under the counting rule", async () => {
    for (const familyName of ["Eerste", "Tweede"]) {
      const made = await partner("/v1/registrations", {
        method: "POST",
        body: registrationBody({
          reportedOn: "2025-03-01",
          person: { ...registrationBody().person, familyName, dateOfBirth: "1990-01-01" },
        }),
        headers: { "Idempotency-Key": `stat-${familyName}` },
      });
      expect(made.status).toBe(201);
    }
    const again = await partner("/v1/registrations", {
      method: "POST",
      body: registrationBody({
        reportedOn: "2025-06-01",
        person: { ...registrationBody().person, familyName: "Eerste", dateOfBirth: "1990-01-01" },
      }),
      headers: { "Idempotency-Key": "stat-again" },
    });
    expect(again.status).toBe(201);
    const email = freshEmail();
    await makeUser(api, { email, role: "policy", password });
    const policy = inSession(api, await signIn(api, email, password));
    const overview = await policy("/v1/statistics/overview?year=2025");
    expect(overview.status).toBe(200);
    const body = (await overview.json()) as Json;
    expect(body).toMatchObject({ year: 2025, persons: 2, reports: 3 });
    expect(body.dataAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await policy("/v1/statistics/overview?year=20x5")).status).toBe(400);
    expect((await partner("/v1/statistics/overview?year=2025")).status).toBe(403);
  });
});

describe("the session rules behind the API", () => {
  it("use a 30-minute idle timeout, a 12-hour lifetime and a 5-in-15 lock-out of 15 minutes", () => {
    expect(Session.idleTimeoutMillis).toBe(minutes(30));
    expect(Session.absoluteLifetimeMillis).toBe(minutes(12 * 60));
    expect([Session.maxFailedLogins, Session.failureWindowMillis, Session.lockoutMillis]).toEqual([
      5,
      minutes(15),
      minutes(15),
    ]);
  });
});
