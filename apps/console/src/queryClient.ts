import { MutationCache, QueryCache, QueryClient } from "@tanstack/solid-query";
import { isUnauthorized, type User } from "./api.js";

/** The query key of the signed-in user (`null` when signed out). */
export const sessionKey = ["session"] as const;

/** Forgets everything but the session: after a login, a logout, or another user's session. */
export const forgetData = (client: QueryClient): void => {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
};

/** Marks the user signed out and drops what was loaded for them. */
export const endSession = (client: QueryClient): void => {
  client.setQueryData<User | null>(sessionKey, null);
  forgetData(client);
};

/**
 * The console's query client. The SDK already retries what may succeed when tried again, so queries do not retry on
 * top of it. A `401` from any call means the session ended (expired, or logged out elsewhere): back to the login page.
 */
export const createConsoleQueryClient = (): QueryClient => {
  const onUnauthorized = (error: unknown) => {
    if (isUnauthorized(error)) endSession(client);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.queryKey[0] !== sessionKey[0]) onUnauthorized(error);
      },
    }),
    mutationCache: new MutationCache({ onError: onUnauthorized }),
    defaultOptions: {
      queries: { retry: false, staleTime: 30_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
  return client;
};
