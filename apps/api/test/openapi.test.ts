import { describe, expect, it } from "vitest";
import { openApiDocument } from "../src/app.js";

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
    expect(responsesOf("/health")).toEqual(["200"]);
    expect(responsesOf("/health/ready")).toEqual(["200", "503"]);
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
    const { default: openapiTS, astToString } = await import("openapi-typescript");
    const ts = (await import("typescript")).default;
    const source = astToString(await openapiTS(structuredClone(openApiDocument()) as never));
    const usage = `${source}
type Created = paths["/v1/registrations"]["post"]["responses"][201]["content"]["application/json"];
const check = (r: Created): string => r.id + r.person.familyName + r.exploitation.forms.join();
export { check };
`;
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
      name === fileName ? ts.createSourceFile(name, usage, ts.ScriptTarget.ES2022, true) : read(name, version);
    const program = ts.createProgram([fileName], options, host);
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toEqual([]);
  });
});
