import { readFileSync } from "node:fs";
import { EurostatCodes } from "@comensha/domain";
import { describe, expect, it } from "vitest";
import { parseCsv } from "./support/csvParse.js";

/**
 * The code lists of `EurostatCodes` are kept beside the standard's documents in `docs/standards/eurostat-crim-thb/`,
 * with their sources named there. This test holds the two together: a code changed in one place and not the other
 * fails here. (It lives with the reports, since the domain package does no IO, not even in its tests.)
 */
const standardsDir = new URL("../../../docs/standards/eurostat-crim-thb/", import.meta.url);

const readList = (name: string): ReadonlyArray<Readonly<Record<string, string>>> => {
  const text = readFileSync(new URL(`${name}.csv`, standardsDir), "utf8").replaceAll("\r\n", "\n");
  const [header, ...rows] = parseCsv(text.replaceAll("\n", "\r\n"));
  expect(header).toEqual(["code", "label", "source"]);
  return rows.map((row) => ({ code: row[0] ?? "", label: row[1] ?? "", source: row[2] ?? "" }));
};

describe("EurostatCodes against docs/standards/eurostat-crim-thb", () => {
  for (const [name, list] of Object.entries(EurostatCodes.codeLists)) {
    it(`matches ${name}.csv exactly: the same codes, labels and sources, in the same order`, () => {
      expect(readList(name)).toEqual(list.map(({ code, label, source }) => ({ code, label, source })));
    });
  }

  it("names every source key it uses in the README", () => {
    const readme = readFileSync(new URL("README.md", standardsDir), "utf8");
    const sources = new Set(Object.values(EurostatCodes.codeLists).flatMap((list) => list.map(({ source }) => source)));
    for (const source of sources) expect(readme).toContain(`### \`${source}\``);
  });

  it("marks what could not be traced to a source as unverified: the exploitation codes and two dataflow ids", () => {
    expect(EurostatCodes.exploitationCodes.every(({ source }) => source === "unverified")).toBe(true);
    expect(EurostatCodes.dataflowCodes.filter(({ source }) => source === "unverified").map(({ code }) => code)).toEqual(
      ["CRIM_THB_VCTZ", "CRIM_THB_VEXP"],
    );
  });

  it("has the confidential flag c and status C in Eurostat's lists", () => {
    expect(readList("obs_flag")).toContainEqual({ code: "c", label: "confidential", source: "estat_structure" });
    expect(readList("conf_status").map(({ code }) => code)).toContain(EurostatCodes.confidentialStatus);
  });
});
