import type { Principal, SessionContext } from "./auth.js";
import type { CredentialCache } from "./credentialCache.js";

/** What the API's middleware puts on each request's context. */
export interface AppEnv {
  readonly Variables: {
    requestId: string;
    /** The client's address: the connection's, or the trusted proxy's word for it (`COMENSHA_TRUST_PROXY`). */
    clientAddress: string;
    principal: Principal;
    /** What this process remembers briefly about callers (credentialCache.ts). */
    credentialCache: CredentialCache | undefined;
    /** The resource and action an audited route records (routes/audited.ts): a replay of it is audited too. */
    audited: { readonly resourceType: string; readonly action: string } | undefined;
    /** Set when the caller is a console user signed in with the session cookie. */
    session: SessionContext | undefined;
    /**
     * Records left out of an answer, or values missing from it (`fields`), because they do not decrypt; the request's
     * log line is followed by a warning that names them (never their contents).
     */
    undecryptable:
      | { readonly resource: string; readonly ids: ReadonlyArray<string>; readonly fields?: ReadonlyArray<string> }
      | undefined;
  };
}
