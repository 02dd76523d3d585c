import { Placement as DomainPlacement } from "@comensha/domain/labels";
import { Show } from "solid-js";
import type { PlacementRequest } from "../../api/shelters.js";
import { Fact, Facts } from "../../components/Facts.js";
import { formatDate } from "../../format.js";
import { useI18n } from "../../i18n/I18n.js";
import { codeLabel } from "../registrations.js";

/** The placement of a request as the API keeps it: `null` until the request is placed. */
export type PlacementSummary = NonNullable<PlacementRequest["placement"]>;

/**
 * Where the person is or was placed: shelter, place, from when and, once it ended, until when and why. An ended
 * request keeps these facts, so its page still says where the person stayed.
 */
export const PlacementFacts = (props: { readonly placement: PlacementSummary }) => {
  const { t, lang } = useI18n();
  const p = () => props.placement;
  return (
    <section class="card wide" aria-labelledby="placement-facts-title">
      <h2 id="placement-facts-title">{t("shelters.placementTitle")}</h2>
      <Facts>
        <Fact label={t("shelters.shelter")}>{p().shelterName}</Fact>
        <Fact label={t("shelters.place")}>{p().placeLabel}</Fact>
        <Fact label={t("shelters.placementStartsOn")}>{formatDate(p().startsOn, lang())}</Fact>
        <Fact label={t("shelters.placementEndsOn")}>
          <Show when={p().endsOn} fallback={t("shelters.placementOngoing")}>
            {(endsOn) => formatDate(endsOn(), lang())}
          </Show>
        </Fact>
        <Show when={p().endReason}>
          {(reason) => (
            <Fact label={t("shelters.placementEndReason")}>
              {codeLabel(DomainPlacement.endReasonCodeList.labels, reason(), lang())}
            </Fact>
          )}
        </Show>
      </Facts>
    </section>
  );
};
