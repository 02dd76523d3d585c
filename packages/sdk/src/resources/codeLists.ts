import type { ApiPromise } from "../apiPromise.js";
import type { Core, RequestOptions } from "../core.js";
import type { CodeList, CodeListId } from "../types.js";

/** The code lists: the values coded fields take (sex, exploitation forms, police regions, ...), with labels. */
export class CodeLists {
  readonly #core: Core;

  /** @internal Made by the client; not part of the public API. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * Gets every code list (`GET /v1/code-lists`), or one by its id (`GET /v1/code-lists/{id}`).
   *
   * @example
   * ```ts
   * const lists = await client.codeLists.get();
   * console.log(lists.map((list) => list.id));
   *
   * const regions = await client.codeLists.get("police_region");
   * for (const { code, labels } of regions.codes) console.log(code, labels.nl);
   * ```
   */
  get(options?: RequestOptions): ApiPromise<CodeList[]>;
  get(id: CodeListId, options?: RequestOptions): ApiPromise<CodeList>;
  get(idOrOptions?: CodeListId | RequestOptions, maybeOptions?: RequestOptions): ApiPromise<CodeList[] | CodeList> {
    if (typeof idOrOptions === "string") {
      return this.#core.request<CodeList>({
        method: "GET",
        path: "/v1/code-lists/{id}",
        params: { id: idOrOptions },
        options: maybeOptions,
      });
    }
    return this.#core.requestMapped(
      { method: "GET", path: "/v1/code-lists", options: idOrOptions },
      (body: { data: CodeList[] }) => body.data,
    );
  }
}
