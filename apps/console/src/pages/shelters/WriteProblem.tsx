import { For, Match, Show, Switch } from "solid-js";
import { classifyError } from "../../api.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import type { FieldMessage } from "../../components/FormField.js";
import { useI18n } from "../../i18n/I18n.js";
import type { MessageKey } from "../../i18n/nl.js";
import { placeProblems, problemFieldsOf } from "../../problemFields.js";
import { conflictOf, minOverrideReasonLength } from "../shelters.js";

/** The texts that explain a refused field, by JSON pointer; other paths show the API's own message. */
const ruleTexts: Readonly<Record<string, MessageKey>> = {
  "/consentToShareWithShelter": "shelters.rule.consentToShareWithShelter",
  "/startsOn": "shelters.rule.startsOn",
  "/nationalities": "shelters.rule.nationalities",
  "/reflectionPeriod": "shelters.rule.reflectionPeriod",
  "/override/reason": "shelters.rule.overrideReason",
  "/placeId": "shelters.rule.placeId",
  "/endsOn": "shelters.rule.endsOn",
  "/reason": "shelters.rule.reason",
};

/** The COSM rules an override reason may set aside (consent can never be overridden). */
const cosmRulePaths = ["/startsOn", "/nationalities", "/reflectionPeriod"];

/** A field's error text, for its {@link FormField}. */
export const textMessage = (text: string | undefined): FieldMessage | undefined =>
  text === undefined ? undefined : { text };

/**
 * Why a write failed, in words: a `409` says what happened meanwhile (the data is refreshed already); a `422` lists
 * the fields the form does not show at an input; anything else shows the error with a retry.
 */
export const WriteProblem = (props: { error: unknown; atInputs?: ReadonlyArray<string>; onRetry: () => void }) => {
  const { t } = useI18n();
  const conflict = () => conflictOf(props.error);
  const others = () => placeProblems(problemFieldsOf(props.error), props.atInputs ?? []).others;
  const isValidation = () => classifyError(props.error).kind === "validation";
  const hasCosmRule = () => problemFieldsOf(props.error).some((field) => cosmRulePaths.includes(field.path));
  return (
    <div role="alert" class="alert">
      <p class="alert-title">{t("shelters.writeFailed")}</p>
      <Switch fallback={<ErrorMessage error={props.error} onRetry={props.onRetry} />}>
        <Match when={conflict()}>{(kind) => <p>{t(`shelters.conflict.${kind()}`)}</p>}</Match>
        <Match when={isValidation()}>
          <p>{t("shelters.fixFields")}</p>
          <Show when={others().length > 0}>
            <ul>
              <For each={others()}>
                {(field) => {
                  const key = ruleTexts[field.path];
                  return <li>{key === undefined ? field.message : t(key, { min: minOverrideReasonLength })}</li>;
                }}
              </For>
            </ul>
          </Show>
          <Show when={hasCosmRule()}>
            <p class="small">{t("shelters.overridePossible", { min: minOverrideReasonLength })}</p>
          </Show>
        </Match>
      </Switch>
    </div>
  );
};
