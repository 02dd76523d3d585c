import { Database, storageLayer } from "@comensha/db";
import { createTestDatabase, type TestDatabase, testKeys } from "@comensha/db/testing";
import { Organisation, Ports, Role, User } from "@comensha/domain";
import { Clock, Effect, Layer, ManagedRuntime, Schema } from "effect";
import { makeApp } from "../src/app.js";
import { generateApiKey } from "../src/auth.js";
import { type Logger, silentLogger } from "../src/logger.js";
import type { AppRuntime } from "../src/runtime.js";
import { createUser } from "../src/services/users.js";

/** An in-process API on a fresh database of `kind`, for `app.request()` tests. */
export interface TestApi {
  readonly app: ReturnType<typeof makeApp>;
  readonly runtime: AppRuntime;
  readonly close: () => Promise<void>;
}

/** A clock that runs with real time but can be moved forward, for timeouts and lock-outs without waiting. */
export const adjustableClock = () => {
  const real = Effect.runSync(Clock.clockWith(Effect.succeed));
  let offsetMillis = 0;
  const now = () => real.currentTimeMillisUnsafe() + offsetMillis;
  const nanos = () => BigInt(now()) * 1_000_000n;
  const clock: Clock.Clock = {
    currentTimeMillisUnsafe: now,
    currentTimeMillis: Effect.sync(now),
    currentTimeNanosUnsafe: nanos,
    currentTimeNanos: Effect.sync(nanos),
    monotonicTimeNanosUnsafe: () => real.monotonicTimeNanosUnsafe(),
    monotonicTimeNanos: real.monotonicTimeNanos,
    sleep: (duration) => real.sleep(duration),
  };
  return {
    clock,
    /** Moves the clock forward by `millis`. */
    advance: (millis: number) => {
      offsetMillis += millis;
    },
    /** How far the clock has been moved forward, in milliseconds. */
    offset: () => offsetMillis,
  };
};

export const openTestApi = async (
  kind: "pglite" | "postgres",
  logger: Logger = silentLogger,
  options: {
    readonly clock?: Clock.Clock;
    /** The roles that must use a second factor (none unless given, as with most in-process tests). */
    readonly secondFactorRoles?: ReadonlyArray<User.UserRole>;
    /** How long the app remembers a valid API key (its default when not given). */
    readonly credentialTtlMs?: number;
  } = {},
): Promise<TestApi> => {
  const database: TestDatabase = await createTestDatabase(kind);
  const storage = storageLayer({ database: database.config, keys: testKeys });
  const runtime: AppRuntime = ManagedRuntime.make(
    options.clock === undefined ? storage : Layer.merge(storage, Layer.succeed(Clock.Clock, options.clock)),
  );
  await runtime.runPromise(Effect.flatMap(Database, (db) => db.migrate));
  return {
    app: makeApp({
      runtime,
      logger,
      secondFactorRoles: options.secondFactorRoles,
      credentialTtlMs: options.credentialTtlMs,
    }),
    runtime,
    close: async () => {
      await runtime.dispose();
      await database.drop();
    },
  };
};

/** Makes an organisation with an API key of `role` directly in storage; returns the key for Authorization. */
export const makeOrganisation = async (
  api: TestApi,
  input: { readonly name: string; readonly kind: string; readonly role?: string },
) => {
  return api.runtime.runPromise(
    Effect.gen(function* () {
      const organisation = yield* (yield* Ports.OrganisationRepository).create(
        Schema.decodeUnknownSync(Organisation.NewOrganisation)({ name: input.name, kind: input.kind }),
      );
      const generated = generateApiKey();
      yield* (yield* Ports.ApiKeyRepository).create({
        organisationId: organisation.id,
        role: Schema.decodeUnknownSync(Role.Role)(input.role ?? "partner"),
        prefix: generated.prefix,
        secretHash: generated.secretHash,
      });
      return { organisation, apiKey: generated.apiKey };
    }),
  );
};

/** A synthetic registration body (nobody real), with overrides. */
export const registrationBody = (overrides: Record<string, unknown> = {}) => ({
  reportedOn: "2026-11-20",
  person: {
    familyName: "Voorbeeld",
    givenNames: "Anna Maria",
    aliases: [],
    dateOfBirth: "1999-04-12",
    sex: "female",
    nationalities: ["NG"],
  },
  exploitation: { forms: ["sexual"], country: "NL", policeRegion: "amsterdam" },
  dossierType: "registration_and_shelter",
  legalBasis: "statutory",
  consentToShareWithShelter: true,
  reflectionPeriod: { offeredOn: "2026-11-20", offeredBy: "police", startsOn: "2026-11-20", dublin: false },
  ...overrides,
});

/** Calls the API as the holder of `apiKey`. */
export const caller =
  (api: TestApi, apiKey: string) =>
  (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    api.app.request(path, {
      method: init.method ?? "GET",
      headers: {
        Authorization: `Bearer ${apiKey}`,
        ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
        ...init.headers,
      },
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }),
    });

/** Makes a console user directly (as the CLI does); with `password`, one that need not be changed. */
export const makeUser = async (
  api: TestApi,
  input: {
    readonly email: string;
    readonly role: string;
    readonly name?: string;
    readonly password?: string;
    /** The organisation of a `care` user. */
    readonly organisationId?: string;
  },
) =>
  api.runtime.runPromise(
    createUser({
      user: Schema.decodeUnknownSync(User.NewUser)({
        email: input.email,
        name: input.name ?? "Test User",
        role: input.role,
        ...(input.organisationId === undefined ? {} : { organisationId: input.organisationId }),
      }),
      actor: { kind: "system", id: "test" },
      ...(input.password === undefined ? {} : { password: input.password }),
    }),
  );

/** A console session in a test: its cookie header, its CSRF token and the user as logged in. */
export interface TestSession {
  readonly cookie: string;
  readonly csrfToken: string;
  readonly user: Record<string, unknown>;
}

/** Logs in through the API; answers the response and, on success, the session. */
export const logIn = async (api: TestApi, email: string, password: string, headers: Record<string, string> = {}) => {
  const response = await api.app.request("/v1/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({ email, password }),
  });
  const setCookie = response.headers.get("Set-Cookie") ?? "";
  const token = /comensha_session=([^;]*)/.exec(setCookie)?.[1];
  if (response.status !== 200 || token === undefined) return { response, session: undefined };
  const body = (await response.clone().json()) as { user: Record<string, unknown>; csrfToken: string };
  const session: TestSession = { cookie: `comensha_session=${token}`, csrfToken: body.csrfToken, user: body.user };
  return { response, session };
};

/** Calls the API in a console session: the cookie, and the CSRF token on changes unless `csrf: false` or another. */
export const inSession =
  (api: TestApi, session: TestSession) =>
  (
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string>; csrf?: string | false } = {},
  ) => {
    const method = init.method ?? "GET";
    const csrf = init.csrf ?? (method === "GET" ? false : session.csrfToken);
    return api.app.request(path, {
      method,
      headers: {
        Cookie: session.cookie,
        ...(csrf === false ? {} : { "X-CSRF-Token": csrf }),
        ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
        ...(method === "GET" ? {} : { "Idempotency-Key": crypto.randomUUID() }),
        ...init.headers,
      },
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }),
    });
  };

/** Logs in and answers the session; throws when the login does not succeed. */
export const signIn = async (api: TestApi, email: string, password: string): Promise<TestSession> => {
  const { response, session } = await logIn(api, email, password);
  if (session === undefined) throw new Error(`login failed with ${response.status}`);
  return session;
};

/**
 * The secret part of an API key (`cmk_<prefix>_<secret>`): everything after the second underscore, since the
 * base64url secret may itself hold underscores (a piece of it can be as short as one character).
 */
export const secretOf = (apiKey: string): string => apiKey.split("_").slice(2).join("_");

/**
 * Reports a new person through `partner` (their family name and date of birth make them new) and answers the person's
 * id, as a coordinator reads it from the registration.
 */
export const reportPerson = async (
  partner: ReturnType<typeof caller>,
  coordinator: ReturnType<typeof caller>,
  person: { readonly familyName: string; readonly dateOfBirth: string },
): Promise<string> => {
  const body = registrationBody();
  const created = await partner("/v1/registrations", {
    method: "POST",
    body: { ...body, person: { ...(body.person as Record<string, unknown>), ...person } },
    headers: { "Idempotency-Key": crypto.randomUUID() },
  });
  if (created.status !== 201) throw new Error(`reporting a person answered ${created.status}`);
  const { id } = (await created.json()) as { id: string };
  const registration = (await (await coordinator(`/v1/registrations/${id}`)).json()) as { personId: string };
  return registration.personId;
};

/**
 * Calls every operation of the OpenAPI document once as `as`, with a crafted body and the headers a write wants, and
 * answers each operation's status: for the tests that hold a role to the routes it may reach.
 */
export const statusOfEveryOperation = async (
  as: ReturnType<typeof caller>,
  operations: ReadonlyArray<{ readonly method: string; readonly path: string; readonly operationId: string }>,
) =>
  Promise.all(
    operations.map(async (operation) => {
      const path = operation.path.replace(/:id\b/g, "01900000-0000-7000-8000-000000000000").replace(/:(\w+)/g, "x");
      const response = await as(path, {
        method: operation.method.toUpperCase(),
        ...(operation.method === "get" ? {} : { body: { crafted: true } }),
        headers: { "Idempotency-Key": crypto.randomUUID(), "If-Match": '"1"' },
      });
      return { operationId: operation.operationId, status: response.status };
    }),
  );
