import { ApiPromise } from "./apiPromise.js";
import { ComenshaError } from "./errors.js";
import type { ListResponse } from "./types.js";

/**
 * One page of a list. `data` holds its items; `getNextPage()` fetches the next one while `hasNextPage()`.
 * A page is async-iterable too, over its own items and those of every page after it.
 *
 * @example
 * ```ts
 * let page = await client.registrations.list({ limit: 100 });
 * while (true) {
 *   for (const registration of page.data) console.log(registration.id);
 *   if (!page.hasNextPage()) break;
 *   page = await page.getNextPage();
 * }
 * ```
 */
export class Page<T> implements AsyncIterable<T> {
  /** The items of this page. */
  readonly data: T[];
  /** The cursor of the next page; `null` on the last page. */
  readonly nextCursor: string | null;
  readonly #fetchPage: (cursor: string) => PagePromise<T>;

  /** @internal Made by the client; not part of the public API. */
  constructor(body: ListResponse<T>, fetchPage: (cursor: string) => PagePromise<T>) {
    this.data = body.data;
    this.nextCursor = body.nextCursor;
    this.#fetchPage = fetchPage;
  }

  /** Whether there is a page after this one. */
  hasNextPage(): boolean {
    return this.nextCursor !== null && this.nextCursor !== "";
  }

  /**
   * Fetches the page after this one, with the same filters and request options.
   *
   * @throws {ComenshaError} when this is the last page; check {@link Page.hasNextPage} first.
   */
  getNextPage(): PagePromise<T> {
    const cursor = this.nextCursor;
    if (cursor === null || cursor === "") {
      throw new ComenshaError("There is no next page; check hasNextPage() before getNextPage().");
    }
    return this.#fetchPage(cursor);
  }

  /**
   * Iterates over this page and every page after it, fetching each only when the loop reaches it.
   *
   * @example
   * ```ts
   * for await (const page of (await client.registrations.list()).iterPages()) console.log(page.data.length);
   * ```
   */
  async *iterPages(): AsyncGenerator<Page<T>, void, undefined> {
    let page: Page<T> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/**
 * What a list call returns: await it for the first {@link Page}, or iterate it with `for await` over every item of
 * every page, each page fetched only when the loop reaches it.
 *
 * @example
 * ```ts
 * const first = await client.registrations.list({ status: "received" });
 * console.log(first.data.length, first.hasNextPage());
 *
 * for await (const registration of client.registrations.list({ status: "received" })) {
 *   console.log(registration.id);
 * }
 * ```
 */
export class PagePromise<T> extends ApiPromise<Page<T>> implements AsyncIterable<T> {
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    const first: Page<T> = await this;
    yield* first;
  }
}
