import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { PagePromise } from "../pagination.js";
import type { AuditEvent, AuditEventExportParams, AuditEventListParams } from "../types.js";

/** The audit log, for auditors. */
export class AuditEvents {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Audit events, newest first (`GET /v1/audit-events`; page size 1-500), filtered on the server: awaitable as a
   * page, or `for await` over every page of the same selection. A bad filter is a `BadRequestError` naming it.
   *
   * @example
   * ```ts
   * const page = await client.auditEvents.list({ limit: 100 });
   * for await (const event of client.auditEvents.list({ resourceId: registrationId, kind: "change" })) {
   *   console.log(event.occurredAt, event.actorName, event.action);
   * }
   * ```
   */
  list(params?: AuditEventListParams, options?: RequestOptions): PagePromise<AuditEvent> {
    return this.#core.requestPage({ method: "GET", path: "/v1/audit-events", query: { ...params }, options });
  }

  /**
   * A selection of the audit log as CSV text (`GET /v1/audit-events/export`): the same filters as {@link list},
   * every matching event newest first (at most 50 000, else a `BadRequestError`), with the actions and resource types
   * also in words in `lang` (`nl` by default). The export itself is audited.
   *
   * @example
   * ```ts
   * const csv = await client.auditEvents.export({ actorName: "Jansen", from: "2026-01-01", to: "2026-03-31" });
   * ```
   */
  export(params?: AuditEventExportParams, options?: RequestOptions): ApiPromise<string> {
    return this.#core.request({
      method: "GET",
      path: "/v1/audit-events/export",
      query: { ...params },
      options,
      asText: true,
    });
  }
}
