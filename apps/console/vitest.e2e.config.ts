import { defineConfig } from "vitest/config";

/** The browser tests: the built console in Debian's chromium against the real API (see e2e/console.e2e.ts). */
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
