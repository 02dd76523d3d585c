import { Schema, SchemaIssue } from "effect";
import { ProblemError, type ProblemField, ProblemType } from "./problem.js";

const formatter = SchemaIssue.makeFormatterStandardSchemaV1();

/** The offending fields of a schema failure, with JSON-pointer-like paths (`/person/dateOfBirth`). */
export const fieldsOf = (issue: SchemaIssue.Issue): ReadonlyArray<ProblemField> =>
  formatter(issue).issues.map((entry) => ({
    path: `/${(entry.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment)).join("/")}`,
    message: entry.message,
  }));

/**
 * Decodes a request body with a domain schema: every problem at once, unknown keys refused; a failure is a
 * `422 validation-failed` listing the offending fields.
 */
export const decodeBody = <S extends Schema.Top & { readonly DecodingServices: never }>(
  schema: S,
  input: unknown,
): S["Type"] => {
  const result = Schema.decodeUnknownExit(schema as never, { errors: "all", onExcessProperty: "error" })(input);
  if (result._tag === "Success") return result.value as S["Type"];
  const error = result.cause.reasons.find((reason) => reason._tag === "Fail")?.error;
  const issue = Schema.isSchemaError(error) ? error.issue : undefined;
  throw new ProblemError(422, ProblemType.validationFailed, "The request does not match the schema", {
    errors: issue === undefined ? [] : fieldsOf(issue),
  });
};

/** A 422 for rule violations found after decoding. */
export const ruleViolations = (
  violations: ReadonlyArray<{ readonly path: ReadonlyArray<string>; readonly message: string }>,
) =>
  new ProblemError(422, ProblemType.validationFailed, "The request breaks a rule", {
    errors: violations.map((violation) => ({ path: `/${violation.path.join("/")}`, message: violation.message })),
  });
