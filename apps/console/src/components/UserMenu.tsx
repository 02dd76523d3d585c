import { A, useNavigate } from "@solidjs/router";
import { createSignal, onCleanup, onMount } from "solid-js";
import type { User } from "../api.js";
import { useI18n } from "../i18n/I18n.js";
import { useSession } from "../session.js";

/**
 * The signed-in user's name and role, a logout button, and a disclosure menu with "change password" and "log out
 * everywhere" (on a small screen "log out" moves into the menu). Escape or a click elsewhere closes the menu.
 */
export const UserMenu = (props: { user: User }) => {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [isOpen, setOpen] = createSignal(false);
  const [isBusy, setBusy] = createSignal(false);
  const [hasFailed, setFailed] = createSignal(false);
  let root: HTMLDivElement | undefined;
  let toggle: HTMLButtonElement | undefined;

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) toggle?.focus();
  };

  onMount(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (isOpen() && root !== undefined && !root.contains(event.target as Node)) close(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && isOpen()) close(root?.contains(document.activeElement) === true);
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    onCleanup(() => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    });
  });

  const logout = async (everywhere: boolean) => {
    setBusy(true);
    setFailed(false);
    try {
      await session.logout({ everywhere });
      // Whoever logs in next starts at the dashboard, not on the page the last user left open.
      navigate("/", { replace: true });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="user-menu" ref={root}>
      <button
        ref={toggle}
        type="button"
        class="button ghost user-toggle"
        aria-expanded={isOpen()}
        aria-controls="user-menu-panel"
        onClick={() => setOpen(!isOpen())}
      >
        <span class="visually-hidden">{t("user.menu")}: </span>
        <span class="user-name">{props.user.name}</span>
        <span class="user-role">{t(`role.${props.user.role}`)}</span>
      </button>
      <button type="button" class="button ghost user-logout" disabled={isBusy()} onClick={() => void logout(false)}>
        {isBusy() ? t("user.loggingOut") : t("user.logout")}
      </button>
      <div id="user-menu-panel" class="user-menu-panel" hidden={!isOpen()}>
        <p class="muted small">{props.user.email}</p>
        <ul>
          {/* On a small screen the header has no room for "log out": it is here instead (see styles.css). */}
          <li class="user-menu-logout">
            <button type="button" class="button primary" disabled={isBusy()} onClick={() => void logout(false)}>
              {isBusy() ? t("user.loggingOut") : t("user.logout")}
            </button>
          </li>
          <li>
            <A href="/account/password" onClick={() => close(false)}>
              {t("user.changePassword")}
            </A>
          </li>
          <li>
            <button
              type="button"
              class="button secondary"
              disabled={isBusy()}
              aria-describedby="logout-all-hint"
              onClick={() => void logout(true)}
            >
              {t("user.logoutAll")}
            </button>
            <p id="logout-all-hint" class="muted small">
              {t("user.logoutAllHint")}
            </p>
          </li>
        </ul>
      </div>
      <p class="header-alert" role="alert">
        {hasFailed() ? t("user.logoutFailed") : ""}
      </p>
    </div>
  );
};
