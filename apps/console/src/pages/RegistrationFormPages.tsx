import type { FeatureRoute } from "../access.js";

/** The routes of this feature besides its menu page. */
export const registrationFormRoutes: ReadonlyArray<FeatureRoute> = [];
