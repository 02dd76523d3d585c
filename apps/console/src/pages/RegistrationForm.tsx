import {
  Country,
  DossierType,
  ExploitationForm,
  LegalBasis,
  Nationality,
  OrganisationKind,
  PoliceRegion,
  Sector,
  Sex,
} from "@comensha/domain/labels";
import type { ProblemField } from "@comensha/sdk";
import { useQueryClient } from "@tanstack/solid-query";
import { createMemo, createSignal, For, type JSX, Match, Show, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import { useApi } from "../ApiContext.js";
import { isClosedRegistration, isStaleVersion, type ReportingOrganisation } from "../api/registrationForms.js";
import { classifyError, type Registration } from "../api.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { FieldError, FieldHint, FormField, fieldDescribedBy } from "../components/FormField.js";
import { MultiCombobox } from "../components/MultiCombobox.js";
import { useReportingOrganisations } from "../components/OrganisationName.js";
import { todayInAmsterdam } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import type { MessageKey } from "../i18n/nl.js";
import type { Lang } from "../i18n/translate.js";
import { createIdempotencyKeeper } from "../idempotency.js";
import {
  type BirthChoice,
  emptyFormState,
  type FieldErrors,
  type FieldPath,
  fieldErrorText,
  fieldId,
  fieldMessageOf,
  fieldPaths,
  formStateOf,
  maxNationalities,
  type FieldError as RegistrationFieldError,
  type RegistrationFormState,
  reflectionPeriodOfferers,
  serverFieldErrors,
  toRegistrationInput,
} from "./registrationForm.js";
import { codeLabel } from "./registrations.js";

/** The label of each field, for its error in the summary at the top. */
const fieldLabels: { readonly [P in FieldPath]: MessageKey } = {
  "/organisationId": "registrationForms.organisation",
  "/reportedOn": "registrationForms.reportedOn",
  "/person/familyName": "registrationForms.familyName",
  "/person/givenNames": "registrationForms.givenNames",
  "/person/aliases": "registrationForms.aliases",
  "/person/dateOfBirth": "registrationForms.dateOfBirth",
  "/person/birthYear": "registrationForms.birthYear",
  "/person/sex": "registrationForms.sex",
  "/person/nationalities": "registrationForms.nationalities",
  "/person/documentNumber": "registrationForms.documentNumber",
  "/exploitation/forms": "registrationForms.forms",
  "/exploitation/country": "registrationForms.country",
  "/exploitation/municipality": "registrationForms.municipality",
  "/exploitation/policeRegion": "registrationForms.policeRegion",
  "/exploitation/sector": "registrationForms.sector",
  "/dossierType": "registrationForms.dossierType",
  "/legalBasis": "registrationForms.legalBasis",
  "/consentToShareWithShelter": "registrationForms.consent",
  "/reflectionPeriod/offeredOn": "registrationForms.offeredOn",
  "/reflectionPeriod/offeredBy": "registrationForms.offeredBy",
  "/reflectionPeriod/startsOn": "registrationForms.startsOn",
  "/reflectionPeriod/dublin": "registrationForms.dublin",
};

/** The codes of a code list, sorted by their label in `lang` (countries, nationalities). */
const sortedByLabel = <C extends string>(
  codes: ReadonlyArray<C>,
  labels: { readonly [K in C]: { readonly nl: string; readonly en: string } },
  lang: Lang,
): ReadonlyArray<C> => [...codes].sort((a, b) => labels[a][lang].localeCompare(labels[b][lang], lang));

/** Moves focus to a field: its input, or the first input of its group. */
export const focusField = (path: FieldPath): void => {
  const element = document.getElementById(fieldId(path));
  const target = element instanceof HTMLFieldSetElement ? element.querySelector("input, select, textarea") : element;
  if (target instanceof HTMLElement) target.focus();
};

/** The form's store: Solid's setter needs writable keys. */
type FormStore = { -readonly [K in keyof RegistrationFormState]: RegistrationFormState[K] };

/** What went wrong with the last submit, beyond the fields. */
type Failure =
  | { readonly kind: "fields"; readonly unplaced: ReadonlyArray<ProblemField>; readonly isServer: boolean }
  | { readonly kind: "stale" }
  | { readonly kind: "closed" }
  | { readonly kind: "other"; readonly error: unknown };

/**
 * The registration form: a new registration (with its reporting organisation), or the correction of `registration`.
 * It checks what it can before sending, shows the API's `422` at the fields (other paths in the summary at the top),
 * sends a new registration with one `Idempotency-Key` per filled-in form, and a correction with the version it was
 * based on (`412`: someone else changed it; the latest version can be loaded). `onSaved` gets the saved registration.
 */
export const RegistrationForm = (props: {
  readonly registration?: Registration | undefined;
  readonly onSaved: (registration: Registration) => void;
}) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const original = props.registration;
  const isEdit = original !== undefined;
  const [state, setState] = createStore<FormStore>(
    original === undefined ? emptyFormState(todayInAmsterdam()) : formStateOf(original),
  );
  const [version, setVersion] = createSignal(original?.version ?? 0);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [failure, setFailure] = createSignal<Failure>();
  const [isSubmitting, setSubmitting] = createSignal(false);
  const [isReloading, setReloading] = createSignal(false);
  const [notice, setNotice] = createSignal("");
  const keeper = createIdempotencyKeeper();
  let alertBox: HTMLDivElement | undefined;

  const organisations = useReportingOrganisations();
  const partnerOrganisations = createMemo(
    (): ReadonlyArray<ReportingOrganisation> =>
      (organisations.data?.items ?? [])
        .filter((organisation) => organisation.status === "active" && !organisation.isComensha)
        .sort((a, b) => a.name.localeCompare(b.name, lang())),
  );
  const organisationById = (id: string | undefined) =>
    id === undefined ? undefined : organisations.data?.items.find((organisation) => organisation.id === id);
  /** The kind of the reporter, when known: the chosen organisation, CoMensha itself, or (correcting) the original. */
  const reporterKind = (): string | undefined => {
    if (isEdit) return organisationById(original.organisationId)?.kind;
    if (state.organisationId === "") return organisations.data?.items.find((o) => o.isComensha)?.kind;
    return organisationById(state.organisationId)?.kind;
  };

  const errorOf = (path: FieldPath) => errors()[path];
  const errorText = (error: RegistrationFieldError) => fieldErrorText(error, t);
  const messageOf = (path: FieldPath) => fieldMessageOf(errorOf(path), t);
  const describedBy = (path: FieldPath, hint?: boolean) =>
    fieldDescribedBy(fieldId(path), { hint: hint === true, error: errorOf(path) !== undefined });

  const textInput = (
    path: FieldPath,
    key: "reportedOn" | "familyName" | "givenNames" | "dateOfBirth" | "birthYear" | "documentNumber" | "municipality",
    label: MessageKey,
    attributes: JSX.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <FormField id={fieldId(path)} label={t(label)} error={messageOf(path)}>
      {(aria) => (
        <input
          id={fieldId(path)}
          name={path}
          type="text"
          value={state[key]}
          onInput={(event) => setState(key, event.currentTarget.value)}
          aria-invalid={aria.invalid()}
          aria-describedby={aria.describedBy()}
          {...attributes}
        />
      )}
    </FormField>
  );

  const dateInput = (path: FieldPath, key: "reportedOn" | "dateOfBirth", label: MessageKey) =>
    textInput(path, key, label, { type: "date", max: todayInAmsterdam(), required: true });

  const reflectionDate = (path: FieldPath, key: "reflectionOfferedOn" | "reflectionStartsOn", label: MessageKey) => (
    <FormField id={fieldId(path)} label={t(label)} error={messageOf(path)}>
      {(aria) => (
        <input
          id={fieldId(path)}
          name={path}
          type="date"
          required
          value={state[key]}
          onInput={(event) => setState(key, event.currentTarget.value)}
          aria-invalid={aria.invalid()}
          aria-describedby={aria.describedBy()}
        />
      )}
    </FormField>
  );

  const codeSelect = (
    path: FieldPath,
    key: "sex" | "dossierType" | "legalBasis" | "policeRegion" | "sector" | "reflectionOfferedBy" | "country",
    label: MessageKey,
    options: ReadonlyArray<{ readonly code: string; readonly label: string }>,
    empty: MessageKey,
    hint?: MessageKey,
  ) => (
    <FormField
      id={fieldId(path)}
      label={t(label)}
      hint={hint === undefined ? undefined : t(hint)}
      error={messageOf(path)}
    >
      {(aria) => (
        <select
          id={fieldId(path)}
          name={path}
          value={state[key]}
          onChange={(event) => setState(key, event.currentTarget.value)}
          aria-invalid={aria.invalid()}
          aria-describedby={aria.describedBy()}
        >
          <option value="">{t(empty)}</option>
          <For each={options}>
            {(option) => (
              <option value={option.code} selected={state[key] === option.code}>
                {option.label}
              </option>
            )}
          </For>
        </select>
      )}
    </FormField>
  );

  const labelled = <C extends string>(
    codes: ReadonlyArray<C>,
    labels: { readonly [K in C]: { readonly nl: string; readonly en: string } },
  ) => codes.map((code) => ({ code, label: labels[code][lang()] }));

  const countryOptions = createMemo(() =>
    labelled(sortedByLabel(Country.codeList.codes, Country.codeList.labels, lang()), Country.codeList.labels),
  );
  const nationalityOptions = createMemo(() => {
    const countries = sortedByLabel(Country.codeList.codes, Country.codeList.labels, lang());
    return labelled(["unknown", "stateless", ...countries] as const, Nationality.codeList.labels);
  });

  const toggleForm = (code: string, isChecked: boolean) =>
    setState("forms", (forms) => (isChecked ? [...forms, code] : forms.filter((form) => form !== code)));

  const showFailure = (next: Failure, fieldErrors: FieldErrors) => {
    setErrors(fieldErrors);
    setFailure(next);
    queueMicrotask(() => alertBox?.focus());
  };

  const submit = async (event?: SubmitEvent) => {
    event?.preventDefault();
    if (isSubmitting()) return;
    setNotice("");
    const result = toRegistrationInput(state, { today: todayInAmsterdam(), reporterKind: reporterKind() });
    if (!("input" in result)) return showFailure({ kind: "fields", unplaced: [], isServer: false }, result.errors);
    setErrors({});
    setFailure(undefined);
    setSubmitting(true);
    try {
      let saved: Registration;
      if (original === undefined) {
        const body =
          state.organisationId === "" ? result.input : { ...result.input, organisationId: state.organisationId };
        saved = await api.createRegistration(body, { idempotencyKey: keeper.keyFor(body) });
      } else {
        saved = await api.updateRegistration(original.id, result.input, version());
      }
      props.onSaved(saved);
    } catch (error) {
      const info = classifyError(error);
      if (isStaleVersion(error)) showFailure({ kind: "stale" }, {});
      else if (isClosedRegistration(error)) showFailure({ kind: "closed" }, {});
      else if (info.kind === "validation" && info.fields.length > 0) {
        const { fields, unplaced } = serverFieldErrors(info.fields);
        showFailure({ kind: "fields", unplaced, isServer: true }, fields);
      } else showFailure({ kind: "other", error }, {});
    } finally {
      setSubmitting(false);
    }
  };

  const reload = async () => {
    if (original === undefined || isReloading()) return;
    setReloading(true);
    try {
      const latest = await api.getRegistration(original.id);
      queryClient.setQueryData(["registrations", original.id], latest);
      setState(formStateOf(latest));
      setVersion(latest.version);
      setErrors({});
      setFailure(undefined);
      setNotice(t("registrationForms.reloaded", { version: latest.version }));
      focusField("/reportedOn");
    } catch (error) {
      showFailure({ kind: "other", error }, {});
    } finally {
      setReloading(false);
    }
  };

  const placedErrors = () => fieldPaths.filter((path) => errors()[path] !== undefined);

  return (
    <>
      <Show when={failure()}>
        {(current) => (
          <div class="alert" role="alert" tabindex="-1" ref={alertBox}>
            <h2 class="alert-title">{t("registrationForms.errorHeading")}</h2>
            <Switch>
              <Match when={current().kind === "stale"}>
                <p>{t("registrationForms.stale")}</p>
                <button type="button" class="button secondary" disabled={isReloading()} onClick={() => void reload()}>
                  {t("registrationForms.reload")}
                </button>
              </Match>
              <Match when={current().kind === "closed"}>
                <p>{t("registrationForms.closed")}</p>
              </Match>
              <Match when={current().kind === "other" ? (current() as { error: unknown }).error : undefined}>
                {(error) => <ErrorMessage error={error()} onRetry={() => void submit()} />}
              </Match>
              <Match when={current().kind === "fields"}>
                <p>
                  {(current() as { isServer: boolean }).isServer
                    ? t("registrationForms.serverRejected")
                    : t("registrationForms.checkFields")}
                </p>
                <ul>
                  <For each={placedErrors()}>
                    {(path) => (
                      <li>
                        <a
                          href={`#${fieldId(path)}`}
                          onClick={(event) => {
                            event.preventDefault();
                            focusField(path);
                          }}
                        >
                          {t(fieldLabels[path])}: {errorText(errors()[path] as RegistrationFieldError)}
                        </a>
                      </li>
                    )}
                  </For>
                  <For each={(current() as { unplaced: ReadonlyArray<ProblemField> }).unplaced}>
                    {(problem) => (
                      <li lang="en">
                        <code>{problem.path}</code> {problem.message}
                      </li>
                    )}
                  </For>
                </ul>
              </Match>
            </Switch>
          </div>
        )}
      </Show>
      <p class="success" role="status">
        {notice()}
      </p>
      <form class="form" onSubmit={(event) => void submit(event)} noValidate aria-busy={isSubmitting()}>
        <fieldset class="card registration-fieldset">
          <legend class="registration-legend">{t("registrationForms.organisationLegend")}</legend>
          <Show
            when={!isEdit}
            fallback={
              <p>
                {organisationById(original?.organisationId)?.name ?? original?.organisationId ?? "–"}{" "}
                <span class="muted small">{t("registrationForms.organisationFixed")}</span>
              </p>
            }
          >
            <div class="field">
              <label for={fieldId("/organisationId")}>{t("registrationForms.organisation")}</label>
              <FieldHint id={fieldId("/organisationId")} text={t("registrationForms.organisationHint")} />
              <select
                id={fieldId("/organisationId")}
                name="/organisationId"
                value={state.organisationId}
                onChange={(event) => setState("organisationId", event.currentTarget.value)}
                aria-invalid={errorOf("/organisationId") !== undefined}
                aria-describedby={describedBy("/organisationId", true)}
                aria-busy={organisations.isPending}
              >
                <option value="">{t("registrationForms.organisationSelf")}</option>
                <For each={partnerOrganisations()}>
                  {(organisation) => (
                    <option value={organisation.id} selected={state.organisationId === organisation.id}>
                      {organisation.name} ({codeLabel(OrganisationKind.codeList.labels, organisation.kind, lang())})
                    </option>
                  )}
                </For>
              </select>
              <FieldError id={fieldId("/organisationId")} message={messageOf("/organisationId")} />
              <Switch>
                <Match when={organisations.isPending}>
                  <p class="hint">{t("registrationForms.organisationsLoading")}</p>
                </Match>
                <Match when={organisations.isError}>
                  <div class="hint">
                    <p>{t("registrationForms.organisationsFailed")}</p>
                    <ErrorMessage error={organisations.error} onRetry={() => void organisations.refetch()} />
                  </div>
                </Match>
                <Match when={organisations.data?.isComplete === false}>
                  <p class="hint">{t("registrationForms.organisationsIncomplete")}</p>
                </Match>
              </Switch>
            </div>
          </Show>
        </fieldset>

        <fieldset class="card registration-fieldset">
          <legend class="registration-legend">{t("registrationForms.reportLegend")}</legend>
          {dateInput("/reportedOn", "reportedOn", "registrationForms.reportedOn")}
        </fieldset>

        <fieldset class="card registration-fieldset">
          <legend class="registration-legend">{t("registrationForms.personLegend")}</legend>
          {textInput("/person/familyName", "familyName", "registrationForms.familyName", {
            autocomplete: "off",
            required: true,
          })}
          {textInput("/person/givenNames", "givenNames", "registrationForms.givenNames", {
            autocomplete: "off",
            required: true,
          })}
          <FormField
            id={fieldId("/person/aliases")}
            label={t("registrationForms.aliases")}
            hint={t("registrationForms.aliasesHint")}
            error={messageOf("/person/aliases")}
          >
            {(aria) => (
              <textarea
                id={fieldId("/person/aliases")}
                name="/person/aliases"
                rows="2"
                value={state.aliases}
                onInput={(event) => setState("aliases", event.currentTarget.value)}
                aria-invalid={aria.invalid()}
                aria-describedby={aria.describedBy()}
              />
            )}
          </FormField>
          <fieldset class="registration-choices">
            <legend class="registration-choices-legend">{t("registrationForms.birthLegend")}</legend>
            <For each={["dateOfBirth", "birthYear", "unknown"] as const}>
              {(choice: BirthChoice) => (
                <label class="registration-choice">
                  <input
                    type="radio"
                    name="birthChoice"
                    value={choice}
                    checked={state.birthChoice === choice}
                    onChange={() => setState("birthChoice", choice)}
                  />{" "}
                  {t(`registrationForms.birthChoice.${choice}`)}
                </label>
              )}
            </For>
          </fieldset>
          <Show when={state.birthChoice === "dateOfBirth"}>
            {dateInput("/person/dateOfBirth", "dateOfBirth", "registrationForms.dateOfBirth")}
          </Show>
          <Show when={state.birthChoice === "birthYear"}>
            {textInput("/person/birthYear", "birthYear", "registrationForms.birthYear", {
              inputmode: "numeric",
              class: "input-year",
              required: true,
            })}
          </Show>
          {codeSelect(
            "/person/sex",
            "sex",
            "registrationForms.sex",
            labelled(Sex.codeList.codes, Sex.codeList.labels),
            "registrationForms.choose",
          )}
          <FormField
            id={fieldId("/person/nationalities")}
            label={t("registrationForms.nationalities")}
            hint={t("registrationForms.nationalitiesHint")}
            error={messageOf("/person/nationalities")}
          >
            {(aria) => (
              <MultiCombobox
                id={fieldId("/person/nationalities")}
                options={nationalityOptions()}
                selected={state.nationalities}
                onChange={(codes) => setState("nationalities", [...codes])}
                aria={aria}
                max={maxNationalities}
                texts={{
                  chosen: t("registrationForms.nationalitiesChosenList"),
                  suggestions: t("registrationForms.nationalitySuggestions"),
                  remove: (label) => t("registrationForms.nationalityRemove", { label }),
                  noMatches: t("registrationForms.nationalityNoMatches"),
                  matches: (count) => t("registrationForms.nationalityMatches", { count }),
                  added: (label) => t("registrationForms.nationalityAdded", { label }),
                  removed: (label) => t("registrationForms.nationalityRemoved", { label }),
                }}
              />
            )}
          </FormField>
          {textInput("/person/documentNumber", "documentNumber", "registrationForms.documentNumber", {
            autocomplete: "off",
          })}
        </fieldset>

        <fieldset class="card registration-fieldset">
          <legend class="registration-legend">{t("registrationForms.exploitationLegend")}</legend>
          <fieldset
            id={fieldId("/exploitation/forms")}
            class="registration-choices"
            classList={{ "registration-choices-invalid": errorOf("/exploitation/forms") !== undefined }}
            aria-describedby={describedBy("/exploitation/forms")}
          >
            <legend class="registration-choices-legend">{t("registrationForms.forms")}</legend>
            <For each={ExploitationForm.codeList.codes}>
              {(code) => (
                <label class="registration-choice">
                  <input
                    type="checkbox"
                    name="/exploitation/forms"
                    value={code}
                    checked={state.forms.includes(code)}
                    onChange={(event) => toggleForm(code, event.currentTarget.checked)}
                  />{" "}
                  {ExploitationForm.codeList.labels[code][lang()]}
                </label>
              )}
            </For>
            <FieldError id={fieldId("/exploitation/forms")} message={messageOf("/exploitation/forms")} />
          </fieldset>
          <Show when={state.forms.includes("labour")}>
            {codeSelect(
              "/exploitation/sector",
              "sector",
              "registrationForms.sector",
              labelled(Sector.codeList.codes, Sector.codeList.labels),
              "registrationForms.sectorNone",
            )}
          </Show>
          {codeSelect(
            "/exploitation/country",
            "country",
            "registrationForms.country",
            countryOptions(),
            "registrationForms.choose",
          )}
          <Show when={state.country === "NL"}>
            {textInput("/exploitation/municipality", "municipality", "registrationForms.municipality")}
            {codeSelect(
              "/exploitation/policeRegion",
              "policeRegion",
              "registrationForms.policeRegion",
              labelled(PoliceRegion.codeList.codes, PoliceRegion.codeList.labels),
              "registrationForms.policeRegionNone",
            )}
          </Show>
        </fieldset>

        <fieldset class="card registration-fieldset">
          <legend class="registration-legend">{t("registrationForms.dossierLegend")}</legend>
          {codeSelect(
            "/dossierType",
            "dossierType",
            "registrationForms.dossierType",
            labelled(DossierType.codeList.codes, DossierType.codeList.labels),
            "registrationForms.choose",
          )}
          {codeSelect(
            "/legalBasis",
            "legalBasis",
            "registrationForms.legalBasis",
            labelled(LegalBasis.codeList.codes, LegalBasis.codeList.labels),
            "registrationForms.choose",
            "registrationForms.legalBasisHint",
          )}
          <div class="field">
            <label class="registration-choice">
              <input
                id={fieldId("/consentToShareWithShelter")}
                type="checkbox"
                name="/consentToShareWithShelter"
                checked={state.consentToShareWithShelter}
                onChange={(event) => setState("consentToShareWithShelter", event.currentTarget.checked)}
                aria-invalid={errorOf("/consentToShareWithShelter") !== undefined}
                aria-describedby={describedBy("/consentToShareWithShelter")}
              />{" "}
              {t("registrationForms.consent")}
            </label>
            <FieldError id={fieldId("/consentToShareWithShelter")} message={messageOf("/consentToShareWithShelter")} />
          </div>
        </fieldset>

        <fieldset class="card registration-fieldset">
          <legend class="registration-legend">{t("registrationForms.reflectionLegend")}</legend>
          <label class="registration-choice">
            <input
              type="checkbox"
              name="hasReflectionPeriod"
              checked={state.hasReflectionPeriod}
              onChange={(event) => setState("hasReflectionPeriod", event.currentTarget.checked)}
            />{" "}
            {t("registrationForms.hasReflection")}
          </label>
          <Show when={state.hasReflectionPeriod}>
            {reflectionDate("/reflectionPeriod/offeredOn", "reflectionOfferedOn", "registrationForms.offeredOn")}
            {codeSelect(
              "/reflectionPeriod/offeredBy",
              "reflectionOfferedBy",
              "registrationForms.offeredBy",
              labelled(reflectionPeriodOfferers, OrganisationKind.codeList.labels),
              "registrationForms.choose",
            )}
            {reflectionDate("/reflectionPeriod/startsOn", "reflectionStartsOn", "registrationForms.startsOn")}
            <div class="field">
              <label class="registration-choice">
                <input
                  id={fieldId("/reflectionPeriod/dublin")}
                  type="checkbox"
                  name="/reflectionPeriod/dublin"
                  checked={state.reflectionDublin}
                  onChange={(event) => setState("reflectionDublin", event.currentTarget.checked)}
                  aria-describedby={describedBy("/reflectionPeriod/dublin")}
                />{" "}
                {t("registrationForms.dublin")}
              </label>
              <FieldError id={fieldId("/reflectionPeriod/dublin")} message={messageOf("/reflectionPeriod/dublin")} />
            </div>
          </Show>
        </fieldset>

        <button type="submit" class="button primary" disabled={isSubmitting()}>
          <Show
            when={isEdit}
            fallback={isSubmitting() ? t("registrationForms.submittingCreate") : t("registrationForms.submitCreate")}
          >
            {isSubmitting() ? t("registrationForms.submittingUpdate") : t("registrationForms.submitUpdate")}
          </Show>
        </button>
      </form>
    </>
  );
};
