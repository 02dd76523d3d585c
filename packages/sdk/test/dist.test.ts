import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Runs `source` in a fresh Node.js process inside this package, so `@comensha/sdk` resolves through the package's
 * own `exports` to the built files, as it does for a partner who installed it; answers what the script printed.
 */
const runNode = async (type: "commonjs" | "module", source: string): Promise<unknown> => {
  const { stdout } = await promisify(execFile)(process.execPath, [`--input-type=${type}`, "--eval", source], {
    cwd: packageDir,
  });
  return JSON.parse(stdout) as unknown;
};

/** What a script finds in the package it loaded as `sdk` (the module's value), printed as JSON. */
const inspect = `
  const client = new Default({ apiKey: "cmk_abcd1234_s3cr3t", baseUrl: "http://api.test" });
  console.log(JSON.stringify({
    defaultIsTheClass: Default === sdk.Comensha,
    constructs: client instanceof sdk.Comensha && client.baseUrl === "http://api.test",
    errors: new sdk.NotFoundError({ status: 404, headers: new Headers() }) instanceof sdk.ApiError,
    version: typeof sdk.VERSION,
    names: ["ApiError", "Comensha", "ComenshaError", "NotFoundError", "ProblemTypes", "inputOf"].filter((name) => sdk[name] === undefined),
  }));
`;

describe("the built package (dist)", () => {
  beforeAll(() => {
    if (!existsSync(new URL("../dist/index.cjs", import.meta.url))) {
      throw new Error("packages/sdk/dist is missing: run `npm run build` in packages/sdk first (turbo does).");
    }
  });

  it("answers require() with the client class, with the named exports on it (CommonJS)", async () => {
    const found = await runNode(
      "commonjs",
      `const sdk = require("@comensha/sdk"); const Default = sdk;
       if (typeof sdk !== "function" || sdk.default !== sdk || sdk.__esModule !== true) throw new Error("not the class");
       ${inspect}`,
    );
    expect(found).toEqual({ defaultIsTheClass: true, constructs: true, errors: true, version: "string", names: [] });
  });

  it("keeps the default and named exports for import (ESM)", async () => {
    const found = await runNode(
      "module",
      `import Default, * as sdk from "@comensha/sdk";
       ${inspect}`,
    );
    expect(found).toEqual({ defaultIsTheClass: true, constructs: true, errors: true, version: "string", names: [] });
  });
});
