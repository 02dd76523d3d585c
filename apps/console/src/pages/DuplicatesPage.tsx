import { ExploitationForm, Nationality, Sex } from "@comensha/domain/labels";
import { A, useParams } from "@solidjs/router";
import {
  createMutation,
  createQuery,
  type InfiniteData,
  type QueryClient,
  useQueryClient,
} from "@tanstack/solid-query";
import { createSignal, For, type JSX, Match, Show, Switch } from "solid-js";
import { useApi } from "../ApiContext.js";
import {
  type Duplicate,
  type DuplicateDecisionInput,
  type DuplicatePage,
  type DuplicateStatus,
  duplicateStatuses,
  isAlreadyDecided,
  type PersonDetails,
  type PersonRecord,
} from "../api/duplicates.js";
import { BackLink } from "../components/BackLink.js";
import { ConfirmBox } from "../components/ConfirmBox.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { FormField } from "../components/FormField.js";
import { Page } from "../components/Page.js";
import { createPagedQuery, PagedTable } from "../components/PagedTable.js";
import { QueryError } from "../components/QueryError.js";
import { Skeleton } from "../components/Skeleton.js";
import { TableHead } from "../components/TableHead.js";
import { formatDate, formatDateTime } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import { problemFieldsOf } from "../problemFields.js";
import { useSession } from "../session.js";
import {
  type ComparisonField,
  checkReason,
  comparePersons,
  type Match as FieldMatch,
  findInPages,
  isMatchKind,
  isReasonField,
  reasonLength,
} from "./duplicates.js";
import { codeLabel, shortId } from "./registrations.js";

/** Possible duplicates per page of the list. */
export const duplicatePageSize = 50;

/** Every list of possible duplicates, whatever its filter. */
const listKey = ["duplicates", "list"] as const;
const itemKey = (id: string) => ["duplicates", "item", id] as const;
const personKey = (id: string) => ["persons", id] as const;

/** The status filter: one status, or every status (`undefined`). */
type StatusFilter = DuplicateStatus | undefined;

const Loading = () => {
  const { t } = useI18n();
  return (
    <>
      <p class="visually-hidden" role="status">
        {t("app.loading")}
      </p>
      <Skeleton />
    </>
  );
};

/**
 * The labels of what a duplicate matched on; an index the console does not know yet shows as its name. Nothing (a
 * duplicate closed as stale after a correction) says so.
 */
const useMatchedOn = () => {
  const { t } = useI18n();
  return (duplicate: Duplicate) =>
    duplicate.matchedOn.length === 0
      ? t("duplicates.matchedOn.none")
      : duplicate.matchedOn.map((kind) => (isMatchKind(kind) ? t(`duplicates.matchedOn.${kind}`) : kind)).join(", ");
};

const StatusBadge = (props: { status: DuplicateStatus }) => {
  const { t } = useI18n();
  return <span class={`status status-${props.status}`}>{t(`duplicates.status.${props.status}`)}</span>;
};

const FilterForm = (props: { initial: StatusFilter; onApply: (status: StatusFilter) => void }) => {
  const { t } = useI18n();
  let status!: HTMLSelectElement;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    props.onApply(duplicateStatuses.find((code) => code === status.value));
  };
  return (
    <section class="card wide" aria-labelledby="duplicate-filter-title">
      <h2 id="duplicate-filter-title">{t("duplicates.filterTitle")}</h2>
      <form class="form inline" onSubmit={submit} noValidate>
        <div class="field">
          <label for="duplicate-status">{t("duplicates.status")}</label>
          <select ref={status} id="duplicate-status" name="status">
            <For each={duplicateStatuses}>
              {(code) => (
                <option value={code} selected={code === props.initial}>
                  {t(`duplicates.status.${code}`)}
                </option>
              )}
            </For>
            <option value="" selected={props.initial === undefined}>
              {t("duplicates.statusAll")}
            </option>
          </select>
        </div>
        <button type="submit" class="button primary">
          {t("duplicates.apply")}
        </button>
      </form>
    </section>
  );
};

const DuplicateList = (props: { status: StatusFilter }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const matchedOn = useMatchedOn();
  const query = createPagedQuery(() => ({
    queryKey: [...listKey, { status: props.status ?? "all" }],
    fetchPage: (cursor) => api.listDuplicates({ status: props.status, limit: duplicatePageSize, cursor }),
  }));
  return (
    <div class="card wide">
      <h2 id="duplicate-list-title">{t("duplicates.listTitle")}</h2>
      <PagedTable
        query={query}
        labelledBy="duplicate-list-title"
        empty={t("duplicates.empty")}
        loadMore="duplicates.loadMore"
        loadingMore="duplicates.loadingMore"
        head={
          <TableHead
            columns={[
              t("duplicates.createdAt"),
              t("duplicates.matchedOn"),
              t("duplicates.status"),
              t("duplicates.decidedAt"),
              t("duplicates.review"),
            ]}
          />
        }
        row={(duplicate) => (
          <tr>
            <th scope="row">{formatDateTime(duplicate.createdAt, lang())}</th>
            <td>{matchedOn(duplicate)}</td>
            <td>
              <StatusBadge status={duplicate.status} />
            </td>
            <td>{duplicate.decidedAt === null ? "–" : formatDateTime(duplicate.decidedAt, lang())}</td>
            <td>
              <A
                href={`/duplicates/${duplicate.id}`}
                aria-label={t("duplicates.compareLabel", { id: shortId(duplicate.id) })}
              >
                {t("duplicates.compare")}
              </A>
            </td>
          </tr>
        )}
      />
    </div>
  );
};

/** `/duplicates` (coordinators): the review queue of possible duplicates, open ones first, without names. */
export const DuplicatesPage = () => {
  const { t } = useI18n();
  const [status, setStatus] = createSignal<StatusFilter>("open");
  return (
    <Page title={t("duplicates.title")} intro={<p class="lead">{t("duplicates.intro")}</p>}>
      <div class="stack">
        <FilterForm initial={status()} onApply={setStatus} />
        <DuplicateList status={status()} />
      </div>
    </Page>
  );
};

/**
 * The possible duplicate with `id` from the lists loaded before (the freshest list first), with when that list was
 * read, so the detail opens without paging through the API again.
 */
const cachedDuplicate = (client: QueryClient, id: string): { duplicate: Duplicate; updatedAt: number } | undefined => {
  const lists = client
    .getQueryCache()
    .findAll({ queryKey: listKey })
    .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt);
  for (const list of lists) {
    const data = list.state.data as InfiniteData<DuplicatePage> | undefined;
    const duplicate = findInPages(data?.pages ?? [], id);
    if (duplicate !== undefined) return { duplicate, updatedAt: list.state.dataUpdatedAt };
  }
  return undefined;
};

const Field = (props: { label: string; children: JSX.Element }) => (
  <>
    <dt>{props.label}</dt>
    <dd>{props.children}</dd>
  </>
);

/** Whether a coordinator decided on the duplicate (merged or dismissed); a stale one closed without a decision. */
const isDecided = (duplicate: Duplicate) => duplicate.status === "merged" || duplicate.status === "dismissed";

const Summary = (props: { duplicate: Duplicate }) => {
  const { t, lang } = useI18n();
  const matchedOn = useMatchedOn();
  return (
    <section class="card wide" aria-labelledby="duplicate-summary-title">
      <h2 id="duplicate-summary-title">{t("duplicates.summaryTitle")}</h2>
      <dl class="fields">
        <Field label={t("duplicates.status")}>
          <StatusBadge status={props.duplicate.status} />
        </Field>
        <Field label={t("duplicates.createdAt")}>{formatDateTime(props.duplicate.createdAt, lang())}</Field>
        {/* Open: what the persons share now (corrections re-match); merged or dismissed: as when decided. */}
        <Field label={t(isDecided(props.duplicate) ? "duplicates.matchedOnAtDecision" : "duplicates.matchedOn")}>
          {matchedOn(props.duplicate)}
        </Field>
        <Field label={t("duplicates.prompt")}>
          <A href={`/registrations/${props.duplicate.registrationId}`}>
            {t("duplicates.registrationLink", { id: shortId(props.duplicate.registrationId) })}
          </A>
        </Field>
      </dl>
    </section>
  );
};

const matchMarks: { readonly [M in FieldMatch]: string } = {
  same: "✓",
  partly: "≈",
  different: "≠",
  unknown: "?",
};

const MatchMark = (props: { match: FieldMatch }) => {
  const { t } = useI18n();
  return (
    <span class={`match match-${props.match}`}>
      <span aria-hidden="true">{matchMarks[props.match]} </span>
      {t(`duplicates.match.${props.match}`)}
    </span>
  );
};

const useFieldValue = () => {
  const { t, lang } = useI18n();
  const orNotKnown = (value: string | undefined) =>
    value === undefined || value === "" ? t("duplicates.notKnown") : value;
  return (person: PersonDetails, field: ComparisonField): string => {
    switch (field) {
      case "name":
        return person.familyName === undefined
          ? t("duplicates.erased")
          : `${person.givenNames ?? ""} ${person.familyName}`;
      case "aliases":
        return orNotKnown((person.aliases ?? []).join(", "));
      case "birth":
        if (person.dateOfBirth !== undefined) return formatDate(person.dateOfBirth, lang());
        return person.birthYear === undefined
          ? t("duplicates.notKnown")
          : t("duplicates.yearOnly", { year: person.birthYear });
      case "sex":
        return codeLabel(Sex.codeList.labels, person.sex, lang());
      case "nationalities":
        return orNotKnown(
          person.nationalities.map((code) => codeLabel(Nationality.codeList.labels, code, lang())).join(", "),
        );
      case "documentNumber":
        return orNotKnown(person.documentNumber);
    }
  };
};

const PersonHeading = (props: { label: string; record: PersonRecord }) => {
  const { t } = useI18n();
  return (
    <>
      {props.label}
      <br />
      <code class="small" title={props.record.id}>
        {t("duplicates.personId", { id: shortId(props.record.id) })}
      </code>
    </>
  );
};

const Comparison = (props: { left: PersonRecord; right: PersonRecord }) => {
  const { t } = useI18n();
  const fieldValue = useFieldValue();
  const rows = () => comparePersons(props.left.person, props.right.person);
  return (
    <section class="card wide" aria-labelledby="duplicate-compare-title">
      <h2 id="duplicate-compare-title">{t("duplicates.compareTitle")}</h2>
      <p id="duplicate-compare-intro">{t("duplicates.compareIntro")}</p>
      <section class="table-scroll" aria-labelledby="duplicate-compare-title" tabindex="0">
        <table class="table comparison" aria-describedby="duplicate-compare-intro">
          <thead>
            <tr>
              <th scope="col">{t("duplicates.field")}</th>
              <th scope="col">
                <PersonHeading label={t("duplicates.newPerson")} record={props.left} />
              </th>
              <th scope="col">
                <PersonHeading label={t("duplicates.existingPerson")} record={props.right} />
              </th>
              <th scope="col">{t("duplicates.match")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(row) => (
                <tr class={`is-${row.match}`}>
                  <th scope="row">{t(`duplicates.field.${row.field}`)}</th>
                  <td>{fieldValue(props.left.person, row.field)}</td>
                  <td>{fieldValue(props.right.person, row.field)}</td>
                  <td>
                    <MatchMark match={row.match} />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
      <For each={[props.left, props.right].filter((record) => record.mergedInto !== null)}>
        {(record) => (
          <p class="muted">
            {t("duplicates.personId", { id: shortId(record.id) })}:{" "}
            {t("duplicates.mergedInto", { id: shortId(record.mergedInto ?? undefined) })}
          </p>
        )}
      </For>
    </section>
  );
};

const RegistrationTable = (props: { headingId: string; label: string; record: PersonRecord }) => {
  const { t, lang } = useI18n();
  return (
    <div>
      <h3 id={props.headingId}>
        <PersonHeading label={props.label} record={props.record} />
      </h3>
      <Show
        when={props.record.registrations.length > 0}
        fallback={<p class="muted">{t("duplicates.registrationsEmpty")}</p>}
      >
        <section class="table-scroll" aria-labelledby={props.headingId} tabindex="0">
          <table class="table compact">
            <thead>
              <tr>
                <th scope="col">{t("duplicates.reportedOn")}</th>
                <th scope="col">{t("duplicates.forms")}</th>
                <th scope="col">{t("duplicates.status")}</th>
                <th scope="col">{t("duplicates.registration")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.record.registrations}>
                {(registration) => (
                  <tr>
                    <th scope="row">{formatDate(registration.reportedOn, lang())}</th>
                    <td>
                      {registration.forms
                        .map((form) => codeLabel(ExploitationForm.codeList.labels, form, lang()))
                        .join(", ")}
                    </td>
                    <td>{t(`registrations.status.${registration.status}`)}</td>
                    <td>
                      <A
                        href={`/registrations/${registration.id}`}
                        aria-label={t("duplicates.openRegistration", { id: shortId(registration.id) })}
                      >
                        {shortId(registration.id)}
                      </A>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </section>
      </Show>
    </div>
  );
};

const Persons = (props: { duplicate: Duplicate }) => {
  const { t } = useI18n();
  const api = useApi();
  const left = createQuery(() => ({
    queryKey: personKey(props.duplicate.personId),
    queryFn: () => api.getPerson(props.duplicate.personId),
  }));
  const right = createQuery(() => ({
    queryKey: personKey(props.duplicate.candidatePersonId),
    queryFn: () => api.getPerson(props.duplicate.candidatePersonId),
  }));
  const failed = () => (left.isError ? left : right.isError ? right : undefined);
  const both = () =>
    left.data !== undefined && right.data !== undefined ? { left: left.data, right: right.data } : undefined;
  return (
    <Switch>
      <Match when={both()}>
        {(persons) => (
          <>
            <Comparison left={persons().left} right={persons().right} />
            <section class="card wide" aria-labelledby="duplicate-registrations-title">
              <h2 id="duplicate-registrations-title">{t("duplicates.registrationsTitle")}</h2>
              <div class="person-columns">
                <RegistrationTable
                  headingId="duplicate-registrations-new"
                  label={t("duplicates.newPerson")}
                  record={persons().left}
                />
                <RegistrationTable
                  headingId="duplicate-registrations-existing"
                  label={t("duplicates.existingPerson")}
                  record={persons().right}
                />
              </div>
            </section>
          </>
        )}
      </Match>
      <Match when={failed()}>
        {(query) => (
          <section class="card wide" aria-labelledby="duplicate-compare-title">
            <h2 id="duplicate-compare-title">{t("duplicates.compareTitle")}</h2>
            <QueryError query={query()} />
          </section>
        )}
      </Match>
      <Match when={true}>
        <section class="card wide" aria-labelledby="duplicate-compare-title" aria-busy="true">
          <h2 id="duplicate-compare-title">{t("duplicates.compareTitle")}</h2>
          <Loading />
        </section>
      </Match>
    </Switch>
  );
};

const Decided = (props: { duplicate: Duplicate }) => {
  const { t, lang } = useI18n();
  const session = useSession();
  const who = () => {
    const decidedBy = props.duplicate.decidedBy;
    if (decidedBy === null) return t("duplicates.someone");
    const user = session.user();
    return user !== undefined && user.id === decidedBy ? t("duplicates.you", { name: user.name }) : shortId(decidedBy);
  };
  const when = () => (props.duplicate.decidedAt === null ? "–" : formatDateTime(props.duplicate.decidedAt, lang()));
  const outcome = () => {
    switch (props.duplicate.status) {
      case "merged":
        return t("duplicates.decidedMerged", { date: when(), who: who() });
      case "stale":
        return t("duplicates.closedStale", { date: when() });
      default:
        return t("duplicates.decidedDismissed", { date: when(), who: who() });
    }
  };
  return (
    <div class="decision">
      <p>
        <StatusBadge status={props.duplicate.status} /> {outcome()}
      </p>
      <Show when={props.duplicate.decisionReason}>
        {(reason) => (
          <dl class="fields">
            <Field label={t("duplicates.reason")}>
              <span class="reason">{reason()}</span>
            </Field>
          </dl>
        )}
      </Show>
      <Show when={props.duplicate.unreadable?.includes("decisionReason")}>
        <dl class="fields">
          <Field label={t("duplicates.reason")}>
            <span class="unreadable">{t("duplicates.reasonUnreadable")}</span>
          </Field>
        </dl>
      </Show>
    </div>
  );
};

/** Whether the API rejected the reason (a `422` pointing at `/reason`): shown at the field, not as a general error. */
const isReasonRejected = (error: unknown): boolean => problemFieldsOf(error).some(isReasonField);

type ReasonProblem = "required" | "tooShort" | "tooLong" | "invalid";

const reasonProblemKeys = {
  required: "duplicates.reasonRequired",
  tooShort: "duplicates.reasonTooShort",
  tooLong: "duplicates.reasonTooLong",
  invalid: "duplicates.reasonInvalid",
} as const;

const DecisionForm = (props: {
  duplicate: Duplicate;
  onDecided: (decided: Duplicate, input: DuplicateDecisionInput) => Promise<void>;
  onReload: () => Promise<void>;
}) => {
  const { t } = useI18n();
  const api = useApi();
  const [reasonProblem, setReasonProblem] = createSignal<ReasonProblem>();
  const [confirming, setConfirming] = createSignal(false);
  let reasonInput!: HTMLTextAreaElement;
  let mergeButton!: HTMLButtonElement;
  let confirmPanel!: HTMLFieldSetElement;

  const mutation = createMutation(() => ({
    mutationFn: (input: DuplicateDecisionInput) => api.decideDuplicate(input),
    onSuccess: (decided: Duplicate, input: DuplicateDecisionInput) => props.onDecided(decided, input),
    onError: (error: Error) => {
      setConfirming(false);
      if (isReasonRejected(error)) {
        setReasonProblem("invalid");
        reasonInput.focus();
      }
    },
  }));

  /** The trimmed reason, or `undefined` after showing why it is not accepted. */
  const validReason = (): string | undefined => {
    const check = checkReason(reasonInput.value);
    setReasonProblem(check.ok ? undefined : check.problem);
    if (check.ok) return check.reason;
    reasonInput.focus();
    return undefined;
  };

  const askMerge = () => {
    if (mutation.isPending || validReason() === undefined) return;
    mutation.reset();
    setConfirming(true);
    confirmPanel.focus();
  };

  const cancelMerge = () => {
    setConfirming(false);
    mergeButton.focus();
  };

  const decide = (decision: DuplicateDecisionInput["decision"]) => {
    if (mutation.isPending) return;
    const reason = validReason();
    if (reason === undefined) return setConfirming(false);
    mutation.mutate({ id: props.duplicate.id, decision, reason });
  };

  const reload = async () => {
    mutation.reset();
    await props.onReload();
  };

  const pendingDecision = () => (mutation.isPending ? mutation.variables?.decision : undefined);
  const conflict = () => mutation.isError && isAlreadyDecided(mutation.error);
  const otherFailure = () => mutation.isError && !conflict() && !isReasonRejected(mutation.error);
  const reasonMessage = () => {
    const problem = reasonProblem();
    return problem === undefined ? undefined : { text: t(reasonProblemKeys[problem], reasonLength) };
  };

  return (
    <form class="form decision-form" onSubmit={(event) => event.preventDefault()} noValidate>
      <p>{t("duplicates.decisionIntro")}</p>
      <FormField
        id="duplicate-reason"
        label={t("duplicates.reason")}
        hint={t("duplicates.reasonHint", reasonLength)}
        error={reasonMessage()}
      >
        {(aria) => (
          <textarea
            ref={reasonInput}
            id="duplicate-reason"
            name="reason"
            rows="4"
            required
            aria-invalid={aria.invalid()}
            aria-describedby={aria.describedBy()}
            onInput={() => setReasonProblem(undefined)}
          />
        )}
      </FormField>
      <div class="button-row">
        <button
          ref={mergeButton}
          type="button"
          class="button primary"
          disabled={mutation.isPending}
          aria-expanded={confirming()}
          aria-controls="duplicate-merge-confirm"
          onClick={askMerge}
        >
          {t("duplicates.merge")}
        </button>
        <button type="button" class="button secondary" disabled={mutation.isPending} onClick={() => decide("dismiss")}>
          {pendingDecision() === "dismiss" ? t("duplicates.dismissing") : t("duplicates.dismiss")}
        </button>
      </div>
      <ConfirmBox
        ref={(element) => {
          confirmPanel = element;
        }}
        id="duplicate-merge-confirm"
        describedBy="duplicate-merge-confirm-text"
        tabindex={-1}
        hidden={!confirming()}
        question={t("duplicates.confirmTitle")}
        confirmLabel={pendingDecision() === "merge" ? t("duplicates.merging") : t("duplicates.confirmMerge")}
        cancelLabel={t("duplicates.cancel")}
        isConfirmDisabled={mutation.isPending}
        isCancelDisabled={mutation.isPending}
        onConfirm={() => decide("merge")}
        onCancel={cancelMerge}
      >
        <p id="duplicate-merge-confirm-text">
          {t("duplicates.confirmText", {
            from: shortId(props.duplicate.personId),
            into: shortId(props.duplicate.candidatePersonId),
          })}
        </p>
      </ConfirmBox>
      <Show when={conflict()}>
        <div class="alert" role="alert">
          <p class="alert-title">{t("duplicates.failedTitle")}</p>
          <p>{t("duplicates.conflict")}</p>
          <button type="button" class="button secondary" onClick={() => void reload()}>
            {t("duplicates.reload")}
          </button>
        </div>
      </Show>
      <Show when={otherFailure()}>
        <div class="alert" role="alert">
          <p class="alert-title">{t("duplicates.failedTitle")}</p>
          <ErrorMessage
            error={mutation.error}
            onRetry={() => {
              const last = mutation.variables;
              if (last !== undefined) mutation.mutate(last);
            }}
          />
        </div>
      </Show>
    </form>
  );
};

const DecisionCard = (props: { duplicate: Duplicate; onReload: () => Promise<void> }) => {
  const { t } = useI18n();
  const client = useQueryClient();
  const [outcome, setOutcome] = createSignal<DuplicateDecisionInput["decision"]>();

  const onDecided = async (decided: Duplicate, input: DuplicateDecisionInput) => {
    setOutcome(input.decision);
    client.setQueryData(itemKey(decided.id), decided);
    await Promise.all([
      client.invalidateQueries({ queryKey: listKey }),
      client.invalidateQueries({ queryKey: ["persons"] }),
      client.invalidateQueries({ queryKey: ["registrations"] }),
    ]);
  };

  return (
    <section class="card wide" aria-labelledby="duplicate-decision-title">
      <h2 id="duplicate-decision-title">{t("duplicates.decisionTitle")}</h2>
      <p class="success" role="status">
        {outcome() === "merge"
          ? t("duplicates.mergedDone")
          : outcome() === "dismiss"
            ? t("duplicates.dismissedDone")
            : ""}
      </p>
      <Show when={props.duplicate.status === "open"} fallback={<Decided duplicate={props.duplicate} />}>
        <DecisionForm duplicate={props.duplicate} onDecided={onDecided} onReload={props.onReload} />
      </Show>
    </section>
  );
};

/**
 * `/duplicates/:id` (coordinators): the two persons side by side with the fields that match marked, their
 * registrations, and the decision: merge (after a confirmation) or dismiss, each with a reason.
 */
export const DuplicateDetailPage = () => {
  const { t } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const params = useParams<{ id: string }>();
  const query = createQuery(() => ({
    queryKey: itemKey(params.id),
    queryFn: () => api.findDuplicate(params.id),
    initialData: () => cachedDuplicate(client, params.id)?.duplicate,
    initialDataUpdatedAt: () => cachedDuplicate(client, params.id)?.updatedAt,
  }));
  const reload = async () => {
    await client.invalidateQueries({ queryKey: listKey });
    await query.refetch();
  };
  return (
    <Page title={t("duplicates.detailTitle", { id: shortId(params.id) })}>
      <BackLink href="/duplicates" label={t("duplicates.back")} />
      <div class="stack">
        <Switch>
          <Match when={query.isPending}>
            <Loading />
          </Match>
          <Match when={query.data}>
            {(duplicate) => (
              <>
                {/* A failed reload keeps what was shown before, and says so. */}
                <Show when={query.isError}>
                  <QueryError query={query} />
                </Show>
                <Summary duplicate={duplicate()} />
                <Persons duplicate={duplicate()} />
                <DecisionCard duplicate={duplicate()} onReload={reload} />
              </>
            )}
          </Match>
          <Match when={query.isError}>
            <QueryError query={query} />
          </Match>
          <Match when={query.data === null}>
            <p role="alert">{t("duplicates.notFound")}</p>
          </Match>
        </Switch>
      </div>
    </Page>
  );
};
