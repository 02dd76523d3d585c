import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { Availability, ShelterList } from "../types.js";

/** Shelter locations and capacity: which places are free. */
export class Shelters {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Every shelter location with its places (`GET /v1/shelters`).
   *
   * @example
   * ```ts
   * const { data: shelters } = await client.shelters.list();
   * console.log(shelters.filter((shelter) => shelter.kind === "cosm").length);
   * ```
   */
  list(options?: RequestOptions): ApiPromise<ShelterList> {
    return this.#core.request({ method: "GET", path: "/v1/shelters", options });
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
