import { Referral as Labels } from "@comensha/domain/labels";
import { createMutation, createQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { useApi } from "../../ApiContext.js";
import { ChoiceSelect } from "../../components/ChoiceSelect.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { FormField } from "../../components/FormField.js";
import { OrganisationName, useReportingOrganisations } from "../../components/OrganisationName.js";
import { PersonCaseCard } from "../../components/PersonCaseCard.js";
import { QueryContent } from "../../components/QueryError.js";
import { formatDateTime, todayInAmsterdam } from "../../format.js";
import { useI18n } from "../../i18n/I18n.js";
import type { MessageKey } from "../../i18n/nl.js";
import { createIdempotencyKeeper } from "../../idempotency.js";
import { ReferralState } from "./referralState.js";
import type { Referral, ReferralInput } from "./referralsApi.js";

/** The query key of a person's referrals. */
export const referralsKey = (personId: string) => ["referrals", personId] as const;

type Service = Labels.ReferralService;
type Basis = Labels.ReferralSharingBasis;

/**
 * A person's referrals to care on a registration's page (coordinators): where they were referred and how it stands,
 * and a form to refer them, sharing their identifiers only on a legal basis (the API checks the same rule).
 */
export const ReferralsCard = (props: { readonly personId: string | undefined }) => (
  <PersonCaseCard id="referrals-title" title="referrals.title" intro="referrals.intro" personId={props.personId}>
    {(personId) => <ReferralsBody personId={personId} />}
  </PersonCaseCard>
);

const ReferralsBody = (props: { readonly personId: string }) => {
  const { t } = useI18n();
  const api = useApi();
  const query = createQuery(() => ({
    queryKey: referralsKey(props.personId),
    queryFn: () => api.listReferralsOf(props.personId),
  }));
  return (
    <>
      <QueryContent query={query}>
        {(referrals) => (
          <Show when={referrals().length > 0} fallback={<p class="muted">{t("referrals.none")}</p>}>
            <ol class="plain-list case-notes">
              <For each={referrals()}>
                {(referral) => <ReferralItem personId={props.personId} referral={referral} />}
              </For>
            </ol>
          </Show>
        )}
      </QueryContent>
      <ReferralForm personId={props.personId} />
    </>
  );
};

const ReferralItem = (props: { readonly personId: string; readonly referral: Referral }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const withdraw = createMutation(() => ({
    mutationFn: () => api.withdrawReferral(props.referral.id),
    onSuccess: () => client.invalidateQueries({ queryKey: referralsKey(props.personId) }),
  }));
  return (
    <li class="case-note">
      <p>
        <strong>{Labels.serviceCodeList.label(props.referral.service, lang())}</strong> –{" "}
        <OrganisationName id={props.referral.toOrganisationId} />:{" "}
        <ReferralState referral={props.referral} lang={lang()} />
      </p>
      <p class="muted">
        {props.referral.sharingBasis === null
          ? t("referrals.notShared")
          : t("referrals.shared", { basis: Labels.sharingBasisCodeList.label(props.referral.sharingBasis, lang()) })}
        {" · "}
        {t("referrals.referredOn", { when: formatDateTime(props.referral.referredAt, lang()) })}
      </p>
      <Show when={props.referral.state === "pending" || props.referral.state === "accepted"}>
        <button type="button" class="button" disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
          {t("referrals.withdraw")}
        </button>
      </Show>
      <Show when={withdraw.isError}>
        <ErrorMessage error={withdraw.error} />
      </Show>
    </li>
  );
};

const ReferralForm = (props: { readonly personId: string }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const organisations = useReportingOrganisations();
  const keeper = createIdempotencyKeeper();
  // CoMensha itself refers; it does not receive. A suspended organisation receives nothing new.
  const receivers = () =>
    (organisations.data?.items ?? []).filter(
      (organisation) =>
        Labels.receivingKinds.has(organisation.kind) && !organisation.isComensha && organisation.status === "active",
    );
  const [to, setTo] = createSignal("");
  const [service, setService] = createSignal<Service>("care_coordination");
  const [share, setShare] = createSignal(false);
  const [basis, setBasis] = createSignal<Basis>("consent");
  const [consentOn, setConsentOn] = createSignal(todayInAmsterdam());
  const [problem, setProblem] = createSignal<{ field: "to" | "consentOn"; key: MessageKey } | undefined>();
  const [saved, setSaved] = createSignal(false);
  const mutation = createMutation(() => ({
    mutationFn: (input: { readonly body: ReferralInput; readonly key: string }) =>
      api.createReferral(input.body, input.key),
    onSuccess: () => {
      keeper.done();
      setSaved(true);
      return client.invalidateQueries({ queryKey: referralsKey(props.personId) });
    },
  }));
  const errorOf = (field: "to" | "consentOn") => {
    const found = problem();
    return found?.field === field ? { text: t(found.key) } : undefined;
  };
  const submit = () => {
    setSaved(false);
    if (to() === "") return setProblem({ field: "to", key: "referrals.needOrganisation" });
    if (share() && basis() === "consent" && consentOn() === "") {
      return setProblem({ field: "consentOn", key: "referrals.needConsentDate" });
    }
    setProblem(undefined);
    const body: ReferralInput = {
      personId: props.personId,
      toOrganisationId: to(),
      service: service(),
      shareIdentifiers: share(),
      ...(share() ? { sharingBasis: basis() } : {}),
      ...(share() && basis() === "consent" ? { consentGivenOn: consentOn() } : {}),
    };
    mutation.mutate({ body, key: keeper.keyFor(body) });
  };
  return (
    <form
      class="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <ChoiceSelect
        id="referral-to"
        name="toOrganisationId"
        label={t("referrals.to")}
        hint={t("referrals.toHint")}
        error={errorOf("to")}
        placeholder={t("referrals.choose")}
        choices={receivers().map((organisation) => ({ value: organisation.id, label: organisation.name }))}
        value={to()}
        onChange={(value) => {
          setTo(value);
          setProblem(undefined);
        }}
      />
      <ChoiceSelect
        id="referral-service"
        name="service"
        label={t("referrals.service")}
        choices={Labels.serviceCodeList.codes.map((code) => ({
          value: code,
          label: Labels.serviceCodeList.label(code, lang()),
        }))}
        value={service()}
        onChange={(value) => setService(value as Service)}
      />
      <label class="registration-choice">
        <input
          type="checkbox"
          name="shareIdentifiers"
          checked={share()}
          onChange={(event) => setShare(event.currentTarget.checked)}
        />{" "}
        {t("referrals.share")}
      </label>
      <Show when={share()}>
        <FormField id="referral-basis" label={t("referrals.basis")} error={undefined}>
          {() => (
            <select
              id="referral-basis"
              name="sharingBasis"
              value={basis()}
              onChange={(event) => setBasis(event.currentTarget.value as Basis)}
            >
              <For each={Labels.sharingBasisCodeList.codes}>
                {(code) => <option value={code}>{Labels.sharingBasisCodeList.label(code, lang())}</option>}
              </For>
            </select>
          )}
        </FormField>
        <Show when={basis() === "consent"}>
          <FormField id="referral-consent-on" label={t("referrals.consentOn")} error={errorOf("consentOn")}>
            {(aria) => (
              <input
                id="referral-consent-on"
                name="consentGivenOn"
                type="date"
                max={todayInAmsterdam()}
                value={consentOn()}
                aria-invalid={aria.invalid()}
                aria-describedby={aria.describedBy()}
                onInput={(event) => setConsentOn(event.currentTarget.value)}
              />
            )}
          </FormField>
        </Show>
      </Show>
      <div>
        <button type="submit" class="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? t("referrals.busy") : t("referrals.submit")}
        </button>
      </div>
      <p class="success" role="status">
        {saved() ? t("referrals.saved") : ""}
      </p>
      <Show when={mutation.isError}>
        <ErrorMessage error={mutation.error} />
      </Show>
    </form>
  );
};
