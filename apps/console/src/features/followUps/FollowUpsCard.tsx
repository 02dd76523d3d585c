import { FollowUp as Labels } from "@comensha/domain/labels";
import { createMutation, createQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { useApi } from "../../ApiContext.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { FormField } from "../../components/FormField.js";
import { PersonCaseCard } from "../../components/PersonCaseCard.js";
import { QueryContent } from "../../components/QueryError.js";
import { formatDate, todayInAmsterdam } from "../../format.js";
import { useI18n } from "../../i18n/I18n.js";
import { createIdempotencyKeeper } from "../../idempotency.js";
import type { FollowUp, FollowUpInput } from "./followUpsApi.js";

/** The longest title the API takes, in characters (`FollowUp.maxTitleLength` in the domain). */
export const maxTitleLength = 200;

/** The query key of a person's tasks; the worklist's, which a change of any task makes stale. */
export const followUpsKey = (personId: string) => ["followUps", personId] as const;
export const myTasksKey = ["followUps", "mine"] as const;

type Kind = Labels.FollowUpKind;

/** A task's title as text, or why there is none to show. */
export const titleText = (task: FollowUp, t: (key: "followUps.untitled" | "followUps.hidden") => string) =>
  task.title.state === "readable"
    ? (task.title as { text: string }).text
    : task.title.state === "none"
      ? t("followUps.untitled")
      : t("followUps.hidden");

/** One task: its kind and title, its due date (marked when overdue), and a button to mark it done while open. */
export const FollowUpItem = (props: {
  readonly task: FollowUp;
  readonly today: string;
  readonly onDone: () => void;
}) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const mutation = createMutation(() => ({
    mutationFn: () => api.completeFollowUp(props.task.id),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["followUps"] });
      props.onDone();
    },
  }));
  const isOverdue = () => Labels.isOverdue(props.task, props.today);
  return (
    <li class="follow-up" classList={{ overdue: isOverdue() }}>
      <p>
        <strong>{Labels.kindCodeList.label(props.task.kind, lang())}</strong> – {titleText(props.task, t)}
      </p>
      <p class="muted">
        <Show
          when={props.task.state === "open"}
          fallback={t("followUps.closed", {
            state: Labels.stateCodeList.label(props.task.state, lang()),
            date: formatDate((props.task.closedAt ?? "").slice(0, 10), lang()),
          })}
        >
          {t("followUps.due", { date: formatDate(props.task.dueOn, lang()) })}
          <Show when={isOverdue()}>
            {" "}
            <span class="status status-failed">{t("followUps.overdue")}</span>
          </Show>
        </Show>
      </p>
      <Show when={props.task.state === "open"}>
        <button type="button" class="button" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
          {mutation.isPending ? t("followUps.busy") : t("followUps.complete")}
        </button>
      </Show>
      <Show when={mutation.isError}>
        <ErrorMessage error={mutation.error} />
      </Show>
    </li>
  );
};

/**
 * A person's follow-up tasks on a registration's page (coordinators): the tasks by due date, the ones their case
 * suggests (one click adds one, owned by the signed-in user), and a form for any other task.
 */
export const FollowUpsCard = (props: { readonly personId: string | undefined }) => (
  <PersonCaseCard id="follow-ups-title" title="followUps.title" intro="followUps.intro" personId={props.personId}>
    {(personId) => <FollowUpsBody personId={personId} />}
  </PersonCaseCard>
);

const FollowUpsBody = (props: { readonly personId: string }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const today = todayInAmsterdam();
  const keeper = createIdempotencyKeeper();
  const [message, setMessage] = createSignal("");
  const query = createQuery(() => ({
    queryKey: followUpsKey(props.personId),
    queryFn: () => api.listFollowUps(props.personId),
    reconcile: "id",
  }));
  const add = createMutation(() => ({
    mutationFn: (input: { readonly task: FollowUpInput; readonly key: string }) =>
      api.addFollowUp(props.personId, input.task, input.key),
    onSuccess: async () => {
      keeper.done();
      setMessage(t("followUps.saved"));
      await client.invalidateQueries({ queryKey: ["followUps"] });
    },
  }));
  const submit = (task: FollowUpInput) => {
    setMessage("");
    add.mutate({ task, key: keeper.keyFor({ personId: props.personId, ...task }) });
  };
  return (
    <>
      <QueryContent query={query}>
        {(list) => (
          <>
            <Show when={list().items.length > 0} fallback={<p class="muted">{t("followUps.none")}</p>}>
              <ol class="plain-list follow-ups">
                <For each={list().items}>
                  {(task) => (
                    <FollowUpItem task={task} today={today} onDone={() => setMessage(t("followUps.completed"))} />
                  )}
                </For>
              </ol>
            </Show>
            <Show when={list().suggestions.length > 0}>
              <h3>{t("followUps.suggestions")}</h3>
              <ul class="plain-list">
                <For each={list().suggestions}>
                  {(suggestion) => (
                    <li>
                      <button
                        type="button"
                        class="button"
                        disabled={add.isPending}
                        onClick={() => submit({ kind: suggestion.kind, dueOn: suggestion.dueOn })}
                      >
                        {t("followUps.addSuggestion", {
                          kind: Labels.kindCodeList.label(suggestion.kind, lang()),
                          date: formatDate(suggestion.dueOn, lang()),
                        })}
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </QueryContent>
      <NewFollowUpForm busy={add.isPending} onSubmit={submit} />
      <p class="success" role="status">
        {message()}
      </p>
      <Show when={add.isError}>
        <ErrorMessage error={add.error} />
      </Show>
    </>
  );
};

const NewFollowUpForm = (props: { readonly busy: boolean; readonly onSubmit: (task: FollowUpInput) => void }) => {
  const { t, lang } = useI18n();
  const [kind, setKind] = createSignal<Kind>("custom");
  const [dueOn, setDueOn] = createSignal("");
  const [title, setTitle] = createSignal("");
  const [dueProblem, setDueProblem] = createSignal(false);
  const [titleProblem, setTitleProblem] = createSignal(false);
  return (
    <form
      class="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = title().trim();
        setDueProblem(dueOn() === "");
        setTitleProblem(trimmed.length > maxTitleLength);
        if (dueOn() === "" || trimmed.length > maxTitleLength) return;
        props.onSubmit({ kind: kind(), dueOn: dueOn(), ...(trimmed === "" ? {} : { title: trimmed }) });
      }}
    >
      <h3>{t("followUps.new")}</h3>
      <div class="field">
        <label for="follow-up-kind">{t("followUps.kind")}</label>
        <select
          id="follow-up-kind"
          name="kind"
          value={kind()}
          onChange={(event) => setKind(event.currentTarget.value as Kind)}
        >
          <For each={Labels.kindCodeList.codes}>
            {(code) => <option value={code}>{Labels.kindCodeList.label(code, lang())}</option>}
          </For>
        </select>
      </div>
      <FormField
        id="follow-up-due"
        label={t("followUps.dueOn")}
        error={dueProblem() ? { text: t("followUps.dueMissing") } : undefined}
      >
        {(aria) => (
          <input
            id="follow-up-due"
            name="dueOn"
            type="date"
            value={dueOn()}
            aria-invalid={aria.invalid()}
            aria-describedby={aria.describedBy()}
            onInput={(event) => {
              setDueOn(event.currentTarget.value);
              setDueProblem(false);
            }}
          />
        )}
      </FormField>
      <FormField
        id="follow-up-title"
        label={t("followUps.taskTitle")}
        hint={t("followUps.titleHint", { max: maxTitleLength })}
        error={titleProblem() ? { text: t("followUps.tooLong", { max: maxTitleLength }) } : undefined}
      >
        {(aria) => (
          <input
            id="follow-up-title"
            name="title"
            type="text"
            value={title()}
            aria-invalid={aria.invalid()}
            aria-describedby={aria.describedBy()}
            onInput={(event) => {
              setTitle(event.currentTarget.value);
              setTitleProblem(false);
            }}
          />
        )}
      </FormField>
      <div>
        <button type="submit" class="button primary" disabled={props.busy}>
          {props.busy ? t("followUps.busy") : t("followUps.add")}
        </button>
      </div>
    </form>
  );
};
