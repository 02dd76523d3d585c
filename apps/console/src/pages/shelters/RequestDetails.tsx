import { PoliceRegion, TargetGroup } from "@comensha/domain/labels";
import { A } from "@solidjs/router";
import { Show } from "solid-js";
import type { PlacementRequest } from "../../api/shelters.js";
import { Fact, Facts } from "../../components/Facts.js";
import { OrganisationName } from "../../components/OrganisationName.js";
import { formatDate, formatDateTime, todayInAmsterdam } from "../../format.js";
import { useI18n } from "../../i18n/I18n.js";
import { localeOf } from "../../i18n/translate.js";
import { codeLabel, shortId } from "../registrations.js";
import { NeedsSummary, UrgencyBadge, WaitingTime } from "../ShelterParts.js";

const languageName = (code: string, lang: "nl" | "en"): string => {
  try {
    return new Intl.DisplayNames([localeOf(lang)], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
};

/**
 * What the request says: state, dates, who asked, the registration (where the person's name and details are: this
 * page shows none), the organisation by its name, and the needs.
 */
export const RequestDetails = (props: { request: PlacementRequest }) => {
  const { t, lang } = useI18n();
  const r = () => props.request;
  const needs = () => r().needs;
  const today = todayInAmsterdam();
  return (
    <section class="card wide" aria-labelledby="request-details-title">
      <h2 id="request-details-title">{t("shelters.detailsTitle")}</h2>
      <Facts>
        <Fact label={t("shelters.state")}>
          <span class={`status state-${r().state}`}>{t(`state.${r().state}`)}</span>
        </Fact>
        <Fact label={t("shelters.requestedOn")}>{formatDate(r().requestedOn, lang())}</Fact>
        <Fact label={t("shelters.waiting")}>
          <WaitingTime request={r()} today={today} />
        </Fact>
        <Fact label={t("shelters.requestedBy")}>{t(`shelters.requestedBy.${r().requestedBy}`)}</Fact>
        <Fact label={t("shelters.registration")}>
          <A
            href={`/registrations/${r().registrationId}`}
            aria-label={t("shelters.openRegistration", { id: shortId(r().registrationId) })}
          >
            {shortId(r().registrationId)}
          </A>
          <span class="muted small"> {t("shelters.personInRegistration")}</span>
        </Fact>
        <Fact label={t("shelters.organisation")}>
          <OrganisationName id={r().organisationId} />
        </Fact>
        <Fact label={t("shelters.targetGroup")}>
          {codeLabel(TargetGroup.codeList.labels, needs().targetGroup, lang())}
        </Fact>
        <Fact label={t("shelters.urgency")}>
          <UrgencyBadge urgency={needs().urgency} />
        </Fact>
        <Fact label={t("shelters.needs")}>
          <NeedsSummary request={r()} />
        </Fact>
        <Fact label={t("shelters.languages")}>
          {needs().languages.length === 0
            ? "–"
            : needs()
                .languages.map((code) => languageName(code, lang()))
                .join(", ")}
        </Fact>
        <Show when={needs().medicalNeeds}>
          {(medical) => <Fact label={t("shelters.medicalNeeds")}>{medical()}</Fact>}
        </Show>
        <Show when={r().unreadable?.includes("needs.medicalNeeds")}>
          <Fact label={t("shelters.medicalNeeds")}>
            <span class="unreadable">{t("shelters.medicalNeedsUnreadable")}</span>
          </Fact>
        </Show>
        <Fact label={t("shelters.preferredRegion")}>
          {r().preferredRegion === undefined
            ? t("shelters.noPreference")
            : codeLabel(PoliceRegion.codeList.labels, r().preferredRegion ?? "", lang())}
        </Fact>
        <Fact label={t("shelters.updatedAt")}>{formatDateTime(r().updatedAt, lang())}</Fact>
      </Facts>
    </section>
  );
};
