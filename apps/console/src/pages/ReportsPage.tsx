import { createInfiniteQuery, createMutation, useQueryClient } from "@tanstack/solid-query";
import { createEffect, createSignal, For, Match, Show, Switch } from "solid-js";
import { useApi } from "../ApiContext.js";
import type { Report, ReportArtifact } from "../api.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { Page } from "../components/Page.js";
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
        <div class="field">
          <label for="report-year">{t("reports.year")}</label>
          <p id="report-year-hint" class="hint">
            {t("reports.yearHint", range)}
          </p>
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
            aria-invalid={yearError()}
            aria-describedby={yearError() ? "report-year-hint report-year-error" : "report-year-hint"}
          />
          <Show when={yearError()}>
            <p id="report-year-error" class="field-error">
              {t("reports.yearInvalid", range)}
            </p>
          </Show>
        </div>
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
  const query = createInfiniteQuery(() => ({
    queryKey: reportsKey,
    queryFn: ({ pageParam }) => api.listReports({ cursor: pageParam, limit: pageSize }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (current) =>
      current.state.data?.pages.some((page) => page.data.some(isInProgress)) === true ? pollIntervalMs : false,
  }));
  const reports = () => query.data?.pages.flatMap((page) => page.data) ?? [];
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
      <p class="visually-hidden" role="status">
        {query.isPending ? t("app.loading") : announcement()}
      </p>
      <Switch>
        <Match when={query.isPending}>
          <div class="skeleton" aria-hidden="true">
            <span />
            <span />
            <span />
          </div>
        </Match>
        <Match when={query.isError && query.data === undefined}>
          <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
        </Match>
        <Match when={reports().length === 0}>
          <p>{t("reports.empty")}</p>
        </Match>
        <Match when={reports().length > 0}>
          {/* A focusable region, so keyboard users can scroll a table wider than the screen. */}
          <section class="table-scroll" aria-labelledby="report-list-title" tabindex="0">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t("reports.kind")}</th>
                  <th scope="col">{t("reports.period")}</th>
                  <th scope="col">{t("reports.requestedAt")}</th>
                  <th scope="col">{t("reports.status")}</th>
                  <th scope="col">{t("reports.files")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={reports()}>
                  {(report) => (
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
                </For>
              </tbody>
            </table>
          </section>
          <Show when={query.isError}>
            <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
          </Show>
          <Show when={query.hasNextPage}>
            <button
              type="button"
              class="button secondary"
              disabled={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {query.isFetchingNextPage ? t("reports.loadingMore") : t("reports.loadMore")}
            </button>
          </Show>
        </Match>
      </Switch>
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
