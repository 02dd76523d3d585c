import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { repositoryRoot } from "../config.js";

const consoleApp = join(repositoryRoot, "apps/console");

/** The newest modification time of the console's sources (src/, index.html, its package and Vite config). */
const newestSource = (): number => {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of ["src", "index.html", "package.json", "vite.config.ts"]) {
    const path = join(consoleApp, entry);
    if (existsSync(path)) visit(path);
  }
  return newest;
};

/**
 * Builds the console (Vite) for `npm start` when its `dist` is missing or older than its sources, so the API can
 * serve it at `/`. Only for the console of this repository; a build failure leaves the API running without it.
 */
export const ensureConsoleBuilt = (consoleDir: string) => {
  if (resolve(consoleDir) !== join(consoleApp, "dist") || !existsSync(join(consoleApp, "package.json"))) return;
  const index = join(consoleDir, "index.html");
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource()) return;
  console.log("Building the console (apps/console) ...");
  const vite = join(consoleApp, "node_modules/vite/bin/vite.js");
  const result = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], {
    cwd: consoleApp,
    stdio: "inherit",
  });
  if (result.status !== 0) console.error("comensha: the console could not be built; the API runs without it.");
};
