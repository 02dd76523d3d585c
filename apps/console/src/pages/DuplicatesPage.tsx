import type { FeatureRoute } from "../access.js";
import { ComingPage } from "./SimplePages.js";

/** `/duplicates` (coordinators): possible duplicates side by side, merge or dismiss with a reason. */
export const DuplicatesPage = () => <ComingPage title="nav.duplicates" />;

/** The routes of this feature besides its menu page. */
export const duplicateRoutes: ReadonlyArray<FeatureRoute> = [];
