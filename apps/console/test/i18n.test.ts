import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en.js";
import { nl } from "../src/i18n/nl.js";
import {
  dictionaries,
  interpolate,
  languages,
  otherLang,
  parseLang,
  placeholdersOf,
  translate,
} from "../src/i18n/translate.js";

describe("the dictionaries", () => {
  it("have exactly the same keys in Dutch and English", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it.each(languages)("have no empty or untrimmed texts in %s", (lang) => {
    for (const [key, text] of Object.entries(dictionaries[lang])) {
      expect(text.trim(), key).not.toBe("");
      expect(text, key).toBe(text.trim());
    }
  });

  it("use the same placeholders for each key in both languages", () => {
    for (const key of Object.keys(nl) as Array<keyof typeof nl>) {
      expect(placeholdersOf(en[key]), key).toEqual(placeholdersOf(nl[key]));
    }
  });

  it("translate rather than copy: most English texts differ from the Dutch ones", () => {
    const same = (Object.keys(nl) as Array<keyof typeof nl>).filter((key) => nl[key] === en[key]);
    // Names and formats that are the same in both languages (the app name, "Auditor", "{count}+", ...).
    expect(same.length).toBeLessThan(12);
  });
});

describe("interpolate", () => {
  it("fills every placeholder it has a value for", () => {
    expect(interpolate("{kind} {period}: {status}.", { kind: "Jaarmonitor", period: 2025, status: "Klaar" })).toBe(
      "Jaarmonitor 2025: Klaar.",
    );
  });

  it("leaves a placeholder without a value visible", () => {
    expect(interpolate("Stand van {date}", {})).toBe("Stand van {date}");
  });
});

describe("translate", () => {
  it("gives the text in the requested language", () => {
    expect(translate("nl", "login.title")).toBe("Inloggen");
    expect(translate("en", "login.title")).toBe("Log in");
    expect(translate("en", "dashboard.overviewTitle", { year: 2026 })).toBe("This year (2026)");
  });

  it("shows the key of a code this version does not know yet instead of failing", () => {
    expect(translate("nl", "state.transferred" as never)).toBe("state.transferred");
  });
});

describe("the language choice", () => {
  it("is Dutch unless English was chosen", () => {
    expect(parseLang(null)).toBe("nl");
    expect(parseLang("fr")).toBe("nl");
    expect(parseLang("en")).toBe("en");
    expect(otherLang("nl")).toBe("en");
    expect(otherLang("en")).toBe("nl");
  });
});
