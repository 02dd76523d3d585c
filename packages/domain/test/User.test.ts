import { describe, expect, it } from "@effect/vitest";
import { Effect, Schema } from "effect";
import * as User from "../src/User.js";

describe("User", () => {
  const decodeNew = Schema.decodeUnknownSync(User.NewUser);

  it("lower-cases and trims the e-mail address of a new user", () => {
    expect(decodeNew({ email: "  J.Jansen@CoMensha.NL ", name: "J. Jansen", role: "coordinator" })).toEqual({
      email: "j.jansen@comensha.nl",
      name: "J. Jansen",
      role: "coordinator",
    });
  });

  it("has the staff roles only: never partner", () => {
    expect(User.UserRole.literals).toEqual(["coordinator", "policy", "admin", "auditor"]);
    expect(() => decodeNew({ email: "a@b.nl", name: "A", role: "partner" })).toThrow();
  });

  it.effect("refuses what is not an e-mail address, and an empty name", () =>
    Effect.gen(function* () {
      for (const email of ["", "no-at-sign", "a@b", "two@@b.nl", "spa ce@b.nl"]) {
        const result = yield* Effect.result(
          Schema.decodeUnknownEffect(User.NewUser)({ email, name: "A", role: "policy" }),
        );
        expect(result._tag, email).toBe("Failure");
      }
      const unnamed = yield* Effect.result(
        Schema.decodeUnknownEffect(User.NewUser)({ email: "a@b.nl", name: "  ", role: "policy" }),
      );
      expect(unnamed._tag).toBe("Failure");
    }),
  );

  it("stores only lower-cased addresses", () => {
    const user = {
      id: "01900000-0000-7000-8000-000000000001",
      email: "a@b.nl",
      name: "A",
      role: "admin",
      status: "active",
      mustChangePassword: true,
      secondFactorEnrolled: false,
      createdAt: "2026-11-20T09:00:00.000Z",
      lastLoginAt: null,
      approval: null,
    };
    expect(Schema.decodeUnknownSync(User.User)(user).email).toBe("a@b.nl");
    expect(() => Schema.decodeUnknownSync(User.User)({ ...user, email: "A@b.nl" })).toThrow();
    expect(() => Schema.decodeUnknownSync(User.User)({ ...user, status: "deleted" })).toThrow();
  });
});
