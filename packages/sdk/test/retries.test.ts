import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffMs, retryAfterMs } from "../src/core.js";
import {
  BadRequestError,
  ComenshaError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
} from "../src/index.js";
import { clientWith, hang, input, json, mockFetch, problem, registration, settle, uuidPattern } from "./support.js";

const created = () => json(201, registration(), { ETag: '"1"' });

describe("Idempotency-Key", () => {
  it("sends one UUID Idempotency-Key on a create and none on a GET", async () => {
    const { fetch, requests } = mockFetch(created(), json(200, registration()));
    const client = clientWith(fetch);
    await client.registrations.create(input());
    await client.registrations.get(registration().id);
    expect(requests[0]?.method).toBe("POST");
    expect(requests[0]?.headers.get("idempotency-key")).toMatch(uuidPattern);
    expect(requests[0]?.headers.get("content-type")).toBe("application/json");
    expect(requests[0]?.body).toEqual(input());
    expect(requests[1]?.method).toBe("GET");
    expect(requests[1]?.headers.has("idempotency-key")).toBe(false);
  });

  it("sends an Idempotency-Key on updates and withdrawals too", async () => {
    const { fetch, requests } = mockFetch(json(200, registration({ version: 2 })), json(200, registration()));
    const client = clientWith(fetch);
    await client.registrations.update(registration().id, input(), { version: 1 });
    await client.registrations.withdraw(registration().id, { version: 2 });
    expect(requests[0]?.method).toBe("PUT");
    expect(requests[0]?.headers.get("idempotency-key")).toMatch(uuidPattern);
    expect(requests[1]?.method).toBe("POST");
    expect(requests[1]?.headers.get("idempotency-key")).toMatch(uuidPattern);
  });

  it("gives two creates two different keys", async () => {
    const { fetch, requests } = mockFetch(created(), created());
    const client = clientWith(fetch);
    await client.registrations.create(input());
    await client.registrations.create(input());
    const [first, second] = requests.map((request) => request.headers.get("idempotency-key"));
    expect(first).toMatch(uuidPattern);
    expect(second).toMatch(uuidPattern);
    expect(first).not.toBe(second);
  });

  it("reuses the key of a create, and its body, on every retry", async () => {
    const { fetch, requests } = mockFetch(
      problem(503, "unavailable", {}, { "Retry-After": "0" }),
      problem(409, "idempotency-in-flight", {}, { "Retry-After": "0" }),
      created(),
    );
    const result = await clientWith(fetch).registrations.create(input());
    expect(result).toEqual(registration());
    expect(requests).toHaveLength(3);
    const keys = new Set(requests.map((request) => request.headers.get("idempotency-key")));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(uuidPattern);
    for (const request of requests) expect(request.body).toEqual(input());
  });

  it("sends the caller's own key, on the first attempt and its retries", async () => {
    const { fetch, requests } = mockFetch(problem(503, "unavailable", {}, { "Retry-After": "0" }), created());
    await clientWith(fetch).registrations.create(input(), { idempotencyKey: "order-2026-0042" });
    expect(requests.map((request) => request.headers.get("idempotency-key"))).toEqual([
      "order-2026-0042",
      "order-2026-0042",
    ]);
  });

  it("rejects a key the API would refuse before sending anything", async () => {
    const { fetch, requests } = mockFetch(created());
    const client = clientWith(fetch);
    await expect(client.registrations.create(input(), { idempotencyKey: "" })).rejects.toBeInstanceOf(ComenshaError);
    await expect(client.registrations.create(input(), { idempotencyKey: "has space" })).rejects.toThrow(
      /idempotencyKey/,
    );
    expect(requests).toHaveLength(0);
  });
});

describe("retries", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    vi.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("waits as long as Retry-After (seconds) says on a 503, then retries", async () => {
    const { fetch, requests } = mockFetch(problem(503, "unavailable", {}, { "Retry-After": "3" }), created());
    const outcome = settle(clientWith(fetch).registrations.create(input()));
    await vi.advanceTimersByTimeAsync(2_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    expect((await outcome).value).toEqual(registration());
  });

  it("waits until the HTTP date of Retry-After on a 429, then retries", async () => {
    vi.setSystemTime(new Date("2026-11-20T10:00:00Z"));
    const { fetch, requests } = mockFetch(
      problem(429, "rate-limited", {}, { "Retry-After": "Fri, 20 Nov 2026 10:00:02 GMT" }),
      json(200, registration()),
    );
    const outcome = settle(clientWith(fetch).registrations.get(registration().id));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    expect((await outcome).value).toEqual(registration());
  });

  it("prefers retry-after-ms to Retry-After", async () => {
    const { fetch, requests } = mockFetch(
      problem(429, "rate-limited", {}, { "retry-after-ms": "150", "Retry-After": "5" }),
      json(200, registration()),
    );
    const outcome = settle(clientWith(fetch).registrations.get(registration().id));
    await vi.advanceTimersByTimeAsync(149);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await outcome).value).toEqual(registration());
  });

  it("backs off exponentially (0.5 s, 1 s, ...) without Retry-After, and after a connection error", async () => {
    const { fetch, requests } = mockFetch(
      new TypeError("fetch failed"),
      new Response("upstream gone", { status: 502 }),
      created(),
    );
    const outcome = settle(clientWith(fetch).registrations.create(input()));
    await vi.advanceTimersByTimeAsync(499);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(3);
    expect((await outcome).value).toEqual(registration());
    expect(new Set(requests.map((request) => request.headers.get("idempotency-key"))).size).toBe(1);
  });

  it("does not wait for a Retry-After over 60 s: it backs off instead", async () => {
    const { fetch, requests } = mockFetch(problem(503, "unavailable", {}, { "Retry-After": "3600" }), created());
    const outcome = settle(clientWith(fetch).registrations.create(input()));
    await vi.advanceTimersByTimeAsync(500);
    expect(requests).toHaveLength(2);
    expect((await outcome).value).toEqual(registration());
  });

  it("gives up after maxRetries with the last error", async () => {
    const { fetch, requests } = mockFetch(
      problem(503, "unavailable"),
      problem(503, "unavailable"),
      problem(503, "unavailable", { title: "Service unavailable" }),
    );
    const outcome = settle(clientWith(fetch).registrations.create(input()));
    await vi.runAllTimersAsync();
    const { error } = await outcome;
    expect(requests).toHaveLength(3);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(503);
    expect((error as InternalServerError).title).toBe("Service unavailable");
  });

  it("throws a ConnectionError with the network error as its cause once the retries are spent", async () => {
    const networkError = new TypeError("fetch failed: connection refused");
    const { fetch, requests } = mockFetch(networkError, networkError);
    const outcome = settle(clientWith(fetch, { maxRetries: 1 }).registrations.get(registration().id));
    await vi.runAllTimersAsync();
    const { error } = await outcome;
    expect(requests).toHaveLength(2);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).cause).toBe(networkError);
    expect((error as ConnectionError).name).toBe("ConnectionError");
  });

  it("abandons an attempt after the timeout and throws a TimeoutError after the retries", async () => {
    const { fetch, requests } = mockFetch(hang, hang, hang);
    const outcome = settle(clientWith(fetch, { timeout: 1_000 }).registrations.create(input()));
    await vi.advanceTimersByTimeAsync(999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests[0]?.signal?.aborted).toBe(true);
    await vi.runAllTimersAsync();
    const { error } = await outcome;
    expect(requests).toHaveLength(3);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).name).toBe("TimeoutError");
    expect((error as TimeoutError).message).toMatch(/timed out after 1000 ms/);
    expect(new Set(requests.map((request) => request.headers.get("idempotency-key"))).size).toBe(1);
  });

  it("lets a call set its own timeout and retries", async () => {
    const { fetch, requests } = mockFetch(hang);
    const outcome = settle(clientWith(fetch).registrations.get(registration().id, { timeout: 50, maxRetries: 0 }));
    await vi.advanceTimersByTimeAsync(50);
    expect((await outcome).error).toBeInstanceOf(TimeoutError);
    expect(requests).toHaveLength(1);
  });

  it("stops waiting at once when the caller aborts during a backoff, and sends nothing more", async () => {
    const controller = new AbortController();
    const { fetch, requests } = mockFetch(problem(503, "unavailable"), created());
    const outcome = settle(clientWith(fetch).registrations.create(input(), { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(100);
    expect(requests).toHaveLength(1);
    controller.abort();
    const { error } = await outcome;
    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe("AbortError");
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(1);
  });
});

describe("what is not retried", () => {
  it.each([
    [400, "bad-request", BadRequestError],
    [404, "not-found", NotFoundError],
    [422, "validation-failed", UnprocessableEntityError],
    [409, "invalid-state", ConflictError],
    [409, "place-already-booked", ConflictError],
    [409, "offer-expired", ConflictError],
    [409, "shelter-closed", ConflictError],
  ] as const)("does not retry a %i %s", async (status, slug, errorClass) => {
    const { fetch, requests } = mockFetch(problem(status, slug, {}, { "Retry-After": "0" }), created());
    await expect(clientWith(fetch).registrations.create(input())).rejects.toBeInstanceOf(errorClass);
    expect(requests).toHaveLength(1);
  });

  it("does not retry with maxRetries 0, on the client or on one call", async () => {
    const first = mockFetch(problem(503, "unavailable", {}, { "Retry-After": "0" }), created());
    await expect(clientWith(first.fetch, { maxRetries: 0 }).registrations.create(input())).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(first.requests).toHaveLength(1);

    const second = mockFetch(problem(429, "rate-limited", {}, { "Retry-After": "0" }), created());
    await expect(clientWith(second.fetch).registrations.create(input(), { maxRetries: 0 })).rejects.toBeInstanceOf(
      RateLimitError,
    );
    expect(second.requests).toHaveLength(1);
  });

  it("retries as often as a call's maxRetries says", async () => {
    const unavailable = () => problem(503, "unavailable", {}, { "Retry-After": "0" });
    const { fetch, requests } = mockFetch(unavailable(), unavailable(), unavailable(), unavailable(), created());
    await expect(clientWith(fetch).registrations.create(input(), { maxRetries: 4 })).resolves.toEqual(registration());
    expect(requests).toHaveLength(5);
  });

  it("rejects at once with the abort error when the caller aborts a request in flight", async () => {
    const controller = new AbortController();
    const { fetch, requests } = mockFetch(hang, created());
    const call = clientWith(fetch).registrations.create(input(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const started = Date.now();
    const { error } = await settle(call);
    expect(Date.now() - started).toBeLessThan(500);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    expect(error).not.toBeInstanceOf(ComenshaError);
    expect(requests).toHaveLength(1);
  });

  it("rejects with the caller's own abort reason, and sends nothing when already aborted", async () => {
    const reason = new Error("user navigated away");
    const { fetch, requests } = mockFetch(created());
    await expect(clientWith(fetch).registrations.create(input(), { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
    expect(requests).toHaveLength(0);
  });
});

describe("retryAfterMs and backoffMs", () => {
  it("reads seconds, milliseconds and HTTP dates, and refuses what is negative, unreadable or over 60 s", () => {
    const now = Date.parse("2026-11-20T10:00:00Z");
    const headers = (values: Record<string, string>) => new Headers(values);
    expect(retryAfterMs(headers({ "Retry-After": "2" }), now)).toBe(2_000);
    expect(retryAfterMs(headers({ "Retry-After": "0" }), now)).toBe(0);
    expect(retryAfterMs(headers({ "retry-after-ms": "250" }), now)).toBe(250);
    expect(retryAfterMs(headers({ "Retry-After": "Fri, 20 Nov 2026 10:00:30 GMT" }), now)).toBe(30_000);
    expect(retryAfterMs(headers({ "Retry-After": "Fri, 20 Nov 2026 09:59:00 GMT" }), now)).toBeUndefined();
    expect(retryAfterMs(headers({ "Retry-After": "61" }), now)).toBeUndefined();
    expect(retryAfterMs(headers({ "Retry-After": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(headers({}), now)).toBeUndefined();
  });

  it("doubles from 0.5 s up to 8 s and takes off at most 25 % at random", () => {
    const random = vi.spyOn(Math, "random");
    random.mockReturnValue(0);
    expect([0, 1, 2, 3, 4, 5, 9].map(backoffMs)).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    random.mockReturnValue(0.999_999);
    expect(backoffMs(0)).toBeGreaterThan(375);
    expect(backoffMs(0)).toBeLessThan(376);
    random.mockRestore();
  });
});
