import { TargetGroup } from "@comensha/domain/labels";
import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { For, type JSX, Match, Show, Switch } from "solid-js";
import { useApi } from "../ApiContext.js";
import { canOpen, type DashboardCard, dashboardCards, type PageId } from "../access.js";
import type { Role, Signal, StateCount } from "../api.js";
import { Page } from "../components/Page.js";
import { QueryCard } from "../components/QueryCard.js";
import { formatDate, formatDateTime, formatNumber, todayInAmsterdam, yearInAmsterdam } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import { useSession } from "../session.js";
import { openStates, signalHref, summaryByKind } from "./dashboard.js";
import { codeLabel } from "./registrations.js";
import { CapacityTotalsTable } from "./ShelterParts.js";

/** How many signals the card lists; the rest are counted. */
const signalsShown = 10;

/** Links to `href` when the signed-in role may open `page`; plain content otherwise. */
const LinkIfAllowed = (props: { page: PageId; href: string; children: JSX.Element }) => {
  const session = useSession();
  const role = () => session.user()?.role;
  return (
    <Show when={role() !== undefined && canOpen(role() as Role, props.page)} fallback={props.children}>
      <A href={props.href}>{props.children}</A>
    </Show>
  );
};

const OverviewCard = () => {
  const { t, lang } = useI18n();
  const api = useApi();
  const year = yearInAmsterdam();
  const query = createQuery(() => ({
    queryKey: ["statistics", "overview", year],
    queryFn: () => api.statisticsOverview(year),
  }));
  // Early in a year the current year says little: the last complete year stands beside it.
  const lastYear = createQuery(() => ({
    queryKey: ["statistics", "overview", year - 1],
    queryFn: () => api.statisticsOverview(year - 1),
  }));
  return (
    <QueryCard title={t("dashboard.overviewTitle", { year })} query={query}>
      {(overview) => (
        <>
          <dl class="figures">
            <div>
              <dt>{t("dashboard.persons")}</dt>
              <dd>{formatNumber(overview().persons, lang())}</dd>
            </div>
            <div>
              <dt>{t("dashboard.reports")}</dt>
              <dd>
                <LinkIfAllowed page="registrations" href="/registrations">
                  {formatNumber(overview().reports, lang())}
                </LinkIfAllowed>
              </dd>
            </div>
          </dl>
          <Show when={lastYear.data}>
            {(previous) => (
              <p class="small">
                {t("dashboard.lastYear", {
                  year: previous().year,
                  persons: formatNumber(previous().persons, lang()),
                  reports: formatNumber(previous().reports, lang()),
                })}
              </p>
            )}
          </Show>
          <Show when={overview().dataAsOf}>
            {(asOf) => <p class="muted small">{t("dashboard.dataAsOf", { date: formatDateTime(asOf(), lang()) })}</p>}
          </Show>
        </>
      )}
    </QueryCard>
  );
};

const AvailabilityCard = () => {
  const { t } = useI18n();
  const api = useApi();
  const from = todayInAmsterdam();
  const query = createQuery(() => ({
    queryKey: ["shelters", "availability", from],
    queryFn: () => api.availability({ from }),
  }));
  return (
    <QueryCard title={t("dashboard.availabilityTitle")} query={query}>
      {(availability) => (
        <Show when={availability().totals.length > 0} fallback={<p>{t("dashboard.noPlaces")}</p>}>
          <CapacityTotalsTable
            totals={availability().totals}
            labels={{
              targetGroup: t("dashboard.targetGroup"),
              free: t("dashboard.free"),
              places: t("dashboard.places"),
            }}
          />
          <LinkIfAllowed page="shelters" href="/shelters">
            {t("dashboard.availabilityLink")}
          </LinkIfAllowed>
        </Show>
      )}
    </QueryCard>
  );
};

const PlacementRequestsCard = () => {
  const { t, lang } = useI18n();
  const api = useApi();
  const query = createQuery(() => ({
    queryKey: ["placement-requests", "open-counts"],
    queryFn: () => Promise.all(openStates.map((state) => api.countPlacementRequests(state))),
  }));
  const countText = (count: StateCount) =>
    count.isAtLeast
      ? t("dashboard.countAtLeast", { count: formatNumber(count.count, lang()) })
      : formatNumber(count.count, lang());
  return (
    <QueryCard title={t("dashboard.requestsTitle")} query={query}>
      {(counts) => (
        <table class="table compact">
          <thead>
            <tr>
              <th scope="col">{t("dashboard.requestsState")}</th>
              <th scope="col" class="numeric">
                {t("dashboard.requestsCount")}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={counts()}>
              {(count) => (
                <tr>
                  <th scope="row">
                    <A href={`/shelters?state=${count.state}`}>{t(`state.${count.state}`)}</A>
                  </th>
                  <td class="numeric">{countText(count)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      )}
    </QueryCard>
  );
};

const SignalDetail = (props: { signal: Signal }) => {
  const { t, lang } = useI18n();
  return (
    <Switch fallback={<span>{t("signal.other")}</span>}>
      <Match when={props.signal.kind === "waiting_over_norm" && props.signal}>
        {(signal) => (
          <span>{t("signal.waiting_over_norm.detail", { days: signal().daysWaiting, norm: signal().normDays })}</span>
        )}
      </Match>
      <Match when={props.signal.kind === "reflection_expires_while_waiting" && props.signal}>
        {(signal) => (
          <span>
            {t("signal.reflection_expires_while_waiting.detail", { date: formatDate(signal().expiresOn, lang()) })}
          </span>
        )}
      </Match>
      <Match when={props.signal.kind === "cosm_stay_over_norm" && props.signal}>
        {(signal) => (
          <span>{t("signal.cosm_stay_over_norm.detail", { date: formatDate(signal().startsOn, lang()) })}</span>
        )}
      </Match>
      <Match when={props.signal.kind === "follow_ups_overdue" && props.signal}>
        {(signal) => <span>{t("signal.follow_ups_overdue.detail", { count: signal().count })}</span>}
      </Match>
      <Match when={props.signal.kind === "no_capacity" && props.signal}>
        {(signal) => (
          <span>
            {t("signal.no_capacity.detail", {
              group: codeLabel(TargetGroup.codeList.labels, signal().targetGroup, lang()),
              count: signal().waiting,
            })}
          </span>
        )}
      </Match>
    </Switch>
  );
};

const SignalsCard = () => {
  const { t, lang } = useI18n();
  const api = useApi();
  const query = createQuery(() => ({ queryKey: ["signals"], queryFn: () => api.signals() }));
  const kindLabel = (kind: string) =>
    kind === "waiting_over_norm" ||
    kind === "reflection_expires_while_waiting" ||
    kind === "cosm_stay_over_norm" ||
    kind === "no_capacity" ||
    kind === "follow_ups_overdue"
      ? t(`signal.${kind}`)
      : t("signal.other");
  return (
    <QueryCard title={t("dashboard.signalsTitle")} query={query}>
      {(signals) => (
        <Show when={signals().summary.length > 0} fallback={<p>{t("dashboard.signalsNone")}</p>}>
          <ul class="tally">
            <For each={summaryByKind(signals().summary)}>
              {(group) => (
                <li>
                  <span class="tally-count">{formatNumber(group.count, lang())}</span> {kindLabel(group.kind)}
                </li>
              )}
            </For>
          </ul>
          <Show
            when={signals().data}
            fallback={
              // Policy staff: the counts per target group, no case.
              <ul class="signal-list">
                <For each={signals().summary}>
                  {(row) => (
                    <li>
                      <strong>{kindLabel(row.kind)}</strong>
                      <br />
                      {row.kind === "follow_ups_overdue"
                        ? t("signal.follow_ups_overdue.detail", { count: formatNumber(row.count, lang()) })
                        : t("signal.perGroup", {
                            group:
                              row.targetGroup === null
                                ? t("signal.groupUnknown")
                                : codeLabel(TargetGroup.codeList.labels, row.targetGroup, lang()),
                            count: formatNumber(row.count, lang()),
                          })}
                    </li>
                  )}
                </For>
              </ul>
            }
          >
            {(data) => (
              <>
                <ul class="signal-list">
                  <For each={data().slice(0, signalsShown)}>
                    {(signal) => (
                      <li>
                        <A href={signalHref(signal)}>
                          <strong>{kindLabel(signal.kind)}</strong>
                        </A>
                        <br />
                        <SignalDetail signal={signal} />
                      </li>
                    )}
                  </For>
                </ul>
                <Show when={data().length > signalsShown}>
                  <p class="muted small">{t("dashboard.signalsMore", { count: data().length - signalsShown })}</p>
                </Show>
              </>
            )}
          </Show>
          <p class="muted small">{t("dashboard.dataAsOf", { date: formatDate(signals().asOf, lang()) })}</p>
        </Show>
      )}
    </QueryCard>
  );
};

const AuditCard = () => {
  const { t } = useI18n();
  return (
    <section class="card" aria-labelledby="audit-card-title">
      <h2 id="audit-card-title">{t("dashboard.auditTitle")}</h2>
      <p>{t("dashboard.auditText")}</p>
      <A href="/audit">{t("nav.audit")}</A>
    </section>
  );
};

/** For a care organisation's people: how many referrals wait for their answer, and the way to them. */
const ReferralsCard = () => {
  const { t, lang } = useI18n();
  const api = useApi();
  const query = createQuery(() => ({
    queryKey: ["referralInbox", "list", "pending"] as const,
    queryFn: () => api.listReceivedReferrals("pending"),
  }));
  return (
    <QueryCard title={t("dashboard.referralsTitle")} query={query}>
      {(pending) => (
        <>
          <p>
            {t("dashboard.referralsPending", { count: formatNumber(pending().length, lang()) })}{" "}
            {t("dashboard.referralsText")}
          </p>
          <A href="/referrals">{t("dashboard.referralsLink")}</A>
        </>
      )}
    </QueryCard>
  );
};

const cards: { readonly [C in DashboardCard]: () => ReturnType<typeof AuditCard> } = {
  overview: OverviewCard,
  availability: AvailabilityCard,
  placementRequests: PlacementRequestsCard,
  signals: SignalsCard,
  audit: AuditCard,
  referrals: ReferralsCard,
};

/** `/`: this year's figures, free places tonight, open placement requests and signals, as far as the role may see. */
export const DashboardPage = () => {
  const { t } = useI18n();
  const session = useSession();
  return (
    <Show when={session.user()}>
      {(user) => (
        <Page title={t("dashboard.title")} intro={<p>{t("dashboard.welcome", { name: user().name })}</p>}>
          <div class="cards">
            <For each={dashboardCards(user().role)}>{(card) => cards[card]()}</For>
          </div>
        </Page>
      )}
    </Show>
  );
};
