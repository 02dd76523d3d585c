import { describe, expect, it } from "@effect/vitest";
import { Schema } from "effect";
import * as LegalBasis from "../src/LegalBasis.js";
import * as ProcessingRecord from "../src/ProcessingRecord.js";

const { processingRecord: record } = ProcessingRecord;

describe("the record of processing activities", () => {
  it("is valid under its own schema and survives a round trip through JSON", () => {
    const encoded = Schema.encodeSync(ProcessingRecord.ProcessingRecord)(record);
    expect(Schema.decodeUnknownSync(ProcessingRecord.ProcessingRecord)(JSON.parse(JSON.stringify(encoded)))).toEqual(
      record,
    );
  });

  it("maps every legal basis code to GDPR articles for personal, special-category and criminal-offence data", () => {
    expect(record.legalBases.map((basis) => basis.code)).toEqual(LegalBasis.codeList.codes);
    for (const code of LegalBasis.codeList.codes) {
      const grounds = ProcessingRecord.legalGroundsOf[code];
      expect(grounds.personalData.some((ground) => ground.law === "gdpr" && ground.article.startsWith("6(1)"))).toBe(
        true,
      );
      expect(
        grounds.specialCategories.some((ground) => ground.law === "gdpr" && ground.article.startsWith("9(2)")),
      ).toBe(true);
      expect(grounds.criminalOffenceData.some((ground) => ground.law === "gdpr" && ground.article === "10")).toBe(true);
      expect(grounds.criminalOffenceData.some((ground) => ground.law === "uavg")).toBe(true);
    }
  });

  it("names the ground that matches each code: 6(1)(c)/(e) for statutory, 6(1)(a) and 9(2)(a) for consent", () => {
    const articles = (code: LegalBasis.LegalBasis) =>
      ProcessingRecord.legalGroundsOf[code].personalData.map((ground) => ground.article);
    expect(articles("statutory")).toEqual(["6(1)(c)", "6(1)(e)"]);
    expect(articles("consent")).toEqual(["6(1)(a)"]);
    expect(articles("legitimate_interest")).toEqual(["6(1)(f)"]);
    expect(ProcessingRecord.legalGroundsOf.consent.specialCategories.map((ground) => ground.article)).toContain(
      "9(2)(a)",
    );
  });

  it("marks every UAVG article as to be confirmed by the DPO, and stays a draft until then", () => {
    const grounds = [
      ...record.activities.flatMap((activity) => activity.legalGrounds),
      ...record.legalBases.flatMap((basis) => [
        ...basis.personalData,
        ...basis.specialCategories,
        ...basis.criminalOffenceData,
      ]),
    ];
    expect(grounds.filter((ground) => ground.law === "uavg" && !ground.toBeConfirmedByDpo)).toEqual([]);
    expect(record.status).toBe("draft");
  });

  it("takes its fields from the domain's schemas: identifiers, medical needs as health data, the report as art. 10", () => {
    const category = (id: string) => record.dataCategories.find((candidate) => candidate.id === id);
    expect(category("direct_identifiers")?.fields).toEqual([
      "person.familyName",
      "person.givenNames",
      "person.aliases",
      "person.dateOfBirth",
      "person.documentNumber",
    ]);
    expect(category("statistical_attributes")?.fields).toEqual([
      "person.birthYear",
      "person.sex",
      "person.nationalities",
    ]);
    expect(category("health")).toMatchObject({ kind: "special_category", fields: ["needs.medicalNeeds"] });
    expect(category("report")?.kind).toBe("criminal_offence");
    expect(category("report")?.fields).toEqual(expect.arrayContaining(["legalBasis", "exploitation.forms"]));
    expect(category("report")?.fields).not.toContain("person");
    expect(category("shelter")?.fields).not.toContain("needs.medicalNeeds");
  });

  it("refers only to data categories it defines, and gives each a retention period", () => {
    const ids = record.dataCategories.map((category) => category.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const activity of record.activities) {
      for (const id of activity.dataCategories) expect(ids, `${activity.id} -> ${id}`).toContain(id);
    }
    expect(record.retention.map((row) => row.category).sort()).toEqual([...ids].sort());
  });

  it("sends no data outside the EU and gives the National Rapporteur anonymised figures only", () => {
    expect(record.activities.every((activity) => activity.transfersOutsideEu.startsWith("None"))).toBe(true);
    const rapporteur = record.activities
      .flatMap((activity) => activity.recipients)
      .filter((recipient) => recipient.name.includes("National Rapporteur"));
    expect(rapporteur).toHaveLength(1);
    expect(rapporteur[0]?.receives).toMatch(/^Anonymised figures only/);
  });

  it("renders as Markdown with every activity, every legal basis code and every question for the DPO", () => {
    const markdown = ProcessingRecord.renderMarkdown(record);
    for (const activity of record.activities) expect(markdown).toContain(`### ${activity.name}`);
    for (const code of LegalBasis.codeList.codes) expect(markdown).toContain(`### \`${code}\``);
    for (const question of record.openQuestions) expect(markdown).toContain(question);
    expect(markdown).toContain("GDPR art. 10 (to be confirmed by the DPO)");
    expect(markdown.endsWith("\n")).toBe(true);
  });

  it("escapes table cells, so a pipe in a text cannot break a row", () => {
    const markdown = ProcessingRecord.renderMarkdown({
      ...record,
      securityMeasures: [{ name: "a | b", description: "c\nd", status: "planned" }],
    });
    expect(markdown).toContain("| a \\| b | c d | planned |");
  });
});
