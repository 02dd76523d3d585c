import { CaseStatus } from "@comensha/domain/labels";
import { createSignal, For } from "solid-js";
import { type CaseStatusCode, type RegistrationStatus, registrationStatuses } from "../../api.js";
import { FormField } from "../../components/FormField.js";
import { useI18n } from "../../i18n/I18n.js";
import { dateFilter, parseReference } from "../registrations.js";

/** What the registrations list is filtered on; every field narrows it further. */
export interface RegistrationFilter {
  readonly reference?: string | undefined;
  readonly status?: RegistrationStatus | undefined;
  readonly reportedFrom?: string | undefined;
  readonly reportedTo?: string | undefined;
  readonly caseStatus?: CaseStatusCode | undefined;
}

/**
 * The filters of the registrations list: a reference (the 8 characters a page or a caller names, or a whole id),
 * the status, the person's case status and the reporting dates. A reference that cannot be one is said at its field, and nothing is asked.
 */
export const FilterForm = (props: { onApply: (filter: RegistrationFilter) => void }) => {
  const { t, lang } = useI18n();
  const [isReferenceInvalid, setReferenceInvalid] = createSignal(false);
  let reference!: HTMLInputElement;
  let status!: HTMLSelectElement;
  let caseStatus!: HTMLSelectElement;
  let from!: HTMLInputElement;
  let to!: HTMLInputElement;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const parsed = parseReference(reference.value);
    setReferenceInvalid(parsed === "invalid");
    if (parsed === "invalid") return reference.focus();
    const chosen = registrationStatuses.find((code) => code === status.value);
    props.onApply({
      reference: parsed,
      status: chosen,
      caseStatus: CaseStatus.codeList.codes.find((code) => code === caseStatus.value),
      reportedFrom: dateFilter(from.value),
      reportedTo: dateFilter(to.value),
    });
  };
  return (
    <section class="card wide" aria-labelledby="registration-filter-title">
      <h2 id="registration-filter-title">{t("registrations.filterTitle")}</h2>
      <form class="form inline registration-filter" onSubmit={submit} noValidate>
        <FormField
          id="registration-reference"
          label={t("registrations.reference")}
          hint={t("registrations.referenceHint")}
          error={isReferenceInvalid() ? { text: t("registrations.referenceInvalid") } : undefined}
        >
          {(aria) => (
            <input
              ref={reference}
              id="registration-reference"
              name="reference"
              type="search"
              autocomplete="off"
              spellcheck={false}
              maxLength={40}
              onInput={() => setReferenceInvalid(false)}
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            />
          )}
        </FormField>
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
          <label for="registration-case-status">{t("registrations.caseStatus")}</label>
          <select ref={caseStatus} id="registration-case-status" name="caseStatus">
            <option value="">{t("registrations.caseStatusAll")}</option>
            <For each={CaseStatus.codeList.codes}>
              {(code) => <option value={code}>{CaseStatus.codeList.label(code, lang())}</option>}
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
