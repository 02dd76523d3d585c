import { defineConfig } from "vitest/config";

/** The browser tests: the built console in Debian's chromium against the real API (see e2e/console.e2e.ts). */
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    // CI runs the API's tests beside these on two cores: a login that takes a second here can take ten there.
    // Every poll waits as long as a person would before calling the page broken, not vitest's one second.
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
