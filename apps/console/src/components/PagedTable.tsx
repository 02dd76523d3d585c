import { createInfiniteQuery, type InfiniteData, type UseInfiniteQueryResult } from "@tanstack/solid-query";
import { For, type JSX, Match, Show, Switch } from "solid-js";
import { useI18n } from "../i18n/I18n.js";
import type { MessageKey } from "../i18n/nl.js";
import { QueryError } from "./QueryError.js";
import { Skeleton } from "./Skeleton.js";

/** One page of a cursor-paginated list, as `ConsoleApi` returns it. */
export interface ListPage<T> {
  readonly data: ReadonlyArray<T>;
  readonly nextCursor: string | null;
}

export type PagedQuery<T> = UseInfiniteQueryResult<InfiniteData<ListPage<T>, string | undefined>, Error>;

/**
 * The infinite query behind a {@link PagedTable}: `fetchPage(cursor)` loads one page; the next page's cursor is the
 * previous page's `nextCursor`. `refetchInterval` polls while the caller says so (e.g. while a report runs).
 */
export const createPagedQuery = <T,>(
  options: () => {
    readonly queryKey: ReadonlyArray<unknown>;
    readonly fetchPage: (cursor: string | undefined) => Promise<ListPage<T>>;
    readonly refetchInterval?: (pages: ReadonlyArray<ListPage<T>>) => number | false;
  },
): PagedQuery<T> =>
  createInfiniteQuery(() => {
    const { queryKey, fetchPage, refetchInterval } = options();
    return {
      queryKey,
      queryFn: ({ pageParam }: { pageParam: string | undefined }) => fetchPage(pageParam),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last: ListPage<T>) => last.nextCursor ?? undefined,
      ...(refetchInterval === undefined
        ? {}
        : {
            refetchInterval: (query: { state: { data?: InfiniteData<ListPage<T>> | undefined } }) =>
              refetchInterval(query.state.data?.pages ?? []),
          }),
    };
  });

/** The rows loaded so far, over all pages. */
export const rowsOf = <T,>(query: PagedQuery<T>): ReadonlyArray<T> =>
  query.data?.pages.flatMap((page) => page.data) ?? [];

/**
 * A cursor-paginated table: a skeleton while the first page loads, the error with a retry when it fails, the empty
 * text when there is nothing, then the rows and a "load more" button while the API has more. A failed next page
 * keeps the rows already shown. The table scrolls in a focusable region, so keyboard users can reach wide columns.
 * `status` is what the polite live region says once the first page is in (e.g. a report that finished).
 */
export const PagedTable = <T,>(props: {
  readonly query: PagedQuery<T>;
  /** The id of the heading that names the table. */
  readonly labelledBy: string;
  readonly empty: string;
  readonly loadMore?: MessageKey;
  readonly loadingMore?: MessageKey;
  readonly head: JSX.Element;
  readonly row: (item: T) => JSX.Element;
  readonly status?: string;
}) => {
  const { t } = useI18n();
  const rows = () => rowsOf(props.query);
  return (
    <>
      <p class="visually-hidden" role="status">
        {props.query.isPending ? t("app.loading") : (props.status ?? "")}
      </p>
      <Switch>
        <Match when={props.query.isPending}>
          <Skeleton />
        </Match>
        <Match when={props.query.isError && props.query.data === undefined}>
          <QueryError query={props.query} />
        </Match>
        <Match when={rows().length === 0}>
          <p>{props.empty}</p>
        </Match>
        <Match when={rows().length > 0}>
          <section class="table-scroll" aria-labelledby={props.labelledBy} tabindex="0">
            <table class="table">
              <thead>{props.head}</thead>
              <tbody>
                <For each={rows()}>{(item) => props.row(item)}</For>
              </tbody>
            </table>
          </section>
          <Show when={props.query.isError}>
            <QueryError query={props.query} />
          </Show>
          <Show when={props.query.hasNextPage}>
            <button
              type="button"
              class="button secondary"
              disabled={props.query.isFetchingNextPage}
              onClick={() => void props.query.fetchNextPage()}
            >
              {props.query.isFetchingNextPage
                ? t(props.loadingMore ?? "app.loadingMore")
                : t(props.loadMore ?? "app.loadMore")}
            </button>
          </Show>
        </Match>
      </Switch>
    </>
  );
};
