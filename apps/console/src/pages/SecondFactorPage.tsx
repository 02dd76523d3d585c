import { createSignal, For, onMount, Show } from "solid-js";
import { useApi } from "../ApiContext.js";
import { classifyError, type SecondFactorEnrolment } from "../api.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { FormField } from "../components/FormField.js";
import { Page } from "../components/Page.js";
import { useI18n } from "../i18n/I18n.js";
import type { MessageKey } from "../i18n/nl.js";
import { useSession } from "../session.js";

/** Only an SVG document without scripts or event handlers is put into the page (it comes from our own API). */
const isPlainSvg = (svg: string): boolean => /^<svg[\s>]/.test(svg) && !/<script|\son\w+\s*=|javascript:/i.test(svg);

/** The secret in groups of four, as apps show it and people type it. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * Setting up the second factor, before anything else for the roles that need one: the QR code (and the secret as
 * text) for an authenticator app, a first code to confirm it, then the recovery codes, shown once, until the user
 * says they kept them.
 */
export const SecondFactorPage = () => {
  const { t } = useI18n();
  const api = useApi();
  const session = useSession();
  const [enrolment, setEnrolment] = createSignal<SecondFactorEnrolment>();
  const [startError, setStartError] = createSignal<unknown>();
  const [codeError, setCodeError] = createSignal<MessageKey>();
  const [failure, setFailure] = createSignal<unknown>();
  const [recoveryCodes, setRecoveryCodes] = createSignal<ReadonlyArray<string>>();
  const [isSubmitting, setSubmitting] = createSignal(false);
  let codeInput: HTMLInputElement | undefined;
  let codesHeading: HTMLHeadingElement | undefined;

  const start = async () => {
    setStartError(undefined);
    try {
      setEnrolment(await api.startSecondFactor());
    } catch (error) {
      setStartError(error);
    }
  };
  onMount(() => void start());

  const confirm = async (event: SubmitEvent) => {
    event.preventDefault();
    if (isSubmitting()) return;
    const code = codeInput?.value.trim() ?? "";
    setFailure(undefined);
    if (code === "") {
      setCodeError("factor.codeRequired");
      return codeInput?.focus();
    }
    setCodeError(undefined);
    setSubmitting(true);
    try {
      setRecoveryCodes(await api.confirmSecondFactor(code));
      queueMicrotask(() => codesHeading?.focus());
    } catch (error) {
      if (codeInput !== undefined) codeInput.value = "";
      if (classifyError(error).kind === "validation") setCodeError("factor.wrongCode");
      else setFailure(error);
      codeInput?.focus();
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Page title={t("factor.title")} intro={<p>{t("factor.intro")}</p>}>
      <Show
        when={recoveryCodes()}
        fallback={
          <>
            <Show when={startError()}>
              {(error) => (
                <div role="alert">
                  <ErrorMessage error={error()} onRetry={() => void start()} />
                </div>
              )}
            </Show>
            <Show when={failure()}>
              {(error) => (
                <div role="alert">
                  <ErrorMessage error={error()} />
                </div>
              )}
            </Show>
            <Show when={enrolment()} fallback={<p role="status">{t("factor.preparing")}</p>}>
              {(current) => (
                <form class="form narrow" onSubmit={confirm} noValidate aria-busy={isSubmitting()}>
                  <p>{t("factor.scan")}</p>
                  <Show when={isPlainSvg(current().qrCodeSvg)}>
                    <div class="qr-code" role="img" aria-label={t("factor.qrLabel")} innerHTML={current().qrCodeSvg} />
                  </Show>
                  <p>
                    {t("factor.secret")} <code class="secret">{grouped(current().secret)}</code>
                  </p>
                  <p>{t("factor.enter")}</p>
                  <FormField
                    id="factor-code"
                    label={t("factor.code")}
                    error={codeError() === undefined ? undefined : { text: t(codeError() as MessageKey) }}
                  >
                    {(aria) => (
                      <input
                        ref={codeInput}
                        id="factor-code"
                        name="code"
                        type="text"
                        inputmode="numeric"
                        autocomplete="one-time-code"
                        maxlength={7}
                        required
                        aria-invalid={aria.invalid()}
                        aria-describedby={aria.describedBy()}
                      />
                    )}
                  </FormField>
                  <button type="submit" class="button primary" disabled={isSubmitting()}>
                    {isSubmitting() ? t("factor.confirming") : t("factor.confirm")}
                  </button>
                </form>
              )}
            </Show>
          </>
        }
      >
        {(codes) => (
          <section aria-labelledby="factor-codes-title">
            <h2 id="factor-codes-title" tabindex="-1" ref={codesHeading}>
              {t("factor.codesTitle")}
            </h2>
            <p>{t("factor.codesIntro")}</p>
            <ul class="recovery-codes" aria-label={t("factor.codesLabel")}>
              <For each={codes()}>
                {(code) => (
                  <li>
                    <code>{code}</code>
                  </li>
                )}
              </For>
            </ul>
            <button type="button" class="button primary" onClick={() => void session.refresh()}>
              {t("factor.done")}
            </button>
          </section>
        )}
      </Show>
    </Page>
  );
};
