import type { FeatureRoute } from "../access.js";
import { ComingPage } from "./SimplePages.js";

/** `/organisations` and `/users` (administrators): organisations and their API keys, console users. */
export const OrganisationsPage = () => <ComingPage title="nav.organisations" />;

/** `/organisations` and `/users` (administrators): organisations and their API keys, console users. */
export const UsersPage = () => <ComingPage title="nav.users" />;

/** The routes of this feature besides its menu page. */
export const adminRoutes: ReadonlyArray<FeatureRoute> = [];
