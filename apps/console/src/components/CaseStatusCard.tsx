import { CaseStatus } from "@comensha/domain/labels";
import { createMutation, createQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { useApi } from "../ApiContext.js";
import type { CaseStatusInput, CaseStatusView } from "../api/caseStatus.js";
import { formatDateTime } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import { ErrorMessage } from "./ErrorMessage.js";
import { FieldHint } from "./FormField.js";
import { PersonCaseCard } from "./PersonCaseCard.js";
import { QueryContent } from "./QueryError.js";

type Status = CaseStatus.CaseStatus;
type Reason = CaseStatus.CaseStatusReason;

/** The query key of a person's case status. */
export const caseStatusKey = (personId: string) => ["caseStatus", personId] as const;

/** How a status looks: an active case as under way, follow-up as waiting on someone, a closed one plain. */
const statusClass: Readonly<Record<Status, string>> = {
  active: "status-active",
  follow_up: "status-open",
  closed: "",
  closed_referred: "",
};

/** The reason a new status usually comes with: `referred` for `closed_referred`, which takes no other. */
const defaultReason = (status: Status): Reason => {
  switch (status) {
    case "active":
      return "reopened";
    case "follow_up":
      return "follow_up_planned";
    case "closed":
      return "goals_reached";
    case "closed_referred":
      return "referred";
  }
};

/** The reasons that fit a new status: `referred` for `closed_referred` alone, every other reason for the rest. */
const reasonsFor = (status: Status): ReadonlyArray<Reason> =>
  status === "closed_referred"
    ? ["referred"]
    : CaseStatus.reasonCodeList.codes.filter((reason) => reason !== "referred");

/**
 * A person's case status on a registration's page (coordinators): where the trajectory stands, how it got there, and
 * a form to change it with a coded reason. The words of what happened belong in the case's notes, not here.
 */
export const CaseStatusCard = (props: { readonly personId: string | undefined }) => {
  const { lang } = useI18n();
  return (
    <PersonCaseCard id="case-status-title" title="caseStatus.title" intro="caseStatus.intro" personId={props.personId}>
      {(personId) => <CaseStatusBody personId={personId} lang={lang()} />}
    </PersonCaseCard>
  );
};

const CaseStatusBody = (props: { readonly personId: string; readonly lang: "nl" | "en" }) => {
  const { t } = useI18n();
  const api = useApi();
  const query = createQuery(() => ({
    queryKey: caseStatusKey(props.personId),
    queryFn: () => api.getCaseStatus(props.personId),
  }));
  const label = (status: Status) => CaseStatus.codeList.label(status, props.lang);
  return (
    <QueryContent query={query}>
      {(view) => (
        <>
          <p>
            {t("caseStatus.current")}:{" "}
            <strong class={`status ${statusClass[view().status]}`}>{label(view().status)}</strong>
          </p>
          <h3>{t("caseStatus.history")}</h3>
          <Show when={view().history.length > 0} fallback={<p class="muted">{t("caseStatus.noHistory")}</p>}>
            <ol class="plain-list">
              <For each={view().history}>
                {(change) => (
                  <li>
                    {t("caseStatus.change", {
                      from: label(change.from),
                      to: label(change.to),
                      reason: CaseStatus.reasonCodeList.label(change.reason, props.lang),
                    })}{" "}
                    <span class="muted">
                      {t("caseStatus.changedOn", { when: formatDateTime(change.changedAt, props.lang) })}
                    </span>
                  </li>
                )}
              </For>
            </ol>
          </Show>
          <ChangeForm personId={props.personId} view={view()} lang={props.lang} />
        </>
      )}
    </QueryContent>
  );
};

const ChangeForm = (props: {
  readonly personId: string;
  readonly view: CaseStatusView;
  readonly lang: "nl" | "en";
}) => {
  const { t } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const others = () => CaseStatus.codeList.codes.filter((status) => status !== props.view.status);
  const [status, setStatus] = createSignal<Status>(others()[0] ?? "follow_up");
  const [reason, setReason] = createSignal<Reason>(defaultReason(status()));
  const [saved, setSaved] = createSignal(false);
  const mutation = createMutation(() => ({
    mutationFn: (input: CaseStatusInput) => api.changeCaseStatus(props.personId, input),
    onSuccess: (view: CaseStatusView) => {
      client.setQueryData(caseStatusKey(props.personId), view);
      // The status just saved is no choice any more: offer the first other one.
      choose(CaseStatus.codeList.codes.find((code) => code !== view.status) ?? "active");
      setSaved(true);
    },
  }));
  function choose(next: Status) {
    setStatus(next);
    setReason(defaultReason(next));
    setSaved(false);
  }
  return (
    <form
      class="form narrow"
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate({ status: status(), reason: reason() });
      }}
    >
      <div class="field">
        <label for="case-status-new">{t("caseStatus.newStatus")}</label>
        <select
          id="case-status-new"
          name="status"
          value={status()}
          onChange={(event) => choose(event.currentTarget.value as Status)}
        >
          <For each={others()}>
            {(code) => <option value={code}>{CaseStatus.codeList.label(code, props.lang)}</option>}
          </For>
        </select>
      </div>
      <div class="field">
        <label for="case-status-reason">{t("caseStatus.reason")}</label>
        <FieldHint id="case-status-reason" text={t("caseStatus.reasonHint")} />
        <select
          id="case-status-reason"
          name="reason"
          value={reason()}
          aria-describedby="case-status-reason-hint"
          onChange={(event) => setReason(event.currentTarget.value as Reason)}
        >
          <For each={reasonsFor(status())}>
            {(code) => <option value={code}>{CaseStatus.reasonCodeList.label(code, props.lang)}</option>}
          </For>
        </select>
      </div>
      <div>
        <button type="submit" class="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? t("caseStatus.busy") : t("caseStatus.submit")}
        </button>
      </div>
      <p class="success" role="status">
        {saved() ? t("caseStatus.saved") : ""}
      </p>
      <Show when={mutation.isError}>
        <ErrorMessage error={mutation.error} />
      </Show>
    </form>
  );
};
