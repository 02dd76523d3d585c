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

  it("is OpenAPI 3.1 with the health route, the Problem schema and the bearer scheme", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toContain("/health");
    expect(document.components.schemas).toHaveProperty("Problem");
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    const health = (document.paths["/health"] as { get: { responses: Record<string, unknown> } }).get;
    expect(Object.keys(health.responses)).toEqual(["200", "503"]);
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
