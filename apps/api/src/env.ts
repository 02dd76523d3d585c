import type { Principal, SessionContext } from "./auth.js";

/** What the API's middleware puts on each request's context. */
export interface AppEnv {
  readonly Variables: {
    requestId: string;
    principal: Principal;
    /** Set when the caller is a console user signed in with the session cookie. */
    session: SessionContext | undefined;
    /** Records a list left out because they do not decrypt; the request's log line is followed by a warning. */
    undecryptable: { readonly resource: string; readonly ids: ReadonlyArray<string> } | undefined;
  };
}
