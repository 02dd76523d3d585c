import Comensha, { ApiError, ConflictError, ProblemTypes } from "@comensha/sdk";
import { describe, expect, it, vi } from "vitest";
import { type Duplicate, duplicatesApi, isAlreadyDecided, type PersonDetails } from "../src/api/duplicates.js";
import {
  checkReason,
  comparePersons,
  findInPages,
  isMatchKind,
  isReasonField,
  type Match,
  matchKinds,
} from "../src/pages/duplicates.js";
import { sampleDuplicate, sampleExistingPerson, sampleNewPerson } from "./support/fakeDuplicates.js";

const duplicate = (n: number, status: Duplicate["status"] = "open"): Duplicate => ({
  ...sampleDuplicate,
  id: `0193d0d0-0000-7000-8000-${String(n).padStart(12, "0")}`,
  status,
});

/** A fake `GET /v1/duplicates`: the given duplicates, `pageSize` a page, the cursor being the next index. */

describe("findInPages", () => {
  it("finds a duplicate among cached pages", () => {
    const pages = [{ data: [duplicate(1)] }, { data: [duplicate(2), duplicate(3)] }];
    expect(findInPages(pages, duplicate(3).id)).toEqual(duplicate(3));
    expect(findInPages(pages, duplicate(4).id)).toBeUndefined();
    expect(findInPages([], duplicate(1).id)).toBeUndefined();
  });
});

const person = (overrides: Partial<PersonDetails> = {}): PersonDetails => ({
  familyName: "Voorbeeld",
  givenNames: "Anna Maria",
  aliases: [],
  sex: "female",
  nationalities: ["NG"],
  ...overrides,
});

const matches = (left: PersonDetails, right: PersonDetails): Record<string, Match> =>
  Object.fromEntries(comparePersons(left, right).map((row) => [row.field, row.match]));

describe("comparePersons", () => {
  it("lists every field once, in display order", () => {
    expect(comparePersons(person(), person()).map((row) => row.field)).toEqual([
      "name",
      "aliases",
      "birth",
      "sex",
      "nationalities",
      "documentNumber",
    ]);
  });

  it("sees names the way matching does: case, diacritics, punctuation and word order do not count", () => {
    const left = person({ givenNames: "Anna-María", familyName: "VOORBEELD" });
    const right = person({ givenNames: "Voorbeeld", familyName: "Anna Maria" });
    expect(matches(left, right).name).toBe("same");
    expect(matches(left, person({ givenNames: "Anna", familyName: "Proef" })).name).toBe("different");
  });

  it("compares no names once a person's identifiers were erased: two erased persons are not the same", () => {
    const erased = { birthYear: 1994, sex: "female" as const, nationalities: ["NG" as const] };
    expect(matches(erased, erased).name).toBe("unknown");
    expect(matches(erased, person()).name).toBe("unknown");
  });

  it("compares dates of birth, and birth years where a date is missing", () => {
    const dob = person({ dateOfBirth: "1999-04-12" });
    expect(matches(dob, person({ dateOfBirth: "1999-04-12" })).birth).toBe("same");
    expect(matches(dob, person({ dateOfBirth: "1999-04-13" })).birth).toBe("different");
    expect(matches(dob, person({ birthYear: 1999 })).birth).toBe("partly");
    expect(matches(dob, person({ birthYear: 2000 })).birth).toBe("different");
    expect(matches(person({ birthYear: 1999 }), person({ birthYear: 1999 })).birth).toBe("same");
    expect(matches(dob, person()).birth).toBe("unknown");
  });

  it("compares aliases and nationalities as sets: same, partly, different, or unknown when a side has none", () => {
    expect(matches(person({ aliases: ["Mia", "Ria"] }), person({ aliases: ["ria", "MIA"] })).aliases).toBe("same");
    expect(matches(person({ aliases: ["Mia"] }), person({ aliases: ["Mia", "Ria"] })).aliases).toBe("partly");
    expect(matches(person({ aliases: ["Mia"] }), person({ aliases: ["Ria"] })).aliases).toBe("different");
    expect(matches(person({ aliases: ["Mia"] }), person()).aliases).toBe("unknown");
    expect(
      matches(person({ nationalities: ["NG", "GH"] }), person({ nationalities: ["GH", "NG"] })).nationalities,
    ).toBe("same");
    expect(matches(person({ nationalities: ["NG"] }), person({ nationalities: ["NG", "GH"] })).nationalities).toBe(
      "partly",
    );
    expect(matches(person({ nationalities: ["NG"] }), person({ nationalities: ["ER"] })).nationalities).toBe(
      "different",
    );
    expect(matches(person({ nationalities: ["unknown"] }), person()).nationalities).toBe("unknown");
  });

  it("compares sex, with unknown not counting as the same", () => {
    expect(matches(person(), person()).sex).toBe("same");
    expect(matches(person(), person({ sex: "male" })).sex).toBe("different");
    expect(matches(person({ sex: "unknown" }), person({ sex: "unknown" })).sex).toBe("unknown");
  });

  it("compares document numbers by their letters and digits only", () => {
    expect(matches(person({ documentNumber: "x 123-456" }), person({ documentNumber: "X123456" })).documentNumber).toBe(
      "same",
    );
    expect(matches(person({ documentNumber: "X123456" }), person({ documentNumber: "X123457" })).documentNumber).toBe(
      "different",
    );
    expect(matches(person({ documentNumber: "X123456" }), person()).documentNumber).toBe("unknown");
  });

  it("compares the sample persons as the page shows them", () => {
    expect(matches(sampleNewPerson.person, sampleExistingPerson.person)).toEqual({
      name: "same",
      aliases: "unknown",
      birth: "partly",
      sex: "same",
      nationalities: "partly",
      documentNumber: "unknown",
    });
  });
});

describe("checkReason", () => {
  it("accepts 3 to 1000 characters, trimmed", () => {
    expect(checkReason("  Zelfde persoon  ")).toEqual({ ok: true, reason: "Zelfde persoon" });
    expect(checkReason("abc")).toEqual({ ok: true, reason: "abc" });
    expect(checkReason("a".repeat(1000))).toEqual({ ok: true, reason: "a".repeat(1000) });
  });

  it("says what is wrong with a reason the API would refuse", () => {
    expect(checkReason("")).toEqual({ ok: false, problem: "required" });
    expect(checkReason("   \n ")).toEqual({ ok: false, problem: "required" });
    expect(checkReason(" ab ")).toEqual({ ok: false, problem: "tooShort" });
    expect(checkReason("a".repeat(1001))).toEqual({ ok: false, problem: "tooLong" });
  });
});

describe("the names of the matches and fields", () => {
  it("knows the blind indexes the domain makes", () => {
    expect(matchKinds).toEqual(["name_dob", "name_year", "family_dob", "document"]);
    expect(isMatchKind("family_dob")).toBe(true);
    expect(isMatchKind("shoe_size")).toBe(false);
  });

  it("recognises a 422 pointing at the reason", () => {
    expect(isReasonField({ path: "/reason", message: "too short" })).toBe(true);
    expect(isReasonField({ path: "/reasons", message: "x" })).toBe(false);
  });
});

const problemResponse = (status: number, type: string) =>
  new Response(JSON.stringify({ type, title: "Already decided", status, requestId: "req_409" }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });

describe("duplicatesApi (the SDK adapter)", () => {
  const jsonResponse = (body: unknown) =>
    new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

  it("lists with the status, limit and cursor in the query, leaving out what is not given", async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => jsonResponse({ data: [], nextCursor: null }));
    const api = duplicatesApi(new Comensha({ baseUrl: "https://console.example", session: true, fetch }));
    await api.listDuplicates({ status: "merged", limit: 50, cursor: "c2" });
    await api.listDuplicates({ limit: 50 });
    expect(fetch.mock.calls[0]?.[0]).toBe("https://console.example/v1/duplicates?status=merged&limit=50&cursor=c2");
    expect(fetch.mock.calls[1]?.[0]).toBe("https://console.example/v1/duplicates?limit=50");
  });

  it("decides with the trimmed reason on the decision's path, with an Idempotency-Key", async () => {
    const decided = { ...sampleDuplicate, status: "merged", decisionReason: "Zelfde persoon" };
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => jsonResponse(decided));
    const api = duplicatesApi(new Comensha({ baseUrl: "https://console.example", session: true, fetch }));
    expect(
      await api.decideDuplicate({ id: sampleDuplicate.id, decision: "merge", reason: " Zelfde persoon " }),
    ).toEqual(decided);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe(`https://console.example/v1/duplicates/${sampleDuplicate.id}/merge`);
    expect(init?.method).toBe("POST");
    expect(JSON.parse(String(init?.body))).toEqual({ reason: "Zelfde persoon" });
    expect(new Headers(init?.headers).get("idempotency-key")).toMatch(/\S/);
  });

  it("reads a person by id", async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => jsonResponse(sampleNewPerson));
    const api = duplicatesApi(new Comensha({ baseUrl: "https://console.example", session: true, fetch }));
    expect(await api.getPerson(sampleNewPerson.id)).toEqual(sampleNewPerson);
    expect(fetch.mock.calls[0]?.[0]).toBe(`https://console.example/v1/persons/${sampleNewPerson.id}`);
  });

  it("rejects a decision on a decided duplicate with an error isAlreadyDecided recognises", async () => {
    const fetch = vi.fn(async () => problemResponse(409, "https://comensha.nl/problems/invalid-state"));
    const client = new Comensha({ baseUrl: "https://console.example", session: true, fetch, maxRetries: 0 });
    const failure = await duplicatesApi(client)
      .decideDuplicate({ id: sampleDuplicate.id, decision: "dismiss", reason: "Andere persoon" })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConflictError);
    expect(isAlreadyDecided(failure)).toBe(true);
  });
});

describe("isAlreadyDecided", () => {
  it("is true for a 409 that is not an idempotency key in flight", () => {
    const error = (status: number) =>
      new ApiError({
        status,
        headers: new Headers(),
        problem: { type: "https://comensha.nl/problems/x", title: "x", status, requestId: "r" },
      });
    expect(isAlreadyDecided(error(409))).toBe(true);
    expect(
      isAlreadyDecided(
        new ApiError({
          status: 409,
          headers: new Headers(),
          problem: { type: ProblemTypes.idempotencyInFlight, title: "In flight", status: 409, requestId: "r" },
        }),
      ),
    ).toBe(false);
    expect(isAlreadyDecided(error(422))).toBe(false);
    expect(isAlreadyDecided(new TypeError("offline"))).toBe(false);
  });
});
