import { Referral as Labels, Nationality, Sex } from "@comensha/domain/labels";
import { createMutation, createQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { useApi } from "../../ApiContext.js";
import { ChoiceSelect } from "../../components/ChoiceSelect.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { FormField } from "../../components/FormField.js";
import { Page } from "../../components/Page.js";
import { QueryContent } from "../../components/QueryError.js";
import { formatDate, formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/I18n.js";
import type { MessageKey } from "../../i18n/nl.js";
import { createIdempotencyKeeper } from "../../idempotency.js";
import { codeLabel } from "../../pages/registrations.js";
import { ReferralState } from "./referralState.js";
import type { ReceivedReferral, ReferralWithPerson } from "./referralsApi.js";

type State = Labels.ReferralState;

/** The query keys of the inbox: all of it, one state's list, one referral. */
const inboxKey = ["referralInbox"] as const;
const listKey = (state: State | "") => [...inboxKey, "list", state] as const;
const referralKey = (id: string) => [...inboxKey, "referral", id] as const;

/**
 * `/referrals`: a care organisation's referrals (role `care`): the list of what CoMensha referred to it, each opened on
 * request (a read of the person, audited) to accept or decline it, and once accepted to report back how it ended.
 */
export const ReferralInboxPage = () => {
  const { t, lang } = useI18n();
  const api = useApi();
  const [state, setState] = createSignal<State | "">("");
  // Reconciled by id: a referral answered here stays the same item after the refetch, so it stays open.
  const query = createQuery(() => ({
    queryKey: listKey(state()),
    queryFn: () => api.listReceivedReferrals(state() === "" ? undefined : (state() as State)),
    reconcile: "id",
  }));
  return (
    <Page title={t("referralInbox.title")} intro={<p>{t("referralInbox.intro")}</p>}>
      <div class="form narrow">
        <FormField id="referral-inbox-state" label={t("referralInbox.filter")} error={undefined}>
          {() => (
            <select
              id="referral-inbox-state"
              name="state"
              value={state()}
              onChange={(event) => setState(event.currentTarget.value as State | "")}
            >
              <option value="">{t("referralInbox.all")}</option>
              <For each={Labels.stateCodeList.codes}>
                {(code) => <option value={code}>{Labels.stateCodeList.label(code, lang())}</option>}
              </For>
            </select>
          )}
        </FormField>
      </div>
      <QueryContent query={query}>
        {(referrals) => (
          <Show when={referrals().length > 0} fallback={<p class="muted">{t("referralInbox.none")}</p>}>
            <ol class="plain-list case-notes" aria-label={t("referralInbox.title")}>
              <For each={referrals()}>{(referral) => <InboxItem referral={referral} />}</For>
            </ol>
          </Show>
        )}
      </QueryContent>
    </Page>
  );
};

const InboxItem = (props: { readonly referral: ReceivedReferral }) => {
  const { t, lang } = useI18n();
  const [open, setOpen] = createSignal(false);
  return (
    <li class="case-note">
      <p>
        <strong>
          {t("referralInbox.item", {
            service: Labels.serviceCodeList.label(props.referral.service, lang()),
            when: formatDateTime(props.referral.referredAt, lang()),
          })}
        </strong>
        {": "}
        <ReferralState referral={props.referral} lang={lang()} />
      </p>
      <button type="button" class="button" aria-expanded={open()} onClick={() => setOpen(!open())}>
        {open() ? t("referralInbox.close") : t("referralInbox.open")}
      </button>
      <Show when={open()}>
        <ReferralDetail id={props.referral.id} />
      </Show>
    </li>
  );
};

const ReferralDetail = (props: { readonly id: string }) => {
  const { t } = useI18n();
  const api = useApi();
  const query = createQuery(() => ({ queryKey: referralKey(props.id), queryFn: () => api.getReferral(props.id) }));
  // What the last write did: said here, as the form that made it goes once the referral moves on.
  const [done, setDone] = createSignal<MessageKey>();
  return (
    <>
      <QueryContent query={query}>
        {(referral) => (
          <>
            <PersonView referral={referral()} />
            <Show when={referral().state === "pending"}>
              <AnswerForm id={props.id} onDone={setDone} />
            </Show>
            <Show when={referral().state === "accepted"}>
              <ReportForm id={props.id} onDone={setDone} />
            </Show>
          </>
        )}
      </QueryContent>
      <p class="success" role="status">
        {(() => {
          const key = done();
          return key === undefined ? "" : t(key);
        })()}
      </p>
    </>
  );
};

const Field = (props: { readonly label: string; readonly value: string }) => (
  <>
    <dt>{props.label}</dt>
    <dd>{props.value}</dd>
  </>
);

const PersonView = (props: { readonly referral: ReferralWithPerson }) => {
  const { t, lang } = useI18n();
  const person = () => props.referral.person;
  return (
    <section aria-label={t("referralInbox.personTitle")}>
      <dl class="fields">
        <Show when={person().identifiers}>
          {(identifiers) => (
            <>
              <Field label={t("referralInbox.familyName")} value={identifiers().familyName} />
              <Field label={t("referralInbox.givenNames")} value={identifiers().givenNames} />
              <Show when={identifiers().dateOfBirth}>
                {(date) => <Field label={t("referralInbox.dateOfBirth")} value={formatDate(date(), lang())} />}
              </Show>
            </>
          )}
        </Show>
        <Field label={t("referralInbox.sex")} value={codeLabel(Sex.codeList.labels, person().sex, lang())} />
        <Field
          label={t("referralInbox.birthYear")}
          value={person().birthYear === null ? t("referralInbox.unknown") : String(person().birthYear)}
        />
        <Field
          label={t("referralInbox.nationalities")}
          value={person()
            .nationalities.map((code) => codeLabel(Nationality.codeList.labels, code, lang()))
            .join(", ")}
        />
      </dl>
      <Show when={person().identifiers === null}>
        <p class="muted">{t("referralInbox.notShared")}</p>
      </Show>
    </section>
  );
};

/** Says what a write on a referral did. */
type OnDone = (done: MessageKey) => void;

/** A write on a referral of the inbox: idempotent, and on success the list and the referral are read again. */
const useInboxWrite = <I,>(write: (input: I, idempotencyKey: string) => Promise<unknown>, onDone: OnDone) => {
  const client = useQueryClient();
  const keeper = createIdempotencyKeeper();
  return createMutation(() => ({
    mutationFn: (input: { readonly body: I; readonly done: MessageKey }) =>
      write(input.body, keeper.keyFor(input.body)),
    onSuccess: (_answer: unknown, input: { readonly body: I; readonly done: MessageKey }) => {
      keeper.done();
      onDone(input.done);
      return client.invalidateQueries({ queryKey: inboxKey });
    },
  }));
};

const AnswerForm = (props: { readonly id: string; readonly onDone: OnDone }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const [reason, setReason] = createSignal<Labels.ReferralDeclineReason>("no_capacity");
  const mutation = useInboxWrite(
    (answer: Parameters<typeof api.answerReferral>[1], key: string) => api.answerReferral(props.id, answer, key),
    (done) => props.onDone(done),
  );
  return (
    <div class="form narrow">
      <div>
        <button
          type="button"
          class="button primary"
          disabled={mutation.isPending}
          onClick={() => mutation.mutate({ body: { decision: "accept" }, done: "referralInbox.accepted" })}
        >
          {mutation.isPending ? t("referralInbox.busy") : t("referralInbox.accept")}
        </button>
      </div>
      <ChoiceSelect
        id={`decline-reason-${props.id}`}
        name="reason"
        label={t("referralInbox.declineReason")}
        choices={Labels.declineReasonCodeList.codes.map((code) => ({
          value: code,
          label: Labels.declineReasonCodeList.label(code, lang()),
        }))}
        value={reason()}
        onChange={(value) => setReason(value as Labels.ReferralDeclineReason)}
      />
      <div>
        <button
          type="button"
          class="button"
          disabled={mutation.isPending}
          onClick={() =>
            mutation.mutate({ body: { decision: "decline", reason: reason() }, done: "referralInbox.declined" })
          }
        >
          {t("referralInbox.decline")}
        </button>
      </div>
      <Show when={mutation.isError}>
        <ErrorMessage error={mutation.error} />
      </Show>
    </div>
  );
};

const ReportForm = (props: { readonly id: string; readonly onDone: OnDone }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const [outcome, setOutcome] = createSignal<Labels.ReferralOutcome>("support_completed");
  const mutation = useInboxWrite(
    (body: { readonly outcome: Labels.ReferralOutcome }, key: string) =>
      api.reportReferral(props.id, body.outcome, key),
    (done) => props.onDone(done),
  );
  return (
    <form
      class="form narrow"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate({ body: { outcome: outcome() }, done: "referralInbox.reported" });
      }}
    >
      <ChoiceSelect
        id={`referral-outcome-${props.id}`}
        name="outcome"
        label={t("referralInbox.outcome")}
        choices={Labels.outcomeCodeList.codes.map((code) => ({
          value: code,
          label: Labels.outcomeCodeList.label(code, lang()),
        }))}
        value={outcome()}
        onChange={(value) => setOutcome(value as Labels.ReferralOutcome)}
      />
      <div>
        <button type="submit" class="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? t("referralInbox.busy") : t("referralInbox.report")}
        </button>
      </div>
      <Show when={mutation.isError}>
        <ErrorMessage error={mutation.error} />
      </Show>
    </form>
  );
};
