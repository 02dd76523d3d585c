/**
 * One `Idempotency-Key` per intended write: the same body sent again (after a lost answer, a timeout) reuses the key,
 * so the API replays its first answer instead of making a second registration, placement request, organisation, key
 * or user; another body gets a new key, since the API refuses a key reused with a different body. `done()` forgets
 * the key after a success.
 */
export const createIdempotencyKeeper = (newKey: () => string = () => globalThis.crypto.randomUUID()) => {
  let last: { readonly body: string; readonly key: string } | undefined;
  return {
    keyFor: (body: unknown): string => {
      const serialised = JSON.stringify(body);
      if (last?.body !== serialised) last = { body: serialised, key: newKey() };
      return last.key;
    },
    done: (): void => {
      last = undefined;
    },
  };
};
