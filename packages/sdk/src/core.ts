import { ApiPromise, type ApiResponse } from "./apiPromise.js";
import { ComenshaError, ConnectionError, createApiError, ProblemTypes, TimeoutError } from "./errors.js";
import { Page, PagePromise } from "./pagination.js";
import type { ListResponse, Problem } from "./types.js";

/** A `fetch` to send requests with: the global one by default, or your own (a proxy agent, a mock in tests). */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** The HTTP methods the client sends. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A value of a query parameter; `undefined` and `null` leave the parameter out. */
export type QueryValue = string | number | boolean | null | undefined;

/** Headers to add; a `null` value removes a header the client would otherwise send. */
export type HeaderValues = Readonly<Record<string, string | null | undefined>>;

/**
 * Options every call takes as its last argument.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * await client.registrations.create(input, {
 *   idempotencyKey: myStoredKey,
 *   timeout: 10_000,
 *   maxRetries: 5,
 *   signal: controller.signal,
 * });
 * ```
 */
export interface RequestOptions {
  /** Aborts the call, including its retries and the waits between them; the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Milliseconds each attempt may take before it is abandoned (and retried); overrides the client's `timeout`. */
  timeout?: number | undefined;
  /** Retries after the first attempt; overrides the client's `maxRetries`. */
  maxRetries?: number | undefined;
  /**
   * The `Idempotency-Key` of a non-GET call (1-255 visible ASCII characters). By default each call gets a fresh UUID,
   * reused on all of its retries; pass your own to make a call safe to repeat across process restarts.
   */
  idempotencyKey?: string | undefined;
  /** Extra headers for this call. */
  headers?: HeaderValues | undefined;
}

/** How a successful answer's body is read: parsed JSON (or text when not JSON), text as is, or bytes. */
type ResponseKind = "json" | "text" | "bytes";

/** One call as the resources describe it to the engine. */
export interface RequestSpec {
  readonly method: HttpMethod;
  /** The path under the base URL, starting with `/`, with `{name}` for each parameter. */
  readonly path: string;
  /** The values of the path's parameters; each is URL-encoded. */
  readonly params?: Readonly<Record<string, string>> | undefined;
  readonly query?: Readonly<Record<string, QueryValue>> | undefined;
  /** Sent as JSON when defined. */
  readonly body?: unknown;
  /** Sent as it is, with this content type, instead of a JSON body (a file upload). */
  readonly rawBody?: { readonly data: Uint8Array | Blob; readonly contentType: string } | undefined;
  readonly headers?: HeaderValues | undefined;
  readonly options?: RequestOptions | undefined;
  /** Resolve to the body as text, whatever its content type (files such as a report's CSV or JSON). */
  readonly asText?: boolean | undefined;
  /** Resolve to the body's bytes, whatever its content type (files such as an attachment). */
  readonly asBytes?: boolean | undefined;
}

/** The resolved configuration of a client. */
export interface CoreConfig {
  /** The API key sent as `Authorization: Bearer`; undefined in session mode. */
  readonly apiKey: string | undefined;
  /** Session mode (the console): no Authorization, cookies included, `X-CSRF-Token` on every call but GET. */
  readonly session: boolean;
  readonly baseUrl: string;
  readonly fetch: Fetch;
  readonly maxRetries: number;
  readonly timeout: number;
  readonly headers: HeaderValues;
}

/** Retry-After values above this are not waited for; the backoff applies instead. */
const maxRetryAfterMs = 60_000;
const initialBackoffMs = 500;
const maxBackoffMs = 8_000;

/** Fills the `{name}` parameters of a path, each URL-encoded as one segment. */
export const expandPath = (path: string, params: RequestSpec["params"]): string =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value: unknown = params?.[name];
    if (typeof value !== "string" || value === "" || value === "." || value === "..") {
      throw new ComenshaError(
        `The path parameter ${name} must be a non-empty string other than "." and "..", got ${JSON.stringify(value)}.`,
      );
    }
    return encodeURIComponent(value);
  });

const buildUrl = (baseUrl: string, path: string, query: RequestSpec["query"]): string => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) search.append(name, String(value));
  }
  const queryString = search.toString();
  return `${baseUrl}${path}${queryString === "" ? "" : `?${queryString}`}`;
};

const mergeHeaders = (headers: Headers, values: HeaderValues | undefined): void => {
  for (const [name, value] of Object.entries(values ?? {})) {
    if (value === null) headers.delete(name);
    else if (value !== undefined) headers.set(name, value);
  }
};

const isValidIdempotencyKey = (key: string) => /^[\x21-\x7e]{1,255}$/.test(key);

/** A fresh UUID (v4) for an `Idempotency-Key`, from Web Crypto where the runtime has it. */
const randomUuid = (): string => {
  const webCrypto = globalThis.crypto as Crypto | undefined;
  if (typeof webCrypto?.randomUUID === "function") return webCrypto.randomUUID();
  const bytes = new Uint8Array(16);
  if (typeof webCrypto?.getRandomValues === "function") webCrypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException("This operation was aborted", "AbortError");

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal === undefined ? undefined : abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/**
 * How long the server asked us to wait: `retry-after-ms` (milliseconds), else `Retry-After` in seconds or as an
 * HTTP date. `undefined` when absent, unreadable, negative or above 60 s.
 */
export const retryAfterMs = (headers: Headers, now: number = Date.now()): number | undefined => {
  const read = (): number | undefined => {
    const milliseconds = headers.get("retry-after-ms");
    if (milliseconds !== null && milliseconds.trim() !== "" && Number.isFinite(Number(milliseconds))) {
      return Number(milliseconds);
    }
    const value = headers.get("retry-after")?.trim();
    if (value === undefined || value === "") return undefined;
    if (Number.isFinite(Number(value))) return Number(value) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : date - now;
  };
  const wait = read();
  return wait !== undefined && wait >= 0 && wait <= maxRetryAfterMs ? wait : undefined;
};

/** Exponential backoff with jitter: 0.5 s, 1 s, 2 s, ... capped at 8 s, each less up to 25 % at random. */
export const backoffMs = (retry: number): number =>
  Math.min(initialBackoffMs * 2 ** retry, maxBackoffMs) * (1 - Math.random() * 0.25);

/**
 * The conflicts that a retry cannot change: the resource's state, a place someone else booked first, an offer that
 * has lapsed, or a shelter that is closed.
 */
const finalConflicts: ReadonlySet<string> = new Set([
  ProblemTypes.invalidState,
  ProblemTypes.placeAlreadyBooked,
  ProblemTypes.offerExpired,
  ProblemTypes.shelterClosed,
]);

/**
 * Whether a status may succeed when tried again: 408, 409 (a request with the same key in flight, or a lock),
 * 429 and 5xx. The {@link finalConflicts} are final: waiting changes none of them; a 429
 * `account-locked` too: another login attempt during the lock-out helps nobody.
 */
const isRetryable = (status: number, type: string): boolean =>
  status === 408 ||
  (status === 409 && !finalConflicts.has(type)) ||
  (status === 429 && type !== ProblemTypes.accountLocked) ||
  status >= 500;

const isJson = (response: Response) => /\bjson\b/i.test(response.headers.get("content-type") ?? "");

const parseProblem = (text: string | undefined, response: Response): Problem | undefined => {
  if (text === undefined || text === "" || !isJson(response)) return undefined;
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
    const problem = body as Partial<Problem>;
    return typeof problem.type === "string" || typeof problem.title === "string" ? (body as Problem) : undefined;
  } catch {
    return undefined;
  }
};

type Attempt<T> =
  | { readonly kind: "done"; readonly value: ApiResponse<T> }
  | { readonly kind: "failed"; readonly error: ComenshaError; readonly retryable: boolean; readonly wait?: number };

/**
 * The request engine: builds each request, sends it with a timeout per attempt, retries what may succeed when
 * tried again (reusing the call's `Idempotency-Key`), and turns error responses into the error classes.
 */
export class Core {
  readonly #config: CoreConfig;
  #csrfToken: string | undefined;

  constructor(config: CoreConfig) {
    this.#config = config;
  }

  /** Session mode: remembers the session's CSRF token (from login or session), or forgets it (logout). */
  setCsrfToken(token: string | undefined): void {
    this.#csrfToken = token;
  }

  /** Sends a call; the promise resolves to the parsed body. */
  request<T>(spec: RequestSpec): ApiPromise<T> {
    return new ApiPromise(this.#send<T>(spec));
  }

  /** Sends a call; the promise resolves to the parsed body passed through `map`. */
  requestMapped<Body, Result>(spec: RequestSpec, map: (body: Body) => Result): ApiPromise<Result> {
    return new ApiPromise(this.#send<Body>(spec).then((response) => ({ ...response, data: map(response.data) })));
  }

  /** Sends a list call; the promise resolves to a page that fetches the next with the same query and options. */
  requestPage<Item>(spec: RequestSpec): PagePromise<Item> {
    const fetchPage = (cursor: string | undefined): PagePromise<Item> =>
      new PagePromise(
        this.#send<ListResponse<Item>>({ ...spec, query: { ...spec.query, cursor } }).then((response) => {
          const body: unknown = response.data;
          const list = body as Partial<ListResponse<Item>> | null;
          if (list === null || typeof list !== "object" || !Array.isArray(list.data)) {
            throw new ComenshaError(`Expected a page ({ data, nextCursor }) from ${spec.method} ${spec.path}.`);
          }
          const page = new Page<Item>({ data: list.data, nextCursor: list.nextCursor ?? null }, fetchPage);
          return { ...response, data: page };
        }),
      );
    const cursor = spec.query?.cursor;
    return fetchPage(typeof cursor === "string" ? cursor : undefined);
  }

  /** Returns a promise that rejects with `error`, for mistakes found before any request. */
  static reject<T>(error: ComenshaError): ApiPromise<T> {
    return new ApiPromise<T>(Promise.reject(error));
  }

  async #send<T>(spec: RequestSpec): Promise<ApiResponse<T>> {
    const config = this.#config;
    const options = spec.options ?? {};
    const maxRetries = options.maxRetries ?? config.maxRetries;
    const timeout = options.timeout ?? config.timeout;
    const signal = options.signal;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw new ComenshaError(`maxRetries must be a whole number of 0 or more, got ${maxRetries}.`);
    }
    if (!(timeout > 0)) throw new ComenshaError(`timeout must be a positive number of milliseconds, got ${timeout}.`);

    const url = buildUrl(config.baseUrl, expandPath(spec.path, spec.params), spec.query);
    const headers = this.#headers(spec);
    const body: string | Uint8Array | Blob | undefined =
      spec.rawBody !== undefined ? spec.rawBody.data : spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const read: ResponseKind = spec.asBytes === true ? "bytes" : spec.asText === true ? "text" : "json";

    for (let retry = 0; ; retry++) {
      if (signal?.aborted) throw abortReason(signal);
      const attempt = await this.#attempt<T>(spec.method, url, headers, body, timeout, signal, read);
      if (attempt.kind === "done") return attempt.value;
      if (!attempt.retryable || retry >= maxRetries) throw attempt.error;
      await sleep(attempt.wait ?? backoffMs(retry), signal);
    }
  }

  #headers(spec: RequestSpec): Headers {
    const config = this.#config;
    const options = spec.options ?? {};
    const headers = new Headers({ Accept: "application/json" });
    if (config.apiKey !== undefined) headers.set("Authorization", `Bearer ${config.apiKey}`);
    if (config.session && spec.method !== "GET" && this.#csrfToken !== undefined) {
      headers.set("X-CSRF-Token", this.#csrfToken);
    }
    if (spec.rawBody !== undefined) headers.set("Content-Type", spec.rawBody.contentType);
    else if (spec.body !== undefined) headers.set("Content-Type", "application/json");
    mergeHeaders(headers, config.headers);
    mergeHeaders(headers, spec.headers);
    mergeHeaders(headers, options.headers);
    if (spec.method === "GET") {
      headers.delete("Idempotency-Key");
      return headers;
    }
    const key = options.idempotencyKey ?? headers.get("Idempotency-Key") ?? randomUuid();
    if (!isValidIdempotencyKey(key)) {
      throw new ComenshaError("idempotencyKey must be 1-255 visible ASCII characters; a UUID is best.");
    }
    headers.set("Idempotency-Key", key);
    return headers;
  }

  async #attempt<T>(
    method: HttpMethod,
    url: string,
    headers: Headers,
    body: string | Uint8Array | Blob | undefined,
    timeout: number,
    signal: AbortSignal | undefined,
    read: ResponseKind,
  ): Promise<Attempt<T>> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });

    const failure = (cause: unknown): Attempt<T> => {
      if (signal?.aborted) throw abortReason(signal);
      if (timedOut) {
        return {
          kind: "failed",
          retryable: true,
          error: new TimeoutError(`${method} ${url} timed out after ${timeout} ms.`, { cause }),
        };
      }
      const reason = cause instanceof Error ? `: ${cause.message}` : "";
      return {
        kind: "failed",
        retryable: true,
        error: new ConnectionError(`${method} ${url} failed to connect${reason}`, { cause }),
      };
    };

    try {
      let response: Response;
      let text: string;
      let bytes: Uint8Array | undefined;
      try {
        response = await this.#config.fetch(url, {
          method,
          headers: new Headers(headers),
          signal: controller.signal,
          ...(this.#config.session ? { credentials: "include" as const } : {}),
          ...(body === undefined ? {} : { body: body as BodyInit }),
        });
        if (read === "bytes" && response.ok) {
          bytes = new Uint8Array(await response.arrayBuffer());
          text = "";
        } else {
          text = await response.text();
        }
      } catch (error) {
        return failure(error);
      }
      const requestId = response.headers.get("x-request-id") ?? undefined;
      if (response.ok) {
        const data =
          bytes !== undefined
            ? (bytes as T)
            : read === "text"
              ? (text as T)
              : this.#parseBody<T>(text, response, method, url);
        return { kind: "done", value: { data, response, requestId } };
      }
      const problem = parseProblem(text, response);
      const error = createApiError({ status: response.status, headers: response.headers, problem, body: text });
      const wait = retryAfterMs(response.headers);
      return {
        kind: "failed",
        error,
        retryable: isRetryable(response.status, error.type),
        ...(wait === undefined ? {} : { wait }),
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  #parseBody<T>(text: string, response: Response, method: HttpMethod, url: string): T {
    if (text === "") return undefined as T;
    if (!isJson(response)) return text as T;
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new ComenshaError(`${method} ${url} answered ${response.status} with a body that is not JSON.`, { cause });
    }
  }
}
