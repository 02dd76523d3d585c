import { Report } from "@comensha/domain";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { renderJson, reportJsonSchema, reportSchemaId } from "../src/json.js";
import { sampleReport } from "../src/sample.js";
import { validateJson } from "./support/jsonSchemaCheck.js";
import { roundedReport } from "./support/reports.js";

/** A deep copy of a value with the keys of every object in reverse order. */
const reverseKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, item]) => [key, reverseKeys(item)]),
    );
  }
  return value;
};

describe("renderJson", () => {
  const text = renderJson(sampleReport);

  it("names its schema first, indents by two spaces and ends with a newline", () => {
    expect(
      text.startsWith(`{\n  "$schema": "${reportSchemaId}",\n  "parameters": {\n    "kind": "annual_monitor",`),
    ).toBe(true);
    expect(text.endsWith("\n}\n")).toBe(true);
    expect(text).not.toContain("\r");
  });

  it("lists the keys in the order the schema declares them", () => {
    expect(Object.keys(JSON.parse(text))).toEqual([
      "$schema",
      "parameters",
      "title",
      "period",
      "dataAsOf",
      "policy",
      "tables",
      "notes",
    ]);
    expect(Object.keys(JSON.parse(text).tables[1])).toEqual([
      "id",
      "title",
      "unit",
      "rows",
      "columns",
      "cells",
      "rowTotals",
      "columnTotals",
      "grandTotal",
      "rowsAdd",
      "columnsAdd",
    ]);
  });

  it("writes suppressed values as null", () => {
    expect(JSON.parse(text).tables[1].cells).toEqual([
      [96, 41, null],
      [312, 128, null],
      [806, 388, 0],
    ]);
    expect(text).toContain('"rowTotals": [\n        null,\n        null,\n        1194\n      ]');
  });

  it("decodes back to the same report with Report.PublishedReport", () => {
    expect(Schema.decodeUnknownSync(Report.PublishedReport)(JSON.parse(text))).toEqual(sampleReport);
    const rounded = roundedReport(5);
    expect(Schema.decodeUnknownSync(Report.PublishedReport)(JSON.parse(renderJson(rounded)))).toEqual(rounded);
  });

  it("gives the same bytes on every render, whatever the order of the keys of the report", () => {
    expect(renderJson(sampleReport)).toBe(text);
    const shuffled = reverseKeys(sampleReport) as Report.PublishedReport;
    expect(Object.keys(shuffled)[0]).toBe("notes");
    expect(renderJson(shuffled)).toBe(text);
  });

  it("rejects a report its schema rejects", () => {
    const broken = { ...sampleReport, policy: { threshold: 0 } } as Report.PublishedReport;
    expect(() => renderJson(broken)).toThrow();
  });
});

describe("reportJsonSchema", () => {
  const text = reportJsonSchema();
  const schema = JSON.parse(text);

  it("is a draft 2020-12 document with the id the rendered reports name", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe(reportSchemaId);
    expect(schema.type).toBe("object");
    expect(schema.properties.$schema).toEqual({ type: "string", const: reportSchemaId });
    expect(schema.required).toEqual(["parameters", "title", "period", "dataAsOf", "policy", "tables", "notes"]);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("describes the rules of the domain schema", () => {
    expect(schema.properties.dataAsOf).toMatchObject({ type: "string", format: "date" });
    expect(schema.properties.policy.properties.threshold).toEqual({ type: "integer", minimum: 1, maximum: 1000 });
    const cells = schema.properties.tables.items.properties.cells;
    expect(cells.items.items.anyOf ?? cells.items.items.oneOf).toEqual(
      expect.arrayContaining([{ type: "null" }, expect.objectContaining({ type: "integer", minimum: 0 })]),
    );
  });

  it("accepts the rendered reports", () => {
    expect(validateJson(schema, JSON.parse(renderJson(sampleReport)))).toEqual([]);
    expect(validateJson(schema, JSON.parse(renderJson(roundedReport(10))))).toEqual([]);
  });

  it("rejects a negative count, a malformed date, an unknown kind, a wrong $schema and a missing policy", () => {
    const report = JSON.parse(renderJson(sampleReport));
    const withChange = (change: (copy: typeof report) => void) => {
      const copy = structuredClone(report);
      change(copy);
      return validateJson(schema, copy);
    };
    expect(
      withChange((copy) => {
        copy.tables[0].cells[0][0] = -1;
      }),
    ).toContain("/tables/0/cells/0/0: matches no branch of anyOf");
    expect(
      withChange((copy) => {
        copy.dataAsOf = "31-03-2025";
      }),
    ).toEqual([expect.stringMatching(/^\/dataAsOf: does not match/)]);
    expect(
      withChange((copy) => {
        copy.parameters.kind = "weekly";
      }),
    ).toEqual(["/parameters: matches no branch of anyOf"]);
    expect(
      withChange((copy) => {
        copy.$schema = "https://example.org/other.json";
      }),
    ).toEqual([expect.stringMatching(/^\/\$schema: not /)]);
    expect(
      withChange((copy) => {
        delete copy.policy;
      }),
    ).toEqual(["/: missing policy"]);
  });

  it("gives the same bytes on every call", () => {
    expect(reportJsonSchema()).toBe(text);
  });
});
