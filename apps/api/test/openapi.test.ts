import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openApiSnapshotOf, openApiSnapshotPath } from "../scripts/openapi.js";
import { makeApp, openApiDocument } from "../src/app.js";
import { silentLogger } from "../src/logger.js";
import type { AppRuntime } from "../src/runtime.js";

/** Every `$ref` in the document, with the path where it stands. */
const refsOf = (value: unknown, path = "#"): Array<{ ref: string; at: string }> => {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsOf(item, `${path}/${index}`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "$ref" && typeof inner === "string" ? [{ ref: inner, at: path }] : refsOf(inner, `${path}/${key}`),
  );
};

const resolvePointer = (document: unknown, ref: string) =>
  ref
    .replace(/^#\//, "")
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>(
      (node, part) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
      document,
    );

describe("the OpenAPI document", () => {
  const document = openApiDocument();

  it("is OpenAPI 3.1 with liveness (no database, no 503) and readiness, the Problem schema and the bearer scheme", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/health", "/health/ready"]));
    expect(document.components.schemas).toHaveProperty("Problem");
    expect(document.components.schemas).toHaveProperty("Readiness");
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    const responsesOf = (path: string) =>
      Object.keys((document.paths[path] as { get: { responses: Record<string, unknown> } }).get.responses);
    expect(responsesOf("/health")).toEqual(["200", "400"]);
    expect(responsesOf("/health/ready")).toEqual(["200", "400", "503"]);
  });

  it("has no dangling $ref", () => {
    const refs = refsOf(document);
    expect(refs.length).toBeGreaterThan(0);
    for (const { ref, at } of refs) {
      expect(ref.startsWith("#/components/schemas/"), `${ref} at ${at}`).toBe(true);
      expect(resolvePointer(document, ref), `${ref} at ${at}`).toBeDefined();
    }
  });
});

describe("the OpenAPI document, checked by standard tools", () => {
  it("validates with a standard OpenAPI 3.1 validator", async () => {
    const { validate, compileErrors } = await import("@readme/openapi-parser");
    const result = await validate(structuredClone(openApiDocument()) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
  });

  it("documents every registration route with its headers and problem responses", () => {
    const document = openApiDocument() as unknown as {
      paths: Record<
        string,
        Record<string, { parameters?: Array<{ name: string }>; responses: Record<string, unknown> }>
      >;
    };
    const create = document.paths["/v1/registrations"]?.post;
    expect(create?.parameters?.map((p) => p.name)).toContain("Idempotency-Key");
    expect(Object.keys(create?.responses ?? {})).toEqual(expect.arrayContaining(["201", "400", "401", "409", "422"]));
    const update = document.paths["/v1/registrations/{id}"]?.put;
    expect(update?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(["id", "If-Match"]));
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/v1/registrations/{id}/withdraw",
        "/v1/duplicates",
        "/v1/duplicates/{id}/merge",
        "/v1/code-lists",
        "/v1/audit-events",
      ]),
    );
  });

  it("produces a client with openapi-typescript that compiles", async () => {
    const diagnostics = await compileAgainstGeneratedClient(`
type Created = paths["/v1/registrations"]["post"]["responses"][201]["content"]["application/json"];
const check = (r: Created): string => r.id + r.status + r.exploitation.forms.join();
export { check };
`);
    expect(diagnostics).toEqual([]);
  });

  it("gives a generated client closed request bodies: a misspelt field does not compile", async () => {
    const report = (person: string) => `
type Report = paths["/v1/registrations"]["post"]["requestBody"]["content"]["application/json"];
export const report: Report = {
  reportedOn: "2026-11-20",
  person: { ${person}, familyName: "Example", givenNames: "Anna Maria", aliases: [], sex: "female", nationalities: ["NG"] },
  exploitation: { forms: ["sexual"], country: "NL", policeRegion: "amsterdam" },
  dossierType: "registration_and_shelter",
  legalBasis: "statutory",
  consentToShareWithShelter: true,
};
`;
    expect(await compileAgainstGeneratedClient(report(`dateOfBirth: "1999-04-12"`))).toEqual([]);
    const misspelt = await compileAgainstGeneratedClient(report(`dateOfBrith: "1999-04-12"`));
    expect(misspelt).toHaveLength(1);
    expect(misspelt[0]).toMatch(/'dateOfBrith' does not exist in type/);
  });

  it("gives a generated client no index signatures on answers: reading a misspelt field does not compile", async () => {
    const diagnostics = await compileAgainstGeneratedClient(`
type Created = paths["/v1/registrations"]["post"]["responses"][201]["content"]["application/json"];
export const misspelt = (r: Created) => r.exploitation.sectr;
`);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(/Property 'sectr' does not exist/);
  });
});

/** Every object schema of a JSON Schema, with the path where it stands (through `properties`, `items`, `anyOf`...). */
const objectSchemasOf = (value: unknown, path: string): Array<{ schema: Record<string, unknown>; at: string }> => {
  if (Array.isArray(value)) return value.flatMap((item, index) => objectSchemasOf(item, `${path}/${index}`));
  if (value === null || typeof value !== "object") return [];
  const schema = value as Record<string, unknown>;
  const inner = Object.entries(schema).flatMap(([key, item]) => objectSchemasOf(item, `${path}/${key}`));
  return schema.type === "object" ? [{ schema, at: path }, ...inner] : inner;
};

describe("the OpenAPI document's objects", () => {
  const document = openApiDocument() as unknown as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
    components: { schemas: Record<string, unknown> };
  };
  const requestSchemas = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, operation]) =>
      // JSON bodies only: an attachment's upload is the file's bytes.
      operation.requestBody?.content["application/json"] === undefined
        ? []
        : [{ at: `${method} ${path}`, schema: operation.requestBody.content["application/json"].schema }],
    ),
  );
  const resolve = (schema: unknown) => {
    const ref = (schema as { $ref?: string }).$ref;
    return ref === undefined ? schema : document.components.schemas[ref.replace("#/components/schemas/", "")];
  };

  it("refuse unknown properties in every request body, as the server does (additionalProperties: false)", () => {
    expect(requestSchemas.length).toBeGreaterThan(10);
    for (const { at, schema } of requestSchemas) {
      const objects = objectSchemasOf(resolve(schema), at);
      expect(objects.length, at).toBeGreaterThan(0);
      for (const object of objects) expect(object.schema.additionalProperties, object.at).toBe(false);
    }
  });

  it("leave answers open to fields a later version adds, without marking them open (no index signatures)", () => {
    for (const { schema, at } of objectSchemasOf(document, "#")) {
      expect(schema.additionalProperties, at).not.toBe(true);
    }
  });
});

/** The JSON pointer of the first place where two JSON values differ, or undefined when they are equal. */
const firstDifference = (served: unknown, committed: unknown, at = "#"): string | undefined => {
  if (JSON.stringify(served) === JSON.stringify(committed)) return undefined;
  if (served === null || committed === null || typeof served !== "object" || typeof committed !== "object") return at;
  const keys = new Set([...Object.keys(served), ...Object.keys(committed)]);
  for (const key of keys) {
    const inner = firstDifference(
      (served as Record<string, unknown>)[key],
      (committed as Record<string, unknown>)[key],
      `${at}/${key}`,
    );
    if (inner !== undefined) return inner;
  }
  return at;
};

describe("the committed snapshot of the OpenAPI document (packages/sdk/openapi.json)", () => {
  it("is the document /openapi.json serves, from which the SDK generates its types", async () => {
    const app = makeApp({ runtime: {} as AppRuntime, logger: silentLogger });
    const served = await (await app.request("/openapi.json")).json();
    const committed = readFileSync(openApiSnapshotPath, "utf8");
    expect(
      committed === openApiSnapshotOf(served),
      "packages/sdk/openapi.json is stale (first difference at " +
        `${firstDifference(served, JSON.parse(committed)) ?? "its formatting"}): run ` +
        "`pnpm --filter @comensha/api openapi` and commit the file with the change of the API",
    ).toBe(true);
  });
});

let generatedClient: Promise<string> | undefined;

/** The TypeScript types that openapi-typescript generates from the document, as partners generate them. */
const generatedClientSource = () => {
  generatedClient ??= import("openapi-typescript").then(async ({ default: openapiTS, astToString }) =>
    astToString(await openapiTS(structuredClone(openApiDocument()) as never)),
  );
  return generatedClient;
};

/** Type-checks `usage` appended to the generated client (strict); answers the compiler's messages. */
const compileAgainstGeneratedClient = async (usage: string): Promise<ReadonlyArray<string>> => {
  const ts = (await import("typescript")).default;
  const text = `${await generatedClientSource()}\n${usage}`;
  const fileName = "/virtual/api.ts";
  const options = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    skipLibCheck: true,
    lib: ["lib.es2022.d.ts"],
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) =>
    name === fileName ? ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true) : read(name, version);
  const program = ts.createProgram([fileName], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
};
