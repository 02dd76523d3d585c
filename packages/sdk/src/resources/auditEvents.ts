import type { Core, RequestOptions } from "../core.js";
import type { PagePromise } from "../pagination.js";
import type { AuditEvent, PageParams } from "../types.js";

/** The audit log, for auditors. */
export class AuditEvents {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Audit events, newest first (`GET /v1/audit-events`; page size 1-500): awaitable as a page, or `for await`.
   *
   * @example
   * ```ts
   * const page = await client.auditEvents.list({ limit: 100 });
   * ```
   */
  list(params?: PageParams, options?: RequestOptions): PagePromise<AuditEvent> {
    return this.#core.requestPage({
      method: "GET",
      path: "/v1/audit-events",
      query: { limit: params?.limit, cursor: params?.cursor },
      options,
    });
  }
}
