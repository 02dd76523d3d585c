import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { StatisticsOverview } from "../types.js";

/** Aggregates without personal data, for coordinators, policy staff and administrators. */
export class Statistics {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Persons and reports of a year under the counting rule (`GET /v1/statistics/overview`); the current year when
   * `year` is left out.
   *
   * @example
   * ```ts
   * const { persons, reports, dataAsOf } = await client.statistics.overview({ year: 2025 });
   * ```
   */
  overview(params?: { year?: number }, options?: RequestOptions): ApiPromise<StatisticsOverview> {
    return this.#core.request({
      method: "GET",
      path: "/v1/statistics/overview",
      query: { year: params?.year },
      options,
    });
  }
}
