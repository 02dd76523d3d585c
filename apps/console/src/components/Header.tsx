import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { useI18n } from "../i18n/I18n.js";
import { useSession } from "../session.js";
import { LanguageSwitch } from "./LanguageSwitch.js";
import { UserMenu } from "./UserMenu.js";

/** The skip link, the brand, the language switch and, when signed in, the user menu. */
export const Header = () => {
  const { t } = useI18n();
  const session = useSession();
  return (
    <>
      <a class="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header class="site-header">
        <A href="/" class="brand" end>
          {t("app.name")}
        </A>
        <div class="header-tools">
          <LanguageSwitch />
          <Show when={session.user()}>{(user) => <UserMenu user={user()} />}</Show>
        </div>
      </header>
    </>
  );
};
