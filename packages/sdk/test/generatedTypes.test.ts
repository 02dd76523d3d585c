import { describe, expect, it } from "vitest";
import type { CodeListId, CreateRegistrationInput, Registration, RegistrationInput } from "../src/index.js";
import { clientWith, input, json, mockFetch, registration } from "./support.js";

/*
 * The wire types come from the OpenAPI document (openapi.json, through openapi-typescript). These checks are made by
 * the type-checker (`npm run typecheck` checks the tests too): an `@ts-expect-error` that no longer meets an error
 * fails it. The tests below only run the same code.
 */

/** A report with a misspelt field: the request bodies are closed, so this does not compile. */
const misspeltReport = (): CreateRegistrationInput => ({
  ...input(),
  person: {
    familyName: "Example",
    givenNames: "Anna Maria",
    aliases: [],
    // @ts-expect-error `dateOfBrith` is not a field of the person: the OpenAPI document says additionalProperties: false.
    dateOfBrith: "1999-04-12",
    sex: "female",
    nationalities: ["NG"],
  },
});

/** Reading a misspelt field of an answer does not compile either: the generated types have no index signatures. */
// @ts-expect-error `reportedOnn` is not a field of a registration.
const misspeltRead = (answer: Registration) => answer.reportedOnn;

/** Code values are the document's literal unions, not strings. */
// @ts-expect-error `exploitation_forms` is not a code list.
const unknownList: CodeListId = "exploitation_forms";

// @ts-expect-error `XX` is not an ISO 3166-1 country code.
const unknownCountry: RegistrationInput["exploitation"]["country"] = "XX";

describe("the generated wire types", () => {
  it("type a report as the API takes it, and the client sends it as written", async () => {
    const { fetch, requests } = mockFetch(json(201, registration()));
    const report: CreateRegistrationInput = { ...input(), person: { ...input().person, dateOfBirth: "1999-04-12" } };
    await clientWith(fetch).registrations.create(report);
    expect(requests[0]?.body).toEqual(report);
  });

  it("are checked by the type-checker (the misspelt code above is never sent)", () => {
    expect([misspeltReport, misspeltRead].every((check) => typeof check === "function")).toBe(true);
    expect([unknownList, unknownCountry]).toEqual(["exploitation_forms", "XX"]);
  });
});
