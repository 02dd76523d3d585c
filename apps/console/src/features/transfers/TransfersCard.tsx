import { Transfer as Labels } from "@comensha/domain/labels";
import { createMutation, createQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { useApi } from "../../ApiContext.js";
import { ChoiceSelect } from "../../components/ChoiceSelect.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { useOrganisationNameOf, useReportingOrganisations } from "../../components/OrganisationName.js";
import { QueryContent } from "../../components/QueryError.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/I18n.js";
import { createIdempotencyKeeper } from "../../idempotency.js";
import { shortId } from "../../pages/registrations.js";
import type { Transfer, TransferInput } from "./transfersApi.js";

/** The query key of a registration's transfers. */
export const transfersKey = (registrationId: string) => ["transfers", registrationId] as const;

type Reason = Labels.TransferReason;

/**
 * A registration's transfers between organisations on its page (coordinators): from whom to whom, why and when, and
 * a form to transfer it to another active partner organisation (the API checks the same rule).
 */
export const TransfersCard = (props: {
  readonly registrationId: string;
  readonly organisationId: string | undefined;
}) => {
  const { t } = useI18n();
  return (
    <section class="card wide" aria-labelledby="transfers-title">
      <h2 id="transfers-title">{t("transfers.title")}</h2>
      <p>{t("transfers.intro")}</p>
      <TransferHistory registrationId={props.registrationId} />
      <TransferForm registrationId={props.registrationId} organisationId={props.organisationId} />
    </section>
  );
};

const TransferHistory = (props: { readonly registrationId: string }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const nameOf = useOrganisationNameOf();
  const name = (id: string) => nameOf(id) ?? shortId(id);
  const query = createQuery(() => ({
    queryKey: transfersKey(props.registrationId),
    queryFn: () => api.listTransfersOf(props.registrationId),
  }));
  return (
    <QueryContent query={query}>
      {(transfers) => (
        <Show when={transfers().length > 0} fallback={<p class="muted">{t("transfers.none")}</p>}>
          <ol class="plain-list case-notes">
            <For each={transfers()}>
              {(transfer: Transfer) => (
                <li class="case-note">
                  <p>
                    <strong>
                      {t("transfers.item", {
                        from: name(transfer.fromOrganisationId),
                        to: name(transfer.toOrganisationId),
                      })}
                    </strong>
                    : {Labels.reasonCodeList.label(transfer.reason, lang())}
                  </p>
                  <p class="muted">
                    {t("transfers.on", {
                      when: formatDateTime(transfer.transferredAt, lang()),
                      version: String(transfer.version),
                    })}
                  </p>
                </li>
              )}
            </For>
          </ol>
        </Show>
      )}
    </QueryContent>
  );
};

const TransferForm = (props: { readonly registrationId: string; readonly organisationId: string | undefined }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const organisations = useReportingOrganisations();
  const keeper = createIdempotencyKeeper();
  // A partner organisation that can take it over: active, not CoMensha itself, not the one that owns it now.
  const receivers = () =>
    (organisations.data?.items ?? []).filter(
      (organisation) =>
        !organisation.isComensha && organisation.status === "active" && organisation.id !== props.organisationId,
    );
  const [to, setTo] = createSignal("");
  const [reason, setReason] = createSignal<Reason>("care_takes_over");
  const [missing, setMissing] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  const mutation = createMutation(() => ({
    mutationFn: (input: { readonly body: TransferInput; readonly key: string }) =>
      api.transferRegistration(props.registrationId, input.body, input.key),
    onSuccess: () => {
      keeper.done();
      setSaved(true);
      setTo("");
      return Promise.all([
        client.invalidateQueries({ queryKey: transfersKey(props.registrationId) }),
        client.invalidateQueries({ queryKey: ["registrations", props.registrationId] }),
      ]);
    },
  }));
  const submit = () => {
    setSaved(false);
    if (to() === "") return setMissing(true);
    setMissing(false);
    const body: TransferInput = { toOrganisationId: to(), reason: reason() };
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
        id="transfer-to"
        name="toOrganisationId"
        label={t("transfers.to")}
        hint={t("transfers.toHint")}
        error={missing() ? { text: t("transfers.needOrganisation") } : undefined}
        placeholder={t("transfers.choose")}
        choices={receivers().map((organisation) => ({ value: organisation.id, label: organisation.name }))}
        value={to()}
        onChange={(value) => {
          setTo(value);
          setMissing(false);
        }}
      />
      <ChoiceSelect
        id="transfer-reason"
        name="reason"
        label={t("transfers.reason")}
        choices={Labels.reasonCodeList.codes.map((code) => ({
          value: code,
          label: Labels.reasonCodeList.label(code, lang()),
        }))}
        value={reason()}
        onChange={(value) => setReason(value as Reason)}
      />
      <div>
        <button type="submit" class="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? t("transfers.busy") : t("transfers.submit")}
        </button>
      </div>
      <p class="success" role="status">
        {saved() ? t("transfers.saved") : ""}
      </p>
      <Show when={mutation.isError}>
        <ErrorMessage error={mutation.error} />
      </Show>
    </form>
  );
};
