import { Session } from "@comensha/domain";
import { describe, expect, it } from "vitest";
import { commonPasswords } from "../src/commonPasswords.js";

describe("the shipped list of common passwords", () => {
  const context = { email: "j.jansen@comensha.nl", commonPasswords };
  const messages = (password: string) =>
    Session.passwordViolations(password, context).map((violation) => violation.message);
  const tooCommon = "is too common: it appears in lists of breached passwords";

  it("holds tens of thousands of passwords, lower-cased", () => {
    expect(commonPasswords.size).toBeGreaterThan(40_000);
    expect([...commonPasswords].every((password) => password === password.toLowerCase())).toBe(true);
  });

  it("refuses breached passwords as people dress them up", () => {
    for (const password of [
      "password1234",
      "Password1234!",
      "qwertyuiop12",
      "ILoveYou2024!",
      "Wachtwoord123",
      "1qaz2wsx3edc",
    ]) {
      expect(messages(password), password).toContain(tooCommon);
    }
  });

  it("accepts a passphrase and the kind of password the system generates", () => {
    for (const password of ["correct horse battery staple", "violet anchor mosaic drifting", "q3ZxN_8vLr-Tk2mYwPa0"]) {
      expect(messages(password), password).toEqual([]);
    }
  });
});
