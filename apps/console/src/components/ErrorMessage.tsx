import { Show } from "solid-js";
import { classifyError } from "../api.js";
import { errorText } from "../errors.js";
import { useI18n } from "../i18n/I18n.js";

/** An error in words, the request id to quote, and a retry button when retrying may help. */
export const ErrorMessage = (props: { error: unknown; onRetry?: (() => void) | undefined }) => {
  const { t } = useI18n();
  const info = () => classifyError(props.error);
  const text = () => {
    const { key, params } = errorText(info());
    return t(key, params);
  };
  return (
    <div class="error">
      <p>{text()}</p>
      <Show when={info().requestId}>{(id) => <p class="muted small">{t("error.requestId", { id: id() })}</p>}</Show>
      <Show when={props.onRetry}>
        {(retry) => (
          <button type="button" class="button secondary" onClick={() => retry()()}>
            {t("app.retry")}
          </button>
        )}
      </Show>
    </div>
  );
};
