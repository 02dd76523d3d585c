import {
  Country,
  Registration as DomainRegistration,
  DossierType,
  ExploitationForm,
  LegalBasis,
  Nationality,
  Sector,
  Sex,
} from "@comensha/domain/labels";
import { A, useLocation, useParams } from "@solidjs/router";
import { createMutation, createQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { useApi } from "../ApiContext.js";
import { isClosedRegistration, isStaleVersion } from "../api/registrationForms.js";
import type { AuditKind, Registration } from "../api.js";
import { BackLink } from "../components/BackLink.js";
import { CaseStatusCard } from "../components/CaseStatusCard.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { FormField } from "../components/FormField.js";
import { LoadingStatus } from "../components/LoadingStatus.js";
import { useReportingOrganisations } from "../components/OrganisationName.js";
import { Page } from "../components/Page.js";
import { createPagedQuery, PagedTable } from "../components/PagedTable.js";
import { QueryContent, QueryError } from "../components/QueryError.js";
import { Skeleton } from "../components/Skeleton.js";
import { SubjectExportCard } from "../components/SubjectExportCard.js";
import { AttachmentsCard } from "../features/attachments/AttachmentsCard.js";
import { CaseNotesCard } from "../features/caseNotes/CaseNotesCard.js";
import { FollowUpsCard } from "../features/followUps/FollowUpsCard.js";
import { ReferralsCard } from "../features/referrals/ReferralsCard.js";
import { TransfersCard } from "../features/transfers/TransfersCard.js";
import { formatDate, formatDateTime } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import type { MessageKey } from "../i18n/nl.js";
import { AuditHead, AuditRow } from "./AuditPage.js";
import type { RegistrationNotice } from "./RegistrationFormPages.js";
import { FilterForm, type RegistrationFilter } from "./registrations/FilterForm.js";
import { FirstShelter } from "./registrations/FirstShelter.js";
import { RegistrationList } from "./registrations/RegistrationList.js";
import { codeLabel, shortId } from "./registrations.js";

/**
 * `/registrations` (coordinators): the registrations, newest first, found by reference or filtered by status and
 * date, without names.
 */
export const RegistrationsPage = () => {
  const { t } = useI18n();
  const [filter, setFilter] = createSignal<RegistrationFilter>({});
  return (
    <Page title={t("registrations.title")} intro={<p class="lead">{t("registrations.intro")}</p>}>
      <p>
        <A href="/registrations/new" class="button primary registration-link-button">
          {t("registrationForms.newLink")}
        </A>
      </p>
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
  const organisations = useReportingOrganisations();
  /** The reporting organisation's name once the list is in; its id until then (or when it is not listed). */
  const organisationName = () => {
    const id = r().organisationId;
    if (id === undefined) return "–";
    return organisations.data?.items.find((organisation) => organisation.id === id)?.name ?? id;
  };
  return (
    <section class="card wide" aria-labelledby="registration-fields-title">
      <h2 id="registration-fields-title">{t("registrations.fieldsTitle")}</h2>
      <dl class="fields">
        <Field
          label={t("registrations.name")}
          value={
            r().erasedAt === undefined
              ? `${person().givenNames ?? ""} ${person().familyName ?? ""}`
              : t("registrations.erased", { date: formatDateTime(r().erasedAt ?? "", lang()) })
          }
        />
        <Show when={(person().aliases ?? []).length > 0}>
          <Field label={t("registrations.aliases")} value={(person().aliases ?? []).join(", ")} />
        </Show>
        <Show when={person().dateOfBirth}>
          {(date) => <Field label={t("registrations.dateOfBirth")} value={formatDate(date(), lang())} />}
        </Show>
        <Show when={person().dateOfBirth === undefined && person().birthYear !== undefined}>
          <Field label={t("registrations.birthYear")} value={String(person().birthYear)} />
        </Show>
        <Field label={t("registrations.sex")} value={codeLabel(Sex.codeList.labels, person().sex, lang())} />
        <Field
          label={t("registrations.nationalities")}
          value={person()
            .nationalities.map((code) => codeLabel(Nationality.codeList.labels, code, lang()))
            .join(", ")}
        />
        <Field label={t("registrations.reportedOn")} value={formatDate(r().reportedOn, lang())} />
        <Field
          label={t("registrations.forms")}
          value={r()
            .exploitation.forms.map((form) => codeLabel(ExploitationForm.codeList.labels, form, lang()))
            .join(", ")}
        />
        <Field
          label={t("registrations.country")}
          value={codeLabel(Country.codeList.labels, r().exploitation.country, lang())}
        />
        <Show when={r().exploitation.sector}>
          {(sector) => (
            <Field label={t("registrations.sector")} value={codeLabel(Sector.codeList.labels, sector(), lang())} />
          )}
        </Show>
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
        <Field label={t("registrations.organisation")} value={organisationName()} />
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
      <LoadingStatus isLoading={query.isPending} />
      <Switch>
        <Match when={query.isPending}>
          <Skeleton />
        </Match>
        <Match when={query.isError}>
          <QueryError query={query} />
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

/** Audit events per page of a registration's trail. */
export const registrationAuditPageSize = 50;

/** Whether a registration can still change: withdrawn and rejected ones cannot. */
const isClosed = (registration: Registration): boolean =>
  registration.status === "withdrawn" || registration.status === "rejected";

/** One kind of a registration's audit trail (its changes, or its reads), newest first, page by page. */
const AuditTrailTable = (props: { id: string; kind: AuditKind; labelledBy: string }) => {
  const { t } = useI18n();
  const api = useApi();
  const query = createPagedQuery(() => ({
    queryKey: ["registrations", props.id, "audit-events", props.kind],
    fetchPage: (cursor) =>
      api.listRegistrationAuditEvents(props.id, { cursor, limit: registrationAuditPageSize, kind: props.kind }),
  }));
  return (
    <PagedTable
      query={query}
      labelledBy={props.labelledBy}
      empty={props.kind === "change" ? t("auditTrail.changesEmpty") : t("auditTrail.readsEmpty")}
      loadMore="registrationForms.auditLoadMore"
      loadingMore="registrationForms.auditLoadingMore"
      head={<AuditHead />}
      row={(event) => <AuditRow event={event} />}
    />
  );
};

/**
 * The registration's audit trail, newest first: what changed it, and apart from that (folded away, loaded when
 * opened) who read it, so the many reads, a coordinator's own among them, do not bury the changes.
 */
const AuditTrail = (props: { id: string }) => {
  const { t } = useI18n();
  const [isReadsOpen, setReadsOpen] = createSignal(false);
  return (
    <section class="card wide" aria-labelledby="registration-audit-title">
      <h2 id="registration-audit-title">{t("registrationForms.auditTitle")}</h2>
      <p class="muted">{t("auditTrail.intro")}</p>
      <h3 id="registration-audit-changes">{t("auditTrail.changesTitle")}</h3>
      <AuditTrailTable id={props.id} kind="change" labelledBy="registration-audit-changes" />
      <details class="audit-reads" onToggle={(event) => setReadsOpen(event.currentTarget.open)}>
        <summary id="registration-audit-reads">{t("auditTrail.readsTitle")}</summary>
        <Show when={isReadsOpen()}>
          <AuditTrailTable id={props.id} kind="read" labelledBy="registration-audit-reads" />
        </Show>
      </details>
    </section>
  );
};

/**
 * Correct (a link to the form) and withdraw (after a confirmation, with an optional reason, which the API stores
 * encrypted). A withdrawn registration shows the reason it was withdrawn for.
 */
const RegistrationActions = (props: { registration: Registration; notice: string }) => {
  const { t } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const [isConfirming, setConfirming] = createSignal(false);
  const [withdrawn, setWithdrawn] = createSignal(false);
  const [reason, setReason] = createSignal("");
  let withdrawButton: HTMLButtonElement | undefined;
  const id = () => props.registration.id;

  const mutation = createMutation(() => ({
    mutationFn: () => {
      const given = reason().trim();
      return api.withdrawRegistration(id(), {
        version: props.registration.version,
        ...(given === "" ? {} : { reason: given }),
      });
    },
    onSuccess: async (registration: Registration) => {
      queryClient.setQueryData(["registrations", registration.id], registration);
      setConfirming(false);
      setWithdrawn(true);
      await queryClient.invalidateQueries({
        predicate: (query) =>
          query.queryKey[0] === "registrations" &&
          !(query.queryKey.length === 2 && query.queryKey[1] === registration.id),
      });
    },
  }));

  const openConfirmation = () => {
    mutation.reset();
    setWithdrawn(false);
    setConfirming(true);
    queueMicrotask(() => document.getElementById("registration-withdraw-title")?.focus());
  };
  const closeConfirmation = () => {
    setConfirming(false);
    queueMicrotask(() => withdrawButton?.focus());
  };
  const confirm = (event: SubmitEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.mutate();
  };
  const withdrawError = (): MessageKey | undefined => {
    if (isStaleVersion(mutation.error)) return "registrationForms.stale";
    if (isClosedRegistration(mutation.error)) return "registrationForms.closed";
    return undefined;
  };

  return (
    <section class="card wide" aria-labelledby="registration-actions-title">
      <h2 id="registration-actions-title">{t("registrationForms.actionsTitle")}</h2>
      <p class="success" role="status">
        {withdrawn() ? t("registrationForms.withdrawn") : props.notice}
      </p>
      <Show
        when={!isClosed(props.registration) && props.registration.erasedAt === undefined}
        fallback={
          <>
            <p>
              {props.registration.erasedAt === undefined
                ? t("registrationForms.closedNote", {
                    status: t(`registrations.status.${props.registration.status}`).toLowerCase(),
                  })
                : t("registrationForms.erasedNote")}
            </p>
            <Show when={props.registration.withdrawalReason}>
              {(given) => (
                <dl class="fields">
                  <dt>{t("registrationForms.withdrawalReason")}</dt>
                  <dd>{given()}</dd>
                </dl>
              )}
            </Show>
          </>
        }
      >
        <div class="registration-actions">
          <A href={`/registrations/${id()}/edit`} class="button secondary registration-link-button">
            {t("registrationForms.correct")}
          </A>
          <button
            ref={withdrawButton}
            type="button"
            class="button secondary"
            aria-expanded={isConfirming()}
            aria-controls="registration-withdraw"
            onClick={openConfirmation}
          >
            {t("registrationForms.withdraw")}
          </button>
        </div>
        <Show when={isConfirming()}>
          <form id="registration-withdraw" class="form registration-confirm" onSubmit={confirm} noValidate>
            <h3 id="registration-withdraw-title" class="registration-legend" tabindex="-1">
              {t("registrationForms.withdrawTitle")}
            </h3>
            <p>{t("registrationForms.withdrawText")}</p>
            <FormField
              id="registration-withdraw-reason"
              label={t("registrationForms.withdrawReason")}
              hint={t("registrationForms.withdrawReasonHint", { max: DomainRegistration.maxWithdrawalReasonLength })}
              error={undefined}
            >
              {(aria) => (
                <textarea
                  id="registration-withdraw-reason"
                  name="reason"
                  rows="3"
                  maxLength={DomainRegistration.maxWithdrawalReasonLength}
                  value={reason()}
                  aria-describedby={aria.describedBy()}
                  onInput={(event) => setReason(event.currentTarget.value)}
                />
              )}
            </FormField>
            <Show when={mutation.isError}>
              <div role="alert">
                <Show when={withdrawError()} fallback={<ErrorMessage error={mutation.error} />}>
                  {(key) => <p class="field-error">{t(key())}</p>}
                </Show>
              </div>
            </Show>
            <div class="registration-actions">
              <button type="submit" class="button danger" disabled={mutation.isPending}>
                {mutation.isPending ? t("registrationForms.withdrawing") : t("registrationForms.withdrawConfirm")}
              </button>
              <button type="button" class="button secondary" onClick={closeConfirmation}>
                {t("registrationForms.withdrawCancel")}
              </button>
            </div>
          </form>
        </Show>
      </Show>
    </section>
  );
};

/** What the detail says after the form saved the registration (router state from the form pages). */
const noticeText = (state: unknown, t: (key: MessageKey, params?: Record<string, string | number>) => string) => {
  const notice = state as Partial<RegistrationNotice> | null | undefined;
  if (notice?.notice === "created") return t("registrationForms.created");
  if (notice?.notice === "updated") return t("registrationForms.updated", { version: notice.version ?? "" });
  return "";
};

/**
 * `/registrations/:id` (coordinators): one registration, with the person's name; correct or withdraw it, request
 * first shelter, and see its versions and audit trail.
 */
export const RegistrationDetailPage = () => {
  const { t } = useI18n();
  const api = useApi();
  const params = useParams<{ id: string }>();
  const location = useLocation();
  const query = createQuery(() => ({
    queryKey: ["registrations", params.id] as const,
    queryFn: () => api.getRegistration(params.id),
  }));
  return (
    <Page title={t("registrations.detailTitle", { id: shortId(params.id) })}>
      <BackLink href="/registrations" label={t("registrations.back")} />
      <LoadingStatus isLoading={query.isPending} />
      <div class="stack">
        <QueryContent query={query}>
          {(registration) => (
            <>
              <RegistrationActions registration={registration()} notice={noticeText(location.state, t)} />
              <RegistrationFields registration={registration()} />
              <Show when={!isClosed(registration())}>
                <FirstShelter registration={registration()} />
              </Show>
              <CaseStatusCard personId={registration().personId} />
              <CaseNotesCard personId={registration().personId} />
              <AttachmentsCard personId={registration().personId} />
              <FollowUpsCard personId={registration().personId} />
              <ReferralsCard personId={registration().personId} />
              <TransfersCard registrationId={registration().id} organisationId={registration().organisationId} />
              <SubjectExportCard personId={registration().personId} />
            </>
          )}
        </QueryContent>
        <VersionList id={params.id} />
        <AuditTrail id={params.id} />
      </div>
    </Page>
  );
};
