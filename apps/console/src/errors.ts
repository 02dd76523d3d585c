import type { ErrorInfo } from "./api.js";
import { minutesToWait } from "./format.js";
import type { MessageKey } from "./i18n/nl.js";

/** The text key and values that explain an error to the user. */
export interface ErrorText {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string | number>>;
}

const generic: { readonly [K in ErrorInfo["kind"]]: MessageKey } = {
  invalid_credentials: "login.invalidCredentials",
  second_factor_required: "login.codeRequired",
  invalid_second_factor: "login.invalidCode",
  locked: "login.lockedUnknown",
  unauthorized: "error.unauthorized",
  forbidden: "error.forbidden",
  not_found: "error.notFound",
  validation: "error.validation",
  rate_limited: "error.rateLimited",
  unavailable: "error.unavailable",
  network: "error.network",
  timeout: "error.timeout",
  unknown: "error.unknown",
};

/** What to tell the user about an error, e.g. a locked account with the minutes to wait. */
export const errorText = (info: ErrorInfo): ErrorText => {
  if (info.kind === "locked" && info.retryAfterSeconds !== undefined) {
    const minutes = minutesToWait(info.retryAfterSeconds);
    return minutes === 1 ? { key: "login.lockedOne" } : { key: "login.lockedMany", params: { minutes } };
  }
  return { key: generic[info.kind] };
};
