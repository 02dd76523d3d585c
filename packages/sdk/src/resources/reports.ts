import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { PagePromise } from "../pagination.js";
import type { Report, ReportInput } from "../types.js";

/**
 * Anonymised reports, for policy staff, coordinators and administrators (partners get a `ForbiddenError`): request
 * one, follow its progress, download its files.
 */
export class Reports {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Requests a report, which a worker produces: `POST /v1/reports` (answers `202`, status `queued`). Sends one
   * `Idempotency-Key`, reused on retries, so one report is made.
   *
   * @example
   * ```ts
   * const report = await client.reports.create({ parameters: { kind: "annual_monitor", year: 2025 } });
   * ```
   */
  create(input: ReportInput, options?: RequestOptions): ApiPromise<Report> {
    return this.#core.request({ method: "POST", path: "/v1/reports", body: input, options });
  }

  /** Requested reports, newest first: awaitable as a page, or `for await` over all. */
  list(params?: { limit?: number; cursor?: string }, options?: RequestOptions): PagePromise<Report> {
    return this.#core.requestPage({
      method: "GET",
      path: "/v1/reports",
      query: { limit: params?.limit, cursor: params?.cursor },
      options,
    });
  }

  /** One report with its status, progress and, once completed, its files: `GET /v1/reports/{id}`. */
  get(id: string, options?: RequestOptions): ApiPromise<Report> {
    return this.#core.request({ method: "GET", path: "/v1/reports/{id}", params: { id }, options });
  }

  /**
   * Polls a report until it is completed or failed (every `intervalMs`, default 500), and resolves to it.
   *
   * @example
   * ```ts
   * const done = await client.reports.waitFor(report.id);
   * const csv = await client.reports.download(done.id, done.artifacts[0].name);
   * ```
   */
  async waitFor(id: string, params?: { intervalMs?: number; signal?: AbortSignal }): Promise<Report> {
    for (;;) {
      const report = await this.get(id, params?.signal === undefined ? undefined : { signal: params.signal });
      if (report.status === "completed" || report.status === "failed") return report;
      await new Promise((resolve) => setTimeout(resolve, params?.intervalMs ?? 500));
    }
  }

  /** One file of a completed report, as text exactly as stored: `GET /v1/reports/{id}/artifacts/{name}`. */
  download(id: string, name: string, options?: RequestOptions): ApiPromise<string> {
    return this.#core.request({
      method: "GET",
      path: "/v1/reports/{id}/artifacts/{name}",
      params: { id, name },
      options,
      asText: true,
    });
  }
}
