import { ExploitationForm } from "@comensha/domain";
import { describe, expect, it } from "vitest";
import { codeLabel, dateFilter, parseReference, shortId } from "../src/pages/registrations.js";

describe("registration helpers", () => {
  it("shortens ids, and shows a dash for none", () => {
    expect(shortId("0193b000-0000-7000-8000-0000a0b1c2d3")).toBe("a0b1c2d3");
    expect(shortId("0193b000-0000-7000-8000-0000a0b1c2d4")).not.toBe(shortId("0193b000-0000-7000-8000-0000a0b1c2d3"));
    expect(shortId(undefined)).toBe("–");
  });

  it("labels a code in the chosen language, and keeps an unknown code", () => {
    expect(codeLabel(ExploitationForm.codeList.labels, "labour", "en")).toBe("Labour exploitation");
    expect(codeLabel(ExploitationForm.codeList.labels, "new_form", "nl")).toBe("new_form");
  });

  it("accepts only ISO dates as a filter", () => {
    expect(dateFilter(" 2026-01-31 ")).toBe("2026-01-31");
    expect(dateFilter("")).toBeUndefined();
    expect(dateFilter("31-01-2026")).toBeUndefined();
  });

  it("reads a reference as the console shows it, or a whole id, and refuses anything else", () => {
    expect(parseReference(" 78852A06 ")).toBe("78852a06");
    expect(parseReference("#78852a06")).toBe("78852a06");
    expect(parseReference("0193B000-0000-7000-8000-0000A0B1C2D3")).toBe("0193b000-0000-7000-8000-0000a0b1c2d3");
    expect(parseReference("   ")).toBeUndefined();
    for (const text of ["78852a0", "78852a06f", "Jansen", "Melding 78852a06", "%%%%%%%%", "0193b000-0000"]) {
      expect(parseReference(text), text).toBe("invalid");
    }
  });
});
