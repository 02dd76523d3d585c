import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const consoleApp = join(dirname(fileURLToPath(import.meta.url)), "..");
const buildScript = join(consoleApp, "scripts/build.mjs");
const markName = ".comensha-build.json";
/** A Vite build of the whole console: seconds alone, more on a loaded 2-core machine. */
const buildTimeout = 180_000;

/**
 * A copy of the console beside apps/console (so its relative imports of the SDK and the domain resolve as in the
 * real app), sharing the console's node_modules; the build script builds the copy with `--app`.
 */
const copyConsole = () => {
  const copy = mkdtempSync(join(consoleApp, "..", "console-build-test-"));
  for (const entry of ["src", "index.html", "package.json", "vite.config.ts", "tsconfig.json"]) {
    cpSync(join(consoleApp, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(consoleApp, "node_modules"), join(copy, "node_modules"), "dir");
  return copy;
};

const build = (app: string) =>
  spawnSync(process.execPath, [buildScript, "--app", app], { cwd: app, encoding: "utf8", timeout: buildTimeout });

/** The file name of the script that `index.html` loads, under `assets/`. */
const entryScript = (dist: string) =>
  /<script type="module"[^>]* src="\/assets\/([^"]+\.js)"/.exec(readFileSync(join(dist, "index.html"), "utf8"))?.[1];

/**
 * What every build of Effect carries and the console's scripts must not: Effect 4 names its type ids `~effect/...`
 * (`"~effect/Schema"`), strings that minifying keeps.
 */
const effectMark = "~effect/";

const leftovers = (app: string) => readdirSync(app).filter((name) => /^dist\.(tmp|old)-/.test(name));

describe("the console's build", () => {
  let app: string;
  beforeAll(() => {
    app = copyConsole();
  });
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it(
    "keeps the previous dist whole when a build fails, and leaves no half-built folder",
    () => {
      const dist = join(app, "dist");
      mkdirSync(join(dist, "assets"), { recursive: true });
      writeFileSync(join(dist, "index.html"), "<!doctype html><title>previous build</title>");
      writeFileSync(join(dist, markName), '{"inputs":"previous"}\n');
      const main = join(app, "src/main.tsx");
      const source = readFileSync(main, "utf8");
      writeFileSync(main, `${source}\nimport { missing } from "./no-such-module.js";\nmissing();\n`);
      try {
        const result = build(app);
        expect(result.status).not.toBe(0);
        expect(result.stderr).toContain("the build failed; dist is left as it was");
        expect(readFileSync(join(dist, "index.html"), "utf8")).toBe("<!doctype html><title>previous build</title>");
        expect(readFileSync(join(dist, markName), "utf8")).toBe('{"inputs":"previous"}\n');
        expect(leftovers(app)).toEqual([]);
      } finally {
        writeFileSync(main, source);
      }
    },
    buildTimeout,
  );

  it(
    "replaces a dist without the build mark by a whole build with its mark and compressed copies",
    () => {
      const dist = join(app, "dist");
      rmSync(dist, { recursive: true, force: true });
      mkdirSync(join(dist, "assets"), { recursive: true });
      writeFileSync(join(dist, "index.html"), '<script type="module" src="/assets/stale.js"></script>');
      writeFileSync(join(dist, "assets", "stale.js"), 'import "@comensha/sdk";');

      const result = build(app);
      expect(result.status, result.stderr).toBe(0);
      const mark = JSON.parse(readFileSync(join(dist, markName), "utf8"));
      expect(mark.inputs).toMatch(/^[0-9a-f]{64}$/);
      expect(existsSync(join(dist, "assets", "stale.js"))).toBe(false);
      const assets = readdirSync(join(dist, "assets"));
      const script = entryScript(dist);
      expect(assets).toContain(script);
      expect(readFileSync(join(dist, "assets", String(script)), "utf8")).not.toContain("@comensha/sdk");
      expect(assets).toContain(`${script}.br`);
      expect(assets).toContain(`${script}.gz`);
      expect(leftovers(app)).toEqual([]);
    },
    buildTimeout,
  );

  it(
    "ships no Effect in any script: the console takes the domain's code lists from its Effect-free labels entry",
    () => {
      const dist = join(app, "dist");
      // The whole build of the test before, unless this test runs alone.
      if (!existsSync(join(dist, "index.html")) || entryScript(dist) === undefined) expect(build(app).status).toBe(0);
      const scripts = readdirSync(join(dist, "assets")).filter((name) => name.endsWith(".js"));
      // The pages besides the dashboard are chunks of their own, loaded when opened.
      expect(scripts.length).toBeGreaterThan(5);
      const withEffect = scripts.filter((name) =>
        readFileSync(join(dist, "assets", name), "utf8").includes(effectMark),
      );
      expect(withEffect).toEqual([]);
      // The mark still says Effect: its schema module (what the domain's modules import) carries it.
      const effectSchema = createRequire(join(consoleApp, "../../packages/domain/package.json")).resolve(
        "effect/Schema",
      );
      expect(readFileSync(effectSchema, "utf8")).toContain(effectMark);
    },
    buildTimeout,
  );
});
