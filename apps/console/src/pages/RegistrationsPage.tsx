import {
  Country,
  Registration as DomainRegistration,
  DossierType,
  ExploitationForm,
  LegalBasis,
  Nationality,
  PlacementRequest,
  PoliceRegion,
  Sector,
  Sex,
  TargetGroup,
} from "@comensha/domain";
import type { PlacementRequest as SdkPlacementRequest } from "@comensha/sdk";
import { A, useLocation, useParams } from "@solidjs/router";
import { createMutation, createQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import { useApi } from "../ApiContext.js";
import { isClosedRegistration, isStaleVersion } from "../api/registrationForms.js";
import { classifyError, type Registration, type RegistrationStatus, registrationStatuses } from "../api.js";
import { BackLink } from "../components/BackLink.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { FormField } from "../components/FormField.js";
import { LoadingStatus } from "../components/LoadingStatus.js";
import { Page } from "../components/Page.js";
import { createPagedQuery, PagedTable } from "../components/PagedTable.js";
import { QueryError } from "../components/QueryError.js";
import { Skeleton } from "../components/Skeleton.js";
import { SubjectExportCard } from "../components/SubjectExportCard.js";
import { TableHead } from "../components/TableHead.js";
import { formatDate, formatDateTime } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import type { MessageKey } from "../i18n/nl.js";
import { createIdempotencyKeeper } from "../idempotency.js";
import { problemFieldsOf } from "../problemFields.js";
import { AuditHead, AuditRow } from "./AuditPage.js";
import { useReportingOrganisations } from "./RegistrationForm.js";
import type { RegistrationNotice } from "./RegistrationFormPages.js";
import {
  type FieldError,
  fieldMessageOf,
  type ShelterRequestField,
  type ShelterRequestFormState,
  securityLevels,
  serverShelterErrors,
  toPlacementRequestInput,
} from "./registrationForm.js";
import { codeLabel, dateFilter, shortId } from "./registrations.js";

/** Registrations per page of the list. */
export const registrationPageSize = 50;

interface Filter {
  readonly status?: RegistrationStatus | undefined;
  readonly reportedFrom?: string | undefined;
  readonly reportedTo?: string | undefined;
}

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
  const organisations = useReportingOrganisations();
  const organisationNameOf = (id: string | undefined) =>
    id === undefined ? undefined : organisations.data?.items.find((organisation) => organisation.id === id)?.name;

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
          <TableHead
            columns={[
              t("registrations.reportedOn"),
              t("registrations.forms"),
              t("registrations.status"),
              t("registrations.organisation"),
              t("registrations.details"),
            ]}
          />
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
              <Show
                when={organisationNameOf(registration.organisationId)}
                fallback={<code title={registration.organisationId}>{shortId(registration.organisationId)}</code>}
              >
                {(name) => name()}
              </Show>
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

/** The registration's audit trail: who read or changed it, and when, newest first. */
const AuditTrail = (props: { id: string }) => {
  const { t } = useI18n();
  const api = useApi();
  const query = createPagedQuery(() => ({
    queryKey: ["registrations", props.id, "audit-events"],
    fetchPage: (cursor) => api.listRegistrationAuditEvents(props.id, { cursor, limit: registrationAuditPageSize }),
  }));
  return (
    <section class="card wide" aria-labelledby="registration-audit-title">
      <h2 id="registration-audit-title">{t("registrationForms.auditTitle")}</h2>
      <PagedTable
        query={query}
        labelledBy="registration-audit-title"
        empty={t("registrationForms.auditEmpty")}
        loadMore="registrationForms.auditLoadMore"
        loadingMore="registrationForms.auditLoadingMore"
        head={<AuditHead />}
        row={(event) => <AuditRow event={event} />}
      />
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

const emptyShelterRequest: ShelterRequestFormState = {
  targetGroup: "",
  children: "0",
  urgency: "",
  security: "standard",
  languages: "",
  accessible: false,
  medicalNeeds: "",
  preferredRegion: "",
};

/** Request first shelter for the person of a registration; the request then opens on the shelters pages. */
const FirstShelter = (props: { registration: Registration }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const [isOpen, setOpen] = createSignal(false);
  const [form, setForm] = createStore<{ -readonly [K in keyof ShelterRequestFormState]: ShelterRequestFormState[K] }>({
    ...emptyShelterRequest,
  });
  const [errors, setErrors] = createSignal<Partial<Record<ShelterRequestField, FieldError>>>({});
  const [created, setCreated] = createSignal<SdkPlacementRequest>();
  const keeper = createIdempotencyKeeper();

  const mutation = createMutation(() => ({
    mutationFn: (input: { body: Parameters<typeof api.requestFirstShelter>[0]; key: string }) =>
      api.requestFirstShelter(input.body, { idempotencyKey: input.key }),
    onSuccess: (request: SdkPlacementRequest) => {
      setCreated(request);
      setOpen(false);
      setForm({ ...emptyShelterRequest });
      keeper.done();
      return queryClient.invalidateQueries({ queryKey: ["placement-requests"] });
    },
    onError: (error: unknown) => {
      const info = classifyError(error);
      if (info.kind === "validation") setErrors(serverShelterErrors(info.fields).fields);
    },
  }));

  const unplacedProblems = () =>
    mutation.isError ? serverShelterErrors(problemFieldsOf(mutation.error)).unplaced : [];

  const submit = (event?: SubmitEvent) => {
    event?.preventDefault();
    if (mutation.isPending) return;
    const result = toPlacementRequestInput(props.registration.id, form);
    if ("errors" in result) {
      setErrors(result.errors);
      const first = Object.keys(result.errors)[0] as ShelterRequestField | undefined;
      if (first !== undefined) document.getElementById(shelterFieldId(first))?.focus();
      return;
    }
    setErrors({});
    mutation.mutate({ body: result.input, key: keeper.keyFor(result.input) });
  };

  const messageOf = (field: ShelterRequestField) => fieldMessageOf(errors()[field], t);
  const select = (
    field: ShelterRequestField,
    key: "targetGroup" | "urgency" | "security" | "preferredRegion",
    label: MessageKey,
    options: ReadonlyArray<{ code: string; label: string }>,
    empty?: MessageKey,
  ) => (
    <FormField id={shelterFieldId(field)} label={t(label)} error={messageOf(field)}>
      {(aria) => (
        <select
          id={shelterFieldId(field)}
          name={field}
          onChange={(event) => setForm(key, event.currentTarget.value)}
          aria-invalid={aria.invalid()}
          aria-describedby={aria.describedBy()}
        >
          <Show when={empty}>{(emptyKey) => <option value="">{t(emptyKey())}</option>}</Show>
          <For each={options}>
            {(option) => (
              <option value={option.code} selected={form[key] === option.code}>
                {option.label}
              </option>
            )}
          </For>
        </select>
      )}
    </FormField>
  );

  return (
    <section class="card wide" aria-labelledby="registration-shelter-title">
      <h2 id="registration-shelter-title">{t("registrationForms.shelterTitle")}</h2>
      <p class="success" role="status">
        <Show when={created()}>
          {(request) => (
            <>
              {t("registrationForms.shelterCreated")}{" "}
              <A href={`/shelters/requests/${request().id}`}>
                {t("registrationForms.shelterOpenRequest", { id: shortId(request().id) })}
              </A>
            </>
          )}
        </Show>
      </p>
      <Show when={!props.registration.consentToShareWithShelter}>
        <p class="hint">{t("registrationForms.shelterNoConsent")}</p>
      </Show>
      <Show
        when={isOpen()}
        fallback={
          <button
            type="button"
            class="button secondary"
            aria-expanded="false"
            aria-controls="registration-shelter-form"
            onClick={() => {
              setOpen(true);
              queueMicrotask(() => document.getElementById(shelterFieldId("/needs/targetGroup"))?.focus());
            }}
          >
            {t("registrationForms.shelterOpen")}
          </button>
        }
      >
        <form id="registration-shelter-form" class="form" onSubmit={submit} noValidate aria-busy={mutation.isPending}>
          <fieldset class="registration-fieldset">
            <legend class="registration-legend">{t("registrationForms.shelterNeedsLegend")}</legend>
            {select(
              "/needs/targetGroup",
              "targetGroup",
              "registrationForms.targetGroup",
              TargetGroup.codeList.codes.map((code) => ({ code, label: TargetGroup.codeList.labels[code][lang()] })),
              "registrationForms.choose",
            )}
            <FormField
              id={shelterFieldId("/needs/children")}
              label={t("registrationForms.children")}
              error={messageOf("/needs/children")}
            >
              {(aria) => (
                <input
                  id={shelterFieldId("/needs/children")}
                  name="/needs/children"
                  type="number"
                  inputmode="numeric"
                  min="0"
                  max="12"
                  step="1"
                  class="input-year"
                  value={form.children}
                  onInput={(event) => setForm("children", event.currentTarget.value)}
                  aria-invalid={aria.invalid()}
                  aria-describedby={aria.describedBy()}
                />
              )}
            </FormField>
            {select(
              "/needs/urgency",
              "urgency",
              "registrationForms.urgency",
              PlacementRequest.urgencyCodeList.codes.map((code) => ({
                code,
                label: PlacementRequest.urgencyCodeList.labels[code][lang()],
              })),
              "registrationForms.choose",
            )}
            {select(
              "/needs/security",
              "security",
              "registrationForms.security",
              securityLevels.map((code) => ({ code, label: t(`registrationForms.security.${code}`) })),
            )}
            <FormField
              id={shelterFieldId("/needs/languages")}
              label={t("registrationForms.languages")}
              hint={t("registrationForms.languagesHint")}
              error={messageOf("/needs/languages")}
            >
              {(aria) => (
                <input
                  id={shelterFieldId("/needs/languages")}
                  name="/needs/languages"
                  type="text"
                  autocomplete="off"
                  value={form.languages}
                  onInput={(event) => setForm("languages", event.currentTarget.value)}
                  aria-invalid={aria.invalid()}
                  aria-describedby={aria.describedBy()}
                />
              )}
            </FormField>
            <label class="registration-choice">
              <input
                id={shelterFieldId("/needs/accessible")}
                type="checkbox"
                name="/needs/accessible"
                checked={form.accessible}
                onChange={(event) => setForm("accessible", event.currentTarget.checked)}
              />{" "}
              {t("registrationForms.accessible")}
            </label>
            <FormField
              id={shelterFieldId("/needs/medicalNeeds")}
              label={t("registrationForms.medicalNeeds")}
              hint={t("registrationForms.medicalNeedsHint")}
              error={messageOf("/needs/medicalNeeds")}
            >
              {(aria) => (
                <textarea
                  id={shelterFieldId("/needs/medicalNeeds")}
                  name="/needs/medicalNeeds"
                  rows="2"
                  maxLength={500}
                  value={form.medicalNeeds}
                  onInput={(event) => setForm("medicalNeeds", event.currentTarget.value)}
                  aria-invalid={aria.invalid()}
                  aria-describedby={aria.describedBy()}
                />
              )}
            </FormField>
            {select(
              "/preferredRegion",
              "preferredRegion",
              "registrationForms.preferredRegion",
              PoliceRegion.codeList.codes.map((code) => ({ code, label: PoliceRegion.codeList.labels[code][lang()] })),
              "registrationForms.preferredRegionNone",
            )}
          </fieldset>
          <Show when={mutation.isError}>
            <div role="alert">
              <Show
                when={classifyError(mutation.error).kind === "validation"}
                fallback={<ErrorMessage error={mutation.error} onRetry={() => submit()} />}
              >
                <p class="field-error">{t("registrationForms.checkFields")}</p>
                <ul>
                  <For each={unplacedProblems()}>
                    {(problem) => (
                      <li lang="en">
                        <code>{problem.path}</code> {problem.message}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </div>
          </Show>
          <div class="registration-actions">
            <button type="submit" class="button primary" disabled={mutation.isPending}>
              {mutation.isPending ? t("registrationForms.shelterSubmitting") : t("registrationForms.shelterSubmit")}
            </button>
            <button type="button" class="button secondary" onClick={() => setOpen(false)}>
              {t("registrationForms.shelterCancel")}
            </button>
          </div>
        </form>
      </Show>
    </section>
  );
};

/** The id of a first-shelter field's input: `/needs/targetGroup` -> `shelter-needs-targetGroup`. */
const shelterFieldId = (field: ShelterRequestField): string => `shelter${field.replaceAll("/", "-")}`;

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
        <Switch>
          <Match when={query.isPending}>
            <Skeleton />
          </Match>
          <Match when={query.isError}>
            <QueryError query={query} />
          </Match>
          <Match when={query.data}>
            {(registration) => (
              <>
                <RegistrationActions registration={registration()} notice={noticeText(location.state, t)} />
                <RegistrationFields registration={registration()} />
                <Show when={!isClosed(registration())}>
                  <FirstShelter registration={registration()} />
                </Show>
                <SubjectExportCard personId={registration().personId} />
              </>
            )}
          </Match>
        </Switch>
        <VersionList id={params.id} />
        <AuditTrail id={params.id} />
      </div>
    </Page>
  );
};
