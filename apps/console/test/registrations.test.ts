import { ExploitationForm } from "@comensha/domain";
import { describe, expect, it } from "vitest";
import { codeLabel, dateFilter, shortId } from "../src/pages/registrations.js";

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
});
