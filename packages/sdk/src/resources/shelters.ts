import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { Availability, ShelterList, StayList, StayListParams } from "../types.js";

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

  /**
   * A shelter's weekly stay list (`GET /v1/shelters/{id}/stay-list`, coordinators): every stay holding one of its
   * places on a night of the ISO week, with the nights stayed and each person's open follow-up tasks due. With
   * `format: "csv"` it resolves to the CSV text (UTF-8 with a byte order mark, CRLF) to save. Audited as a read of
   * personal data.
   *
   * @example
   * ```ts
   * const list = await client.shelters.stayList(shelterId, { week: "2026-W02" });
   * const csv = await client.shelters.stayList(shelterId, { week: "2026-W02", format: "csv" });
   * ```
   */
  stayList(
    id: string,
    params?: { week?: string | undefined; format?: "json" | undefined },
    options?: RequestOptions,
  ): ApiPromise<StayList>;
  stayList(
    id: string,
    params: { week?: string | undefined; format: "csv" },
    options?: RequestOptions,
  ): ApiPromise<string>;
  stayList(id: string, params?: StayListParams, options?: RequestOptions): ApiPromise<StayList | string>;
  stayList(id: string, params: StayListParams = {}, options?: RequestOptions): ApiPromise<StayList | string> {
    const format = params.format ?? "json";
    return this.#core.request({
      method: "GET",
      path: "/v1/shelters/{id}/stay-list",
      params: { id },
      query: { week: params.week, format },
      options,
      ...(format === "csv" ? { asText: true } : {}),
    });
  }
}
