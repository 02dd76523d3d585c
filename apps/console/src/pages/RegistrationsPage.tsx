import { DossierType, ExploitationForm, LegalBasis } from "@comensha/domain";
import { A, useParams } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { useApi } from "../ApiContext.js";
import { type Registration, type RegistrationStatus, registrationStatuses } from "../api.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { Page } from "../components/Page.js";
import { createPagedQuery, PagedTable } from "../components/PagedTable.js";
import { formatDate, formatDateTime } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import { codeLabel, dateFilter, shortId } from "./registrations.js";

/** Registrations per page of the list. */
export const registrationPageSize = 50;

interface Filter {
  readonly status?: RegistrationStatus | undefined;
  readonly reportedFrom?: string | undefined;
  readonly reportedTo?: string | undefined;
}

const Skeleton = () => (
  <div class="skeleton" aria-hidden="true">
    <span />
    <span />
    <span />
  </div>
);

const FilterForm = (props: { onApply: (filter: Filter) => void }) => {
  const { t } = useI18n();
  let status!: HTMLSelectElement;
  let from!: HTMLInputElement;
  let to!: HTMLInputElement;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = registrationStatuses.find((code) => code === status.value);
    props.onApply({ status: chosen, reportedFrom: dateFilter(from.value), reportedTo: dateFilter(to.value) });
  };
  return (
    <section class="card wide" aria-labelledby="registration-filter-title">
      <h2 id="registration-filter-title">{t("registrations.filterTitle")}</h2>
      <form class="form inline" onSubmit={submit} noValidate>
        <div class="field">
          <label for="registration-status">{t("registrations.status")}</label>
          <select ref={status} id="registration-status" name="status">
            <option value="">{t("registrations.statusAll")}</option>
            <For each={registrationStatuses}>
              {(code) => <option value={code}>{t(`registrations.status.${code}`)}</option>}
            </For>
          </select>
        </div>
        <div class="field">
          <label for="registration-from">{t("registrations.reportedFrom")}</label>
          <input ref={from} id="registration-from" name="reportedFrom" type="date" />
        </div>
        <div class="field">
          <label for="registration-to">{t("registrations.reportedTo")}</label>
          <input ref={to} id="registration-to" name="reportedTo" type="date" />
        </div>
        <button type="submit" class="button primary">
          {t("registrations.apply")}
        </button>
      </form>
    </section>
  );
};

const RegistrationList = (props: { filter: Filter }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const query = createPagedQuery(() => ({
    queryKey: ["registrations", props.filter],
    fetchPage: (cursor) => api.listRegistrations({ ...props.filter, limit: registrationPageSize, cursor }),
  }));
  const forms = (registration: Registration) =>
    registration.exploitation.forms.map((form) => codeLabel(ExploitationForm.codeList.labels, form, lang())).join(", ");

  return (
    <div class="card wide">
      <h2 id="registration-list-title">{t("registrations.listTitle")}</h2>
      <PagedTable
        query={query}
        labelledBy="registration-list-title"
        empty={t("registrations.empty")}
        loadMore="registrations.loadMore"
        loadingMore="registrations.loadingMore"
        head={
          <tr>
            <th scope="col">{t("registrations.reportedOn")}</th>
            <th scope="col">{t("registrations.forms")}</th>
            <th scope="col">{t("registrations.status")}</th>
            <th scope="col">{t("registrations.organisation")}</th>
            <th scope="col">{t("registrations.details")}</th>
          </tr>
        }
        row={(registration) => (
          <tr>
            <th scope="row">{formatDate(registration.reportedOn, lang())}</th>
            <td>{forms(registration)}</td>
            <td>
              <span class={`status status-${registration.status}`}>
                {t(`registrations.status.${registration.status}`)}
              </span>
            </td>
            <td>
              <code title={registration.organisationId}>{shortId(registration.organisationId)}</code>
            </td>
            <td>
              <A
                href={`/registrations/${registration.id}`}
                aria-label={t("registrations.open", { id: shortId(registration.id) })}
              >
                {shortId(registration.id)}
              </A>
            </td>
          </tr>
        )}
      />
    </div>
  );
};

/** `/registrations` (coordinators): the registrations, filtered by status and date, without names. */
export const RegistrationsPage = () => {
  const { t } = useI18n();
  const [filter, setFilter] = createSignal<Filter>({});
  return (
    <Page title={t("registrations.title")} intro={<p class="lead">{t("registrations.intro")}</p>}>
      <div class="stack">
        <FilterForm onApply={setFilter} />
        <RegistrationList filter={filter()} />
      </div>
    </Page>
  );
};

const Field = (props: { label: string; value: string }) => (
  <>
    <dt>{props.label}</dt>
    <dd>{props.value}</dd>
  </>
);

const RegistrationFields = (props: { registration: Registration }) => {
  const { t, lang } = useI18n();
  const r = () => props.registration;
  const person = () => r().person;
  return (
    <section class="card wide" aria-labelledby="registration-fields-title">
      <h2 id="registration-fields-title">{t("registrations.fieldsTitle")}</h2>
      <dl class="fields">
        <Field label={t("registrations.name")} value={`${person().givenNames} ${person().familyName}`} />
        <Show when={person().aliases.length > 0}>
          <Field label={t("registrations.aliases")} value={person().aliases.join(", ")} />
        </Show>
        <Show when={person().dateOfBirth}>
          {(date) => <Field label={t("registrations.dateOfBirth")} value={formatDate(date(), lang())} />}
        </Show>
        <Show when={person().dateOfBirth === undefined && person().birthYear !== undefined}>
          <Field label={t("registrations.birthYear")} value={String(person().birthYear)} />
        </Show>
        <Field label={t("registrations.nationalities")} value={person().nationalities.join(", ")} />
        <Field label={t("registrations.reportedOn")} value={formatDate(r().reportedOn, lang())} />
        <Field
          label={t("registrations.forms")}
          value={r()
            .exploitation.forms.map((form) => codeLabel(ExploitationForm.codeList.labels, form, lang()))
            .join(", ")}
        />
        <Field label={t("registrations.country")} value={r().exploitation.country} />
        <Field
          label={t("registrations.dossierType")}
          value={codeLabel(DossierType.codeList.labels, r().dossierType, lang())}
        />
        <Field
          label={t("registrations.legalBasis")}
          value={codeLabel(LegalBasis.codeList.labels, r().legalBasis, lang())}
        />
        <Field
          label={t("registrations.consent")}
          value={r().consentToShareWithShelter ? t("registrations.yes") : t("registrations.no")}
        />
        <Field label={t("registrations.status")} value={t(`registrations.status.${r().status}`)} />
        <Field label={t("registrations.organisation")} value={r().organisationId ?? "–"} />
        <Field label={t("registrations.version")} value={String(r().version)} />
        <Field label={t("registrations.createdAt")} value={formatDateTime(r().createdAt, lang())} />
        <Field label={t("registrations.updatedAt")} value={formatDateTime(r().updatedAt, lang())} />
      </dl>
    </section>
  );
};

const VersionList = (props: { id: string }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const query = createQuery(() => ({
    queryKey: ["registrations", props.id, "versions"] as const,
    queryFn: () => api.listRegistrationVersions(props.id),
  }));
  return (
    <section class="card wide" aria-labelledby="registration-versions-title">
      <h2 id="registration-versions-title">{t("registrations.versionsTitle")}</h2>
      <p class="visually-hidden" role="status">
        {query.isPending ? t("app.loading") : ""}
      </p>
      <Switch>
        <Match when={query.isPending}>
          <Skeleton />
        </Match>
        <Match when={query.isError}>
          <div role="alert">
            <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
          </div>
        </Match>
        <Match when={(query.data?.length ?? 0) === 0}>
          <p>{t("registrations.versionsEmpty")}</p>
        </Match>
        <Match when={query.data}>
          {(versions) => (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t("registrations.version")}</th>
                  <th scope="col">{t("registrations.status")}</th>
                  <th scope="col">{t("registrations.updatedAt")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={versions()}>
                  {(version) => (
                    <tr>
                      <th scope="row">{version.version}</th>
                      <td>{t(`registrations.status.${version.status}`)}</td>
                      <td>{formatDateTime(version.updatedAt, lang())}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          )}
        </Match>
      </Switch>
    </section>
  );
};

/** `/registrations/:id` (coordinators): one registration, with the person's name, and its versions. */
export const RegistrationDetailPage = () => {
  const { t } = useI18n();
  const api = useApi();
  const params = useParams<{ id: string }>();
  const query = createQuery(() => ({
    queryKey: ["registrations", params.id] as const,
    queryFn: () => api.getRegistration(params.id),
  }));
  return (
    <Page title={t("registrations.detailTitle", { id: shortId(params.id) })}>
      <p>
        <A href="/registrations">{t("registrations.back")}</A>
      </p>
      <p class="visually-hidden" role="status">
        {query.isPending ? t("app.loading") : ""}
      </p>
      <div class="stack">
        <Switch>
          <Match when={query.isPending}>
            <Skeleton />
          </Match>
          <Match when={query.isError}>
            <div role="alert">
              <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
            </div>
          </Match>
          <Match when={query.data}>{(registration) => <RegistrationFields registration={registration()} />}</Match>
        </Switch>
        <VersionList id={params.id} />
      </div>
    </Page>
  );
};
