import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { Availability } from "../types.js";

/** Shelter capacity: which places are free. */
export class Shelters {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Which places are free over `[from, to)` (`to` defaults to the day after `from`): `GET /v1/shelters/availability`.
   *
   * @example
   * ```ts
   * const tonight = await client.shelters.availability({ from: "2026-11-28" });
   * console.log(tonight.totals.find((t) => t.targetGroup === "women")?.free);
   * ```
   */
  availability(range: { from: string; to?: string }, options?: RequestOptions): ApiPromise<Availability> {
    return this.#core.request({
      method: "GET",
      path: "/v1/shelters/availability",
      query: { from: range.from, to: range.to },
      options,
    });
  }
}
