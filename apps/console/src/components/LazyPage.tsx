import { type Component, createSignal, Match, Switch } from "solid-js";
import { Dynamic } from "solid-js/web";
import { ErrorMessage } from "./ErrorMessage.js";
import { LoadingStatus } from "./LoadingStatus.js";
import { Skeleton } from "./Skeleton.js";

/** The page loads started and not yet finished. */
const inFlight = new Set<Promise<Component>>();

/**
 * Settles once every page load started so far has finished, loaded or not. A test that hovered a link (the router
 * preloads its page) waits for it before its document goes away: a page's module evaluated after that finds no
 * `window`.
 */
export const settledPageLoads = async (): Promise<void> => {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
};

/** A page that loads its code when first shown; `preload` loads it earlier (the router calls it on a hovered link). */
export type LazyPage = Component & { readonly preload: () => Promise<Component> };

/**
 * A page whose code is a chunk of its own, loaded when the page is first opened, or earlier when the router preloads
 * the route (a link to it hovered or focused): the console's first load then carries only the frame, the log-in and
 * the dashboard. Until the chunk is there the page shows the usual skeleton; if it fails to load (offline, or a new
 * version was deployed meanwhile), an error whose retry reloads the console.
 *
 * Not Solid's `lazy`: that suspends, and a `<Suspense>` around the pages would suspend on every query's data too
 * (solid-query reads it through a resource), in place of the pages' own skeletons and loading states.
 */
export const lazyPage = (load: () => Promise<Component>): LazyPage => {
  let loaded: Component | undefined;
  let loading: Promise<Component> | undefined;
  const preload = (): Promise<Component> => {
    if (loading === undefined) {
      loading = load().then(
        (page) => {
          loaded = page;
          return page;
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      const started = loading;
      inFlight.add(started);
      void started.then(
        () => inFlight.delete(started),
        () => inFlight.delete(started),
      );
    }
    return loading;
  };
  const Lazy: Component = () => {
    // A page loaded before renders at once, without a flash of the skeleton.
    const [page, setPage] = createSignal<Component | undefined>(loaded);
    const [failure, setFailure] = createSignal<{ readonly error: unknown }>();
    if (loaded === undefined) {
      preload().then(
        (component) => setPage(() => component),
        (error: unknown) => setFailure({ error }),
      );
    }
    return (
      <Switch
        fallback={
          <>
            <LoadingStatus isLoading />
            <Skeleton />
          </>
        }
      >
        <Match when={page()}>{(component) => <Dynamic component={component()} />}</Match>
        <Match when={failure()}>
          {(failed) => (
            <div role="alert">
              <ErrorMessage error={failed().error} onRetry={() => window.location.reload()} />
            </div>
          )}
        </Match>
      </Switch>
    );
  };
  return Object.assign(Lazy, { preload });
};
