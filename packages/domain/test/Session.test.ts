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
  const commonPasswords = new Set(["password", "password1234", "dragon", "iloveyou", "jansen", "123456789012"]);
  const context = { email, commonPasswords };
  const violations = (password: string, to = context) => Session.passwordViolations(password, to);
  const messages = (password: string, to = context) => violations(password, to).map((violation) => violation.message);
  const tooCommon = "is too common: it appears in lists of breached passwords";
  const predictable =
    "is too predictable: it only repeats characters or counts through them, such as aaaa, abcabc or 1234";
  const serviceName = "must not be the name of this service with only digits or symbols added";
  const emailWord = "must not be a word from your e-mail address with only digits or symbols added";

  it("accepts 12 characters or more that are not the e-mail address, common, predictable or the service's name", () => {
    for (const password of [
      "twelve chars",
      "violet anchor mosaic drifting",
      "Kw9#mZ2!pL4qKw9#mZ2!pL4q",
      "my own long password",
      "correct horse battery staple ".repeat(40).slice(0, Session.maxPasswordLength),
    ]) {
      expect(violations(password), password).toEqual([]);
    }
  });

  it("refuses fewer than 12 characters with a clear message", () => {
    expect(violations("eleven char")).toEqual([
      { path: ["newPassword"], message: "must be at least 12 characters long (it has 11)" },
    ]);
    expect(Session.passwordViolations("", context, "password")[0]?.path).toEqual(["password"]);
  });

  it("counts characters, not UTF-16 units: eleven emoji are too short", () => {
    const emoji = [..."🔒🔑🐢🌷🚲🧀🎻🌍🦉🍐🧭🪁"];
    expect(messages(emoji.slice(0, 11).join(""))).toEqual(["must be at least 12 characters long (it has 11)"]);
    expect(violations(emoji.join(""))).toEqual([]);
  });

  it("refuses the e-mail address itself, whatever its case or surrounding spaces", () => {
    for (const password of [email, email.toUpperCase(), ` ${email} `]) {
      expect(violations(password)).toEqual([{ path: ["newPassword"], message: "must not be your e-mail address" }]);
    }
  });

  it("refuses a short address as password with both messages", () => {
    expect(messages("a@b.nl", { email: "a@b.nl", commonPasswords })).toEqual([
      "must be at least 12 characters long (it has 6)",
      "must not be your e-mail address",
    ]);
  });

  it("refuses passwords over the maximum, and checks nothing more of them", () => {
    expect(violations("a".repeat(Session.maxPasswordLength + 1))).toEqual([
      { path: ["newPassword"], message: `must be at most ${Session.maxPasswordLength} characters long` },
    ]);
  });

  it("refuses a listed password in any case, also with digits or symbols before or after it", () => {
    for (const password of [
      "password1234",
      "PASSWORD1234",
      "Password1234!",
      "1234-Password",
      "!!iloveyou2024!!",
      "Dragon 1987-06-15",
    ]) {
      expect(violations(password), password).toEqual([{ path: ["newPassword"], message: tooCommon }]);
    }
    expect(messages("123456789012")).toEqual([tooCommon, predictable]);
  });

  it("accepts a listed password inside a longer one: the list is matched whole", () => {
    for (const password of ["password manager rocks", "my dragon is green", "pass word 1234"]) {
      expect(violations(password), password).toEqual([]);
    }
  });

  it("finds a listed password whatever its case", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (upper) => {
        const password = [..."password1234"].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("");
        expect(messages(password)).toEqual([tooCommon]);
      }),
    );
  });

  it("refuses repeated or sequential characters only", () => {
    for (const password of [
      "aaaaaaaaaaaa",
      "ZZZZZZZZZZZZZZZZ",
      "abcdefghijkl",
      "ZYXWVUTSRQPO",
      "890123456789",
      "987654321098",
      "abcabcabcabc",
      "ab12ab12ab12",
      "aaaa1111bbbb",
      "1234abcd9876",
      "!!!!!!!!!!!!",
    ]) {
      expect(messages(password), password).toEqual([predictable]);
    }
  });

  it("refuses any part shorter than 12 characters repeated to make up the length", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 11 }), fc.integer({ min: 0, max: 3 }), (part, extra) => {
        const password = part.repeat(Math.ceil(Session.minPasswordLength / part.length) + extra);
        expect(messages(password)).toContain(predictable);
      }),
    );
  });

  it("accepts a password that only partly repeats or counts", () => {
    for (const password of ["abcdefgh plus", "aaaa and then some", "1234 wild geese"]) {
      expect(violations(password), password).toEqual([]);
    }
  });

  it("refuses the service's name with only digits or symbols added", () => {
    for (const password of ["comensha2024!", "CoMensha-2024", "2024 Mensenhandel!", "#CoMensha#2026"]) {
      expect(messages(password), password).toEqual([serviceName]);
    }
  });

  it("refuses a word of the e-mail address with only digits or symbols added", () => {
    expect(messages("j.jansen1990!")).toEqual([emailWord]);
    expect(messages("jjansen-1990-05")).toEqual([emailWord]);
    expect(messages("JANSEN 19900512")).toEqual([tooCommon, emailWord]);
    expect(messages("Politie2024!!", { email: "p.de.vries@politie.nl", commonPasswords })).toEqual([emailWord]);
    expect(messages("Vries-19900512", { email: "p.de.vries@politie.nl", commonPasswords })).toEqual([emailWord]);
  });

  it("accepts the service's name or a word of the address within a longer phrase", () => {
    for (const password of ["comensha helpt mensen", "jansen plays the cello", "de 12 vries-kinderen"]) {
      expect(violations(password), password).toEqual([]);
    }
  });
});
