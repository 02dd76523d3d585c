import type { FeatureRoute } from "../access.js";
import { ComingPage } from "./SimplePages.js";

/** `/shelters` (coordinators): capacity board, request queue, offer, accept, end. */
export const SheltersPage = () => <ComingPage title="nav.shelters" />;

/** The routes of this feature besides its menu page. */
export const shelterRoutes: ReadonlyArray<FeatureRoute> = [];
