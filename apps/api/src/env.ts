import type { Principal } from "./auth.js";

/** What the API's middleware puts on each request's context. */
export interface AppEnv {
  readonly Variables: {
    requestId: string;
    principal: Principal;
  };
}
