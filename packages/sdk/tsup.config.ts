import { readFileSync, writeFileSync } from "node:fs";
import { defineConfig } from "tsup";

const cjsFile = "dist/index.cjs";

/**
 * Makes `require("@comensha/sdk")` answer the client class itself, as CommonJS users expect of a package whose
 * default export is its client (`const Comensha = require("@comensha/sdk"); new Comensha(...)`). The named exports
 * (`Comensha`, `ApiError`, ...) and `default` become properties of the class, and `__esModule` stays set, so
 * `require("@comensha/sdk").NotFoundError` and TypeScript's `import Comensha from` in CommonJS work as before. Rollup
 * (the tree-shaking pass) writes every `exports.x = ...` at the end of the file, so the line goes after them.
 */
const exportClassFromCommonJs = () => {
  const source = readFileSync(cjsFile, "utf8");
  const code = source.replace(/(?:\/\/# sourceMappingURL=\S+\s*)+$/, "");
  if (!/^exports\.default = /m.test(code)) throw new Error(`${cjsFile} has no exports.default to hand to require().`);
  const interop = [
    "module.exports = Object.defineProperty(Object.assign(exports.default, exports), '__esModule', { value: true });",
    "//# sourceMappingURL=index.cjs.map",
    "",
  ].join("\n");
  writeFileSync(cjsFile, `${code.trimEnd()}\n${interop}`);
};

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  treeshake: true,
  onSuccess: async () => exportClassFromCommonJs(),
});
