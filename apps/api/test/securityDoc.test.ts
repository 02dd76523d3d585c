import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "../src/config.js";

const page = readFileSync(join(repositoryRoot, "docs/security.md"), "utf8");

/** Every test the page names: `file` › "title". */
const references = [...page.matchAll(/`([^`]+\.(?:test|e2e)\.tsx?)` › "([^"]+)"/g)].map((match) => ({
  file: match[1] as string,
  title: match[2] as string,
}));

describe("docs/security.md", () => {
  it("names only tests that exist, by their file and exact title", () => {
    expect(references.length).toBeGreaterThan(60);
    const missing = references.filter(({ file, title }) => {
      const path = join(repositoryRoot, file);
      if (!existsSync(path)) return true;
      const source = readFileSync(path, "utf8").replace(/\s*\n\s*/g, " ");
      return !source.includes(`"${title}"`);
    });
    expect(missing).toEqual([]);
  });

  it("answers every risk of the OWASP API Security Top 10 2023 and cites ASVS 5.0 requirements as v5.0.0-x.y.z", () => {
    for (let risk = 1; risk <= 10; risk++) expect(page).toMatch(new RegExp(`\\| API${risk} [A-Z]`));
    const cited = [...page.matchAll(/v5\.0\.0-(\d+)\.\d+\.\d+/g)].map((match) => Number(match[1]));
    // V5 File Handling since attachments (issue 17) are uploaded and downloaded.
    for (const chapter of [1, 2, 3, 4, 5, 6, 7, 8, 11, 13, 14, 15, 16]) expect(cited).toContain(chapter);
    expect(page).toMatch(/### V5 File Handling/);
    expect(page).toMatch(/## Not met yet/);
  });
});
