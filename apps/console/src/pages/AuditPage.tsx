import { createInfiniteQuery } from "@tanstack/solid-query";
import { For, Match, Show, Switch } from "solid-js";
import { useApi } from "../ApiContext.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { Page } from "../components/Page.js";
import { formatDateTime } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import { shortId } from "./registrations.js";

/** Audit events per page. */
export const auditPageSize = 50;

/** `/audit` (auditors): the audit log, newest first. */
export const AuditPage = () => {
  const { t, lang } = useI18n();
  const api = useApi();
  const query = createInfiniteQuery(() => ({
    queryKey: ["audit-events"] as const,
    queryFn: ({ pageParam }) => api.listAuditEvents({ cursor: pageParam, limit: auditPageSize }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  }));
  const events = () => query.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Page title={t("audit.title")} intro={<p class="lead">{t("audit.intro")}</p>}>
      <div class="card wide">
        <h2 id="audit-list-title">{t("audit.listTitle")}</h2>
        <p class="visually-hidden" role="status">
          {query.isPending ? t("app.loading") : ""}
        </p>
        <Switch>
          <Match when={query.isPending}>
            <div class="skeleton" aria-hidden="true">
              <span />
              <span />
              <span />
            </div>
          </Match>
          <Match when={query.isError && query.data === undefined}>
            <div role="alert">
              <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
            </div>
          </Match>
          <Match when={events().length === 0}>
            <p>{t("audit.empty")}</p>
          </Match>
          <Match when={events().length > 0}>
            <section class="table-scroll" aria-labelledby="audit-list-title" tabindex="0">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t("audit.time")}</th>
                    <th scope="col">{t("audit.actor")}</th>
                    <th scope="col">{t("audit.action")}</th>
                    <th scope="col">{t("audit.resource")}</th>
                    <th scope="col">{t("audit.outcome")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={events()}>
                    {(event) => (
                      <tr>
                        <th scope="row">{formatDateTime(event.occurredAt, lang())}</th>
                        <td>
                          {t(`audit.actor.${event.actor.kind}`)}{" "}
                          <code title={event.actor.id}>{shortId(event.actor.id)}</code>
                        </td>
                        <td>
                          <code>{event.action}</code>
                        </td>
                        <td>
                          {event.resourceType}
                          <Show when={event.resourceId}>
                            {(id) => (
                              <>
                                {" "}
                                <code title={id()}>{shortId(id())}</code>
                              </>
                            )}
                          </Show>
                        </td>
                        <td>
                          <span class={`status status-${event.outcome}`}>{t(`audit.outcome.${event.outcome}`)}</span>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </section>
            <Show when={query.isError}>
              <div role="alert">
                <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
              </div>
            </Show>
            <Show when={query.hasNextPage}>
              <button
                type="button"
                class="button secondary"
                disabled={query.isFetchingNextPage}
                onClick={() => void query.fetchNextPage()}
              >
                {query.isFetchingNextPage ? t("audit.loadingMore") : t("audit.loadMore")}
              </button>
            </Show>
          </Match>
        </Switch>
      </div>
    </Page>
  );
};
