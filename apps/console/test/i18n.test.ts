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

  it("chooses plural forms with Intl.PluralRules for the locale, an exact =n first, and formats #", () => {
    const days =
      "{n, plural, =0 {geen dagen} one {# dag} other {# dagen}} (norm {m, plural, one {# dag} other {# dagen}})";
    expect(interpolate(days, { n: 1, m: 7 }, "nl-NL")).toBe("1 dag (norm 7 dagen)");
    expect(interpolate(days, { n: 0, m: 1 }, "nl-NL")).toBe("geen dagen (norm 1 dag)");
    expect(interpolate(days, { n: 1234, m: 2 }, "nl-NL")).toBe("1.234 dagen (norm 2 dagen)");
    expect(interpolate("{n, plural, one {# day} other {# days}}", { n: 1234 }, "en-GB")).toBe("1,234 days");
    expect(interpolate("{n, plural, one {# dag} other {# dagen}}", {})).toBe(
      "{n, plural, one {# dag} other {# dagen}}",
    );
    expect(placeholdersOf(days)).toEqual(["m", "n"]);
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
