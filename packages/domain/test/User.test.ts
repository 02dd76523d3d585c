import { describe, expect, it } from "@effect/vitest";
import { Effect, Option, Schema } from "effect";
import * as Organisation from "../src/Organisation.js";
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

  it("has the staff roles and care: never partner", () => {
    expect(User.UserRole.literals).toEqual(["coordinator", "policy", "admin", "auditor", "care"]);
    expect(User.staffRoles).toEqual(["coordinator", "policy", "admin", "auditor"]);
    expect(() => decodeNew({ email: "a@b.nl", name: "A", role: "partner" })).toThrow();
  });

  it("asks a care user for their organisation, and staff for none", () => {
    const organisationId = "01900000-0000-7000-8000-0000000000aa";
    const care = decodeNew({ email: "z@zorg.test", name: "Z", role: "care", organisationId });
    expect(care.organisationId).toBe(organisationId);
    const decodedId = Schema.decodeUnknownSync(Organisation.OrganisationId)(organisationId);
    expect(User.organisationProblem(care)).toEqual(Option.none());
    expect(User.organisationProblem({ role: "care" })).toEqual(
      Option.some("a care user works for a receiving organisation: give its organisationId"),
    );
    for (const role of User.staffRoles) {
      expect(User.organisationProblem({ role }), role).toEqual(Option.none());
      expect(Option.isSome(User.organisationProblem({ role, organisationId: decodedId })), role).toBe(true);
    }
    expect(() => decodeNew({ email: "z@zorg.test", name: "Z", role: "care", organisationId: "not-a-uuid" })).toThrow();
    const found = { kind: "care_coordination", status: "active", isComensha: false } as const;
    expect(User.organisationProblem(care, found)).toEqual(Option.none());
    expect(User.organisationProblem(care, null)).toEqual(Option.some("no organisation has this id"));
    const refusesReferrals = Option.some("this organisation does not receive referrals, so it has no care users");
    expect(User.organisationProblem(care, { ...found, kind: "police" })).toEqual(refusesReferrals);
    expect(User.organisationProblem(care, { ...found, kind: "other", isComensha: true })).toEqual(refusesReferrals);
    expect(User.organisationProblem(care, { ...found, status: "suspended" })).toEqual(
      Option.some("this organisation is suspended: it gets no new users"),
    );
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
      organisationId: "01900000-0000-7000-8000-0000000000aa",
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
