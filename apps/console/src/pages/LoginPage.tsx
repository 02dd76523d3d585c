import { createSignal, onMount, Show } from "solid-js";
import { classifyError } from "../api.js";
import { FormField } from "../components/FormField.js";
import { Page } from "../components/Page.js";
import { errorText } from "../errors.js";
import { useI18n } from "../i18n/I18n.js";
import type { MessageKey } from "../i18n/nl.js";
import { useSession } from "../session.js";

interface FieldErrors {
  email?: MessageKey;
  password?: MessageKey;
  code?: MessageKey;
}

/** The login's steps: the password, then (for a user with a second factor) the app's code or a recovery code. */
type Step = "password" | "code" | "recovery";

/**
 * E-mail and password, then for a user with a second factor the code from their authenticator app (or one of their
 * recovery codes). Wrong credentials, a wrong code and a locked account (with the minutes to wait) are told apart;
 * the message is announced and focused. The password is kept only in the form, until the code step ends.
 */
export const LoginPage = () => {
  const { t } = useI18n();
  const session = useSession();
  const [fieldErrors, setFieldErrors] = createSignal<FieldErrors>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [isSubmitting, setSubmitting] = createSignal(false);
  const [step, setStep] = createSignal<Step>("password");
  let emailInput!: HTMLInputElement;
  let passwordInput!: HTMLInputElement;
  let codeInput: HTMLInputElement | undefined;
  let alertBox: HTMLDivElement | undefined;

  const switchStep = (next: Step) => {
    setStep(next);
    setFieldErrors({});
    setFailure(undefined);
    queueMicrotask(() => codeInput?.focus());
  };

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
    const code = codeInput?.value.trim() ?? "";
    const errors: FieldErrors = {
      ...(email === "" ? { email: "login.emailRequired" } : {}),
      ...(password === "" ? { password: "login.passwordRequired" } : {}),
      ...(step() !== "password" && code === ""
        ? { code: step() === "code" ? "login.codeRequired" : "login.recoveryCodeRequired" }
        : {}),
    };
    setFieldErrors(errors);
    setFailure(undefined);
    if (errors.email !== undefined) return emailInput.focus();
    if (errors.password !== undefined) return passwordInput.focus();
    if (errors.code !== undefined) return codeInput?.focus();
    setSubmitting(true);
    try {
      await session.login({
        email,
        password,
        ...(step() === "code" ? { code } : {}),
        ...(step() === "recovery" ? { recoveryCode: code } : {}),
      });
    } catch (error) {
      const kind = classifyError(error, "login").kind;
      if (kind === "second_factor_required") {
        switchStep("code");
        return;
      }
      if (codeInput !== undefined) codeInput.value = "";
      if (kind === "invalid_second_factor") {
        setFailure(error);
        alertBox?.focus();
        return;
      }
      passwordInput.value = "";
      setStep("password");
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
        <div class="field" hidden={step() !== "password"}>
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
        <div class="field" hidden={step() !== "password"}>
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
        <Show when={step() !== "password"}>
          <p role="status">{t("login.codeIntro")}</p>
          <FormField
            id="login-code"
            label={t(step() === "code" ? "login.code" : "login.recoveryCode")}
            hint={t(step() === "code" ? "login.codeHint" : "login.recoveryCodeHint")}
            error={fieldErrors().code === undefined ? undefined : { text: t(fieldErrors().code as MessageKey) }}
          >
            {(aria) => (
              <input
                ref={codeInput}
                id="login-code"
                name={step() === "code" ? "code" : "recoveryCode"}
                type="text"
                inputmode={step() === "code" ? "numeric" : "text"}
                autocomplete="one-time-code"
                autocapitalize="none"
                spellcheck={false}
                maxlength={step() === "code" ? 7 : 64}
                required
                aria-invalid={aria.invalid()}
                aria-describedby={aria.describedBy()}
              />
            )}
          </FormField>
        </Show>
        <button type="submit" class="button primary" disabled={isSubmitting()}>
          {isSubmitting() ? t("login.submitting") : t("login.submit")}
        </button>
        <Show when={step() !== "password"}>
          <button type="button" class="button link" onClick={() => switchStep(step() === "code" ? "recovery" : "code")}>
            {t(step() === "code" ? "login.useRecoveryCode" : "login.useCode")}
          </button>
        </Show>
      </form>
    </Page>
  );
};
