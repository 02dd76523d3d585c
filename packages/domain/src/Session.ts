import { Schema } from "effect";
import { UserId } from "./User.js";
import { Uuid } from "./Uuid.js";

/** Identifier of a console session. */
export const SessionId = Uuid.pipe(Schema.brand("SessionId"));
export type SessionId = typeof SessionId.Type;

/** A session ends after this long without a request: 30 minutes. */
export const idleTimeoutMillis = 30 * 60 * 1000;

/** A session ends this long after login, however busy: 12 hours (also the cookie's `Max-Age`). */
export const absoluteLifetimeMillis = 12 * 60 * 60 * 1000;

/** This many failed logins for one e-mail address ... */
export const maxFailedLogins = 5;
/** ... within this window ... */
export const failureWindowMillis = 15 * 60 * 1000;
/** ... lock logins for that address for this long. */
export const lockoutMillis = 15 * 60 * 1000;

/** The shortest password a user may choose. */
export const minPasswordLength = 12;
/** The longest password accepted, so a request cannot make the hashing expensive. */
export const maxPasswordLength = 1024;

/** A console session as stored: never its token, only when it began, was last used and must end. */
export class Session extends Schema.Class<Session>("Session")({
  id: SessionId,
  userId: UserId,
  createdAt: Schema.String,
  lastSeenAt: Schema.String,
  expiresAt: Schema.String,
}) {}

/** When a session begun at `now` must end at the latest, as an ISO timestamp. */
export const expiresAtFor = (now: number): string => new Date(now + absoluteLifetimeMillis).toISOString();

/**
 * Whether a session still holds at `now`: `active`, `idle` (no request for {@link idleTimeoutMillis}) or `expired`
 * (past its absolute lifetime). Both limits are exclusive: a session is over at exactly the limit.
 */
export const sessionState = (
  session: Pick<Session, "lastSeenAt" | "expiresAt">,
  now: number,
): "active" | "idle" | "expired" => {
  if (now >= Date.parse(session.expiresAt)) return "expired";
  if (now - Date.parse(session.lastSeenAt) >= idleTimeoutMillis) return "idle";
  return "active";
};

/** The failed logins for one e-mail address: when they happened (milliseconds), and until when logins are locked. */
export interface LoginThrottle {
  readonly failures: ReadonlyArray<number>;
  readonly lockedUntil: number | null;
}

/** No failures, not locked. */
export const emptyThrottle: LoginThrottle = { failures: [], lockedUntil: null };

/** How many whole seconds remain of a lock-out at `now`, or undefined when logins are open. */
export const lockedForSeconds = (throttle: LoginThrottle, now: number): number | undefined =>
  throttle.lockedUntil !== null && now < throttle.lockedUntil
    ? Math.max(1, Math.ceil((throttle.lockedUntil - now) / 1000))
    : undefined;

/**
 * Records a failed login at `now`: failures older than {@link failureWindowMillis} are forgotten; the
 * {@link maxFailedLogins}th failure within the window locks logins for {@link lockoutMillis} and starts counting
 * afresh.
 */
export const recordFailure = (throttle: LoginThrottle, now: number): LoginThrottle => {
  const recent = [...throttle.failures.filter((at) => now - at < failureWindowMillis && at <= now), now];
  if (recent.length >= maxFailedLogins) return { failures: [], lockedUntil: now + lockoutMillis };
  const lockedUntil = throttle.lockedUntil !== null && now < throttle.lockedUntil ? throttle.lockedUntil : null;
  return { failures: recent, lockedUntil };
};

/** One broken password rule, at the field it concerns. */
export interface PasswordViolation {
  readonly path: ReadonlyArray<string>;
  readonly message: string;
}

/**
 * The password rule: at least {@link minPasswordLength} characters (counted as code points, so an emoji is one),
 * at most {@link maxPasswordLength}, and not the user's e-mail address. Answers every broken rule at `field`.
 */
export const passwordViolations = (
  password: string,
  email: string,
  field = "newPassword",
): ReadonlyArray<PasswordViolation> => {
  const violations: Array<PasswordViolation> = [];
  const length = [...password].length;
  if (length < minPasswordLength) {
    violations.push({
      path: [field],
      message: `must be at least ${minPasswordLength} characters long (it has ${length})`,
    });
  }
  if (length > maxPasswordLength) {
    violations.push({ path: [field], message: `must be at most ${maxPasswordLength} characters long` });
  }
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) {
    violations.push({ path: [field], message: "must not be your e-mail address" });
  }
  return violations;
};

/** The e-mail address or password is wrong, or the user is disabled: one answer for all three. */
export class InvalidCredentials extends Schema.TaggedError<InvalidCredentials>()("InvalidCredentials", {}) {}

/** Too many failed logins for this address: logins are locked for `retryAfterSeconds` more. */
export class AccountLocked extends Schema.TaggedError<AccountLocked>()("AccountLocked", {
  retryAfterSeconds: Schema.Int,
}) {}

/** A new password breaks the password rule, or the current password given is wrong. */
export class PasswordRejected extends Schema.TaggedError<PasswordRejected>()("PasswordRejected", {
  violations: Schema.Array(Schema.Struct({ path: Schema.Array(Schema.String), message: Schema.String })),
}) {}
