import { type JSX, Show } from "solid-js";
import { useI18n } from "../i18n/I18n.js";
import type { MessageKey } from "../i18n/nl.js";

/**
 * A card about a person's case on a registration's page (its status, notes, referrals): a heading, an intro, and
 * the body for the person, or a note that the registration has no person yet.
 */
export const PersonCaseCard = (props: {
  /** The heading's id, for `aria-labelledby`. */
  readonly id: string;
  readonly title: MessageKey;
  readonly intro: MessageKey;
  readonly personId: string | undefined;
  readonly children: (personId: string) => JSX.Element;
}) => {
  const { t } = useI18n();
  return (
    <section class="card wide" aria-labelledby={props.id}>
      <h2 id={props.id}>{t(props.title)}</h2>
      <p>{t(props.intro)}</p>
      <Show when={props.personId} fallback={<p class="muted">{t("caseStatus.noPerson")}</p>}>
        {(personId) => props.children(personId())}
      </Show>
    </section>
  );
};
