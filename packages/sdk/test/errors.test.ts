import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  BadRequestError,
  ComenshaError,
  ConflictError,
  ForbiddenError,
  InternalServerError,
  NotFoundError,
  PreconditionFailedError,
  ProblemTypes,
  RateLimitError,
  UnauthorizedError,
  UnprocessableEntityError,
} from "../src/index.js";
import { clientWith, mockFetch, problem } from "./support.js";

const failWith = async (response: Response): Promise<unknown> => {
  const { fetch } = mockFetch(response);
  return clientWith(fetch, { maxRetries: 0 })
    .registrations.get("0193a5b2-7c1e-7f00-8000-000000000001")
    .then(
      () => expect.unreachable("the call should fail"),
      (error: unknown) => error,
    );
};

describe("error classes", () => {
  it.each([
    [400, "bad-request", BadRequestError, "BadRequestError"],
    [400, "malformed-json", BadRequestError, "BadRequestError"],
    [401, "unauthorized", UnauthorizedError, "UnauthorizedError"],
    [403, "forbidden", ForbiddenError, "ForbiddenError"],
    [404, "not-found", NotFoundError, "NotFoundError"],
    [409, "invalid-state", ConflictError, "ConflictError"],
    [412, "precondition-failed", PreconditionFailedError, "PreconditionFailedError"],
    [422, "validation-failed", UnprocessableEntityError, "UnprocessableEntityError"],
    [428, "precondition-required", PreconditionFailedError, "PreconditionFailedError"],
    [429, "rate-limited", RateLimitError, "RateLimitError"],
    [500, "internal", InternalServerError, "InternalServerError"],
    [503, "unavailable", InternalServerError, "InternalServerError"],
  ] as const)("maps a %i %s to %s", async (status, slug, errorClass, name) => {
    const error = await failWith(problem(status, slug));
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(ComenshaError);
    expect(error).toBeInstanceOf(Error);
    const apiError = error as ApiError;
    expect(apiError.name).toBe(name);
    expect(apiError.status).toBe(status);
    expect(apiError.type).toBe(`https://comensha.nl/problems/${slug}`);
    expect(apiError.title).toBe(`Problem ${slug}`);
    expect(apiError.requestId).toBe(`req-${slug}`);
  });

  it("makes a 422 a BadRequestError too, with the offending fields, detail and the whole problem", async () => {
    const errors = [
      { path: "/person/dateOfBirth", message: "dateOfBirth is after reportedOn" },
      {
        path: "/legalBasis",
        message: "a statutory legal basis applies to police, KMar and the Labour Inspectorate only",
      },
    ];
    const error = (await failWith(
      problem(422, "validation-failed", { title: "The body is not valid", detail: "See errors.", errors }),
    )) as UnprocessableEntityError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.type).toBe(ProblemTypes.validationFailed);
    expect(error.detail).toBe("See errors.");
    expect(error.errors).toEqual(errors);
    expect(error.problem).toMatchObject({ status: 422, instance: "/v1/registrations", errors });
    expect(error.message).toBe("422 The body is not valid: See errors.");
    expect(error.headers.get("content-type")).toBe("application/problem+json");
  });

  it("takes the request id from X-Request-Id when the body is not a problem", async () => {
    const error = (await failWith(
      new Response("<html>Bad gateway</html>", {
        status: 502,
        headers: { "Content-Type": "text/html", "X-Request-Id": "req-from-header" },
      }),
    )) as InternalServerError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.requestId).toBe("req-from-header");
    expect(error.type).toBe("about:blank");
    expect(error.problem).toBeUndefined();
    expect(error.errors).toEqual([]);
    expect(error.message).toBe("502 <html>Bad gateway</html>");
  });

  it("makes any other status an ApiError, and says when there was no body", async () => {
    const error = (await failWith(new Response(null, { status: 415 }))) as ApiError;
    expect(error.constructor).toBe(ApiError);
    expect(error.name).toBe("ApiError");
    expect(error.status).toBe(415);
    expect(error.requestId).toBeUndefined();
    expect(error.message).toBe("415 status code (no body)");
  });

  it("lists every problem type of docs/api.md under https://comensha.nl/problems/", () => {
    const docs = readFileSync(new URL("../../../docs/api.md", import.meta.url), "utf8");
    const documented = [...docs.matchAll(/^\| `([a-z-]+)` +\| \d{3} /gm)].map((match) => match[1]).sort();
    expect(documented.length).toBeGreaterThan(10);
    expect(
      Object.values(ProblemTypes)
        .map((type) => type.replace("https://comensha.nl/problems/", ""))
        .sort(),
    ).toEqual(documented);
  });
});
