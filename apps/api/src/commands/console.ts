import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { repositoryRoot } from "../config.js";

const consoleApp = join(repositoryRoot, "apps/console");

/**
 * Builds the console for `npm start` when its `dist` is missing or was built from other sources (the console's
 * own build script decides, by a hash of the inputs, and swaps a finished build in whole). Only for the console of
 * this repository; a failed build leaves `dist` as it was, and the API runs without a console if there is none.
 */
export const ensureConsoleBuilt = (consoleDir: string) => {
  const script = join(consoleApp, "scripts/build.mjs");
  if (resolve(consoleDir) !== join(consoleApp, "dist") || !existsSync(script)) return;
  const result = spawnSync(process.execPath, [script, "--if-stale"], { cwd: consoleApp, stdio: "inherit" });
  if (result.status !== 0) console.error("comensha: the console could not be built.");
};
