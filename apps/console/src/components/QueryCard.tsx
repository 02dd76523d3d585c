import type { UseQueryResult } from "@tanstack/solid-query";
import { type Accessor, createUniqueId, type JSX, Match, Show, Switch } from "solid-js";
import { classifyError } from "../api.js";
import { errorText } from "../errors.js";
import { useI18n } from "../i18n/I18n.js";
import { ErrorMessage } from "./ErrorMessage.js";
import { Skeleton } from "./Skeleton.js";

/**
 * A dashboard card around one query: a skeleton while it loads, the error with a retry when it fails, the content
 * when it arrives. A polite live region says when it is loading or failed, without reading out the content.
 */
export const QueryCard = <T extends object>(props: {
  title: string;
  query: UseQueryResult<T>;
  children: (data: Accessor<T>) => JSX.Element;
}) => {
  const { t } = useI18n();
  const headingId = createUniqueId();
  const announcement = () => {
    if (props.query.isPending) return t("app.loading");
    if (props.query.isError) {
      const { key, params } = errorText(classifyError(props.query.error));
      return t(key, params);
    }
    return "";
  };
  return (
    <section class="card" aria-labelledby={headingId} aria-busy={props.query.isPending}>
      <h2 id={headingId}>{props.title}</h2>
      <p class="visually-hidden" role="status">
        {announcement()}
      </p>
      <Switch>
        <Match when={props.query.isPending}>
          <Skeleton />
        </Match>
        <Match when={props.query.data}>
          {(data) => (
            <>
              {props.children(data)}
              {/* A failed refresh keeps what was loaded before, and says so. */}
              <Show when={props.query.isError}>
                <ErrorMessage error={props.query.error} onRetry={() => void props.query.refetch()} />
              </Show>
            </>
          )}
        </Match>
        <Match when={props.query.isError}>
          <ErrorMessage error={props.query.error} onRetry={() => void props.query.refetch()} />
        </Match>
      </Switch>
    </section>
  );
};
