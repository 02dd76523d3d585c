import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { ProcessingRecord } from "../types.js";

/** The record of processing activities (GDPR art. 30), for administrators and auditors. */
export class ProcessingRecordResource {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Gets the record of processing activities with its legal bases (`GET /v1/processing-record`).
   *
   * @example
   * ```ts
   * const record = await client.processingRecord.get();
   * for (const activity of record.activities) console.log(activity.name, activity.purposes);
   * ```
   */
  get(options?: RequestOptions): ApiPromise<ProcessingRecord> {
    return this.#core.request({ method: "GET", path: "/v1/processing-record", options });
  }
}
