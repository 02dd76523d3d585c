/**
 * The committed snapshot of the OpenAPI document, `packages/sdk/openapi.json`: the SDK generates its wire types from
 * it (openapi-typescript), so the SDK never imports the server, and the linters check it. A test fails when the
 * document that `/openapi.json` serves differs from the snapshot.
 *
 *   pnpm --filter @comensha/api openapi         write the snapshot from the routes' `Operation`s (then commit it)
 *   pnpm --filter @comensha/api openapi:lint    Spectral (spectral:oas) and Redocly (recommended-strict) on the
 *                                               snapshot, failing on any warning; `lint` runs it too
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Where the snapshot lives: beside the SDK that is generated from it. */
export const openApiSnapshotPath = fileURLToPath(new URL("../../../packages/sdk/openapi.json", import.meta.url));

/** The snapshot's text: the document as `/openapi.json` serves it, indented, with a final newline. */
export const openApiSnapshotOf = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

const apiDir = fileURLToPath(new URL("..", import.meta.url));

/** Runs a linter of `node_modules/.bin` on the snapshot; its output reaches the terminal unchanged. */
const runLinter = (bin: string, args: ReadonlyArray<string>) => {
  const isWindows = process.platform === "win32";
  const command = fileURLToPath(new URL(`../node_modules/.bin/${bin}${isWindows ? ".cmd" : ""}`, import.meta.url));
  const result = spawnSync(command, [...args], {
    cwd: apiDir,
    stdio: "inherit",
    shell: isWindows,
    // Offline and quiet: no update checks or notices (Redocly's telemetry is off in redocly.yaml).
    env: { ...process.env, REDOCLY_SUPPRESS_NOTIFICATIONS: "true", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
};

const main = async (command: string | undefined) => {
  switch (command) {
    case "write": {
      const { openApiDocument } = await import("../src/app.js");
      writeFileSync(openApiSnapshotPath, openApiSnapshotOf(openApiDocument()));
      process.stdout.write(`wrote ${openApiSnapshotPath}\n`);
      return 0;
    }
    case "lint": {
      const spectral = runLinter("spectral", [
        "lint",
        openApiSnapshotPath,
        "--ruleset",
        ".spectral.yaml",
        "--fail-severity",
        "warn",
      ]);
      const redocly = runLinter("redocly", ["lint", openApiSnapshotPath, "--config", "redocly.yaml"]);
      return spectral === 0 && redocly === 0 ? 0 : 1;
    }
    default:
      process.stderr.write("Usage: tsx scripts/openapi.ts write|lint\n");
      return 2;
  }
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv[2]);
}
