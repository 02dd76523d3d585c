import type { FeatureRoute } from "../access.js";
import { OrganisationDetailPage } from "./AdminOrganisations.js";

export { OrganisationDetailPage, OrganisationsPage } from "./AdminOrganisations.js";
export { UsersPage } from "./AdminUsers.js";

/** The routes of this feature besides its menu pages: one organisation with its API keys. */
export const adminRoutes: ReadonlyArray<FeatureRoute> = [
  { path: "/organisations/:id", page: "organisations", component: OrganisationDetailPage },
];
