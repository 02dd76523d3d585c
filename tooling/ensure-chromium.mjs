#!/usr/bin/env node
// Makes sure Debian's Chromium is installed for the browser tests (playwright-core drives it; no browser is ever
// downloaded by Playwright). Installs the `chromium` package with apt-get when it is missing and we may (root);
// otherwise says how. Prints the executable's path. Usage: node tooling/ensure-chromium.mjs
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
const found = () => candidates.find((path) => existsSync(path));
const log = (message) => process.stderr.write(`[chromium] ${message}\n`);

if (found() === undefined) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
  if (!isRoot || !hasApt) {
    log("Chromium is missing. Install Debian's package: sudo apt-get install -y chromium (or set CHROMIUM_PATH).");
    process.exit(1);
  }
  log("installing Debian's chromium with apt-get ...");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args) => spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env }).status;
  if (run(["update", "-qq"]) !== 0 || run(["install", "-y", "-qq", "chromium", "fonts-dejavu-core"]) !== 0) {
    log("apt-get could not install chromium.");
    process.exit(1);
  }
}
const path = found();
if (path === undefined) {
  log("chromium is still missing after the install.");
  process.exit(1);
}
process.stdout.write(`${path}\n`);
