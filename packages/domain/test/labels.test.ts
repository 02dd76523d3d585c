import { describe, expect, it } from "@effect/vitest";
import { Schema } from "effect";
import * as fc from "fast-check";
import * as ApiKey from "../src/ApiKey.js";
import * as AuditEvent from "../src/AuditEvent.js";
import type * as CodeList from "../src/CodeList.js";
import * as Country from "../src/Country.js";
import * as DossierType from "../src/DossierType.js";
import * as ExploitationForm from "../src/ExploitationForm.js";
import * as LegalBasis from "../src/LegalBasis.js";
import * as Labels from "../src/labels.js";
import * as Nationality from "../src/Nationality.js";
import * as OrganisationKind from "../src/OrganisationKind.js";
import * as Placement from "../src/Placement.js";
import * as PlacementRequest from "../src/PlacementRequest.js";
import * as PoliceRegion from "../src/PoliceRegion.js";
import * as Registration from "../src/Registration.js";
import * as Sector from "../src/Sector.js";
import * as Sex from "../src/Sex.js";
import * as ShelterKind from "../src/ShelterKind.js";
import * as TargetGroup from "../src/TargetGroup.js";

/** The source of a file of `src/`, through Vite's `?raw` import (the domain has no `node:fs`). */
const readSource = async (path: string): Promise<string> => {
  const url = new URL(`../src/${path}`, import.meta.url).pathname;
  const module: { readonly default: string } = await import(/* @vite-ignore */ `${url}?raw`);
  return module.default;
};

/** `import ... from "x"`, `import "x"` and `export ... from "x"`; group 1 is `type` when the statement is erased. */
const staticImport = /^\s*(?:import|export)\s+(type\s+)?(?:[^"';]*?\bfrom\s*)?["']([^"']+)["']/gm;

/** The specifiers a module imports at run time (type-only imports are erased). */
const runtimeImports = (source: string): ReadonlyArray<string> =>
  [...source.matchAll(staticImport)].filter((match) => match[1] === undefined).map((match) => String(match[2]));

/**
 * Every module that `entry` (a path under `src/`) loads at run time, itself included, and the specifiers among their
 * imports that are not relative: packages, such as `effect`.
 */
const importGraph = async (entry: string) => {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = async (path: string): Promise<void> => {
    if (modules.has(path)) return;
    modules.add(path);
    const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
    for (const specifier of runtimeImports(await readSource(path))) {
      if (!specifier.startsWith(".")) {
        packages.add(specifier);
        continue;
      }
      const resolved = new URL(specifier.replace(/\.js$/, ".ts"), `file:///src/${folder}`).pathname.slice(
        "/src/".length,
      );
      await visit(resolved);
    }
  };
  await visit(entry);
  return { modules: [...modules].sort(), packages: [...packages].sort() };
};

describe("the labels entry (@comensha/domain/labels)", () => {
  it("finds the imports of a module, type-only ones left out", () => {
    const source = [
      'import { Schema } from "effect";',
      'import type { Person } from "./Person.js";',
      'import * as CodeList from "./CodeList.js";',
      "import {\n  a,\n  b,\n} from './Split.js';",
      'export * as Sex from "./labels/Sex.js";',
      'export type { AuditAction } from "./labels/AuditEvent.js";',
      'export { isWaiting } from "./labels/PlacementRequest.js";',
      'import "./sideEffect.js";',
      'const text = "not an import from x";',
    ].join("\n");
    expect(runtimeImports(source)).toEqual([
      "effect",
      "./CodeList.js",
      "./Split.js",
      "./labels/Sex.js",
      "./labels/PlacementRequest.js",
      "./sideEffect.js",
    ]);
  });

  it("loads no package at all, so no Effect, and no module outside labels/", async () => {
    const graph = await importGraph("labels.ts");
    expect(graph.packages).toEqual([]);
    expect(graph.modules.filter((path) => path !== "labels.ts" && !path.startsWith("labels/"))).toEqual([]);
    expect(graph.modules).toContain("labels/CodeList.ts");
    expect(graph.modules).toContain("labels/Country.ts");
    expect(graph.modules.length).toBeGreaterThan(15);
  });

  it("is seen to load Effect where the domain's schemas do (the scan sees through the barrel)", async () => {
    const graph = await importGraph("index.ts");
    expect(graph.packages).toContain("effect");
    expect(graph.modules).toContain("labels/Sex.ts");
  });

  it("holds the very code lists the domain's schemas are made from", () => {
    const pairs: ReadonlyArray<readonly [Labels.CodeList.CodeList<string>, CodeList.CodeList<string>]> = [
      [Labels.AuditEvent.actionCodeList, AuditEvent.actionCodeList],
      [Labels.AuditEvent.resourceTypeCodeList, AuditEvent.resourceTypeCodeList],
      [Labels.Country.codeList, Country.codeList],
      [Labels.DossierType.codeList, DossierType.codeList],
      [Labels.ExploitationForm.codeList, ExploitationForm.codeList],
      [Labels.LegalBasis.codeList, LegalBasis.codeList],
      [Labels.Nationality.codeList, Nationality.codeList],
      [Labels.OrganisationKind.codeList, OrganisationKind.codeList],
      [Labels.Placement.endReasonCodeList, Placement.endReasonCodeList],
      [Labels.PlacementRequest.urgencyCodeList, PlacementRequest.urgencyCodeList],
      [Labels.PoliceRegion.codeList, PoliceRegion.codeList],
      [Labels.Sector.codeList, Sector.codeList],
      [Labels.Sex.codeList, Sex.codeList],
      [Labels.ShelterKind.codeList, ShelterKind.codeList],
      [Labels.TargetGroup.codeList, TargetGroup.codeList],
    ];
    for (const [plain, withSchema] of pairs) {
      expect(withSchema.id).toBe(plain.id);
      expect(withSchema.codes).toBe(plain.codes);
      expect(withSchema.labels).toBe(plain.labels);
      const decodes = Schema.is(withSchema.schema);
      expect(plain.codes.every((code) => decodes(code))).toBe(true);
      expect(decodes("no_such_code")).toBe(false);
      const [first] = plain.codes;
      expect(withSchema.label(first, "en")).toBe(plain.label(first, "en"));
    }
  });

  it("holds the states and events the placement request's schemas decode", () => {
    expect(PlacementRequest.PlacementState.literals).toEqual(Labels.PlacementRequest.placementStates);
    expect(PlacementRequest.PlacementEventTag.literals).toEqual(Labels.PlacementRequest.placementEventTags);
    for (const state of Labels.PlacementRequest.placementStates) {
      const allowed = Labels.PlacementRequest.allowedEvents(state);
      for (const event of Labels.PlacementRequest.placementEventTags) {
        const result = PlacementRequest.transition(state, { _tag: event });
        expect(result._tag === "Success").toBe(allowed.includes(event));
      }
    }
  });

  it("holds the limits the domain's schemas check", () => {
    const label = Schema.is(ApiKey.ApiKeyLabel);
    expect(label("k".repeat(Labels.ApiKey.maxLabelLength))).toBe(true);
    expect(label("k".repeat(Labels.ApiKey.maxLabelLength + 1))).toBe(false);
    expect(Registration.maxWithdrawalReasonLength).toBe(Labels.Registration.maxWithdrawalReasonLength);
    expect(Placement.minOverrideReasonLength).toBe(Labels.Placement.minOverrideReasonLength);
  });

  it("tells a registration's reference as the domain's schema does", () => {
    const hex = fc.constantFrom(..."0123456789abcdefABCDEF-x".split(""));
    const candidate = fc.oneof(
      fc.string({ unit: hex, minLength: 6, maxLength: 10 }),
      fc.uuid().map((id) => id.toLowerCase()),
      fc.uuid(),
      fc.uuid().map((id) => id.slice(-8)),
    );
    fc.assert(
      fc.property(candidate, (value) => {
        expect(Labels.Registration.isReference(value)).toBe(Registration.isReference(value));
      }),
    );
    expect(Labels.Registration.isReference("78852a06")).toBe(true);
    expect(Labels.Registration.isReference("78852A06")).toBe(false);
  });
});
