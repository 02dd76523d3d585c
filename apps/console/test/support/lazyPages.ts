import { configure } from "@solidjs/testing-library";

// The pages load their code when first opened (`lazyPage`); in a test that is Vite transforming the page and its
// modules on the spot, which takes more than the default second of `findBy...` on a loaded 2-core machine. The wait
// ends as soon as the page is there, so a longer limit slows only a failing test.
configure({ asyncUtilTimeout: 10_000 });
