import { describe, expect, it } from "vitest";
import { controlCharacterPaths, hasControlCharacter } from "../src/InputText.js";

describe("control characters in input", () => {
  it("refuses NUL, the other C0 controls and DEL, and allows tab, line feed and carriage return", () => {
    for (let code = 0; code < 0x20; code++) {
      const allowed = code === 0x09 || code === 0x0a || code === 0x0d;
      expect(hasControlCharacter(`a${String.fromCharCode(code)}b`), `U+${code.toString(16)}`).toBe(!allowed);
    }
    expect(hasControlCharacter("a\u007fb")).toBe(true);
    expect(hasControlCharacter("Zélig Ännchen-Kovač 日本")).toBe(false);
    expect(hasControlCharacter("")).toBe(false);
  });

  it("names every offending string and key of a JSON value by its JSON Pointer, escaping ~ and /", () => {
    const body = {
      person: { familyName: "Jan\u0000sen", givenNames: "Eva", aliases: ["ok", "b\u001bad"] },
      "a/b~c": "x\u0007",
      "key\u0000": "value",
      note: "line one\nline two\ttabbed\r\n",
      nested: [[{ deep: "\u0000" }]],
      count: 3,
      flag: null,
    };
    expect(controlCharacterPaths(body)).toEqual([
      "/person/familyName",
      "/person/aliases/1",
      "/a~1b~0c",
      "/key\u0000",
      "/nested/0/0/deep",
    ]);
    expect(controlCharacterPaths("\u0000")).toEqual([""]);
    expect(controlCharacterPaths({ clean: ["a", { b: "c" }], n: 1 })).toEqual([]);
  });
});
