// Generates the SDK's wire types, src/generated/openapi.ts, from openapi.json (the committed snapshot of the API's
// /openapi.json) with openapi-typescript. `build` and `typecheck` run it first; turbo may run both at once, so the
// file is replaced whole (written beside it, then renamed) and left alone when it would not change.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";

const snapshot = new URL("../openapi.json", import.meta.url);
const target = fileURLToPath(new URL("../src/generated/openapi.ts", import.meta.url));

const source = `${COMMENT_HEADER}${astToString(await openapiTS(snapshot))}`;
if (!existsSync(target) || readFileSync(target, "utf8") !== source) {
  mkdirSync(fileURLToPath(new URL("../src/generated/", import.meta.url)), { recursive: true });
  const partial = `${target}.${process.pid}.tmp`;
  writeFileSync(partial, source);
  renameSync(partial, target);
}
