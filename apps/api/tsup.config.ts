import { cpSync } from "node:fs";
import { defineConfig } from "tsup";

/**
 * The production build of the API and CLI: plain JavaScript for Node.js, no TypeScript loader at run time. The
 * workspace packages (domain, db, reports) are bundled in; the libraries they use stay imports of the API's own
 * dependencies, so `pnpm deploy` of this package gives a folder that runs alone. The migrations are copied beside
 * the bundle, where the db package looks for them when it is not run from source.
 */
export default defineConfig({
  entry: { cli: "src/cli.ts", main: "src/main.ts" },
  format: ["esm"],
  platform: "node",
  target: "node22",
  outDir: "dist",
  clean: true,
  sourcemap: true,
  splitting: true,
  noExternal: [/^@comensha\//],
  onSuccess: async () => {
    cpSync("../../packages/db/drizzle", "dist/drizzle", { recursive: true });
  },
});
