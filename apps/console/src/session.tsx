import { createQuery, useQueryClient } from "@tanstack/solid-query";
import { type Accessor, createContext, type ParentProps, useContext } from "solid-js";
import { useApi } from "./ApiContext.js";
import { isUnauthorized, type LoginCredentials, type SignedInUser } from "./api.js";
import { endSession, forgetData, sessionKey } from "./queryClient.js";

export type SessionState =
  | { readonly status: "loading" }
  | { readonly status: "error"; readonly error: unknown; readonly retry: () => void }
  | { readonly status: "anonymous" }
  | { readonly status: "authenticated"; readonly user: SignedInUser };

export interface Session {
  readonly state: Accessor<SessionState>;
  /** The signed-in user; only call below an authenticated state. */
  readonly user: Accessor<SignedInUser | undefined>;
  login(credentials: LoginCredentials): Promise<SignedInUser>;
  logout(options?: { everywhere?: boolean }): Promise<void>;
  /** Reads the session again, e.g. after the password changed. */
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session>();

/** Reads the session on load (`auth.session()`) and holds the signed-in user. */
export const SessionProvider = (props: ParentProps) => {
  const api = useApi();
  const client = useQueryClient();
  const query = createQuery(() => ({
    queryKey: sessionKey,
    queryFn: () => api.session(),
    staleTime: 5 * 60_000,
  }));

  const state: Accessor<SessionState> = () => {
    if (query.data === null) return { status: "anonymous" };
    if (query.data !== undefined) return { status: "authenticated", user: query.data };
    if (query.isError) return { status: "error", error: query.error, retry: () => void query.refetch() };
    return { status: "loading" };
  };

  const session: Session = {
    state,
    user: () => query.data ?? undefined,
    login: async (credentials) => {
      const user = await api.login(credentials);
      forgetData(client);
      client.setQueryData<SignedInUser | null>(sessionKey, user);
      return user;
    },
    logout: async (options) => {
      try {
        await (options?.everywhere === true ? api.logoutAll() : api.logout());
      } catch (error) {
        // Already signed out (expired, or ended elsewhere) is what was asked for.
        if (!isUnauthorized(error)) throw error;
      }
      endSession(client);
    },
    refresh: async () => {
      await client.invalidateQueries({ queryKey: sessionKey });
    },
  };
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
};

export const useSession = (): Session => {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error("useSession outside SessionProvider");
  return session;
};
