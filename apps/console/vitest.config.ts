import { defineConfig, mergeConfig } from "vitest/config";
import viteConfig from "./vite.config.js";

/**
 * Two projects: pure modules run on Node (vite-plugin-solid would otherwise switch every test to jsdom), components
 * run in jsdom.
 */
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      projects: [
        { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], environment: "node" } },
        {
          extends: true,
          // axe-core over a rendered page takes seconds in jsdom on a loaded 2-core machine.
          test: {
            name: "component",
            include: ["test/**/*.test.tsx"],
            environment: "jsdom",
            testTimeout: 30_000,
            setupFiles: ["test/support/lazyPages.ts"],
          },
        },
      ],
    },
  }),
);
