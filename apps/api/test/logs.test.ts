import { randomBytes } from "node:crypto";
import { Database, describeError } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument, operations } from "../src/app.js";
import { jsonLogger } from "../src/logger.js";
import {
  caller,
  inSession,
  logIn,
  makeOrganisation,
  makeUser,
  openTestApi,
  registrationBody,
  secretOf,
  signIn,
  type TestApi,
} from "./support.js";

type JsonSchema = { readonly [key: string]: unknown };

const nilId = "01900000-0000-7000-8000-000000000000";

/**
 * A value for `schema` (a JSON Schema of the OpenAPI document) with a fresh marker in every free string: a code
 * list's first value, a date, an e-mail address, else the marker; so that many bodies decode and reach storage.
 */
const sample = (schema: JsonSchema, components: JsonSchema, marker: () => string, depth = 0): unknown => {
  if (depth > 12) return marker();
  const ref = schema.$ref;
  if (typeof ref === "string") {
    return sample(components[ref.replace("#/components/schemas/", "")] as JsonSchema, components, marker, depth + 1);
  }
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const options = (schema.anyOf ?? schema.oneOf ?? schema.allOf) as ReadonlyArray<JsonSchema> | undefined;
  if (options !== undefined) {
    const option = options.find((candidate) => candidate.type !== "null") ?? options[0];
    return option === undefined ? marker() : sample(option, components, marker, depth + 1);
  }
  switch (schema.type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [name, sample(property, components, marker, depth + 1)]),
      );
    }
    case "array": {
      const items = (schema.items ?? { type: "string" }) as JsonSchema;
      return [sample(items, components, marker, depth + 1)];
    }
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return true;
    default:
      if (schema.format === "date") return "2026-01-15";
      if (schema.format === "date-time") return "2026-01-15T10:00:00.000Z";
      if (schema.format === "email") return `${marker().toLowerCase()}@example.org`;
      if (schema.format === "uuid") return nilId;
      return marker();
  }
};

describe("describeError", () => {
  it("names the classes along the cause chain and the SQLSTATE, never the message, query or parameters", () => {
    class PostgresError extends Error {
      override name = "PostgresError";
      code = "23505";
      severity = "ERROR";
      detail = "Key (email)=(anna@example.org) already exists.";
      constraint_name = "users_email_idx";
      table_name = "users";
      query = "insert into users values ($1, $2)";
      parameters = ["anna@example.org", "$argon2id$v=19$m=19456"];
    }
    class DrizzleQueryError extends Error {
      constructor(cause: unknown) {
        super('Failed query: insert into "users" ...\nparams: anna@example.org,$argon2id$v=19$m=19456', { cause });
      }
    }
    const wrapped = {
      _tag: "UnknownError",
      message: "anna@example.org",
      cause: new DrizzleQueryError(new PostgresError()),
    };
    const description = describeError(wrapped);
    expect(description).toEqual({
      error: "UnknownError > DrizzleQueryError > PostgresError",
      sqlState: "23505",
      constraint: "users_email_idx",
      table: "users",
    });
    expect(JSON.stringify(description)).not.toMatch(/anna|argon2|params|Failed query|insert/);
  });

  it("reports a driver's or socket's code, and survives cycles, plain values and hostile names", () => {
    const socket = Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432"), { code: "ECONNREFUSED" });
    expect(describeError(Object.assign(new Error("x"), { code: "CONNECTION_CLOSED", cause: socket }))).toEqual({
      error: "Error > Error",
      code: "CONNECTION_CLOSED",
    });
    const cyclic: { name: string; cause?: unknown } = { name: "Loop" };
    cyclic.cause = cyclic;
    expect(describeError(cyclic)).toEqual({ error: "Loop" });
    expect(describeError("anna@example.org")).toEqual({ error: "string" });
    expect(describeError({ name: "anna@example.org", code: "anna", table: "Anna Maria" })).toEqual({ error: "Object" });
  });
});

describe.each(testDatabaseKinds())("the log on %s", (kind) => {
  const lines: Array<string> = [];
  const secrets: Array<string> = [];
  const markers: Array<string> = [];
  const marker = () => {
    const value = `MARKER-${randomBytes(6).toString("hex")}`;
    markers.push(value);
    return value;
  };
  const components = (openApiDocument() as { components: { schemas: JsonSchema } }).components.schemas;
  const paths = (openApiDocument() as { paths: Record<string, Record<string, JsonSchema>> }).paths;
  let api: TestApi;
  type Call = (
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ) => Response | Promise<Response>;
  const callers: Record<string, Call> = {};
  let exec: (statement: string) => Promise<void>;
  let closeAdmin: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    api = await openTestApi(
      kind,
      jsonLogger((line) => {
        lines.push(line);
      }),
    );
    const keys = {
      coordinator: (await makeOrganisation(api, { name: marker(), kind: "other", role: "coordinator" })).apiKey,
      partner: (await makeOrganisation(api, { name: marker(), kind: "police" })).apiKey,
      admin: (await makeOrganisation(api, { name: marker(), kind: "other", role: "admin" })).apiKey,
    };
    for (const [role, key] of Object.entries(keys)) {
      secrets.push(key, secretOf(key));
      callers[role] = caller(api, key);
    }
    const email = `${marker().toLowerCase()}@example.org`;
    const password = `${marker()}-Pass-${randomBytes(8).toString("hex")}`;
    secrets.push(email, password);
    await makeUser(api, { email, role: "coordinator", name: marker(), password });
    const session = await signIn(api, email, password);
    secrets.push(session.cookie.split("=")[1] as string, session.csrfToken);
    callers.session = inSession(api, session);
    callers.anonymous = (path, init = {}) =>
      api.app.request(path, {
        method: init.method ?? "GET",
        headers: { ...(init.body === undefined ? {} : { "Content-Type": "application/json" }), ...init.headers },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    const connection = await api.runtime.runPromise(Database.useSync((database) => database.connection));
    if (connection.kind === "pglite") {
      exec = async (statement) => {
        await connection.client.exec(statement);
      };
    } else {
      const admin = postgres(connection.url, { max: 1, onnotice: () => undefined });
      exec = async (statement) => {
        await admin.unsafe(statement);
      };
      closeAdmin = () => admin.end();
    }
  });
  afterAll(async () => {
    await closeAdmin();
    await api?.close();
  });

  const requestId = (response: Response) => response.headers.get("X-Request-Id") ?? "";

  /** Calls every operation of the OpenAPI document as every kind of caller, with markers wherever input goes. */
  const walkAllOperations = async () => {
    for (const operation of operations) {
      const document = paths[operation.path.replace(/:([A-Za-z]+)/g, "{$1}")]?.[operation.method];
      const bodySchema = (document?.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)
        ?.content?.["application/json"]?.schema;
      for (const pathValue of [marker, () => nilId]) {
        for (const call of Object.values(callers)) {
          const query = new URLSearchParams(
            (operation.query ?? []).map((parameter): [string, string] => [parameter.name, marker()]),
          );
          const path = operation.path.replace(/:(\w+)/g, () => pathValue());
          const email = `${marker().toLowerCase()}@example.org`;
          const body =
            operation.path === "/v1/auth/login"
              ? { email, password: marker() }
              : bodySchema === undefined
                ? operation.method === "get"
                  ? undefined
                  : { note: marker() }
                : sample(bodySchema, components, marker);
          const response = await call(`${path}${query.size > 0 ? `?${query}` : ""}`, {
            method: operation.method.toUpperCase(),
            ...(body === undefined ? {} : { body }),
            headers: { "Idempotency-Key": marker(), "If-Match": `"${marker()}"` },
          });
          expect(response.status, `${operation.method} ${operation.path}`).toBeLessThan(600);
          await response.arrayBuffer();
        }
      }
    }
  };

  /** Writes with markers in every personal field: a registration, its update and withdrawal, a user, a login. */
  const writeWithMarkers = async () => {
    const person = {
      familyName: marker(),
      givenNames: marker(),
      aliases: [marker(), marker()],
      documentNumber: marker(),
      dateOfBirth: "1999-04-12",
      sex: "female",
      nationalities: ["NG"],
    };
    const created = await callers.partner?.("/v1/registrations", {
      method: "POST",
      body: registrationBody({ person }),
      headers: { "Idempotency-Key": marker() },
    });
    const registration = created?.status === 201 ? ((await created.json()) as { id: string }) : undefined;
    const uploads: Array<number | undefined> = [];
    if (registration !== undefined) {
      await callers.partner?.(`/v1/registrations/${registration.id}`, {
        method: "PUT",
        body: registrationBody({ person: { ...person, familyName: marker() } }),
        headers: { "If-Match": '"1"', "Idempotency-Key": marker() },
      });
      // An attachment with a marker in its name and bytes: uploaded, refused (a name with a slash), downloaded.
      const read = await callers.coordinator?.(`/v1/registrations/${registration.id}`);
      const { personId } = ((await read?.json()) ?? {}) as { personId?: string };
      for (const name of [`${marker()} Kovač.txt`, `${marker()}/${marker()}.txt`]) {
        const uploaded = await callers.coordinator?.(`/v1/persons/${personId}/attachments`, {
          method: "POST",
          body: `${marker()} statement\n`,
          headers: {
            "Content-Type": "text/plain",
            "X-File-Name": encodeURIComponent(name),
            "Idempotency-Key": marker(),
          },
        });
        uploads.push(uploaded?.status);
        if (uploaded?.status === 201) {
          const { id } = (await uploaded.json()) as { id: string };
          await (await callers.coordinator?.(`/v1/persons/${personId}/attachments/${id}`))?.arrayBuffer();
        }
      }
      await callers.partner?.(`/v1/registrations/${registration.id}/withdraw`, {
        method: "POST",
        body: { reason: marker() },
        headers: { "If-Match": '"2"', "Idempotency-Key": marker() },
      });
    }
    const email = `${marker().toLowerCase()}@example.org`;
    secrets.push(email);
    const users = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      users.push(
        await callers.admin?.("/v1/users", {
          method: "POST",
          body: { email, name: marker(), role: "coordinator" },
          headers: { "Idempotency-Key": marker() },
        }),
      );
    }
    await callers.admin?.("/v1/organisations", {
      method: "POST",
      body: { name: marker(), kind: "ngo" },
      headers: { "Idempotency-Key": marker() },
    });
    await logIn(api, email, marker());
    await callers.coordinator?.(`/v1/registrations?cursor=${marker()}`);
    return { created, users, uploads };
  };

  it("holds no marker, key, password, e-mail address, hash or query parameter, and still names each failure", async () => {
    const before = await writeWithMarkers();
    expect(before.created?.status).toBe(201);
    expect(before.users.map((response) => response?.status)).toEqual([201, 422]);
    expect(before.uploads).toEqual([201, 422]);
    await walkAllOperations();

    await exec(`alter table users add constraint logs_test_users check (email not like 'marker-%') not valid`);
    await exec(`alter table organisations add constraint logs_test_orgs check (name not like 'MARKER-%') not valid`);
    await exec(`alter table registrations add constraint logs_test_regs check (version < 0) not valid`);
    const after = await writeWithMarkers();
    expect(after.created?.status).toBe(500);
    expect(after.users[0]?.status).toBe(500);
    await walkAllOperations();

    const log = lines.join("\n");
    const lower = log.toLowerCase();
    const leaked = [...markers, ...secrets].filter((secret) => lower.includes(secret.toLowerCase()));
    expect(leaked).toEqual([]);
    expect(log).not.toContain("$argon2");
    expect(log).not.toMatch(/params:|Failed query|insert into|select /i);
    const encryptionKey = Buffer.from(new Uint8Array(32).fill(7));
    const indexKey = Buffer.from(new Uint8Array(32).fill(9));
    for (const key of [encryptionKey, indexKey]) {
      expect(log).not.toContain(key.toString("base64"));
      expect(log).not.toContain(key.toString("hex"));
    }

    const errors = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.level === "error");
    const failedUser = errors.find((line) => line.requestId === requestId(after.users[0] as Response));
    expect(failedUser).toMatchObject({ msg: "unhandled error", method: "POST", sqlState: "23514", table: "users" });
    expect(failedUser?.error).toMatch(/DrizzleQueryError/);
    const failedRegistration = errors.find((line) => line.requestId === requestId(after.created as Response));
    expect(failedRegistration).toMatchObject({ sqlState: "23514", constraint: "logs_test_regs" });
  });
});
