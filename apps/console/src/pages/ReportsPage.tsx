import { createMutation, useQueryClient } from "@tanstack/solid-query";
import { createEffect, createSignal, For, Show } from "solid-js";
import { useApi } from "../ApiContext.js";
import type { Report, ReportArtifact } from "../api.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { FormField } from "../components/FormField.js";
import { Page } from "../components/Page.js";
import { createPagedQuery, PagedTable, rowsOf } from "../components/PagedTable.js";
import { TableHead } from "../components/TableHead.js";
import { formatBytes, formatDateTime, yearInAmsterdam } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import {
  defaultReportYear,
  finishedSince,
  isInProgress,
  parseReportYear,
  reportPeriod,
  reportYearRange,
  statusesOf,
} from "./reports.js";

/** Reports per page of the list; more load on request (the list may grow to thousands over the years). */
const pageSize = 20;
/** How often the list is read again while a report is queued or running. */
const pollIntervalMs = 2_000;

const reportsKey = ["reports"] as const;

const ArtifactLinks = (props: { artifacts: ReadonlyArray<ReportArtifact> }) => {
  const { t, lang } = useI18n();
  return (
    <ul class="files">
      <For each={props.artifacts}>
        {(artifact) => (
          <li>
            {/* The browser fetches the file itself, with the session cookie. */}
            <a href={artifact.href} download={artifact.name}>
              {artifact.name}
            </a>{" "}
            <span class="muted small">
              ({artifact.format.toUpperCase()}
              <Show when={artifact.language}>{(language) => `, ${t(`reports.language.${language()}`)}`}</Show>,{" "}
              {formatBytes(artifact.size, lang())})
            </span>
            {/* The printable HTML holds every table and chart: shown in a new tab, under a CSP without scripts. */}
            <Show when={artifact.format === "html"}>
              {" "}
              <a
                href={`${artifact.href}?disposition=inline`}
                target="_blank"
                rel="noopener"
                aria-label={t("reports.viewLabel", { name: artifact.name })}
              >
                {t("reports.view")}
              </a>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
};

const RequestForm = () => {
  const { t } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const range = reportYearRange(yearInAmsterdam());
  const [yearError, setYearError] = createSignal(false);
  const [requested, setRequested] = createSignal<number>();
  let yearInput!: HTMLInputElement;

  const mutation = createMutation(() => ({
    mutationFn: (year: number) => api.createReport({ parameters: { kind: "annual_monitor", year } }),
    onSuccess: (_report: Report, year: number) => {
      setRequested(year);
      return client.invalidateQueries({ queryKey: reportsKey });
    },
  }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const year = parseReportYear(yearInput.value, range);
    setYearError(year === undefined);
    setRequested(undefined);
    if (year === undefined) return yearInput.focus();
    mutation.mutate(year);
  };

  return (
    <section class="card" aria-labelledby="report-request-title">
      <h2 id="report-request-title">{t("reports.requestTitle")}</h2>
      <form class="form inline" onSubmit={submit} noValidate>
        <FormField
          id="report-year"
          label={t("reports.year")}
          hint={t("reports.yearHint", range)}
          error={yearError() ? { text: t("reports.yearInvalid", range) } : undefined}
        >
          {(aria) => (
            <input
              ref={yearInput}
              id="report-year"
              name="year"
              type="number"
              inputmode="numeric"
              min={range.min}
              max={range.max}
              step="1"
              value={defaultReportYear(range.max)}
              required
              class="input-year"
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            />
          )}
        </FormField>
        <button type="submit" class="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? t("reports.submitting") : t("reports.submit")}
        </button>
      </form>
      <p class="success" role="status">
        {requested() === undefined ? "" : t("reports.requested", { year: requested() ?? "" })}
      </p>
      <Show when={mutation.isError}>
        <div role="alert">
          <ErrorMessage error={mutation.error} />
        </div>
      </Show>
    </section>
  );
};

const StatusCell = (props: { report: Report; label: string }) => {
  const { t } = useI18n();
  return (
    <>
      <span class={`status status-${props.report.status}`}>{t(`reports.status.${props.report.status}`)}</span>
      <Show when={isInProgress(props.report)}>
        <div class="progress">
          <progress max="100" value={props.report.progress} aria-label={`${t("reports.progress")}: ${props.label}`} />
          <span class="small">{t("reports.progressValue", { percent: props.report.progress })}</span>
        </div>
      </Show>
      <Show when={props.report.status === "failed" && props.report.error}>
        {(error) => <p class="small">{t("reports.failedReason", { error: error() })}</p>}
      </Show>
    </>
  );
};

const ReportList = () => {
  const { t, lang } = useI18n();
  const api = useApi();
  const query = createPagedQuery(() => ({
    queryKey: reportsKey,
    fetchPage: (cursor) => api.listReports({ cursor, limit: pageSize }),
    refetchInterval: (pages) => (pages.some((page) => page.data.some(isInProgress)) ? pollIntervalMs : false),
  }));
  const reports = () => rowsOf(query);
  const kindLabel = (report: Report) => t(`reports.kind.${report.parameters.kind}`);
  const period = (report: Report) =>
    reportPeriod(report.parameters, lang(), (from, to) => t("reports.periodRange", { from, to }));

  // Announce reports that finish while the page is open; the table itself is not a live region.
  const [announcement, setAnnouncement] = createSignal("");
  let seen = new Map<string, Report["status"]>();
  createEffect(() => {
    const current = reports();
    const finished = finishedSince(seen, current);
    if (finished.length > 0) {
      setAnnouncement(
        finished
          .map((report) =>
            t("reports.statusChanged", {
              kind: kindLabel(report),
              period: period(report),
              status: t(`reports.status.${report.status}`),
            }),
          )
          .join(" "),
      );
    }
    seen = new Map([...seen, ...statusesOf(current)]);
  });

  return (
    <div class="card wide">
      <h2 id="report-list-title">{t("reports.listTitle")}</h2>
      <PagedTable
        query={query}
        labelledBy="report-list-title"
        empty={t("reports.empty")}
        loadMore="reports.loadMore"
        loadingMore="reports.loadingMore"
        status={announcement()}
        head={
          <TableHead
            columns={[
              t("reports.kind"),
              t("reports.period"),
              t("reports.requestedAt"),
              t("reports.status"),
              t("reports.files"),
            ]}
          />
        }
        row={(report) => (
          <tr>
            <th scope="row">{kindLabel(report)}</th>
            <td>{period(report)}</td>
            <td>{formatDateTime(report.requestedAt, lang())}</td>
            <td>
              <StatusCell report={report} label={`${kindLabel(report)} ${period(report)}`} />
            </td>
            <td>
              <Show
                when={report.status === "completed" && report.artifacts.length > 0}
                fallback={<span class="muted small">{t("reports.noFiles")}</span>}
              >
                <ArtifactLinks artifacts={report.artifacts} />
              </Show>
            </td>
          </tr>
        )}
      />
    </div>
  );
};

/** `/reports`: request an annual monitor, follow its progress, download its files. */
export const ReportsPage = () => {
  const { t } = useI18n();
  return (
    <Page title={t("reports.title")} intro={<p class="lead">{t("reports.intro")}</p>}>
      <div class="stack">
        <RequestForm />
        <ReportList />
      </div>
    </Page>
  );
};
