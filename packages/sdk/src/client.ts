import type { ApiPromise } from "./apiPromise.js";
import { Core, type Fetch, type HeaderValues, type HttpMethod, type QueryValue, type RequestOptions } from "./core.js";
import { ComenshaError } from "./errors.js";
import { AuditEvents } from "./resources/auditEvents.js";
import { Auth } from "./resources/auth.js";
import { CodeLists } from "./resources/codeLists.js";
import { Duplicates } from "./resources/duplicates.js";
import { ErasureRequests } from "./resources/erasureRequests.js";
import { FollowUps } from "./resources/followUps.js";
import { Organisations } from "./resources/organisations.js";
import { Persons } from "./resources/persons.js";
import { PlacementRequests } from "./resources/placementRequests.js";
import { ProcessingRecordResource } from "./resources/processingRecord.js";
import { Referrals } from "./resources/referrals.js";
import { Registrations } from "./resources/registrations.js";
import { Reports } from "./resources/reports.js";
import { Shelters } from "./resources/shelters.js";
import { Signals } from "./resources/signals.js";
import { Statistics } from "./resources/statistics.js";
import { Users } from "./resources/users.js";
import { WebhookEndpoints } from "./resources/webhookEndpoints.js";
import { VERSION } from "./version.js";

/**
 * How to reach the API.
 *
 * @example
 * ```ts
 * const client = new Comensha({
 *   apiKey: process.env.COMENSHA_API_KEY,
 *   baseUrl: "https://api.example.org",
 *   maxRetries: 4,
 *   timeout: 20_000,
 * });
 * ```
 */
export interface ClientOptions {
  /**
   * The organisation's API key (`cmk_<prefix>_<secret>`). Defaults to `COMENSHA_API_KEY` where `process.env` exists.
   * Required unless `session` is true.
   */
  apiKey?: string | undefined;
  /**
   * Session mode, for the admin console in a browser: no API key and no `Authorization` header; requests include
   * the session cookie (`credentials: "include"`) that `auth.login()` sets, and every call but GET sends the CSRF
   * token that `auth.login()` or `auth.session()` answered as `X-CSRF-Token`.
   *
   * @example
   * ```ts
   * const client = new Comensha({ baseUrl: window.location.origin, session: true });
   * await client.auth.login({ email, password });
   * ```
   */
  session?: boolean | undefined;
  /** The API's origin, e.g. `http://localhost:3000`. Defaults to `COMENSHA_BASE_URL` where `process.env` exists. */
  baseUrl?: string | undefined;
  /** The `fetch` to send requests with; the global `fetch` by default. */
  fetch?: Fetch | undefined;
  /** Retries after the first attempt of a call that may succeed when tried again; default 2. */
  maxRetries?: number | undefined;
  /** Milliseconds each attempt may take; default 60 000. */
  timeout?: number | undefined;
  /** Headers sent with every call; a `null` value removes one the client would send. */
  defaultHeaders?: HeaderValues | undefined;
}

/** The escape hatch for a route this SDK does not wrap yet. */
export interface RawRequest {
  readonly method: HttpMethod;
  /** The path under the base URL, e.g. `/v1/shelters`, with `{name}` for each of `params`. */
  readonly path: string;
  readonly params?: Readonly<Record<string, string>> | undefined;
  readonly query?: Readonly<Record<string, QueryValue>> | undefined;
  /** Sent as JSON when defined. */
  readonly body?: unknown;
}

const readEnv = (name: string): string | undefined => {
  try {
    if (typeof process === "undefined") return undefined;
    const value = process.env?.[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  } catch {
    // Deno without --allow-env throws on reading the environment: treat it as unset.
    return undefined;
  }
};

const isBrowser = (): boolean => {
  const scope = globalThis as { document?: unknown; importScripts?: unknown };
  return typeof scope.document !== "undefined" || typeof scope.importScripts === "function";
};

const globalFetch: Fetch = (url, init) => {
  if (typeof globalThis.fetch !== "function") {
    throw new ComenshaError("No global fetch in this runtime: pass one as new Comensha({ fetch }).");
  }
  return globalThis.fetch(url, init);
};

const normaliseBaseUrl = (baseUrl: string): string => {
  const trimmed = baseUrl.trim().replace(/\/+$/, "");
  try {
    const url = new URL(trimmed);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(url.protocol);
  } catch (cause) {
    throw new ComenshaError(`baseUrl must be an http(s) URL, got ${JSON.stringify(baseUrl)}.`, { cause });
  }
  return trimmed;
};

const checkedCount = (name: string, value: number, minimum: number): number => {
  if (!Number.isInteger(value) || value < minimum) {
    throw new ComenshaError(`${name} must be a whole number of ${minimum} or more, got ${value}.`);
  }
  return value;
};

/**
 * The client of the CoMensha partner API: report possible victims of human trafficking and follow your reports.
 *
 * Every call returns a promise; failures are {@link ComenshaError}s: an {@link ApiError} subclass per status for an
 * error response, {@link ConnectionError} or {@link TimeoutError} when no response came. Calls that may succeed when
 * tried again are retried (twice by default) with backoff, each non-GET call with one `Idempotency-Key` throughout.
 *
 * @example
 * ```ts
 * import Comensha from "@comensha/sdk";
 *
 * const client = new Comensha({ apiKey: process.env.COMENSHA_API_KEY, baseUrl: "http://localhost:3000" });
 *
 * const registration = await client.registrations.create(input);
 * for await (const { id, status } of client.registrations.list({ status: "received" })) console.log(id, status);
 * ```
 */
export class Comensha {
  /** The version of this SDK. */
  static readonly VERSION = VERSION;

  /** The API's origin the client sends to, without a trailing slash. */
  readonly baseUrl: string;
  /** Retries after the first attempt, unless a call says otherwise. */
  readonly maxRetries: number;
  /** Milliseconds each attempt may take, unless a call says otherwise. */
  readonly timeout: number;

  /** Registrations (meldingen) of your organisation: create, list, get, update, withdraw. */
  readonly registrations: Registrations;
  /** The code lists, with Dutch and English labels. */
  readonly codeLists: CodeLists;
  /** Shelter locations, and which places are free over a date range. */
  readonly shelters: Shelters;
  /** Anonymised reports (policy staff, coordinators, admins): request, follow, download. */
  readonly reports: Reports;
  /** Requests for first shelter for people your organisation registered. */
  readonly placementRequests: PlacementRequests;
  /** The console's login, session, logout and password change (session mode). */
  readonly auth: Auth;
  /** Console users, for administrators: list, create, disable. */
  readonly users: Users;
  /** Aggregates without personal data: the year's persons and reports. */
  readonly statistics: Statistics;
  /** Partner organisations (coordinators, administrators) and their API keys (administrators). */
  readonly organisations: Organisations;
  /** Persons with their registrations, for coordinators. */
  readonly persons: Persons;
  /** The review queue of possible duplicates, for coordinators. */
  readonly duplicates: Duplicates;
  /** Erasure of a person with a second coordinator's approval, for coordinators. */
  readonly erasureRequests: ErasureRequests;
  /** Signals (knelpunten), for coordinators and policy staff. */
  readonly signals: Signals;
  /** The audit log, for auditors. */
  readonly auditEvents: AuditEvents;
  /** The record of processing activities (GDPR art. 30), for administrators and auditors. */
  readonly processingRecord: ProcessingRecordResource;
  /** Referrals of persons to care: made by coordinators, answered by the receiving organisation. */
  readonly referrals: Referrals;
  /** Follow-up tasks across persons, for coordinators: the worklist, and closing a task. */
  readonly followUps: FollowUps;
  /** Your organisation's webhook endpoints and their delivery logs, for partners (see also `webhooks.verify`). */
  readonly webhookEndpoints: WebhookEndpoints;

  readonly #core: Core;

  /**
   * @throws {ComenshaError} when there is no API key (outside session mode) or base URL, or an option is out of
   * range.
   */
  constructor(options: ClientOptions = {}) {
    const session = options.session === true;
    const apiKey = session ? options.apiKey : (options.apiKey ?? readEnv("COMENSHA_API_KEY"));
    if (session && apiKey !== undefined) {
      throw new ComenshaError("Pass either an apiKey or session: true, not both.");
    }
    if (!session && (apiKey === undefined || apiKey.trim() === "")) {
      throw new ComenshaError(
        "No API key: pass new Comensha({ apiKey }) or set COMENSHA_API_KEY. An administrator makes one with `pnpm comensha org key create`.",
      );
    }
    const baseUrl = options.baseUrl ?? readEnv("COMENSHA_BASE_URL");
    if (baseUrl === undefined) {
      throw new ComenshaError("No base URL: pass new Comensha({ baseUrl }) or set COMENSHA_BASE_URL.");
    }
    this.baseUrl = normaliseBaseUrl(baseUrl);
    this.maxRetries = checkedCount("maxRetries", options.maxRetries ?? 2, 0);
    this.timeout = checkedCount("timeout", options.timeout ?? 60_000, 1);
    this.#core = new Core({
      apiKey: apiKey?.trim(),
      session,
      baseUrl: this.baseUrl,
      fetch: options.fetch ?? globalFetch,
      maxRetries: this.maxRetries,
      timeout: this.timeout,
      headers: {
        "X-Comensha-Client": `sdk-ts/${VERSION}`,
        ...(isBrowser() ? {} : { "User-Agent": `comensha-sdk-ts/${VERSION}` }),
        ...options.defaultHeaders,
      },
    });
    this.registrations = new Registrations(this.#core);
    this.codeLists = new CodeLists(this.#core);
    this.shelters = new Shelters(this.#core);
    this.reports = new Reports(this.#core);
    this.placementRequests = new PlacementRequests(this.#core);
    this.auth = new Auth(this.#core);
    this.users = new Users(this.#core);
    this.statistics = new Statistics(this.#core);
    this.organisations = new Organisations(this.#core);
    this.persons = new Persons(this.#core);
    this.duplicates = new Duplicates(this.#core);
    this.erasureRequests = new ErasureRequests(this.#core);
    this.signals = new Signals(this.#core);
    this.auditEvents = new AuditEvents(this.#core);
    this.processingRecord = new ProcessingRecordResource(this.#core);
    this.referrals = new Referrals(this.#core);
    this.followUps = new FollowUps(this.#core);
    this.webhookEndpoints = new WebhookEndpoints(this.#core);
  }

  /**
   * Sends a request to a route this SDK does not wrap yet, with the same authentication, retries, idempotency and
   * errors as every other call. Resolves to the parsed JSON body.
   *
   * @example
   * ```ts
   * const health = await client.request<{ status: string }>({ method: "GET", path: "/health" });
   * ```
   */
  request<T = unknown>(request: RawRequest, options?: RequestOptions): ApiPromise<T> {
    return this.#core.request<T>({ ...request, options });
  }
}
