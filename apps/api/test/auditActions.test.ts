import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { AuditEvent } from "@comensha/domain";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "../src/config.js";

/** The source of every package that writes audit events. */
const sourceDirs = ["apps/api/src", "packages/db/src", "packages/reports/src"];

const sourceFiles = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });

const sources = sourceDirs
  .flatMap((dir) => sourceFiles(join(repositoryRoot, dir)))
  .map((path) => ({ path, text: readFileSync(path, "utf8") }));

const codes: ReadonlyArray<string> = AuditEvent.actionCodeList.codes;
const prefixes = new Set(codes.map((code) => code.slice(0, code.indexOf("."))));
const fileExtensions = new Set(["json", "csv", "html", "svg", "xml", "txt", "md", "js", "ts", "pdf", "zip"]);

/** Every string literal that looks like an action of a resource the catalogue knows (`"registration.read"`). */
const literalActions = new Set(
  sources.flatMap(({ text }) =>
    [...text.matchAll(/"([a-z_]+)\.([a-z_]+)"/g)]
      .filter((match) => prefixes.has(match[1] ?? "") && !fileExtensions.has(match[2] ?? ""))
      .map((match) => `${match[1]}.${match[2]}`),
  ),
);

/** The resources whose undecryptable values the repositories and routes report (`<resource>.undecryptable`). */
const undecryptableResources = new Set(
  sources.flatMap(({ text }) => [...text.matchAll(/\bresource: "([a-z_]+)"/g)].map((match) => match[1] ?? "")),
);

/**
 * The actions the code builds from a template, with every action each one makes. A template the code gains must be
 * added here with its actions, and each of those to the catalogue (`packages/domain/src/AuditEvent.ts`).
 */
const templates: Readonly<Record<string, ReadonlyArray<string>>> = {
  "`duplicate.${decision}`": ["duplicate.merge", "duplicate.dismiss"],
  '`placement_request.${path.replace("-", "_")}`': [
    "placement_request.cancel",
    "placement_request.start_search",
    "placement_request.waitlist",
  ],
  '`shelter.${status === "closed" ? "close" : "open"}`': ["shelter.close", "shelter.open"],
  "`webhook_endpoint.${action}`": ["webhook_endpoint.enable", "webhook_endpoint.disable"],
  // The route's failure audit names what was asked (`answer`), the use case's success what it did.
  "`referral.${action}`": ["referral.answer", "referral.report", "referral.withdraw"],
  "`referral.${input.action}`": ["referral.accept", "referral.decline", "referral.report", "referral.withdraw"],
  "`${record.resource}.undecryptable`": [...undecryptableResources].map((resource) => `${resource}.undecryptable`),
  // A replay is labelled and classified from its own action (`AuditEvent.actionLabel`, `kindOfAction`).
  "`${audited.action}.replay`": [],
};

/** Every template of one literal part and one `${...}` part, as `a.${b}` or `${a}.b` (file names left out). */
const templatesInCode = new Set(
  sources.flatMap(({ text }) =>
    [...text.matchAll(/`(\$\{[^`{}]*\}|[a-z_]+)\.(\$\{[^`{}]*\}|[a-z_]+)`/g)]
      .filter((match) => {
        const [left, right] = [match[1] ?? "", match[2] ?? ""];
        if (left.startsWith("${") === right.startsWith("${")) return false;
        return !fileExtensions.has(left.startsWith("${") ? right : left);
      })
      .map((match) => match[0]),
  ),
);

describe("the catalogue of audit actions (AuditEvent.actionCodeList)", () => {
  it("holds every action the code writes, literally or from a template", () => {
    expect(literalActions.size).toBeGreaterThan(40);
    expect([...templatesInCode].sort()).toEqual(Object.keys(templates).sort());
    const written = new Set([...literalActions, ...Object.values(templates).flat()]);
    expect([...written].filter((action) => !codes.includes(action)).sort()).toEqual([]);
    // And nothing the code no longer writes.
    expect(codes.filter((code) => !written.has(code))).toEqual([]);
  });

  it("labels every action in Dutch and English, each label its own, and a replay from its action", () => {
    for (const code of codes) {
      const { nl, en } = AuditEvent.actionCodeList.labels[code as AuditEvent.AuditAction];
      expect(nl.length, code).toBeGreaterThan(0);
      expect(en.length, code).toBeGreaterThan(0);
      expect(nl, code).not.toBe(code);
    }
    for (const lang of ["nl", "en"] as const) {
      const labels = codes.map((code) => AuditEvent.actionLabel(code, lang));
      expect(new Set(labels).size).toBe(labels.length);
    }
    expect(AuditEvent.actionLabel("registration.create.replay", "nl")).toBe("Melding geregistreerd (herhaald verzoek)");
    expect(AuditEvent.actionLabel("registration.create.replay", "en")).toBe("Registration created (repeated request)");
    expect(AuditEvent.actionLabel("something.new", "nl")).toBe("something.new");
  });

  it("labels every resource type the code writes an event about", () => {
    const patterns = [
      /\baudit\([^;]*?\{\s*type: "([a-z_]+)"/g,
      /\baudited\(runtime, "([a-z_]+)"/g,
      /\bauditWith\([^,]+, "[a-z_.]+", "([a-z_]+)"/g,
      /\bresourceType: "([a-z_]+)"/g,
    ];
    const types = new Set([
      ...sources.flatMap(({ text }) =>
        patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1] ?? "")),
      ),
      ...undecryptableResources,
    ]);
    expect(types.size).toBeGreaterThan(10);
    const known: ReadonlyArray<string> = AuditEvent.resourceTypeCodeList.codes;
    expect([...types].filter((type) => !known.includes(type))).toEqual([]);
    for (const type of known) {
      expect(AuditEvent.resourceTypeLabel(type, "nl")).not.toBe(type);
      expect(AuditEvent.resourceTypeLabel(type, "en").length).toBeGreaterThan(0);
    }
  });

  it("sorts every action into changes and reads, a replay and an unknown action on the safe side", () => {
    expect(AuditEvent.kindOfAction("registration.update")).toBe("change");
    expect(AuditEvent.kindOfAction("registration.read")).toBe("read");
    expect(AuditEvent.kindOfAction("registration.audit_trail")).toBe("read");
    expect(AuditEvent.kindOfAction("registration.create.replay")).toBe("read");
    expect(AuditEvent.kindOfAction("something.new")).toBe("change");
    for (const code of codes) {
      const isRead = /\.(list|read|versions|transfers|audit_trail|export|suggestions|download|undecryptable)$/.test(
        code,
      );
      expect(AuditEvent.kindOfAction(code), code).toBe(isRead ? "read" : "change");
    }
  });
});
