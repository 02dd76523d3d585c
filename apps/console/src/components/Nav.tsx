import { A, useLocation } from "@solidjs/router";
import { createEffect, createSignal, For, on, onCleanup, onMount } from "solid-js";
import { visibleNavItems } from "../access.js";
import type { Role } from "../api.js";
import { useI18n } from "../i18n/I18n.js";

/**
 * The pages the user's role may open; the current one is marked `aria-current="page"`. On a small screen the list
 * folds away behind a button named like the menu (a disclosure: `aria-expanded`), so the page starts near the top; choosing a
 * page, Escape or another route closes it again. On a wide screen the button is hidden and the list always shows.
 */
export const Nav = (props: { role: Role }) => {
  const { t } = useI18n();
  const location = useLocation();
  const [isOpen, setOpen] = createSignal(false);
  let root: HTMLElement | undefined;
  let toggle: HTMLButtonElement | undefined;

  createEffect(
    on(
      () => location.pathname,
      () => setOpen(false),
      { defer: true },
    ),
  );
  onMount(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !isOpen()) return;
      const hadFocus = root?.contains(document.activeElement) === true;
      setOpen(false);
      if (hadFocus) toggle?.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    onCleanup(() => document.removeEventListener("keydown", onKeyDown));
  });

  return (
    <nav ref={root} class="site-nav" aria-label={t("nav.label")}>
      <button
        ref={toggle}
        type="button"
        class="button secondary nav-toggle"
        aria-expanded={isOpen()}
        aria-controls="site-nav-list"
        onClick={() => setOpen(!isOpen())}
      >
        <span class="nav-toggle-icon" aria-hidden="true" />
        {t("nav.label")}
      </button>
      <ul id="site-nav-list" classList={{ "is-open": isOpen() }}>
        <For each={visibleNavItems(props.role)}>
          {(item) => (
            <li>
              <A href={item.path} end={item.path === "/"} activeClass="active" onClick={() => setOpen(false)}>
                {t(item.label)}
              </A>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
};
