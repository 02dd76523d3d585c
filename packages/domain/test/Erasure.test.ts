import { describe, expect, it } from "@effect/vitest";
import { Redacted, Schema } from "effect";
import * as fc from "fast-check";
import * as Erasure from "../src/Erasure.js";

const id = Schema.decodeUnknownSync(Erasure.ErasureRequestId)("0193a1b2-0000-7000-8000-000000000001");
const alice = { kind: "user", id: "0193a1b2-0000-7000-8000-00000000000a" } as const;
const aliceKey = { kind: "api_key", id: "0193a1b2-0000-7000-8000-00000000000a" } as const;
const bob = { kind: "user", id: "0193a1b2-0000-7000-8000-00000000000b" } as const;

describe("erasure requests", () => {
  it("refuses the requester as approver: a second coordinator must approve", () => {
    const refused = Erasure.checkApproval({ id, status: "pending", requestedBy: alice }, alice);
    expect(refused?._tag).toBe("SecondApproverRequired");
  });

  it("lets another user approve, and counts a key and a user with the same id as different principals", () => {
    expect(Erasure.checkApproval({ id, status: "pending", requestedBy: alice }, bob)).toBeUndefined();
    expect(Erasure.checkApproval({ id, status: "pending", requestedBy: alice }, aliceKey)).toBeUndefined();
  });

  it("decides a request once: a decided one can be neither approved nor rejected", () => {
    for (const status of ["approved", "rejected"] as const) {
      expect(Erasure.checkApproval({ id, status, requestedBy: alice }, bob)?._tag).toBe("ErasureRequestDecided");
      expect(Erasure.checkRejection({ id, status })?._tag).toBe("ErasureRequestDecided");
    }
    expect(Erasure.checkRejection({ id, status: "pending" })).toBeUndefined();
  });

  it("approves exactly when the request is pending and the approver is someone else", () => {
    const actor = fc.record({
      kind: fc.constantFrom("user" as const, "api_key" as const),
      id: fc.constantFrom("a", "b"),
    });
    fc.assert(
      fc.property(fc.constantFrom(...Erasure.ErasureRequestStatus.literals), actor, actor, (status, by, approver) => {
        const allowed = Erasure.checkApproval({ id, status, requestedBy: by }, approver) === undefined;
        return allowed === (status === "pending" && !Erasure.isSameActor(by, approver));
      }),
    );
  });

  it("takes a reason of 3 to 1000 characters and keeps it redacted", () => {
    const decode = Schema.decodeUnknownSync(Erasure.ErasureReasonInput);
    const { reason } = decode({ reason: "Art. 17 request by the person" });
    expect(Redacted.value(reason)).toBe("Art. 17 request by the person");
    expect(String(reason)).not.toContain("Art. 17");
    expect(() => decode({ reason: "no" })).toThrow();
    expect(() => decode({ reason: " padded " })).toThrow();
    expect(() => decode({ reason: "x".repeat(1001) })).toThrow();
  });
});
