#!/usr/bin/env node
// @ts-check
// What a newcomer sees after `npm start` on a fresh clone, checked in Debian's chromium before anything else is
// built (CI runs it first; see .ci/run): the console's login form renders with no page error and its script and
// styles arrive compressed, and `/docs` renders the API reference without any request leaving the machine.
//
//   node apps/console/e2e/newcomer.mjs http://localhost:3000
//
// Exits 0 when both hold, 1 with the reasons otherwise. Screenshots go to $NEWCOMER_SCREENSHOTS (default: none).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { chromiumArgs } from "./chromiumArgs.mjs";

const base = process.argv[2] ?? "http://localhost:3000";
const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const screenshots = process.env.NEWCOMER_SCREENSHOTS;
const executablePath = execFileSync(process.execPath, [join(root, "tooling/ensure-chromium.mjs")], {
  encoding: "utf8",
}).trim();

/** @type {Array<string>} */
const problems = [];
const origin = new URL(base).origin;

const profile = mkdtempSync(join(tmpdir(), "comensha-newcomer-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  args: [...chromiumArgs],
});

/** The console asks for the session first; a newcomer has none, and the 401 that says so is expected. */
const sessionUrl = new URL("/v1/auth/session", base).href;
/** @param {import("playwright-core").ConsoleMessage} message */
const signedOut = (message) => message.location().url === sessionUrl && message.text().includes("status of 401");

/**
 * Opens `path` in a fresh page and records what a newcomer would trip over: page errors, console errors, requests
 * to any other origin (refused, so nothing leaves the machine) and failed answers of this origin.
 * @param {string} label
 * @param {string} path
 * @param {(page: import("playwright-core").Page) => Promise<void>} check
 */
const visit = async (label, path, check) => {
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(`${label}: page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !signedOut(message)) {
      problems.push(`${label}: console error: ${message.text()}`);
    }
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && !(response.status() === 401 && response.url() === sessionUrl)) {
      problems.push(`${label}: ${response.status()} for ${response.url()}`);
    }
  });
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
    problems.push(`${label}: a request left the machine: ${url.href}`);
    return route.abort("blockedbyclient");
  });
  try {
    await page.goto(new URL(path, base).href, { waitUntil: "load" });
    await check(page);
  } catch (error) {
    problems.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    if (screenshots !== undefined) await page.screenshot({ path: join(screenshots, `newcomer-${label}.png`) });
    await page.close();
  }
};

await visit("console", "/", async (page) => {
  /** @type {Map<string, string | null>} */
  const encodings = new Map();
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (/\.(js|css)$/.test(url.pathname)) encodings.set(url.pathname, response.headers()["content-encoding"] ?? null);
  });
  await page.reload({ waitUntil: "load" });
  await page.locator('input[type="email"]').waitFor({ state: "visible", timeout: 20_000 });
  await page.locator('input[type="password"]').waitFor({ state: "visible", timeout: 5_000 });
  await page.locator('button[type="submit"]').waitFor({ state: "visible", timeout: 5_000 });
  if (![...encodings.keys()].some((path) => path.endsWith(".js"))) problems.push("console: no script was loaded");
  if (![...encodings.keys()].some((path) => path.endsWith(".css"))) problems.push("console: no stylesheet was loaded");
  for (const [path, encoding] of encodings) {
    if (encoding !== "br" && encoding !== "gzip") problems.push(`console: ${path} was sent uncompressed`);
  }
});

await visit("docs", "/docs", async (page) => {
  // The page's <title> is in the plain HTML; the heading and an operation exist only once the renderer has run.
  await page.locator(".scalar-api-reference h1", { hasText: "CoMensha API" }).waitFor({ timeout: 60_000 });
  await page
    .getByRole("link", { name: /^Liveness/ })
    .first()
    .waitFor({ timeout: 10_000 });
});

await context.close();
rmSync(profile, { recursive: true, force: true });

if (problems.length > 0) {
  process.stderr.write(`[newcomer] ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
  process.exit(1);
}
process.stdout.write("[newcomer] the login form and the API reference render, nothing left the machine\n");
