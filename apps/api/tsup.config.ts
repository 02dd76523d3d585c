import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig } from "tsup";

/**
 * The API reference renderer's browser script and its name and version, copied into `dist/scalar-api-reference/`
 * where routes/docsAssets.ts looks first: the bundle serves /docs without the renderer package (and the hundreds
 * of megabytes of its dependencies, which its single browser script already contains).
 */
const copyApiReference = () => {
  let dir = dirname(createRequire(import.meta.url).resolve("@scalar/api-reference"));
  while (
    !existsSync(join(dir, "package.json")) ||
    !readFileSync(join(dir, "package.json"), "utf8").includes('"browser"')
  ) {
    if (dirname(dir) === dir) throw new Error("@scalar/api-reference: no package.json with a browser entry");
    dir = dirname(dir);
  }
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const target = "dist/scalar-api-reference";
  mkdirSync(target, { recursive: true });
  cpSync(join(dir, manifest.browser), join(target, "standalone.js"));
  writeFileSync(
    join(target, "package.json"),
    `${JSON.stringify({ name: manifest.name, version: manifest.version, browser: "standalone.js" }, null, 2)}\n`,
  );
};

/** The libraries bundled in: pure JavaScript, loaded at every start, no files of their own read at run time. */
const bundled = /^(effect|drizzle-orm|hono|@hono\/node-server|postgres|uuid|otpauth|pure-rand|uqr)(\/|$)/;

/**
 * The production build of the API and CLI: plain JavaScript for Node.js, no TypeScript loader at run time. The
 * workspace packages (domain, db, reports) are bundled in, and so are the plain-JavaScript libraries of many files
 * that every start loads ({@link bundled}): Node's module loader resolves each file of an imported package on its
 * own (reading `package.json` files up the tree for each), which took about a third of a start (effect alone is
 * some 300 files). The others (WebAssembly, native code, data files, libraries loaded on demand) stay imports of the
 * API's own dependencies, so `pnpm deploy` of this package gives a folder that runs alone. The migrations are
 * copied beside the bundle, where the db package looks for them when it is not run from source, and so is the API
 * reference's browser script.
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
  noExternal: [/^@comensha\//, bundled],
  onSuccess: async () => {
    cpSync("../../packages/db/drizzle", "dist/drizzle", { recursive: true });
    copyApiReference();
  },
});
