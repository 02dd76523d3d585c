import { describe, expect, it } from "@effect/vitest";
import { Effect, Schema } from "effect";
import * as fc from "fast-check";
import * as Session from "../src/Session.js";

const minute = 60 * 1000;
const t0 = Date.UTC(2026, 10, 20, 9, 0);
const iso = (millis: number) => new Date(millis).toISOString();

describe("session lifetime", () => {
  const begunAt = (createdAt: number, lastSeenAt = createdAt) => ({
    lastSeenAt: iso(lastSeenAt),
    expiresAt: Session.expiresAtFor(createdAt),
  });

  it("lasts 12 hours at most and 30 minutes without a request", () => {
    expect(Session.absoluteLifetimeMillis).toBe(12 * 60 * minute);
    expect(Session.idleTimeoutMillis).toBe(30 * minute);
    expect(Session.expiresAtFor(t0)).toBe("2026-11-20T21:00:00.000Z");
  });

  it("is active until just before 30 idle minutes, and idle at exactly 30", () => {
    expect(Session.sessionState(begunAt(t0), t0)).toBe("active");
    expect(Session.sessionState(begunAt(t0), t0 + 30 * minute - 1)).toBe("active");
    expect(Session.sessionState(begunAt(t0), t0 + 30 * minute)).toBe("idle");
  });

  it("counts idle time from the last request, not from login", () => {
    const session = begunAt(t0, t0 + 60 * minute);
    expect(Session.sessionState(session, t0 + 89 * minute)).toBe("active");
    expect(Session.sessionState(session, t0 + 90 * minute)).toBe("idle");
  });

  it("expires at 12 hours however recent the last request", () => {
    const busy = begunAt(t0, t0 + 12 * 60 * minute - 1);
    expect(Session.sessionState(busy, t0 + 12 * 60 * minute - 1)).toBe("active");
    expect(Session.sessionState(busy, t0 + 12 * 60 * minute)).toBe("expired");
  });

  it("calls a session past its lifetime expired rather than idle", () => {
    expect(Session.sessionState(begunAt(t0), t0 + 13 * 60 * minute)).toBe("expired");
  });

  it("is never active past either limit (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 13 * 60 * minute }),
        fc.integer({ min: 0, max: 13 * 60 * minute }),
        (seenAfter, nowAfterSeen) => {
          const session = begunAt(t0, t0 + seenAfter);
          const now = t0 + seenAfter + nowAfterSeen;
          const state = Session.sessionState(session, now);
          const shouldBeActive = nowAfterSeen < Session.idleTimeoutMillis && now < t0 + Session.absoluteLifetimeMillis;
          expect(state === "active").toBe(shouldBeActive);
        },
      ),
    );
  });

  it.effect("decodes a stored session and refuses a malformed id", () =>
    Effect.gen(function* () {
      const decode = Schema.decodeUnknownEffect(Session.Session);
      const wire = {
        id: "01900000-0000-7000-8000-000000000001",
        userId: "01900000-0000-7000-8000-000000000002",
        createdAt: iso(t0),
        lastSeenAt: iso(t0),
        expiresAt: Session.expiresAtFor(t0),
      };
      expect((yield* decode(wire)).expiresAt).toBe(wire.expiresAt);
      const refused = yield* Effect.result(decode({ ...wire, id: "not-a-uuid" }));
      expect(refused._tag).toBe("Failure");
    }),
  );
});

describe("login lock-out", () => {
  const failTimes = (times: ReadonlyArray<number>) =>
    times.reduce((throttle, at) => Session.recordFailure(throttle, at), Session.emptyThrottle);

  it("is open with no failures", () => {
    expect(Session.lockedForSeconds(Session.emptyThrottle, t0)).toBeUndefined();
  });

  it("stays open after 4 failures and locks at the 5th within 15 minutes, for 15 minutes", () => {
    const four = failTimes([0, 1, 2, 3].map((i) => t0 + i * minute));
    expect(Session.lockedForSeconds(four, t0 + 4 * minute)).toBeUndefined();
    expect(four.failures).toHaveLength(4);
    const five = Session.recordFailure(four, t0 + 14 * minute);
    expect(five.lockedUntil).toBe(t0 + 29 * minute);
    expect(five.failures).toEqual([]);
    expect(Session.lockedForSeconds(five, t0 + 14 * minute)).toBe(15 * 60);
    expect(Session.lockedForSeconds(five, t0 + 29 * minute - 1)).toBe(1);
    expect(Session.lockedForSeconds(five, t0 + 29 * minute)).toBeUndefined();
  });

  it("rounds the wait up to whole seconds", () => {
    const locked = { failures: [], lockedUntil: t0 + 1500 };
    expect(Session.lockedForSeconds(locked, t0)).toBe(2);
    expect(Session.lockedForSeconds(locked, t0 + 1499)).toBe(1);
  });

  it("forgets failures 15 minutes old, so 5 spread over more than 15 minutes do not lock", () => {
    const spread = failTimes([0, 4, 8, 12, 15].map((m) => t0 + m * minute));
    expect(spread.lockedUntil).toBeNull();
    expect(spread.failures).toHaveLength(4);
    expect(failTimes([0, 4, 8, 12, 14.99].map((m) => t0 + m * minute)).lockedUntil).not.toBeNull();
  });

  it("never tracks more than 4 failures and locks only with 5 inside one window (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 * minute }), { maxLength: 30 }), (gaps) => {
        let throttle = Session.emptyThrottle;
        let now = t0;
        const counted: Array<number> = [];
        for (const gap of gaps) {
          now += gap;
          const wasLocked = throttle.lockedUntil !== null && now < throttle.lockedUntil;
          throttle = Session.recordFailure(throttle, now);
          counted.push(now);
          const recent = counted.filter((at) => now - at < Session.failureWindowMillis);
          expect(throttle.failures.length).toBeLessThan(Session.maxFailedLogins);
          // A failure is always remembered unless it is the one that locks: an empty list marks a fresh lock.
          // (A failure at the very instant a lock began carries that lock over, so lockedUntil alone cannot tell.)
          if (throttle.failures.length === 0) {
            expect(throttle.lockedUntil).toBe(now + Session.lockoutMillis);
            expect(recent.length).toBeGreaterThanOrEqual(Session.maxFailedLogins);
            counted.length = 0;
          } else if (!wasLocked) {
            expect(throttle.lockedUntil === null || throttle.lockedUntil <= now).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("the password rule", () => {
  const email = "j.jansen@comensha.nl";

  it("accepts 12 characters or more that are not the e-mail address", () => {
    expect(Session.passwordViolations("twelve chars", email)).toEqual([]);
    expect(Session.passwordViolations("a".repeat(Session.maxPasswordLength), email)).toEqual([]);
  });

  it("refuses fewer than 12 characters with a clear message", () => {
    expect(Session.passwordViolations("eleven char", email)).toEqual([
      { path: ["newPassword"], message: "must be at least 12 characters long (it has 11)" },
    ]);
    expect(Session.passwordViolations("", email, "password")[0]?.path).toEqual(["password"]);
  });

  it("counts characters, not UTF-16 units: eleven emoji are too short", () => {
    expect(Session.passwordViolations("🔒".repeat(11), email)).toHaveLength(1);
    expect(Session.passwordViolations("🔒".repeat(12), email)).toEqual([]);
  });

  it("refuses the e-mail address itself, whatever its case or surrounding spaces", () => {
    for (const password of [email, email.toUpperCase(), ` ${email} `]) {
      expect(Session.passwordViolations(password, email)).toEqual([
        { path: ["newPassword"], message: "must not be your e-mail address" },
      ]);
    }
  });

  it("refuses a short address as password with both messages", () => {
    expect(Session.passwordViolations("a@b.nl", "a@b.nl").map((v) => v.message)).toEqual([
      "must be at least 12 characters long (it has 6)",
      "must not be your e-mail address",
    ]);
  });

  it("refuses passwords over the maximum", () => {
    expect(Session.passwordViolations("a".repeat(Session.maxPasswordLength + 1), email)).toEqual([
      { path: ["newPassword"], message: `must be at most ${Session.maxPasswordLength} characters long` },
    ]);
  });
});
