import { createSignal, For, onMount, Show } from "solid-js";
import { useApi } from "../ApiContext.js";
import { classifyError, type ErrorInfo } from "../api.js";
import { Page } from "../components/Page.js";
import { errorText } from "../errors.js";
import { useI18n } from "../i18n/I18n.js";
import type { MessageKey } from "../i18n/nl.js";
import { useSession } from "../session.js";

type Field = "current" | "new" | "confirm";
type FieldErrors = Partial<Record<Field, MessageKey>>;

/** Whether a problem field (`/currentPassword`) is about the current password. */
const isCurrentPasswordPath = (path: string): boolean => /current/i.test(path);

/**
 * Choosing a new password: forced (`mustChangePassword`) before anything else, or from the user menu. The API's rule
 * violations (a `422` with `errors`) are listed as it words them.
 */
export const ChangePasswordPage = (props: { forced?: boolean }) => {
  const { t } = useI18n();
  const api = useApi();
  const session = useSession();
  const [fieldErrors, setFieldErrors] = createSignal<FieldErrors>({});
  const [failure, setFailure] = createSignal<ErrorInfo>();
  const [isSaved, setSaved] = createSignal(false);
  const [isSubmitting, setSubmitting] = createSignal(false);
  const inputs: Record<Field, HTMLInputElement | undefined> = {
    current: undefined,
    new: undefined,
    confirm: undefined,
  };
  let alertBox: HTMLDivElement | undefined;

  onMount(() => {
    if (props.forced === true) inputs.current?.focus();
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (isSubmitting()) return;
    const currentPassword = inputs.current?.value ?? "";
    const newPassword = inputs.new?.value ?? "";
    const confirmation = inputs.confirm?.value ?? "";
    const errors: FieldErrors = {
      ...(currentPassword === "" ? { current: "password.required" } : {}),
      ...(newPassword === "" ? { new: "password.required" } : {}),
      ...(confirmation === "" ? { confirm: "password.required" } : {}),
    };
    if (errors.new === undefined && errors.confirm === undefined && newPassword !== confirmation) {
      errors.confirm = "password.mismatch";
    }
    setFieldErrors(errors);
    setFailure(undefined);
    setSaved(false);
    const firstInvalid = (["current", "new", "confirm"] as const).find((field) => errors[field] !== undefined);
    if (firstInvalid !== undefined) return inputs[firstInvalid]?.focus();

    setSubmitting(true);
    try {
      await api.changePassword({ currentPassword, newPassword });
      for (const input of Object.values(inputs)) if (input !== undefined) input.value = "";
      setSaved(true);
      await session.refresh();
    } catch (error) {
      const info = classifyError(error);
      if (info.kind === "validation" && info.fields.some((field) => isCurrentPasswordPath(field.path))) {
        setFieldErrors({ current: "password.wrongCurrent" });
      }
      setFailure(info);
      alertBox?.focus();
    } finally {
      setSubmitting(false);
    }
  };

  const failureFields = () => (failure()?.fields ?? []).filter((field) => !isCurrentPasswordPath(field.path));
  const failureText = () => {
    const info = failure();
    if (info === undefined) return "";
    if (info.kind === "validation") {
      if (failureFields().length > 0) return t("password.rejected");
      if (info.fields.some((field) => isCurrentPasswordPath(field.path))) return t("password.wrongCurrent");
    }
    const { key, params } = errorText(info);
    return t(key, params);
  };

  const field = (name: Field, label: MessageKey, autocomplete: string, hint?: MessageKey) => {
    const id = `password-${name}`;
    const describedBy = () =>
      [hint === undefined ? "" : `${id}-hint`, fieldErrors()[name] === undefined ? "" : `${id}-error`]
        .filter((part) => part !== "")
        .join(" ") || undefined;
    return (
      <div class="field">
        <label for={id}>{t(label)}</label>
        <Show when={hint}>
          {(key) => (
            <p id={`${id}-hint`} class="hint">
              {t(key())}
            </p>
          )}
        </Show>
        <input
          ref={(element) => {
            inputs[name] = element;
          }}
          id={id}
          name={name === "current" ? "current-password" : name === "new" ? "new-password" : "confirm-password"}
          type="password"
          autocomplete={autocomplete}
          required
          aria-invalid={fieldErrors()[name] !== undefined}
          aria-describedby={describedBy()}
        />
        <Show when={fieldErrors()[name]}>
          {(key) => (
            <p id={`${id}-error`} class="field-error">
              {t(key())}
            </p>
          )}
        </Show>
      </div>
    );
  };

  return (
    <Page
      title={t("password.title")}
      intro={<p>{props.forced === true ? t("password.forcedIntro") : t("password.intro")}</p>}
    >
      <Show when={failure()}>
        <div class="alert" role="alert" tabindex="-1" ref={alertBox}>
          <h2 class="alert-title">{t("password.errorHeading")}</h2>
          <p>{failureText()}</p>
          <Show when={failureFields().length > 0}>
            <ul>
              {/* The API words its rules in English. */}
              <For each={failureFields()}>{(problem) => <li lang="en">{problem.message}</li>}</For>
            </ul>
          </Show>
        </div>
      </Show>
      <p class="success" role="status">
        {isSaved() ? t("password.saved") : ""}
      </p>
      <form class="form narrow" onSubmit={submit} noValidate aria-busy={isSubmitting()}>
        {/* Lets password managers store the new password with the right account. */}
        <input
          type="text"
          name="username"
          autocomplete="username"
          value={session.user()?.email ?? ""}
          hidden
          readOnly
        />
        {field("current", "password.current", "current-password")}
        {field("new", "password.new", "new-password", "password.hint")}
        {field("confirm", "password.confirm", "new-password")}
        <button type="submit" class="button primary" disabled={isSubmitting()}>
          {isSubmitting() ? t("password.submitting") : t("password.submit")}
        </button>
      </form>
    </Page>
  );
};
