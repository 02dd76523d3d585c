import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { Person } from "../types.js";

/** Persons (possible victims), for coordinators: e.g. both sides of a possible duplicate. */
export class Persons {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * A person with their registrations, newest first (`GET /v1/persons/{id}`); every call is audited as a read of
   * personal data. An unknown id is a `NotFoundError`.
   *
   * @example
   * ```ts
   * const [left, right] = await Promise.all([
   *   client.persons.get(duplicate.personId),
   *   client.persons.get(duplicate.candidatePersonId),
   * ]);
   * ```
   */
  get(id: string, options?: RequestOptions): ApiPromise<Person> {
    return this.#core.request({ method: "GET", path: "/v1/persons/{id}", params: { id }, options });
  }
}
