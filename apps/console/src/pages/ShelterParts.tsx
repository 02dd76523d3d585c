import { PlacementRequest as DomainRequest, TargetGroup } from "@comensha/domain/labels";
import { For, Show } from "solid-js";
import type { PlacementRequest } from "../api/shelters.js";
import type { Availability, PlacementState } from "../api.js";
import { formatNumber } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import { sortTotals } from "./dashboard.js";
import { codeLabel } from "./registrations.js";
import { waitingDays } from "./shelters.js";

/** The query keys of this feature; every write invalidates the two prefixes, so queue, counts and capacity refresh. */
export const shelterKeys = {
  capacity: (from: string) => ["shelters", "availability", from] as const,
  suggestions: (id: string, from: string) => ["shelters", "suggestions", id, from] as const,
  queue: (state: PlacementState) => ["placement-requests", "list", state] as const,
  openCounts: ["placement-requests", "open-counts"] as const,
  request: (id: string) => ["placement-requests", "detail", id] as const,
} as const;

/** The needs of a request in a few words: children, high security, accessibility. */
export const NeedsSummary = (props: { request: PlacementRequest }) => {
  const { t } = useI18n();
  const parts = () => {
    const needs = props.request.needs;
    const list: Array<string> = [];
    if (needs.children === 1) list.push(t("shelters.needsChildrenOne"));
    if (needs.children > 1) list.push(t("shelters.needsChildrenMany", { count: needs.children }));
    if (needs.security === "high") list.push(t("shelters.needsHighSecurity"));
    if (needs.accessible === true) list.push(t("shelters.needsAccessible"));
    return list;
  };
  return (
    <Show when={parts().length > 0} fallback={<span class="muted">{t("shelters.needsNone")}</span>}>
      {parts().join(", ")}
    </Show>
  );
};

/** The waiting time of a request in days, or a dash once it no longer waits. */
export const WaitingTime = (props: { request: PlacementRequest; today: string }) => {
  const { t, lang } = useI18n();
  const text = () => {
    const days = waitingDays(props.request, props.today);
    if (days === undefined) return undefined;
    if (days === 0) return t("shelters.waitingToday");
    return days === 1 ? t("shelters.waitingOne") : t("shelters.waitingMany", { days: formatNumber(days, lang()) });
  };
  return (
    <Show when={text()} fallback={<span class="muted">–</span>}>
      {(value) => value()}
    </Show>
  );
};

/** The urgency of a request as a badge; "tonight" stands out. */
export const UrgencyBadge = (props: { urgency: PlacementRequest["needs"]["urgency"] }) => {
  const { lang } = useI18n();
  return (
    <span class={`status urgency-${props.urgency}`}>
      {codeLabel(DomainRequest.urgencyCodeList.labels, props.urgency, lang())}
    </span>
  );
};

/**
 * Free and total places per target group, in the code list's order; a group without free places stands out. The
 * labels are the page's own (the dashboard's card, the shelters page's board).
 */
export const CapacityTotalsTable = (props: {
  readonly totals: Availability["totals"];
  readonly labels: { readonly targetGroup: string; readonly free: string; readonly places: string };
}) => {
  const { lang } = useI18n();
  return (
    <table class="table compact">
      <thead>
        <tr>
          <th scope="col">{props.labels.targetGroup}</th>
          <th scope="col" class="numeric">
            {props.labels.free}
          </th>
          <th scope="col" class="numeric">
            {props.labels.places}
          </th>
        </tr>
      </thead>
      <tbody>
        <For each={sortTotals(props.totals, TargetGroup.codeList.codes)}>
          {(total) => (
            <tr classList={{ "is-full": total.free === 0 }}>
              <th scope="row">{codeLabel(TargetGroup.codeList.labels, total.targetGroup, lang())}</th>
              <td class="numeric">{formatNumber(total.free, lang())}</td>
              <td class="numeric">{formatNumber(total.places, lang())}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
};
