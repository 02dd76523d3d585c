import { ApiError, ConflictError, ProblemTypes, UnprocessableEntityError } from "@comensha/sdk";
import { describe, expect, it } from "vitest";
import { organisationFields, userFields } from "../src/pages/admin.js";
import { fieldPaths } from "../src/pages/registrationForm.js";
import { fieldOfPath, placeProblems, problemFieldsOf } from "../src/problemFields.js";

const refused = new UnprocessableEntityError({
  status: 422,
  headers: new Headers(),
  problem: {
    type: ProblemTypes.validationFailed,
    title: "The offer breaks a rule",
    status: 422,
    requestId: "req_422",
    errors: [
      { path: "/startsOn", message: "COSM takes adults only" },
      { path: "/nationalities", message: "COSM takes people without Dutch nationality only" },
      { path: "/startsOn", message: "a second message for the same field" },
    ],
  },
});

describe("problemFieldsOf", () => {
  it("reads the fields of a 422 and of a 400, and nothing of any other error", () => {
    expect(problemFieldsOf(refused).map((field) => field.path)).toEqual(["/startsOn", "/nationalities", "/startsOn"]);
    const badRequest = new ApiError({
      status: 400,
      headers: new Headers(),
      problem: {
        type: ProblemTypes.validationFailed,
        title: "Bad request",
        status: 400,
        requestId: "req_400",
        errors: [{ path: "/limit", message: "Expected an integer between 1 and 200" }],
      },
    });
    expect(problemFieldsOf(badRequest)).toEqual([{ path: "/limit", message: "Expected an integer between 1 and 200" }]);
    const conflict = new ConflictError({
      status: 409,
      headers: new Headers(),
      problem: { type: ProblemTypes.invalidState, title: "x", status: 409, requestId: "req_409" },
    });
    expect(problemFieldsOf(conflict)).toEqual([]);
    expect(problemFieldsOf(new Error("x"))).toEqual([]);
  });
});

describe("fieldOfPath", () => {
  it("names the field a pointer is, or whose item it is", () => {
    expect(fieldOfPath("/person/familyName", fieldPaths)).toBe("/person/familyName");
    expect(fieldOfPath("/person/nationalities/2", fieldPaths)).toBe("/person/nationalities");
    expect(fieldOfPath("/exploitation/forms/0/1", fieldPaths)).toBe("/exploitation/forms");
  });

  it("knows only the form's own fields: a path above them, beside them or without its slash is none", () => {
    expect(fieldOfPath("/person", fieldPaths)).toBeUndefined();
    expect(fieldOfPath("/registrationId", fieldPaths)).toBeUndefined();
    expect(fieldOfPath("/", fieldPaths)).toBeUndefined();
    expect(fieldOfPath("", fieldPaths)).toBeUndefined();
    expect(fieldOfPath("person/familyName", fieldPaths)).toBeUndefined();
    expect(fieldOfPath("/person/familyNames", fieldPaths)).toBeUndefined();
  });
});

describe("placeProblems", () => {
  it("puts the fields a form has at its inputs, the first message each, and lists the rest in order", () => {
    const { atField, others } = placeProblems(problemFieldsOf(refused), ["/startsOn", "/override/reason"] as const);
    expect(atField).toEqual({ "/startsOn": "COSM takes adults only" });
    expect(others).toEqual([{ path: "/nationalities", message: "COSM takes people without Dutch nationality only" }]);
  });

  it("places array items at their list, and keeps rules about the whole for the summary", () => {
    const { atField, others } = placeProblems(
      [
        { path: "/person/familyName", message: "Expected a string" },
        { path: "/exploitation/forms/1", message: "Expected a form" },
        { path: "/person", message: "birthYear must be the year of dateOfBirth" },
        { path: "/", message: "Unexpected key" },
      ],
      fieldPaths,
    );
    expect(atField).toEqual({ "/person/familyName": "Expected a string", "/exploitation/forms": "Expected a form" });
    expect(others.map((problem) => problem.path)).toEqual(["/person", "/"]);
  });

  it("names bare fields by their pointer when told how", () => {
    const problems = [
      { path: "/name", message: "must be at most 200 characters" },
      { path: "/name", message: "second" },
      { path: "/region/0", message: "is not a police region" },
      { path: "/colour", message: "is unknown" },
      { path: "", message: "is not an object" },
    ];
    expect(placeProblems(problems, organisationFields, (field) => `/${field}`)).toEqual({
      atField: { name: "must be at most 200 characters", region: "is not a police region" },
      others: [
        { path: "/colour", message: "is unknown" },
        { path: "", message: "is not an object" },
      ],
    });
    expect(placeProblems([{ path: "/email", message: "x" }], userFields, (field) => `/${field}`).atField).toEqual({
      email: "x",
    });
    expect(
      placeProblems([{ path: "/email", message: "x" }], organisationFields, (field) => `/${field}`).others,
    ).toEqual([{ path: "/email", message: "x" }]);
  });

  it("places nothing when there are no problems, or the form has no fields", () => {
    expect(placeProblems([], fieldPaths)).toEqual({ atField: {}, others: [] });
    expect(placeProblems([{ path: "/reason", message: "x" }], [])).toEqual({
      atField: {},
      others: [{ path: "/reason", message: "x" }],
    });
  });
});
