import { describe, expect, it } from "vitest";
import {
  ComenshaError,
  etagOf,
  inputOf,
  NotFoundError,
  Page,
  type Registration,
  type UpdateRegistrationOptions,
  type WithdrawRegistrationOptions,
} from "../src/index.js";
import { clientWith, input, json, mockFetch, registration, type SeenRequest } from "./support.js";

const id = registration().id;

/** An API of three pages of registrations r1..r5, two per page, that pages by cursor. */
const threePages = (request: SeenRequest): Response => {
  const ids = (...numbers: Array<number>) => numbers.map((n) => registration({ id: `r${n}` }));
  const cursor = new URL(request.url).searchParams.get("cursor");
  if (cursor === null) return json(200, { data: ids(1, 2), nextCursor: "c2" });
  if (cursor === "c2") return json(200, { data: ids(3, 4), nextCursor: "c3" });
  if (cursor === "c3") return json(200, { data: ids(5), nextCursor: null });
  return json(400, { type: "https://comensha.nl/problems/bad-request", title: "bad cursor", status: 400 });
};

describe("registrations", () => {
  it("creates with POST /v1/registrations and resolves to the wire JSON, exactly", async () => {
    const { fetch, requests } = mockFetch(
      json(201, registration(), { ETag: '"1"', Location: `/v1/registrations/${id}` }),
    );
    const created = await clientWith(fetch).registrations.create(input());
    expect(created).toEqual(registration());
    expect(requests[0]?.url).toBe("http://api.test/v1/registrations");
    expect(requests[0]?.body).toEqual(input());
  });

  it("gets one registration by id", async () => {
    const { fetch, requests } = mockFetch(json(200, registration({ version: 4 })));
    const got = await clientWith(fetch).registrations.get(id);
    expect(got.version).toBe(4);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url).toBe(`http://api.test/v1/registrations/${id}`);
  });

  it("URL-encodes path parameters, and refuses empty, '.' and '..' ids without sending", async () => {
    const { fetch, requests } = mockFetch(json(200, registration()), json(200, registration()));
    const client = clientWith(fetch);
    await client.registrations.get("a/b?c#d e");
    await client.registrations.withdraw("x/../y", { version: 1 });
    expect(requests[0]?.url).toBe("http://api.test/v1/registrations/a%2Fb%3Fc%23d%20e");
    expect(requests[1]?.url).toBe("http://api.test/v1/registrations/x%2F..%2Fy/withdraw");
    for (const bad of ["", ".", ".."]) {
      await expect(client.registrations.get(bad)).rejects.toBeInstanceOf(ComenshaError);
    }
    expect(requests).toHaveLength(2);
  });

  it("updates with PUT and If-Match set to the quoted version", async () => {
    const { fetch, requests } = mockFetch(json(200, registration({ version: 4 }), { ETag: '"4"' }));
    const updated = await clientWith(fetch).registrations.update(id, input(), { version: 3 });
    expect(updated.version).toBe(4);
    expect(requests[0]?.method).toBe("PUT");
    expect(requests[0]?.url).toBe(`http://api.test/v1/registrations/${id}`);
    expect(requests[0]?.headers.get("if-match")).toBe('"3"');
    expect(requests[0]?.body).toEqual(input());
  });

  it("sends a given ifMatch as it is, and version when both are given", async () => {
    const { fetch, requests } = mockFetch(json(200, registration()), json(200, registration()));
    const client = clientWith(fetch);
    await client.registrations.update(id, input(), { ifMatch: 'W/"7"' });
    await client.registrations.update(id, input(), { ifMatch: '"1"', version: 2 });
    expect(requests.map((request) => request.headers.get("if-match"))).toEqual(['W/"7"', '"2"']);
  });

  it("refuses an update without version or ifMatch, or with a version that is not a whole number from 1, before sending", async () => {
    const { fetch, requests } = mockFetch(json(200, registration()));
    const client = clientWith(fetch);
    const withoutVersion = {} as unknown as UpdateRegistrationOptions;
    await expect(client.registrations.update(id, input(), withoutVersion)).rejects.toBeInstanceOf(ComenshaError);
    await expect(client.registrations.update(id, input(), withoutVersion)).rejects.toThrow(/version/);
    await expect(client.registrations.update(id, input(), { ifMatch: " " })).rejects.toBeInstanceOf(ComenshaError);
    await expect(client.registrations.update(id, input(), { version: 0 })).rejects.toThrow(/whole number/);
    await expect(client.registrations.update(id, input(), { version: 1.5 })).rejects.toThrow(/whole number/);
    const withdrawWithoutVersion = { reason: "error" } as unknown as WithdrawRegistrationOptions;
    await expect(client.registrations.withdraw(id, withdrawWithoutVersion)).rejects.toBeInstanceOf(ComenshaError);
    expect(requests).toHaveLength(0);
  });

  it("withdraws with POST .../withdraw, If-Match and the reason, or an empty body without one", async () => {
    const withdrawn = registration({ status: "withdrawn", version: 3 });
    const { fetch, requests } = mockFetch(json(200, withdrawn), json(200, withdrawn));
    const client = clientWith(fetch);
    const result = await client.registrations.withdraw(id, { version: 2, reason: "reported in error" });
    await client.registrations.withdraw(id, { ifMatch: '"2"' });
    expect(result.status).toBe("withdrawn");
    expect(requests[0]?.method).toBe("POST");
    expect(requests[0]?.url).toBe(`http://api.test/v1/registrations/${id}/withdraw`);
    expect(requests[0]?.headers.get("if-match")).toBe('"2"');
    expect(requests[0]?.body).toEqual({ reason: "reported in error" });
    expect(requests[1]?.body).toEqual({});
  });

  it("computes the ETag of a registration and strips the fields the API adds", () => {
    expect(etagOf(registration({ version: 12 }))).toBe('"12"');
    expect(inputOf(registration())).toEqual(input());
  });

  it("passes a 404 on as a NotFoundError", async () => {
    const { fetch } = mockFetch(
      json(404, { type: "https://comensha.nl/problems/not-found", title: "Registration not found", status: 404 }),
    );
    await expect(clientWith(fetch).registrations.get(id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("listing registrations", () => {
  it("sends the filters and leaves out those not given", async () => {
    const { fetch, requests } = mockFetch(
      json(200, { data: [], nextCursor: null }),
      json(200, { data: [], nextCursor: null }),
    );
    const client = clientWith(fetch);
    await client.registrations.list({
      status: "received",
      reportedFrom: "2026-01-01",
      reportedTo: undefined,
      limit: 10,
    });
    await client.registrations.list();
    expect(requests[0]?.url).toBe("http://api.test/v1/registrations?status=received&reportedFrom=2026-01-01&limit=10");
    expect(requests[1]?.url).toBe("http://api.test/v1/registrations");
  });

  it("finds registrations by reference: the last 8 characters of an id, or the whole id", async () => {
    const { fetch, requests } = mockFetch(json(200, { data: [], nextCursor: null }));
    await clientWith(fetch).registrations.list({ reference: "78852a06", status: "registered" });
    expect(requests[0]?.url).toBe("http://api.test/v1/registrations?status=registered&reference=78852a06");
  });

  it("awaited, gives the first page only, and fetches the next with the same filters on request", async () => {
    const { fetch, requests } = mockFetch(threePages, threePages, threePages);
    const first = await clientWith(fetch).registrations.list({ status: "received", limit: 2 });
    expect(first).toBeInstanceOf(Page);
    expect(first.data.map((r) => r.id)).toEqual(["r1", "r2"]);
    expect(first.nextCursor).toBe("c2");
    expect(first.hasNextPage()).toBe(true);
    expect(requests).toHaveLength(1);

    const second = await first.getNextPage();
    expect(second.data.map((r) => r.id)).toEqual(["r3", "r4"]);
    expect(new URL(requests[1]?.url ?? "").searchParams.toString()).toBe("status=received&limit=2&cursor=c2");
    const third = await second.getNextPage();
    expect(third.data.map((r) => r.id)).toEqual(["r5"]);
    expect(third.hasNextPage()).toBe(false);
    expect(() => third.getNextPage()).toThrow(ComenshaError);
  });

  it("iterated with for await, yields every registration of all three pages", async () => {
    const { fetch, requests } = mockFetch(threePages, threePages, threePages);
    const seen: Array<string> = [];
    for await (const item of clientWith(fetch).registrations.list({ limit: 2 })) seen.push(item.id);
    expect(seen).toEqual(["r1", "r2", "r3", "r4", "r5"]);
    expect(requests.map((request) => new URL(request.url).searchParams.get("cursor"))).toEqual([null, "c2", "c3"]);
  });

  it("fetches a page only when the loop reaches it", async () => {
    const { fetch, requests } = mockFetch(threePages, threePages, threePages);
    const firstTwo: Array<Registration> = [];
    for await (const item of clientWith(fetch).registrations.list({ limit: 2 })) {
      firstTwo.push(item);
      if (firstTwo.length === 2) break;
    }
    expect(requests).toHaveLength(1);
    const firstThree: Array<Registration> = [];
    for await (const item of clientWith(fetch).registrations.list({ limit: 2 })) {
      firstThree.push(item);
      if (firstThree.length === 3) break;
    }
    expect(firstThree.map((r) => r.id)).toEqual(["r1", "r2", "r3"]);
    expect(requests).toHaveLength(3);
  });

  it("iterates a page it was given, over its items and those of the pages after it, and over its pages", async () => {
    const { fetch, requests } = mockFetch(...Array.from({ length: 6 }, () => threePages));
    const client = clientWith(fetch);
    const second = await (await client.registrations.list({ limit: 2 })).getNextPage();
    const rest: Array<string> = [];
    for await (const item of second) rest.push(item.id);
    expect(rest).toEqual(["r3", "r4", "r5"]);
    const sizes: Array<number> = [];
    for await (const page of (await client.registrations.list({ limit: 2 })).iterPages()) sizes.push(page.data.length);
    expect(sizes).toEqual([2, 2, 1]);
    expect(requests).toHaveLength(6);
  });

  it("rejects an answer that is not a page", async () => {
    const { fetch } = mockFetch(json(200, [registration()]));
    await expect(clientWith(fetch).registrations.list()).rejects.toThrow(/Expected a page/);
  });
});

describe("code lists", () => {
  it("gets every list from GET /v1/code-lists, unwrapped from data, and one list by id", async () => {
    const sex = {
      id: "sex",
      codes: [
        { code: "female", labels: { nl: "Vrouw", en: "Female" } },
        { code: "male", labels: { nl: "Man", en: "Male" } },
      ],
    };
    const { fetch, requests } = mockFetch(json(200, { data: [sex] }), json(200, sex));
    const client = clientWith(fetch);
    const all = await client.codeLists.get();
    const one = await client.codeLists.get("sex");
    expect(all).toEqual([sex]);
    expect(one).toEqual(sex);
    expect(requests.map((request) => request.url)).toEqual([
      "http://api.test/v1/code-lists",
      "http://api.test/v1/code-lists/sex",
    ]);
  });
});
