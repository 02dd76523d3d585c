import { Placement as DomainPlacement } from "@comensha/domain/labels";
import { createSignal, For, Show } from "solid-js";
import type { EndReason } from "../../api/shelters.js";
import { ConfirmBox } from "../../components/ConfirmBox.js";
import { FormField } from "../../components/FormField.js";
import { formatDate, todayInAmsterdam } from "../../format.js";
import { useI18n } from "../../i18n/I18n.js";
import { placeProblems, problemFieldsOf } from "../../problemFields.js";
import { codeLabel } from "../registrations.js";
import { defaultEndDate, earliestEndDate, isEndAfterStart, isIsoDate } from "../shelters.js";
import { textMessage, WriteProblem } from "./WriteProblem.js";

const endInputs = ["/endsOn", "/reason"] as const;

const endReasons = DomainPlacement.endReasonCodeList.codes;

/**
 * Ends the placement on a date with a reason, after a confirmation (it cannot be undone). The date starts at one the
 * API accepts (today, or the day after the start when the placement began today) and is checked before the
 * confirmation, so "yes" never meets a refusal of the date.
 */
export const EndPlacementForm = (props: {
  /** The first night of the placement, when known: the end must come after it. */
  startsOn: string | undefined;
  isPending: boolean;
  error: unknown;
  onEnd: (endsOn: string, reason: EndReason) => void;
  onRetry: () => void;
}) => {
  const { t, lang } = useI18n();
  const today = todayInAmsterdam();
  // What the coordinator typed; until then the proposal, which follows the start date once it is known.
  const [typed, setTyped] = createSignal<string>();
  const endsOnText = () => typed() ?? defaultEndDate(props.startsOn, today);
  const [reason, setReason] = createSignal<EndReason | "">("");
  const [checked, setChecked] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  let endsOnInput: HTMLInputElement | undefined;
  let reasonSelect: HTMLSelectElement | undefined;
  let confirmNo: HTMLButtonElement | undefined;

  const earliest = () => (props.startsOn === undefined ? undefined : earliestEndDate(props.startsOn));
  const isTooEarly = () => isIsoDate(endsOnText()) && !isEndAfterStart(endsOnText(), props.startsOn);
  const apiErrors = () => placeProblems(problemFieldsOf(props.error), endInputs).atField;
  const endsOnError = () => {
    if (checked() && !isIsoDate(endsOnText())) return t("shelters.dateInvalid");
    if (isTooEarly()) {
      return t("shelters.endsOnTooEarly", {
        date: formatDate(props.startsOn ?? "", lang()),
        earliest: formatDate(earliest() ?? "", lang()),
      });
    }
    return apiErrors()["/endsOn"] === undefined ? undefined : t("shelters.rule.endsOn");
  };
  const reasonError = () =>
    checked() && reason() === ""
      ? t("shelters.rule.reason")
      : apiErrors()["/reason"] !== undefined
        ? t("shelters.rule.reason")
        : undefined;
  const reasonLabel = (code: string) => codeLabel(DomainPlacement.endReasonCodeList.labels, code, lang());
  const hint = () => {
    const first = earliest();
    return first === undefined
      ? t("shelters.endsOnHint")
      : t("shelters.endsOnHintFrom", { earliest: formatDate(first, lang()) });
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!isIsoDate(endsOnText()) || isTooEarly()) return endsOnInput?.focus();
    if (reason() === "") return reasonSelect?.focus();
    setConfirming(true);
    requestAnimationFrame(() => confirmNo?.focus());
  };
  const confirm = () => {
    const chosen = reason();
    if (chosen === "" || isTooEarly()) return;
    setConfirming(false);
    props.onEnd(endsOnText(), chosen);
  };

  return (
    <section class="card wide" aria-labelledby="end-title">
      <h2 id="end-title">{t("shelters.endTitle")}</h2>
      <form class="form narrow" onSubmit={submit} noValidate>
        <FormField id="end-ends-on" label={t("shelters.endsOn")} hint={hint()} error={textMessage(endsOnError())}>
          {(aria) => (
            <input
              ref={endsOnInput}
              id="end-ends-on"
              name="endsOn"
              type="date"
              min={earliest()}
              value={endsOnText()}
              onInput={(event) => {
                setTyped(event.currentTarget.value);
                setConfirming(false);
              }}
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            />
          )}
        </FormField>
        <FormField id="end-reason" label={t("shelters.endReason")} error={textMessage(reasonError())}>
          {(aria) => (
            <select
              ref={reasonSelect}
              id="end-reason"
              name="reason"
              value={reason()}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setReason(endReasons.find((code) => code === value) ?? "");
                setConfirming(false);
              }}
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            >
              <option value="">{t("shelters.chooseReason")}</option>
              <For each={endReasons}>{(code) => <option value={code}>{reasonLabel(code)}</option>}</For>
            </select>
          )}
        </FormField>
        <Show when={!confirming()}>
          <button type="submit" class="button primary" disabled={props.isPending}>
            {props.isPending ? t("shelters.pending") : t("shelters.action.end")}
          </button>
        </Show>
      </form>
      <Show when={confirming()}>
        <ConfirmBox
          question={t("shelters.confirmEnd", { date: formatDate(endsOnText(), lang()), reason: reasonLabel(reason()) })}
          confirmLabel={t("shelters.confirmEndYes")}
          cancelLabel={t("shelters.confirmNo")}
          isConfirmDisabled={props.isPending}
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
          cancelRef={(element) => {
            confirmNo = element;
          }}
        />
      </Show>
      <Show when={props.error !== undefined}>
        <WriteProblem error={props.error} atInputs={endInputs} onRetry={props.onRetry} />
      </Show>
    </section>
  );
};
