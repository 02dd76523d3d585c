import type { AuditEvent, User } from "@comensha/domain";
import { Ports, SecondFactor, Session } from "@comensha/domain";
import { Clock, Effect, Redacted } from "effect";
import { csrfTokenFor, generateSessionToken, hashSecret } from "../auth.js";
import { commonPasswords } from "../commonPasswords.js";
import { refuseAfterCommit } from "./refusal.js";
import { checkLoginFactor } from "./secondFactor.js";

/**
 * The name of the blind index that keys the login throttle: a keyed hash of the e-mail address and the client's
 * address together, never either in the clear.
 */
const throttleIndex = "login_email";

const iso = (millis: number) => new Date(millis).toISOString();

const userActor = (credential: Ports.UserCredential): AuditEvent.Actor => ({
  kind: "user",
  id: credential.user.id,
  organisationId: credential.organisationId,
});

/**
 * The throttle of an account as tried from one client address (or, without `from`, of the account alone): its key and
 * its state, with those attempts serialised by a lock. Keyed by both, failures from a stranger's address lock only
 * that address out of the account: the real user, elsewhere, still logs in. Guessing across accounts from one
 * address is held back by the rate limits (failed authentications per address, rateLimit.ts).
 */
const lockThrottle = (email: string, from?: string) =>
  Effect.gen(function* () {
    const key = yield* (yield* Ports.Crypto).blindIndex(
      throttleIndex,
      from === undefined ? email : `${email}\u0000${from}`,
    );
    yield* (yield* Ports.Transactor).lock([`login:${key}`]);
    return { key, throttle: yield* (yield* Ports.LoginThrottleRepository).find(key) };
  });

/**
 * Logs a user in: checks the lock-out, verifies the password (against a dummy hash when the address is unknown, so
 * both cost the same), and on success opens a session, whose token and CSRF token are returned once (only their
 * hashes are stored). Every attempt writes exactly one audit event (`auth.login`: success, failure, or denied when
 * locked), with the user's id when known and never the address or password; it commits with the attempt's other
 * writes. Attempts for one address run one at a time, so the lock-out cannot be raced.
 */
export const login = (input: {
  readonly email: string;
  readonly password: Redacted.Redacted<string>;
  /** The code from the user's authenticator app, when they have a second factor. */
  readonly code?: string | undefined;
  /** Or one of their recovery codes, used up by this login. */
  readonly recoveryCode?: string | undefined;
  /** The client's address, as the app determined it (`unknown` when it could not). */
  readonly address: string;
  readonly requestId: string;
}) =>
  Effect.gen(function* () {
    const outcome = yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis;
        const { key, throttle } = yield* lockThrottle(input.email, input.address);
        const users = yield* Ports.UserRepository;
        const hasher = yield* Ports.PasswordHasher;
        const log = yield* Ports.AuditLog;
        const credential = yield* users.findByEmail(input.email);
        const record = (outcome: AuditEvent.AuditOutcome) =>
          log.append({
            actor: credential === undefined ? { kind: "user", id: "anonymous" } : userActor(credential),
            action: "auth.login",
            resourceType: "user",
            ...(credential === undefined ? {} : { resourceId: credential.user.id }),
            outcome,
            requestId: input.requestId,
          });

        const lockedFor = Session.lockedForSeconds(throttle, now);
        if (lockedFor !== undefined) {
          yield* record("denied");
          return new Session.AccountLocked({ retryAfterSeconds: lockedFor });
        }
        const matches =
          credential === undefined
            ? yield* hasher.verifyNothing(input.password)
            : yield* hasher.verify(credential.passwordHash, input.password);
        if (
          !matches ||
          credential === undefined ||
          credential.user.status !== "active" ||
          !credential.organisationActive
        ) {
          yield* (yield* Ports.LoginThrottleRepository).save(key, Session.recordFailure(throttle, now));
          yield* record(matches ? "denied" : "failure");
          return new Session.InvalidCredentials();
        }
        const factor = yield* checkLoginFactor(credential.user.id, input);
        if (factor === "required") {
          yield* record("denied");
          return new SecondFactor.SecondFactorRequired();
        }
        if (factor === "invalid") {
          yield* (yield* Ports.LoginThrottleRepository).save(key, Session.recordFailure(throttle, now));
          yield* record("failure");
          return new SecondFactor.InvalidSecondFactor();
        }
        if (factor === "recovery-code") {
          yield* log.append({
            actor: userActor(credential),
            action: "auth.recovery_code_use",
            resourceType: "user",
            resourceId: credential.user.id,
            outcome: "success",
            requestId: input.requestId,
          });
        }

        if (throttle.failures.length > 0 || throttle.lockedUntil !== null) {
          yield* (yield* Ports.LoginThrottleRepository).clear(key);
        }
        const sessions = yield* Ports.SessionRepository;
        yield* sessions.deleteEnded(credential.user.id, now);
        const token = generateSessionToken();
        const csrfToken = csrfTokenFor(token);
        const session = yield* sessions.create({
          userId: credential.user.id,
          tokenHash: hashSecret(token),
          csrfHash: hashSecret(csrfToken),
          createdAt: iso(now),
          expiresAt: Session.expiresAtFor(now),
        });
        yield* users.recordLogin(credential.user.id, iso(now));
        yield* record("success");
        const user: User.User = { ...credential.user, lastLoginAt: iso(now) };
        return { token, csrfToken, session, user };
      }),
    );
    // A refused attempt fails only after its transaction committed: its failure count and audit event must stay.
    return yield* refuseAfterCommit(outcome);
  });

/**
 * Changes the signed-in user's password: the current one must match (a wrong one counts toward the lock-out like a
 * failed login), the new one must keep the password rule. Clears `mustChangePassword` and ends every other session
 * of the user; the caller's own stays.
 */
export const changePassword = (input: {
  readonly credential: Ports.UserCredential;
  readonly sessionId: Session.SessionId;
  readonly currentPassword: Redacted.Redacted<string>;
  readonly newPassword: Redacted.Redacted<string>;
  readonly requestId: string;
}) =>
  Effect.gen(function* () {
    const { credential } = input;
    const hasher = yield* Ports.PasswordHasher;
    const transactor = yield* Ports.Transactor;
    const log = yield* Ports.AuditLog;
    const record = (outcome: AuditEvent.AuditOutcome) =>
      log.append({
        actor: userActor(credential),
        action: "user.password_change",
        resourceType: "user",
        resourceId: credential.user.id,
        outcome,
        requestId: input.requestId,
      });
    const violations = Session.passwordViolations(Redacted.value(input.newPassword), {
      email: credential.user.email,
      commonPasswords,
    });
    const checked = yield* transactor.transaction(
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis;
        const { key, throttle } = yield* lockThrottle(credential.user.email);
        const lockedFor = Session.lockedForSeconds(throttle, now);
        if (lockedFor !== undefined) {
          yield* record("denied");
          return new Session.AccountLocked({ retryAfterSeconds: lockedFor });
        }
        if (!(yield* hasher.verify(credential.passwordHash, input.currentPassword))) {
          yield* (yield* Ports.LoginThrottleRepository).save(key, Session.recordFailure(throttle, now));
          yield* record("failure");
          return new Session.PasswordRejected({
            violations: [{ path: ["currentPassword"], message: "is not your current password" }, ...violations],
          });
        }
        if (violations.length > 0) {
          yield* record("failure");
          return new Session.PasswordRejected({ violations });
        }
        return undefined;
      }),
    );
    if (checked !== undefined) return yield* checked;
    const passwordHash = yield* hasher.hash(input.newPassword);
    return yield* transactor.transaction(
      Effect.gen(function* () {
        const user = yield* Effect.orDie(
          (yield* Ports.UserRepository).setPassword({
            id: credential.user.id,
            passwordHash,
            mustChangePassword: false,
          }),
        );
        yield* (yield* Ports.SessionRepository).deleteForUser(credential.user.id, { except: input.sessionId });
        yield* record("success");
        return user;
      }),
    );
  });
