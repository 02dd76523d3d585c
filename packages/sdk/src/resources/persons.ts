import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { CaseStatusInput, CaseStatusView, Person, SubjectExport, SubjectExportParams } from "../types.js";

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

  /**
   * Where a person's trajectory stands (`GET /v1/persons/{id}/case-status`, coordinators): `active` until changed,
   * `follow_up`, `closed` or `closed_referred` (HTCDS 2.0's case statuses), with every change. A person merged into
   * another is a `ConflictError` (their case is the survivor's).
   */
  caseStatus(id: string, options?: RequestOptions): ApiPromise<CaseStatusView> {
    return this.#core.request({ method: "GET", path: "/v1/persons/{id}/case-status", params: { id }, options });
  }

  /**
   * Changes a person's case status with a coded reason (`POST /v1/persons/{id}/case-status`, coordinators). The same
   * status again, or `referred` for anything but `closed_referred` (and the other way round), is an
   * `UnprocessableEntityError`.
   *
   * @example
   * ```ts
   * const view = await client.persons.changeCaseStatus(personId, { status: "closed_referred", reason: "referred" });
   * ```
   */
  changeCaseStatus(id: string, input: CaseStatusInput, options?: RequestOptions): ApiPromise<CaseStatusView> {
    return this.#core.request({
      method: "POST",
      path: "/v1/persons/{id}/case-status",
      params: { id },
      body: input,
      options,
    });
  }

  /**
   * The data-subject access export (GDPR art. 15) of a person and every person merged into them
   * (`GET /v1/persons/{id}/export`, coordinators): every registration with every version, possible duplicates,
   * placement requests, offers, placements and the audit events about them. `format: "json"` (the default) resolves
   * to the export; `format: "html"` to a printable page in `lang` (`nl` or `en`), as a string to save or print to PDF.
   * Every call is audited. An unknown id is a `NotFoundError`; another role than coordinator a `ForbiddenError`.
   *
   * @example
   * ```ts
   * const data = await client.persons.export(personId);
   * const page = await client.persons.export(personId, { format: "html", lang: "en" });
   * ```
   */
  export(
    id: string,
    params?: { format?: "json" | undefined; lang?: "nl" | "en" | undefined },
    options?: RequestOptions,
  ): ApiPromise<SubjectExport>;
  export(
    id: string,
    params: { format: "html"; lang?: "nl" | "en" | undefined },
    options?: RequestOptions,
  ): ApiPromise<string>;
  export(id: string, params?: SubjectExportParams, options?: RequestOptions): ApiPromise<SubjectExport | string>;
  export(id: string, params: SubjectExportParams = {}, options?: RequestOptions): ApiPromise<SubjectExport | string> {
    const format = params.format ?? "json";
    return this.#core.request({
      method: "GET",
      path: "/v1/persons/{id}/export",
      params: { id },
      query: { format, lang: params.lang },
      options,
      ...(format === "html" ? { asText: true } : {}),
    });
  }
}
