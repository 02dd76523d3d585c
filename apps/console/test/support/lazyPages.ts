import { configure } from "@solidjs/testing-library";
import { afterAll } from "vitest";
import { settledPageLoads } from "../../src/components/LazyPage.js";

// The pages load their code when first opened (`lazyPage`); in a test that is Vite transforming the page and its
// modules on the spot, which takes more than the default second of `findBy...` on a loaded 2-core machine. The wait
// ends as soon as the page is there, so a longer limit slows only a failing test.
configure({ asyncUtilTimeout: 10_000 });

// A page whose code was still loading when a test file ended would be evaluated after its document is gone.
afterAll(settledPageLoads);
