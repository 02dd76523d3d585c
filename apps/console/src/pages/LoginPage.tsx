import { createSignal, onMount, Show } from "solid-js";
import { classifyError } from "../api.js";
import { Page } from "../components/Page.js";
import { errorText } from "../errors.js";
import { useI18n } from "../i18n/I18n.js";
import type { MessageKey } from "../i18n/nl.js";
import { useSession } from "../session.js";

interface FieldErrors {
  email?: MessageKey;
  password?: MessageKey;
}

/**
 * E-mail and password. Wrong credentials and a locked account (with the minutes to wait) are told apart; the message
 * is announced and focused. The password is never kept beyond the form.
 */
export const LoginPage = () => {
  const { t } = useI18n();
  const session = useSession();
  const [fieldErrors, setFieldErrors] = createSignal<FieldErrors>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [isSubmitting, setSubmitting] = createSignal(false);
  let emailInput!: HTMLInputElement;
  let passwordInput!: HTMLInputElement;
  let alertBox: HTMLDivElement | undefined;

  onMount(() => emailInput.focus());

  const failureText = () => {
    const error = failure();
    if (error === undefined) return undefined;
    const { key, params } = errorText(classifyError(error, "login"));
    return t(key, params);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (isSubmitting()) return;
    const email = emailInput.value.trim();
    const password = passwordInput.value;
    const errors: FieldErrors = {
      ...(email === "" ? { email: "login.emailRequired" } : {}),
      ...(password === "" ? { password: "login.passwordRequired" } : {}),
    };
    setFieldErrors(errors);
    setFailure(undefined);
    if (errors.email !== undefined) return emailInput.focus();
    if (errors.password !== undefined) return passwordInput.focus();
    setSubmitting(true);
    try {
      await session.login({ email, password });
    } catch (error) {
      passwordInput.value = "";
      setFailure(error);
      alertBox?.focus();
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Page title={t("login.title")} intro={<p>{t("login.intro")}</p>}>
      <Show when={failureText()}>
        {(text) => (
          <div class="alert" role="alert" tabindex="-1" ref={alertBox}>
            <h2 class="alert-title">{t("login.errorHeading")}</h2>
            <p>{text()}</p>
          </div>
        )}
      </Show>
      <form class="form narrow" onSubmit={submit} noValidate aria-busy={isSubmitting()}>
        <div class="field">
          <label for="login-email">{t("login.email")}</label>
          <input
            ref={emailInput}
            id="login-email"
            name="email"
            type="email"
            inputmode="email"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            required
            aria-invalid={fieldErrors().email !== undefined}
            aria-describedby={fieldErrors().email === undefined ? undefined : "login-email-error"}
          />
          <Show when={fieldErrors().email}>
            {(key) => (
              <p id="login-email-error" class="field-error">
                {t(key())}
              </p>
            )}
          </Show>
        </div>
        <div class="field">
          <label for="login-password">{t("login.password")}</label>
          <input
            ref={passwordInput}
            id="login-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid={fieldErrors().password !== undefined}
            aria-describedby={fieldErrors().password === undefined ? undefined : "login-password-error"}
          />
          <Show when={fieldErrors().password}>
            {(key) => (
              <p id="login-password-error" class="field-error">
                {t(key())}
              </p>
            )}
          </Show>
        </div>
        <button type="submit" class="button primary" disabled={isSubmitting()}>
          {isSubmitting() ? t("login.submitting") : t("login.submit")}
        </button>
      </form>
    </Page>
  );
};
