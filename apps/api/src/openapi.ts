import { Schema } from "effect";
import { Problem } from "./problem.js";

/** One operation of the API, described with the same Effect Schemas that validate it. */
export interface Operation {
  readonly method: "get" | "post" | "put" | "patch" | "delete";
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tags?: ReadonlyArray<string>;
  readonly security?: boolean;
  readonly headers?: ReadonlyArray<{ readonly name: string; readonly required: boolean; readonly description: string }>;
  readonly query?: ReadonlyArray<{ readonly name: string; readonly description?: string; readonly schema: JsonObject }>;
  readonly requestBody?: Schema.Top;
  readonly responses: Readonly<
    Record<number, { readonly description: string; readonly schema?: Schema.Top; readonly problem?: boolean }>
  >;
}

type JsonObject = { [key: string]: unknown };

const refPrefix = "#/components/schemas/";

/** Points every `$ref` of a JSON Schema document at `components.schemas`, where OpenAPI keeps definitions. */
const rewriteRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== "object") return value;
  const out: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      key === "$ref" && typeof inner === "string"
        ? inner.replace(/^#\/(\$defs|definitions)\//, refPrefix)
        : rewriteRefs(inner);
  }
  return out;
};

/**
 * Builds the OpenAPI 3.1 document from the operations: every schema goes through
 * `Schema.toJsonSchemaDocument` (JSON Schema draft 2020-12, which OpenAPI 3.1 uses), its definitions become
 * `components.schemas`.
 */
export const buildOpenApi = (
  info: { readonly title: string; readonly version: string; readonly description: string },
  operations: ReadonlyArray<Operation>,
) => {
  const components: JsonObject = {};
  const schemaOf = (schema: Schema.Top): unknown => {
    const document = Schema.toJsonSchemaDocument(schema);
    for (const [name, definition] of Object.entries(document.definitions ?? {})) {
      components[name] = rewriteRefs(definition);
    }
    return rewriteRefs(document.schema);
  };
  const problemRef = schemaOf(Problem);
  const paths: Record<string, JsonObject> = {};
  for (const operation of operations) {
    const responses: JsonObject = {};
    for (const [status, response] of Object.entries(operation.responses)) {
      const content =
        response.problem === true
          ? { "application/problem+json": { schema: problemRef } }
          : response.schema === undefined
            ? undefined
            : { "application/json": { schema: schemaOf(response.schema) } };
      responses[status] = { description: response.description, ...(content === undefined ? {} : { content }) };
    }
    const openApiPath = operation.path.replace(/:([A-Za-z]+)/g, "{$1}");
    const parameters = [
      ...[...operation.path.matchAll(/:([A-Za-z]+)/g)].map((match) => ({
        name: match[1],
        in: "path",
        required: true,
        schema: { type: "string" },
      })),
      ...(operation.query ?? []).map((parameter) => ({
        name: parameter.name,
        in: "query",
        required: false,
        ...(parameter.description === undefined ? {} : { description: parameter.description }),
        schema: parameter.schema,
      })),
      ...(operation.headers ?? []).map((header) => ({
        name: header.name,
        in: "header",
        required: header.required,
        description: header.description,
        schema: { type: "string" },
      })),
    ];
    paths[openApiPath] = {
      ...paths[openApiPath],
      [operation.method]: {
        operationId: operation.operationId,
        summary: operation.summary,
        ...(operation.tags === undefined ? {} : { tags: operation.tags }),
        ...(parameters.length === 0 ? {} : { parameters }),
        ...(operation.security === true ? { security: [{ apiKey: [] }, { session: [] }] } : { security: [] }),
        ...(operation.requestBody === undefined
          ? {}
          : {
              requestBody: {
                required: true,
                content: { "application/json": { schema: schemaOf(operation.requestBody) } },
              },
            }),
        responses,
      },
    };
  }
  return {
    openapi: "3.1.0",
    info,
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "An organisation API key: `Authorization: Bearer <api key>`.",
        },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "comensha_session",
          description:
            "The console's session cookie from `POST /v1/auth/login`; calls other than GET must also send " +
            "`X-CSRF-Token` with the session's CSRF token.",
        },
      },
    },
  };
};
