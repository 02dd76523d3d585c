import { type RouteSectionProps, useLocation } from "@solidjs/router";
import { createEffect, Match, on, Switch } from "solid-js";
import { ErrorMessage } from "./components/ErrorMessage.js";
import { Header } from "./components/Header.js";
import { Nav } from "./components/Nav.js";
import { focusPageHeading } from "./components/Page.js";
import { useI18n } from "./i18n/I18n.js";
import { ChangePasswordPage } from "./pages/ChangePasswordPage.js";
import { LoginPage } from "./pages/LoginPage.js";
import { SecondFactorPage } from "./pages/SecondFactorPage.js";
import { useSession } from "./session.js";

/**
 * The frame of every page: header, navigation, main. Until the session is known it shows "loading"; signed out, the
 * login page (at any URL, which it keeps); with `mustChangePassword`, the password page before anything else, then
 * for a role that needs a second factor and has none yet, its set-up.
 */
export const Shell = (props: RouteSectionProps) => {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  const state = session.state;
  const failed = () => {
    const current = state();
    return current.status === "error" ? current : undefined;
  };

  // After navigating, start at the new page's heading (not on the first load: the page starts at the top anyway).
  createEffect(on(() => location.pathname, focusPageHeading, { defer: true }));

  return (
    <>
      <Header />
      <Switch>
        <Match when={state().status === "loading"}>
          <main id="main" class="main centred" tabindex="-1">
            <p role="status">{t("app.loading")}</p>
          </main>
        </Match>
        <Match when={failed()}>
          {(failed) => (
            <main id="main" class="main centred" tabindex="-1">
              <div role="alert">
                <ErrorMessage error={failed().error} onRetry={failed().retry} />
              </div>
            </main>
          )}
        </Match>
        <Match when={state().status === "anonymous"}>
          <main id="main" class="main centred" tabindex="-1">
            <LoginPage />
          </main>
        </Match>
        <Match when={session.user()?.mustChangePassword === true}>
          <main id="main" class="main centred" tabindex="-1">
            <ChangePasswordPage forced />
          </main>
        </Match>
        <Match when={session.user()?.secondFactorRequired === true && session.user()?.secondFactorEnrolled !== true}>
          <main id="main" class="main centred" tabindex="-1">
            <SecondFactorPage />
          </main>
        </Match>
        <Match when={session.user()}>
          {(user) => (
            <div class="layout">
              <Nav role={user().role} />
              <main id="main" class="main" tabindex="-1">
                {props.children}
              </main>
            </div>
          )}
        </Match>
      </Switch>
    </>
  );
};
