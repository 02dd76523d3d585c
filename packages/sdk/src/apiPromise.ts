/** A successful response: the parsed body, the raw `Response` (its body already read) and the request id. */
export interface ApiResponse<T> {
  readonly data: T;
  readonly response: Response;
  /** The `X-Request-Id` the API answered with. */
  readonly requestId: string | undefined;
}

/**
 * The promise every call returns: await it for the parsed body, or call {@link ApiPromise.withResponse} for the
 * response headers (e.g. `ETag`, `Location`, `Idempotent-Replayed`) and the request id as well. The request starts
 * when the call is made, as with any promise.
 *
 * @example
 * ```ts
 * const registration = await client.registrations.get(id);
 *
 * const { data, response, requestId } = await client.registrations.get(id).withResponse();
 * console.log(response.headers.get("ETag"), requestId);
 * ```
 */
export class ApiPromise<T> extends Promise<T> {
  /** Derived promises (`then`, `catch`, `finally`) are plain promises. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #response: Promise<ApiResponse<T>>;

  /** @internal Made by the client; not part of the public API. */
  constructor(response: Promise<ApiResponse<T>>) {
    super((resolve, reject) => {
      response.then((value) => resolve(value.data), reject);
    });
    this.#response = response;
  }

  /** Resolves to the parsed body together with the raw `Response` and the request id. */
  withResponse(): Promise<ApiResponse<T>> {
    // The caller handles a failure through the promise returned here; this one then must not count as unhandled.
    this.catch(() => undefined);
    return this.#response;
  }
}
