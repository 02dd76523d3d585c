import { PlacementRequest as DomainRequest, PoliceRegion, ShelterKind, TargetGroup } from "@comensha/domain/labels";
import { A, useSearchParams } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { useApi } from "../ApiContext.js";
import type { PlacementState, StateCount } from "../api.js";
import { LoadingStatus } from "../components/LoadingStatus.js";
import { Page } from "../components/Page.js";
import { createPagedQuery, PagedTable } from "../components/PagedTable.js";
import { QueryError } from "../components/QueryError.js";
import { Skeleton } from "../components/Skeleton.js";
import { TableHead } from "../components/TableHead.js";
import { StayListCard } from "../features/followUps/StayListCard.js";
import { formatDate, formatNumber, todayInAmsterdam } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import { openStates } from "./dashboard.js";
import { codeLabel, shortId } from "./registrations.js";
import { CapacityTotalsTable, NeedsSummary, shelterKeys, UrgencyBadge, WaitingTime } from "./ShelterParts.js";
import { capacityByShelter, isIsoDate, parseQueueState, queueOrderOf, queueStates } from "./shelters.js";

/** Placement requests per page of the queue. */
export const queuePageSize = 50;

const CapacityBoard = () => {
  const { t, lang } = useI18n();
  const api = useApi();
  const today = todayInAmsterdam();
  const [from, setFrom] = createSignal(today);
  const [dateText, setDateText] = createSignal(today);
  const isDateInvalid = () => !isIsoDate(dateText());
  const query = createQuery(() => ({
    queryKey: shelterKeys.capacity(from()),
    queryFn: () => api.availability({ from: from() }),
  }));
  const onDate = (value: string) => {
    setDateText(value);
    if (isIsoDate(value)) setFrom(value);
  };
  const title = () =>
    from() === today
      ? t("shelters.capacityTonight", { date: formatDate(from(), lang()) })
      : t("shelters.capacityOn", { date: formatDate(from(), lang()) });
  const groups = TargetGroup.codeList.codes;
  return (
    <section class="card wide" aria-labelledby="capacity-title" aria-busy={query.isFetching}>
      <h2 id="capacity-title">{title()}</h2>
      <form class="form inline" onSubmit={(event) => event.preventDefault()} noValidate>
        <div class="field">
          <label for="capacity-date">{t("shelters.capacityDate")}</label>
          <input
            id="capacity-date"
            name="from"
            type="date"
            value={dateText()}
            onInput={(event) => onDate(event.currentTarget.value)}
            aria-invalid={isDateInvalid()}
            aria-describedby={isDateInvalid() ? "capacity-date-error" : undefined}
          />
          <Show when={isDateInvalid()}>
            <p id="capacity-date-error" class="field-error" role="alert">
              {t("shelters.dateInvalid")}
            </p>
          </Show>
        </div>
        <button type="button" class="button secondary" disabled={from() === today} onClick={() => onDate(today)}>
          {t("shelters.capacityTodayButton")}
        </button>
      </form>
      <LoadingStatus isLoading={query.isPending} />
      <Switch>
        <Match when={query.isPending}>
          <Skeleton />
        </Match>
        <Match when={query.isError && query.data === undefined}>
          <QueryError query={query} />
        </Match>
        <Match when={query.data}>
          {(availability) => (
            <Show
              when={availability().totals.some((total) => total.places > 0)}
              fallback={<p>{t("shelters.noPlaces")}</p>}
            >
              <div class="capacity">
                <section aria-labelledby="capacity-groups-title">
                  <h3 id="capacity-groups-title">{t("shelters.perGroupTitle")}</h3>
                  <CapacityTotalsTable
                    totals={availability().totals}
                    labels={{
                      targetGroup: t("shelters.targetGroup"),
                      free: t("shelters.free"),
                      places: t("shelters.places"),
                    }}
                  />
                </section>
                <div>
                  <h3 id="capacity-shelters-title">{t("shelters.perShelterTitle")}</h3>
                  <section class="table-scroll" tabindex="0" aria-labelledby="capacity-shelters-title">
                    <table class="table compact">
                      <thead>
                        <tr>
                          <th scope="col">{t("shelters.shelter")}</th>
                          <th scope="col">{t("shelters.kind")}</th>
                          <th scope="col">{t("shelters.region")}</th>
                          <For each={groups}>
                            {(group) => (
                              <th scope="col" class="numeric">
                                {codeLabel(TargetGroup.codeList.labels, group, lang())}
                              </th>
                            )}
                          </For>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={capacityByShelter(availability().places)}>
                          {(shelter) => (
                            <tr>
                              <th scope="row">{shelter.shelterName}</th>
                              <td>{codeLabel(ShelterKind.codeList.labels, shelter.shelterKind, lang())}</td>
                              <td>{codeLabel(PoliceRegion.codeList.labels, shelter.region, lang())}</td>
                              <For each={groups}>
                                {(group) => (
                                  <td class="numeric">
                                    <Show when={shelter.groups[group]} fallback={<span class="muted">–</span>}>
                                      {(capacity) => (
                                        <span classList={{ "capacity-full": capacity().free === 0 }}>
                                          {t("shelters.freeOfPlaces", {
                                            free: formatNumber(capacity().free, lang()),
                                            places: formatNumber(capacity().places, lang()),
                                          })}
                                        </span>
                                      )}
                                    </Show>
                                  </td>
                                )}
                              </For>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </section>
                </div>
              </div>
            </Show>
          )}
        </Match>
      </Switch>
      <Show when={query.isError && query.data !== undefined}>
        <QueryError query={query} />
      </Show>
    </section>
  );
};

const RequestQueue = () => {
  const { t, lang } = useI18n();
  const api = useApi();
  const [params] = useSearchParams<{ state?: string }>();
  const state = () => parseQueueState(params.state);
  const today = todayInAmsterdam();
  const query = createPagedQuery(() => {
    const current = state();
    return {
      queryKey: shelterKeys.queue(current),
      fetchPage: (cursor: string | undefined) =>
        api.listPlacementRequests({ state: current, order: queueOrderOf(current), limit: queuePageSize, cursor }),
    };
  });
  // The same query as the dashboard's card: one cache entry, counted once.
  const counts = createQuery(() => ({
    queryKey: shelterKeys.openCounts,
    queryFn: () => Promise.all(openStates.map((open) => api.countPlacementRequests(open))),
  }));
  const countOf = (of: PlacementState): StateCount | undefined => counts.data?.find((count) => count.state === of);
  const tabLabel = (of: PlacementState) => {
    const count = countOf(of);
    if (count === undefined) return t(`state.${of}`);
    const number = formatNumber(count.count, lang());
    return t("shelters.stateWithCount", {
      state: t(`state.${of}`),
      count: count.isAtLeast ? t("dashboard.countAtLeast", { count: number }) : number,
    });
  };
  return (
    <section class="card wide" aria-labelledby="queue-title">
      <h2 id="queue-title">{t("shelters.queueTitle")}</h2>
      <nav aria-label={t("shelters.queueStates")}>
        <ul class="state-tabs">
          <For each={queueStates}>
            {(of) => (
              <li>
                <a
                  href={`/shelters?state=${of}`}
                  class="state-tab"
                  classList={{ "is-open": DomainRequest.isWaiting(of) }}
                  aria-current={of === state() ? "page" : undefined}
                >
                  {tabLabel(of)}
                </a>
              </li>
            )}
          </For>
        </ul>
      </nav>
      <h3 id="queue-list-title">{t("shelters.queueListTitle", { state: t(`state.${state()}`) })}</h3>
      <p class="muted small">
        {t(queueOrderOf(state()) === "urgency" ? "shelters.queueOrderUrgency" : "shelters.queueOrder")}
      </p>
      <PagedTable
        query={query}
        labelledBy="queue-list-title"
        empty={t("shelters.queueEmpty", { state: t(`state.${state()}`) })}
        loadMore="shelters.loadMore"
        loadingMore="shelters.loadingMore"
        head={
          <TableHead
            columns={[
              t("shelters.requestedOn"),
              t("shelters.waiting"),
              t("shelters.targetGroup"),
              t("shelters.urgency"),
              t("shelters.needs"),
              t("shelters.state"),
              t("shelters.request"),
            ]}
          />
        }
        row={(request) => (
          <tr>
            <th scope="row">{formatDate(request.requestedOn, lang())}</th>
            <td>
              <WaitingTime request={request} today={today} />
            </td>
            <td>{codeLabel(TargetGroup.codeList.labels, request.needs.targetGroup, lang())}</td>
            <td>
              <UrgencyBadge urgency={request.needs.urgency} />
            </td>
            <td>
              <NeedsSummary request={request} />
            </td>
            <td>
              <span class={`status state-${request.state}`}>{t(`state.${request.state}`)}</span>
            </td>
            <td>
              <A
                href={`/shelters/requests/${request.id}`}
                aria-label={t("shelters.openRequest", { id: shortId(request.id) })}
              >
                {shortId(request.id)}
              </A>
            </td>
          </tr>
        )}
      />
    </section>
  );
};

/** `/shelters` (coordinators): free places tonight (or on a chosen date), and the queue of placement requests. */
export const SheltersPage = () => {
  const { t } = useI18n();
  return (
    <Page title={t("shelters.title")} intro={<p class="lead">{t("shelters.intro")}</p>}>
      <div class="stack">
        <CapacityBoard />
        <RequestQueue />
        <StayListCard />
      </div>
    </Page>
  );
};
