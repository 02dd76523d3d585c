import { A } from "@solidjs/router";
import { type ParentProps, Show } from "solid-js";
import { canOpen, type PageId } from "../access.js";
import { Page } from "../components/Page.js";
import { useI18n } from "../i18n/I18n.js";
import type { MessageKey } from "../i18n/nl.js";
import { useSession } from "../session.js";

/** A page still to be built: its title and a note that it is coming. */
export const ComingPage = (props: { title: MessageKey }) => {
  const { t } = useI18n();
  return (
    <Page title={t(props.title)}>
      <p>{t("page.comingText")}</p>
    </Page>
  );
};

export const NotFoundPage = () => {
  const { t } = useI18n();
  return (
    <Page title={t("page.notFoundTitle")}>
      <p>{t("page.notFoundText")}</p>
      <A href="/">{t("page.toDashboard")}</A>
    </Page>
  );
};

export const ForbiddenPage = () => {
  const { t } = useI18n();
  return (
    <Page title={t("page.forbiddenTitle")}>
      <p>{t("page.forbiddenText")}</p>
      <A href="/">{t("page.toDashboard")}</A>
    </Page>
  );
};

/** Shows its page only to roles that may open it (a typed URL too); the API enforces the same rule. */
export const RequirePage = (props: ParentProps<{ page: PageId }>) => {
  const session = useSession();
  const isAllowed = () => {
    const user = session.user();
    return user !== undefined && canOpen(user.role, props.page);
  };
  return (
    <Show when={isAllowed()} fallback={<ForbiddenPage />}>
      {props.children}
    </Show>
  );
};
