import { TrieRouter } from "hono/router/trie-router";

const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * The methods an app serves on a path, matched the way Hono routes (params, wildcards), so an unmatched request
 * on a known path can be answered `405` with `Allow` instead of `404`. Built on first use, when every route is
 * registered; middleware (`ALL`) does not count as serving a path.
 */
export const allowedMethodsOf = (app: {
  readonly routes: ReadonlyArray<{ readonly method: string; readonly path: string }>;
}) => {
  let router: TrieRouter<true> | undefined;
  return (path: string): ReadonlyArray<string> => {
    if (router === undefined) {
      router = new TrieRouter<true>();
      for (const route of app.routes) {
        if (route.method !== "ALL") router.add(route.method, route.path, true);
      }
    }
    const matched = router;
    const allowed: Array<string> = methods.filter((method) => matched.match(method, path)[0].length > 0);
    return allowed.includes("GET") ? [...allowed, "HEAD"] : allowed;
  };
};
