import { Route, Router } from "@solidjs/router";
import { type QueryClient, QueryClientProvider } from "@tanstack/solid-query";
import type { Component } from "solid-js";
import { ApiProvider } from "./ApiContext.js";
import { type FeatureRoute, navItems, type PageId } from "./access.js";
import type { ConsoleApi } from "./api.js";
import { type LazyPage, lazyPage } from "./components/LazyPage.js";
import { I18nProvider } from "./i18n/I18n.js";
import type { Lang } from "./i18n/translate.js";
import { ChangePasswordPage } from "./pages/ChangePasswordPage.js";
import { DashboardPage } from "./pages/DashboardPage.js";
import { NotFoundPage, RequirePage } from "./pages/SimplePages.js";
import { Shell } from "./Shell.js";
import { SessionProvider } from "./session.js";

// Every page but the dashboard (where the console starts) loads its code when first opened: see `lazyPage`.
const RegistrationsPage = lazyPage(() =>
  import("./pages/RegistrationsPage.js").then((module) => module.RegistrationsPage),
);
const RegistrationDetailPage = lazyPage(() =>
  import("./pages/RegistrationsPage.js").then((module) => module.RegistrationDetailPage),
);
const NewRegistrationPage = lazyPage(() =>
  import("./pages/RegistrationFormPages.js").then((module) => module.NewRegistrationPage),
);
const EditRegistrationPage = lazyPage(() =>
  import("./pages/RegistrationFormPages.js").then((module) => module.EditRegistrationPage),
);
const DuplicatesPage = lazyPage(() => import("./pages/DuplicatesPage.js").then((module) => module.DuplicatesPage));
const DuplicateDetailPage = lazyPage(() =>
  import("./pages/DuplicatesPage.js").then((module) => module.DuplicateDetailPage),
);
const SheltersPage = lazyPage(() => import("./pages/SheltersPage.js").then((module) => module.SheltersPage));
const ShelterRequestPage = lazyPage(() =>
  import("./pages/ShelterRequestPage.js").then((module) => module.ShelterRequestPage),
);
const ReportsPage = lazyPage(() => import("./pages/ReportsPage.js").then((module) => module.ReportsPage));
const OrganisationsPage = lazyPage(() =>
  import("./pages/AdminOrganisations.js").then((module) => module.OrganisationsPage),
);
const OrganisationDetailPage = lazyPage(() =>
  import("./pages/AdminOrganisations.js").then((module) => module.OrganisationDetailPage),
);
const UsersPage = lazyPage(() => import("./pages/AdminUsers.js").then((module) => module.UsersPage));
const TasksPage = lazyPage(() => import("./features/followUps/TasksPage.js").then((module) => module.TasksPage));
const AuditPage = lazyPage(() => import("./pages/AuditPage.js").then((module) => module.AuditPage));
const ReferralInboxPage = lazyPage(() =>
  import("./features/referrals/ReferralInboxPage.js").then((module) => module.ReferralInboxPage),
);

/** What each menu page shows. */
const pages: { readonly [P in PageId]: Component } = {
  dashboard: DashboardPage,
  tasks: TasksPage,
  registrations: RegistrationsPage,
  duplicates: DuplicatesPage,
  shelters: SheltersPage,
  reports: ReportsPage,
  organisations: OrganisationsPage,
  users: UsersPage,
  audit: AuditPage,
  referrals: ReferralInboxPage,
};

/** The other pages, each guarded like its menu page. Other pages link to `/shelters/requests/:id`. */
const featureRoutes: ReadonlyArray<FeatureRoute> = [
  { path: "/registrations/:id", page: "registrations", component: RegistrationDetailPage },
  { path: "/registrations/new", page: "registrations", component: NewRegistrationPage },
  { path: "/registrations/:id/edit", page: "registrations", component: EditRegistrationPage },
  { path: "/duplicates/:id", page: "duplicates", component: DuplicateDetailPage },
  { path: "/shelters/requests/:id", page: "shelters", component: ShelterRequestPage },
  { path: "/organisations/:id", page: "organisations", component: OrganisationDetailPage },
];

/**
 * `Content` for the roles that may open `page`. A lazy page's `preload` is passed on, so that the router loads its code
 * when a link to it is hovered or focused.
 */
const guarded = (page: PageId, Content: Component | LazyPage): Component => {
  const Guarded: Component = () => (
    <RequirePage page={page}>
      <Content />
    </RequirePage>
  );
  return "preload" in Content ? Object.assign(Guarded, { preload: Content.preload }) : Guarded;
};

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
              {navItems.map((item) => (
                <Route path={item.path} component={guarded(item.id, pages[item.id])} />
              ))}
              {featureRoutes.map((route) => (
                <Route path={route.path} component={guarded(route.page, route.component)} />
              ))}
              <Route path="/account/password" component={() => <ChangePasswordPage />} />
              <Route path="*" component={NotFoundPage} />
            </Router>
          </SessionProvider>
        </QueryClientProvider>
      </ApiProvider>
    </I18nProvider>
  );
};
