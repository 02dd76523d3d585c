import { PlacementRequest, PoliceRegion, TargetGroup } from "@comensha/domain/labels";
import type { PlacementRequest as SdkPlacementRequest } from "@comensha/sdk";
import { A } from "@solidjs/router";
import { createMutation, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { useApi } from "../../ApiContext.js";
import { classifyError, type Registration } from "../../api.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { FormField } from "../../components/FormField.js";
import { useI18n } from "../../i18n/I18n.js";
import type { MessageKey } from "../../i18n/nl.js";
import { createIdempotencyKeeper } from "../../idempotency.js";
import { problemFieldsOf } from "../../problemFields.js";
import {
  type FieldError,
  fieldMessageOf,
  type ShelterRequestField,
  type ShelterRequestFormState,
  securityLevels,
  serverShelterErrors,
  toPlacementRequestInput,
} from "../registrationForm.js";
import { shortId } from "../registrations.js";

/** The id of a first-shelter field's input: `/needs/targetGroup` -> `shelter-needs-targetGroup`. */
const shelterFieldId = (field: ShelterRequestField): string => `shelter${field.replaceAll("/", "-")}`;

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
export const FirstShelter = (props: { registration: Registration }) => {
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
