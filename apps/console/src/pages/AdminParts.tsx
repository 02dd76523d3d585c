import { createSignal, createUniqueId, For, Match, onMount, Show, Switch } from "solid-js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import type { FieldMessage } from "../components/FormField.js";
import { useI18n } from "../i18n/I18n.js";
import type { MessageKey } from "../i18n/nl.js";
import { placeProblems, problemFieldsOf } from "../problemFields.js";
import { isCannotDisableSelf, isEmailTaken, isSecondApproverRequired } from "./admin.js";

/** What is wrong with one field: the console's own check, or the API's `422` message (in English). */
export type FieldProblem = { readonly key: MessageKey } | { readonly apiMessage: string };

/** A field's problem in words, for its {@link FormField}: the console's text, or the API's message after "Not accepted:". */
export const useFieldMessage = () => {
  const { t } = useI18n();
  return (problem: FieldProblem | undefined): FieldMessage | undefined => {
    if (problem === undefined) return undefined;
    return "key" in problem
      ? { text: t(problem.key) }
      : { text: t("admin.fieldRejected"), apiMessage: problem.apiMessage };
  };
};

/** The JSON pointer of an admin form's field: the forms name their fields as the body does, at its top level. */
const adminPointer = (field: string): string => `/${field}`;

/** The problems a failed create puts at its form's fields (from a `422`); {@link WriteError} shows the others. */
export const fieldProblemsOf = <F extends string>(
  error: unknown,
  fields: ReadonlyArray<F>,
): { readonly byField: Partial<Record<F, FieldProblem>> } => {
  const { atField } = placeProblems(problemFieldsOf(error), fields, adminPointer);
  const problems: Partial<Record<F, FieldProblem>> = {};
  for (const field of fields) {
    const message = atField[field];
    if (message === undefined) continue;
    problems[field] =
      field === "email" && isEmailTaken(message) ? { key: "admin.emailTaken" } : { apiMessage: message };
  }
  return { byField: problems };
};

/** What the console's own check says about a form's fields, as the problems its {@link FormField}s show. */
export const checkedProblemsOf = <F extends string>(
  errors: Partial<Record<F, MessageKey>>,
  fields: ReadonlyArray<F>,
): Partial<Record<F, FieldProblem>> => {
  const problems: Partial<Record<F, FieldProblem>> = {};
  for (const field of fields) {
    const key = errors[field];
    if (key !== undefined) problems[field] = { key };
  }
  return problems;
};

/** Moves focus to the first field of the form, in the order it shows them, that has a problem. */
export const focusFirstProblem = <F extends string>(
  problems: Partial<Record<F, FieldProblem>>,
  fields: ReadonlyArray<F>,
  inputs: Partial<Record<F, HTMLElement>>,
): void => {
  const first = fields.find((field) => problems[field] !== undefined);
  if (first !== undefined) inputs[first]?.focus();
};

/**
 * A failed write in words, in an alert: a `409 invalid-state` as `conflict` says it (by default: the admin's own
 * account may not be disabled); one's own request may not be approved; a `422` lists what the API said about fields
 * the form does not have; anything else as {@link ErrorMessage} says it.
 */
export const WriteError = (props: {
  readonly error: unknown;
  readonly fields?: ReadonlyArray<string>;
  /** The words for a `409 invalid-state` of this write. */
  readonly conflict?: string;
}) => {
  const { t } = useI18n();
  const other = () => placeProblems(problemFieldsOf(props.error), props.fields ?? [], adminPointer).others;
  return (
    <div role="alert">
      <Switch fallback={<ErrorMessage error={props.error} />}>
        <Match when={isCannotDisableSelf(props.error)}>
          <div class="error">
            <p>{props.conflict ?? t("admin.cannotDisableSelf")}</p>
          </div>
        </Match>
        <Match when={isSecondApproverRequired(props.error)}>
          <div class="error">
            <p>{t("admin.secondApproverRequired")}</p>
          </div>
        </Match>
        <Match when={other().length > 0}>
          <div class="error">
            <p>{t("error.validation")}</p>
            <ul>
              <For each={other()}>
                {(problem) => (
                  <li>
                    <code>{problem.path}</code> <span lang="en">{problem.message}</span>
                  </li>
                )}
              </For>
            </ul>
          </div>
        </Match>
      </Switch>
    </div>
  );
};

/**
 * A secret the API answers once (a new API key, a one-time password), in a clearly marked box: copy it now, it will
 * not be shown again. The secret lives only in the caller's signal: no storage, no query cache; leaving the page or
 * "Done" forgets it. Focus moves to the box so keyboard and screen-reader users find it at once.
 */
export const SecretOnce = (props: {
  readonly title: string;
  readonly label: string;
  readonly warning: string;
  readonly note?: string | undefined;
  readonly secret: string;
  readonly onDismiss: () => void;
}) => {
  const { t } = useI18n();
  const id = createUniqueId();
  const [copied, setCopied] = createSignal<"copied" | "manual">();
  let heading!: HTMLHeadingElement;
  let input!: HTMLInputElement;
  onMount(() => heading.focus());

  const copy = async () => {
    try {
      if (typeof navigator.clipboard?.writeText !== "function") throw new Error("No clipboard");
      await navigator.clipboard.writeText(props.secret);
      setCopied("copied");
    } catch {
      // No clipboard (an insecure origin, a refused permission): select the secret for Ctrl+C instead.
      input.focus();
      input.select();
      setCopied("manual");
    }
  };

  return (
    <section class="admin-once" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} tabindex="-1" ref={heading}>
        {props.title}
      </h3>
      <p id={`${id}-warning`} class="admin-once-warning">
        {props.warning}
      </p>
      <Show when={props.note}>{(note) => <p>{note()}</p>}</Show>
      <div class="field">
        <label for={`${id}-secret`}>{props.label}</label>
        <input
          ref={input}
          id={`${id}-secret`}
          class="admin-secret"
          type="text"
          readonly
          value={props.secret}
          autocomplete="off"
          spellcheck={false}
          aria-describedby={`${id}-warning`}
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <div class="admin-actions">
        <button type="button" class="button primary" onClick={() => void copy()}>
          {t("admin.copy")}
        </button>
        <button type="button" class="button secondary" onClick={() => props.onDismiss()}>
          {t("admin.secretDone")}
        </button>
      </div>
      <p class="small" role="status">
        {copied() === "copied" ? t("admin.copied") : copied() === "manual" ? t("admin.copyManually") : ""}
      </p>
    </section>
  );
};

/**
 * A weighty action behind a confirmation: the first button asks, the question says what will happen, and only
 * "yes" does it. "Cancel" and a success close the question; a failure keeps it open (the caller shows the error).
 * Destructive by default (red); `tone: "grant"` for one that gives access, such as an approval.
 */
export const ConfirmAction = (props: {
  readonly tone?: "destructive" | "grant";
  readonly label: string;
  /** The accessible name of the first button, naming what it acts on (e.g. which key). */
  readonly ariaLabel: string;
  readonly question: string;
  readonly confirmLabel: string;
  readonly pendingLabel: string;
  readonly onConfirm: () => Promise<unknown>;
}) => {
  const { t } = useI18n();
  const id = createUniqueId();
  const [isAsking, setAsking] = createSignal(false);
  const [isPending, setPending] = createSignal(false);
  let trigger: HTMLButtonElement | undefined;

  const confirm = async () => {
    if (isPending()) return;
    setPending(true);
    try {
      await props.onConfirm();
      setAsking(false);
    } catch {
      // The caller shows the error; the question stays so the user can try again or cancel.
    } finally {
      setPending(false);
    }
  };
  const cancel = () => {
    setAsking(false);
    queueMicrotask(() => trigger?.focus());
  };

  return (
    <Show
      when={isAsking()}
      fallback={
        <button
          ref={trigger}
          type="button"
          class={props.tone === "grant" ? "button secondary" : "button secondary danger"}
          aria-label={props.ariaLabel}
          onClick={() => setAsking(true)}
        >
          {props.label}
        </button>
      }
    >
      <div class="admin-confirm">
        <p id={`${id}-question`} tabindex="-1" ref={(element) => queueMicrotask(() => element.focus())}>
          {props.question}
        </p>
        <div class="admin-actions">
          <button
            type="button"
            class={props.tone === "grant" ? "button primary" : "button danger"}
            disabled={isPending()}
            aria-describedby={`${id}-question`}
            onClick={() => void confirm()}
          >
            {isPending() ? props.pendingLabel : props.confirmLabel}
          </button>
          <button type="button" class="button secondary" disabled={isPending()} onClick={cancel}>
            {t("admin.cancel")}
          </button>
        </div>
      </div>
    </Show>
  );
};
