import type { Component } from "solid-js";
import type { Role } from "./api.js";
import type { MessageKey } from "./i18n/nl.js";

/** The console's pages. */
export type PageId =
  | "dashboard"
  | "registrations"
  | "tasks"
  | "duplicates"
  | "shelters"
  | "reports"
  | "organisations"
  | "users"
  | "audit"
  | "referrals";

export interface NavItem {
  readonly id: PageId;
  readonly path: string;
  readonly label: MessageKey;
  /** Who may open the page (DESIGN.md section 5); the API enforces the same, this only keeps the menu honest. */
  readonly roles: ReadonlyArray<Role>;
}

const allRoles: ReadonlyArray<Role> = ["coordinator", "policy", "admin", "auditor", "care"];

/** Every page, in menu order. */
export const navItems: ReadonlyArray<NavItem> = [
  { id: "dashboard", path: "/", label: "nav.dashboard", roles: allRoles },
  { id: "tasks", path: "/tasks", label: "nav.tasks", roles: ["coordinator"] },
  { id: "registrations", path: "/registrations", label: "nav.registrations", roles: ["coordinator"] },
  { id: "duplicates", path: "/duplicates", label: "nav.duplicates", roles: ["coordinator"] },
  { id: "shelters", path: "/shelters", label: "nav.shelters", roles: ["coordinator"] },
  { id: "reports", path: "/reports", label: "nav.reports", roles: ["coordinator", "policy", "admin"] },
  { id: "organisations", path: "/organisations", label: "nav.organisations", roles: ["admin"] },
  { id: "users", path: "/users", label: "nav.users", roles: ["admin"] },
  { id: "audit", path: "/audit", label: "nav.audit", roles: ["auditor"] },
  // A care organisation's people: the referrals made to their organisation, and nothing else.
  { id: "referrals", path: "/referrals", label: "nav.referrals", roles: ["care"] },
];

/** A page of a feature besides its menu page (e.g. `/registrations/new`), guarded like the menu page `page`. */
export interface FeatureRoute {
  readonly path: string;
  readonly page: PageId;
  readonly component: Component;
}

/** The menu items a role sees. */
export const visibleNavItems = (role: Role): ReadonlyArray<NavItem> =>
  navItems.filter((item) => item.roles.includes(role));

/** Whether a role may open a page. */
export const canOpen = (role: Role, page: PageId): boolean =>
  navItems.some((item) => item.id === page && item.roles.includes(role));

/** The cards of the dashboard. */
export type DashboardCard = "overview" | "availability" | "placementRequests" | "signals" | "audit" | "referrals";

const cardRoles: { readonly [C in DashboardCard]: ReadonlyArray<Role> } = {
  // Aggregates without personal data: the API serves them to these roles.
  overview: ["coordinator", "policy", "admin"],
  availability: ["coordinator", "policy", "admin"],
  placementRequests: ["coordinator"],
  signals: ["coordinator", "policy"],
  audit: ["auditor"],
  referrals: ["care"],
};

const cardOrder: ReadonlyArray<DashboardCard> = [
  "overview",
  "availability",
  "placementRequests",
  "signals",
  "audit",
  "referrals",
];

/** The dashboard cards a role sees, in order. */
export const dashboardCards = (role: Role): ReadonlyArray<DashboardCard> =>
  cardOrder.filter((card) => cardRoles[card].includes(role));
