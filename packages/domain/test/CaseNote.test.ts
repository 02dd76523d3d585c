import { Redacted, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { CaseNote } from "../src/index.js";

const decode = Schema.decodeUnknownExit(CaseNote.NewCaseNote);
const encode = Schema.encodeSync(CaseNote.NewCaseNote);

describe("a case note's text", () => {
  it("is trimmed, then 1 to 10,000 characters", () => {
    const note = Schema.decodeUnknownSync(CaseNote.NewCaseNote)({ text: "\n  Spoke with her sister.  \n" });
    expect(Redacted.value(note.text)).toBe("Spoke with her sister.");
    expect(decode({ text: "x".repeat(CaseNote.maxCaseNoteLength) })._tag).toBe("Success");
    for (const text of ["", "   \n\t", "x".repeat(CaseNote.maxCaseNoteLength + 1), 7, null]) {
      expect(decode({ text })._tag, String(text).slice(0, 10)).toBe("Failure");
    }
  });

  it("never shows its words when logged, printed or serialised, only when encoded for its reader", () => {
    const note = Schema.decodeUnknownSync(CaseNote.NewCaseNote)({ text: "She named the employer Testbedrijf." });
    expect(String(note.text)).not.toContain("Testbedrijf");
    expect(JSON.stringify(note)).not.toContain("Testbedrijf");
    expect(encode(note)).toEqual({ text: "She named the employer Testbedrijf." });
  });
});
