import { AuditEvent as DomainAuditEvent, IsoDate } from "@comensha/domain/labels";
import { useSearchParams } from "@solidjs/router";
import { createMutation } from "@tanstack/solid-query";
import { createMemo, For, onCleanup, Show } from "solid-js";
import { useApi } from "../ApiContext.js";
import type { AuditEvent, AuditFilter, AuditKind, AuditOutcome } from "../api.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { FieldHint } from "../components/FormField.js";
import { Page } from "../components/Page.js";
import { createPagedQuery, PagedTable } from "../components/PagedTable.js";
import { TableHead } from "../components/TableHead.js";
import { formatDateTime } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import type { Lang } from "../i18n/translate.js";
import { dateFilter, shortId } from "./registrations.js";

/** Audit events per page. */
export const auditPageSize = 50;

/** The fields of the audit log's filter form, as the page's URL keeps them (`/audit?resourceId=…&from=2026-01-01`). */
export const auditFilterFields = [
  "actorName",
  "actorId",
  "resourceType",
  "resourceId",
  "action",
  "kind",
  "outcome",
  "from",
  "to",
] as const;

/** What the filter form holds: text as typed, the period as days (`YYYY-MM-DD`). */
export type AuditFilterForm = { readonly [K in (typeof auditFilterFields)[number]]?: string | undefined };

const auditKinds: ReadonlyArray<AuditKind> = ["change", "read"];
const auditOutcomes: ReadonlyArray<AuditOutcome> = ["success", "denied", "failure"];

const textOf = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? undefined : trimmed;
};

/** A day of the period's form: a real calendar day `YYYY-MM-DD`, or nothing. */
const dayOf = (value: string | undefined): string | undefined => {
  const day = dateFilter(value ?? "");
  return day !== undefined && IsoDate.isIsoDate(day) ? day : undefined;
};

/**
 * The API's filter from the form: text trimmed, empty fields and unknown codes left out, and the days of the period
 * as instants in the console's time zone (from the first moment of `from` to the last of `to`).
 */
export const auditFilterOf = (form: AuditFilterForm): AuditFilter => {
  const from = dayOf(form.from);
  const to = dayOf(form.to);
  const kind = auditKinds.find((code) => code === form.kind);
  const outcome = auditOutcomes.find((code) => code === form.outcome);
  const filter: Record<string, string | undefined> = {
    actorName: textOf(form.actorName),
    actorId: textOf(form.actorId),
    resourceType: textOf(form.resourceType),
    resourceId: textOf(form.resourceId),
    action: textOf(form.action),
    kind,
    outcome,
    from: from === undefined ? undefined : new Date(`${from}T00:00:00`).toISOString(),
    to: to === undefined ? undefined : new Date(`${to}T23:59:59.999`).toISOString(),
  };
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as AuditFilter;
};

/** The label of an action in `lang` (a replay marked as repeated); a code the console does not know as itself. */
export const actionLabel = (action: string, lang: Lang): string => DomainAuditEvent.actionLabel(action, lang);

/** The label of a resource type in `lang`, or its code. */
export const resourceTypeLabel = (resourceType: string, lang: Lang): string =>
  DomainAuditEvent.resourceTypeLabel(resourceType, lang);

/** The actions, by label in `lang`, for the form's choice. */
const actionsByLabel = (lang: Lang) =>
  [...DomainAuditEvent.actionCodeList.codes]
    .map((code) => ({ code, label: DomainAuditEvent.actionCodeList.labels[code][lang] }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));

const FilterForm = (props: { readonly value: AuditFilterForm; readonly onApply: (form: AuditFilterForm) => void }) => {
  const { t, lang } = useI18n();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    props.onApply(Object.fromEntries(auditFilterFields.map((name) => [name, textOf(String(data.get(name) ?? ""))])));
  };
  const text = (name: "actorName" | "actorId" | "resourceId", label: string, hint?: string) => (
    <div class="field">
      <label for={`audit-${name}`}>{label}</label>
      <Show when={hint}>{(words) => <FieldHint id={`audit-${name}`} text={words()} />}</Show>
      <input
        id={`audit-${name}`}
        name={name}
        type="text"
        maxLength={100}
        value={props.value[name] ?? ""}
        aria-describedby={hint === undefined ? undefined : `audit-${name}-hint`}
      />
    </div>
  );
  const choice = (
    name: "resourceType" | "action" | "kind" | "outcome",
    label: string,
    options: ReadonlyArray<{ readonly code: string; readonly label: string }>,
  ) => (
    <div class="field">
      <label for={`audit-${name}`}>{label}</label>
      <select id={`audit-${name}`} name={name}>
        <option value="" selected={props.value[name] === undefined}>
          {t("audit.filterAll")}
        </option>
        <For each={options}>
          {(option) => (
            <option value={option.code} selected={props.value[name] === option.code}>
              {option.label}
            </option>
          )}
        </For>
      </select>
    </div>
  );
  return (
    <section class="card wide" aria-labelledby="audit-filter-title">
      <h2 id="audit-filter-title">{t("audit.filterTitle")}</h2>
      <p class="muted">{t("audit.filterIntro")}</p>
      <form class="form filter-grid" onSubmit={submit} noValidate>
        {text("actorName", t("audit.filterActorName"), t("audit.filterActorNameHint"))}
        {text("actorId", t("audit.filterActorId"))}
        {choice(
          "resourceType",
          t("audit.filterResourceType"),
          DomainAuditEvent.resourceTypeCodeList.codes.map((code) => ({ code, label: resourceTypeLabel(code, lang()) })),
        )}
        {text("resourceId", t("audit.filterResourceId"), t("audit.filterResourceIdHint"))}
        {choice("action", t("audit.filterAction"), actionsByLabel(lang()))}
        {choice(
          "kind",
          t("audit.filterKind"),
          auditKinds.map((code) => ({ code, label: t(`audit.kind.${code}`) })),
        )}
        {choice(
          "outcome",
          t("audit.filterOutcome"),
          auditOutcomes.map((code) => ({ code, label: t(`audit.outcome.${code}`) })),
        )}
        <div class="field">
          <label for="audit-from">{t("audit.filterFrom")}</label>
          <input id="audit-from" name="from" type="date" value={props.value.from ?? ""} />
        </div>
        <div class="field">
          <label for="audit-to">{t("audit.filterTo")}</label>
          <input id="audit-to" name="to" type="date" value={props.value.to ?? ""} />
        </div>
        <div class="button-row">
          <button type="submit" class="button primary">
            {t("audit.apply")}
          </button>
          <button type="button" class="button secondary" onClick={() => props.onApply({})}>
            {t("audit.reset")}
          </button>
        </div>
      </form>
    </section>
  );
};

/** Saves `text` as a CSV file through a temporary link; Excel reads it as UTF-8 by its byte order mark. */
const downloadCsv = (text: string, name: string): string => {
  const url = URL.createObjectURL(
    new Blob([text.startsWith("\uFEFF") ? text : `\uFEFF${text}`], { type: "text/csv;charset=utf-8" }),
  );
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  return url;
};

/** The export of the current selection as CSV, for the data protection officer; the API audits it. */
const ExportCard = (props: { readonly filter: AuditFilter }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  let url: string | undefined;
  const release = () => {
    if (url !== undefined) URL.revokeObjectURL(url);
    url = undefined;
  };
  onCleanup(release);
  const mutation = createMutation(() => ({
    mutationFn: async (filter: AuditFilter) => {
      const text = await api.exportAuditEvents(filter, lang());
      const name = `auditlog-${new Date().toISOString().slice(0, 10)}.csv`;
      release();
      url = downloadCsv(text, name);
      return name;
    },
  }));
  return (
    <section class="card wide" aria-labelledby="audit-export-title">
      <h2 id="audit-export-title">{t("audit.exportTitle")}</h2>
      <p>{t("audit.exportIntro")}</p>
      <button
        type="button"
        class="button secondary"
        disabled={mutation.isPending}
        onClick={() => mutation.mutate(props.filter)}
      >
        {mutation.isPending ? t("audit.exportBusy") : t("audit.export")}
      </button>
      <p class="success" role="status">
        {mutation.data === undefined ? "" : t("audit.exportDone", { name: mutation.data })}
      </p>
      <Show when={mutation.isError}>
        <div role="alert">
          <p>{t("audit.exportFailed")}</p>
          <ErrorMessage error={mutation.error} />
        </div>
      </Show>
    </section>
  );
};

/**
 * `/audit` (auditors): the audit log, newest first, filtered on the server by actor, record, action, kind, outcome
 * and period (kept in the URL, so a selection can be shared), with users by name; the selection exports as CSV.
 */
export const AuditPage = () => {
  const { t } = useI18n();
  const api = useApi();
  const [params, setParams] = useSearchParams<Record<(typeof auditFilterFields)[number], string>>();
  const form = createMemo(
    (): AuditFilterForm =>
      Object.fromEntries(
        auditFilterFields.map((name) => {
          const value = params[name];
          return [name, typeof value === "string" ? textOf(value) : undefined];
        }),
      ),
  );
  const filter = createMemo(() => auditFilterOf(form()), undefined, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  const isFiltered = () => Object.keys(filter()).length > 0;
  const apply = (next: AuditFilterForm) =>
    setParams(Object.fromEntries(auditFilterFields.map((name) => [name, textOf(next[name])])));
  const query = createPagedQuery(() => {
    const current = filter();
    return {
      queryKey: ["audit-events", current],
      fetchPage: (cursor: string | undefined) => api.listAuditEvents({ ...current, cursor, limit: auditPageSize }),
    };
  });

  return (
    <Page title={t("audit.title")} intro={<p class="lead">{t("audit.intro")}</p>}>
      <div class="stack">
        <FilterForm value={form()} onApply={apply} />
        <ExportCard filter={filter()} />
        <div class="card wide">
          <h2 id="audit-list-title">{t("audit.listTitle")}</h2>
          <PagedTable
            query={query}
            labelledBy="audit-list-title"
            empty={isFiltered() ? t("audit.emptyFiltered") : t("audit.empty")}
            loadMore="audit.loadMore"
            loadingMore="audit.loadingMore"
            head={<AuditHead />}
            row={(event) => <AuditRow event={event} onFilter={(more) => apply({ ...form(), ...more })} />}
          />
        </div>
      </div>
    </Page>
  );
};

/** The header row of a table of {@link AuditRow}s. */
export const AuditHead = () => {
  const { t } = useI18n();
  return (
    <TableHead
      columns={[t("audit.time"), t("audit.actor"), t("audit.action"), t("audit.resource"), t("audit.outcome")]}
    />
  );
};

/** Who acted, in words: a name where the API gives one, else the kind of actor and its (short) id. */
const actorText = (event: AuditEvent, t: ReturnType<typeof useI18n>["t"]): string => {
  if (event.actorName !== undefined) return event.actorName;
  if (event.actor.kind === "system") return t("audit.actorSystem", { id: event.actor.id });
  return `${t(`audit.actor.${event.actor.kind}`)} ${shortId(event.actor.id)}`;
};

/**
 * One audit event as a table row: when, who (by name where known), what (the action in words, its code on hover),
 * on which record, with what outcome. With `onFilter` (the audit log), the actor and the record filter the log.
 */
export const AuditRow = (props: { event: AuditEvent; onFilter?: (filter: AuditFilterForm) => void }) => {
  const { t, lang } = useI18n();
  const event = () => props.event;
  const resource = () => resourceTypeLabel(event().resourceType, lang());
  return (
    <tr>
      <th scope="row">{formatDateTime(event().occurredAt, lang())}</th>
      <td>
        <Show
          when={props.onFilter}
          fallback={
            <span title={event().actor.id}>
              <Show
                when={event().actorName === undefined && event().actor.kind !== "system"}
                fallback={actorText(event(), t)}
              >
                {t(`audit.actor.${event().actor.kind}`)} <code>{shortId(event().actor.id)}</code>
              </Show>
            </span>
          }
        >
          {(onFilter) => (
            <button
              type="button"
              class="button link"
              title={event().actor.id}
              aria-label={t("audit.filterByActor", { name: actorText(event(), t) })}
              onClick={() => onFilter()({ actorId: event().actor.id })}
            >
              {actorText(event(), t)}
            </button>
          )}
        </Show>
        <Show when={event().actorName !== undefined}>
          <br />
          <span class="muted small">{t(`audit.actor.${event().actor.kind}`)}</span>
        </Show>
      </td>
      <td>
        <span title={event().action}>{actionLabel(event().action, lang())}</span>
        <br />
        <span class="muted small">{t(`audit.kind.${event().kind}`)}</span>
      </td>
      <td>
        {resource()}
        <Show when={event().resourceId}>
          {(id) => (
            <>
              {" "}
              <Show when={props.onFilter} fallback={<code title={id()}>{shortId(id())}</code>}>
                {(onFilter) => (
                  <button
                    type="button"
                    class="button link"
                    title={id()}
                    aria-label={t("audit.filterByResource", { resource: resource(), id: shortId(id()) })}
                    onClick={() => onFilter()({ resourceType: event().resourceType, resourceId: id() })}
                  >
                    <code>{shortId(id())}</code>
                  </button>
                )}
              </Show>
            </>
          )}
        </Show>
      </td>
      <td>
        <span class={`status status-${event().outcome}`}>{t(`audit.outcome.${event().outcome}`)}</span>
      </td>
    </tr>
  );
};
