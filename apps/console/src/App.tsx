import { Route, Router } from "@solidjs/router";
import { type QueryClient, QueryClientProvider } from "@tanstack/solid-query";
import type { Component } from "solid-js";
import { ApiProvider } from "./ApiContext.js";
import { type FeatureRoute, navItems, type PageId } from "./access.js";
import type { ConsoleApi } from "./api.js";
import { I18nProvider } from "./i18n/I18n.js";
import type { Lang } from "./i18n/translate.js";
import { adminRoutes, OrganisationsPage, UsersPage } from "./pages/AdminPages.js";
import { AuditPage } from "./pages/AuditPage.js";
import { ChangePasswordPage } from "./pages/ChangePasswordPage.js";
import { DashboardPage } from "./pages/DashboardPage.js";
import { DuplicatesPage, duplicateRoutes } from "./pages/DuplicatesPage.js";
import { registrationFormRoutes } from "./pages/RegistrationFormPages.js";
import { RegistrationDetailPage, RegistrationsPage } from "./pages/RegistrationsPage.js";
import { ReportsPage } from "./pages/ReportsPage.js";
import { SheltersPage, shelterRoutes } from "./pages/SheltersPage.js";
import { NotFoundPage, RequirePage } from "./pages/SimplePages.js";
import { Shell } from "./Shell.js";
import { SessionProvider } from "./session.js";

/** What each menu page shows. */
const pages: { readonly [P in PageId]: Component } = {
  dashboard: DashboardPage,
  registrations: RegistrationsPage,
  duplicates: DuplicatesPage,
  shelters: SheltersPage,
  reports: ReportsPage,
  organisations: OrganisationsPage,
  users: UsersPage,
  audit: AuditPage,
};

/** The other pages, each guarded like its menu page. */
const featureRoutes: ReadonlyArray<FeatureRoute> = [
  { path: "/registrations/:id", page: "registrations", component: RegistrationDetailPage },
  ...registrationFormRoutes,
  ...duplicateRoutes,
  ...shelterRoutes,
  ...adminRoutes,
];

/**
 * The console: providers, then the routes inside the {@link Shell}, each page guarded by its roles. The API, the query
 * client and the first language are read once: Solid props are getters, and these must not be made again.
 */
export const App = (props: { api: ConsoleApi; queryClient: QueryClient; initialLang?: Lang }) => {
  const { api, queryClient, initialLang } = props;
  return (
    <I18nProvider {...(initialLang === undefined ? {} : { initialLang })}>
      <ApiProvider api={api}>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <Router root={Shell}>
              {navItems.map((item) => {
                const Content = pages[item.id];
                return (
                  <Route
                    path={item.path}
                    component={() => (
                      <RequirePage page={item.id}>
                        <Content />
                      </RequirePage>
                    )}
                  />
                );
              })}
              {featureRoutes.map((route) => {
                const Content = route.component;
                return (
                  <Route
                    path={route.path}
                    component={() => (
                      <RequirePage page={route.page}>
                        <Content />
                      </RequirePage>
                    )}
                  />
                );
              })}
              <Route path="/account/password" component={() => <ChangePasswordPage />} />
              <Route path="*" component={NotFoundPage} />
            </Router>
          </SessionProvider>
        </QueryClientProvider>
      </ApiProvider>
    </I18nProvider>
  );
};
