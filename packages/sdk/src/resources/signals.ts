import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { SignalList } from "../types.js";

/** Signals (knelpunten): bottlenecks derived from the data, for coordinators and policy staff. */
export class Signals {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * The signals as of today (`GET /v1/signals`): `summary` (counts per kind and target group) for coordinators and
   * policy staff, and `data` (each signal with its request or placement) for coordinators only.
   *
   * @example
   * ```ts
   * const { asOf, summary, data = [] } = await client.signals.list();
   * const waiting = data.filter((signal) => signal.kind === "waiting_over_norm");
   * ```
   */
  list(options?: RequestOptions): ApiPromise<SignalList> {
    return this.#core.request({ method: "GET", path: "/v1/signals", options });
  }
}
