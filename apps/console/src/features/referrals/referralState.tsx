import { Referral as Labels } from "@comensha/domain/labels";
import { Show } from "solid-js";
import type { Lang } from "../../i18n/translate.js";
import type { ReceivedReferral } from "./referralsApi.js";

/** What the receiver answered, in words: the decline reason and the reported outcome, as far as there are any. */
export const answerText = (referral: Pick<ReceivedReferral, "declineReason" | "outcome">, lang: Lang): string =>
  [
    referral.declineReason === null ? undefined : Labels.declineReasonCodeList.label(referral.declineReason, lang),
    referral.outcome === null ? undefined : Labels.outcomeCodeList.label(referral.outcome, lang),
  ]
    .filter((part) => part !== undefined)
    .join(" · ");

/** A referral's state, and the receiver's answer after it in brackets when there is one. */
export const ReferralState = (props: {
  readonly referral: Pick<ReceivedReferral, "state" | "declineReason" | "outcome">;
  readonly lang: Lang;
}) => (
  <>
    <span class="status">{Labels.stateCodeList.label(props.referral.state, props.lang)}</span>
    <Show when={answerText(props.referral, props.lang) !== ""}> ({answerText(props.referral, props.lang)})</Show>
  </>
);
