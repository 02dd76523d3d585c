import { A } from "@solidjs/router";
import { For } from "solid-js";
import { visibleNavItems } from "../access.js";
import type { Role } from "../api.js";
import { useI18n } from "../i18n/I18n.js";

/** The pages the user's role may open; the current one is marked `aria-current="page"`. */
export const Nav = (props: { role: Role }) => {
  const { t } = useI18n();
  return (
    <nav class="site-nav" aria-label={t("nav.label")}>
      <ul>
        <For each={visibleNavItems(props.role)}>
          {(item) => (
            <li>
              <A href={item.path} end={item.path === "/"} activeClass="active">
                {t(item.label)}
              </A>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
};
