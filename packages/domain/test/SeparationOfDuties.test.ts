import { describe, expect, it } from "@effect/vitest";
import { Schema } from "effect";
import * as fc from "fast-check";
import * as ApiKey from "../src/ApiKey.js";
import { canReadAllPersonalData, Role } from "../src/Role.js";
import * as SeparationOfDuties from "../src/SeparationOfDuties.js";
import * as User from "../src/User.js";

const alice = { kind: "user", id: "0193a1b2-0000-7000-8000-00000000000a" } as const;
const aliceKey = { kind: "api_key", id: "0193a1b2-0000-7000-8000-00000000000a" } as const;
const bob = { kind: "user", id: "0193a1b2-0000-7000-8000-00000000000b" } as const;
const cli = { kind: "system", id: "cli" } as const;
const id = "0193a1b2-0000-7000-8000-000000000001";

const pending = (requestedBy: SeparationOfDuties.ApprovalActor): SeparationOfDuties.Approval => ({
  requestedBy,
  approvedBy: null,
  approvedAt: null,
});

describe("separation of duties", () => {
  it("holds coordinator and administrator users and keys back for a second administrator, no other role", () => {
    for (const kind of ["user", "api_key"] as const) {
      expect(SeparationOfDuties.needsApproval({ kind, role: "coordinator" }, alice)).toBe(true);
      expect(SeparationOfDuties.needsApproval({ kind, role: "admin" }, aliceKey)).toBe(true);
      for (const role of ["partner", "policy", "auditor"] as const) {
        expect(SeparationOfDuties.needsApproval({ kind, role }, alice)).toBe(false);
      }
    }
  });

  it("holds back every role that reads all personal data", () => {
    for (const role of Role.literals) {
      if (canReadAllPersonalData(role)) expect(SeparationOfDuties.rolesNeedingApproval).toContain(role);
    }
  });

  it("lets the command line (the system) make any grant at once", () => {
    for (const role of Role.literals) {
      expect(SeparationOfDuties.needsApproval({ kind: "user", role }, cli)).toBe(false);
    }
  });

  it("refuses the requester as approver and lets another principal approve, a key and a user with one id apart", () => {
    const grant = { id, awaitingApproval: true, approval: pending(alice) };
    expect(SeparationOfDuties.checkApproval(grant, alice)?._tag).toBe("SecondApproverRequired");
    expect(SeparationOfDuties.checkApproval(grant, bob)).toBeUndefined();
    expect(SeparationOfDuties.checkApproval(grant, aliceKey)).toBeUndefined();
    expect(SeparationOfDuties.mayApprove({ requestedBy: alice, approver: alice })).toBe(false);
  });

  it("approves only what waits: not an approved grant, nor one that needed none, nor a turned-down one", () => {
    const approved = { ...pending(alice), approvedBy: bob, approvedAt: "2026-11-20T10:00:00.000Z" };
    expect(SeparationOfDuties.checkApproval({ id, awaitingApproval: true, approval: approved }, bob)?._tag).toBe(
      "NotAwaitingApproval",
    );
    expect(SeparationOfDuties.checkApproval({ id, awaitingApproval: true, approval: null }, bob)?._tag).toBe(
      "NotAwaitingApproval",
    );
    expect(
      SeparationOfDuties.checkApproval({ id, awaitingApproval: false, approval: pending(alice) }, alice)?._tag,
    ).toBe("NotAwaitingApproval");
  });

  it("approves exactly when the grant waits and the approver is another principal", () => {
    const actor = fc.record({
      kind: fc.constantFrom("user" as const, "api_key" as const, "system" as const),
      id: fc.constantFrom("a", "b"),
    });
    fc.assert(
      fc.property(fc.boolean(), actor, actor, (awaiting, by, approver) => {
        const allowed =
          SeparationOfDuties.checkApproval({ id, awaitingApproval: awaiting, approval: pending(by) }, approver) ===
          undefined;
        return allowed === (awaiting && !SeparationOfDuties.isSamePrincipal(by, approver));
      }),
    );
  });

  it("says a pending user and an unapproved, unrevoked key wait; an approved or revoked key does not", () => {
    expect(User.isAwaitingApproval({ status: "pending" })).toBe(true);
    expect(User.isAwaitingApproval({ status: "active" })).toBe(false);
    expect(User.isAwaitingApproval({ status: "disabled" })).toBe(false);
    expect(ApiKey.isAwaitingApproval({ approval: pending(alice), revokedAt: null })).toBe(true);
    expect(ApiKey.isAwaitingApproval({ approval: pending(alice), revokedAt: "2026-11-20T10:00:00.000Z" })).toBe(false);
    expect(ApiKey.isAwaitingApproval({ approval: null, revokedAt: null })).toBe(false);
    const approved = { ...pending(alice), approvedBy: bob, approvedAt: "2026-11-20T10:00:00.000Z" };
    expect(ApiKey.isAwaitingApproval({ approval: approved, revokedAt: null })).toBe(false);
  });

  it("reads an approval from the wire and refuses an unknown kind of actor", () => {
    const decode = Schema.decodeUnknownSync(SeparationOfDuties.Approval);
    expect(decode({ requestedBy: alice, approvedBy: null, approvedAt: null })).toEqual(pending(alice));
    expect(() => decode({ requestedBy: { kind: "person", id: "x" }, approvedBy: null, approvedAt: null })).toThrow();
  });
});
