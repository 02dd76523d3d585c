import type { UseQueryResult } from "@tanstack/solid-query";
import { type Accessor, type JSX, Match, Switch } from "solid-js";
import { ErrorMessage } from "./ErrorMessage.js";
import { Skeleton } from "./Skeleton.js";

/** A failed read in an alert: the error in words, and a retry that reads again. */
export const QueryError = (props: { readonly query: { readonly error: unknown; readonly refetch: () => unknown } }) => (
  <div role="alert">
    <ErrorMessage error={props.query.error} onRetry={() => void props.query.refetch()} />
  </div>
);

/**
 * What one query shows in place: a skeleton while it loads, the error in an alert with a retry when it fails, and
 * `children` with the data once it arrives.
 */
export const QueryContent = <T extends object>(props: {
  readonly query: UseQueryResult<T>;
  readonly children: (data: Accessor<T>) => JSX.Element;
}) => (
  <Switch>
    <Match when={props.query.isPending}>
      <Skeleton />
    </Match>
    <Match when={props.query.isError}>
      <QueryError query={props.query} />
    </Match>
    <Match when={props.query.data}>{(data) => props.children(data)}</Match>
  </Switch>
);
