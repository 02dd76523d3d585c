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

/** The service's own names, which a password must not be built on: CoMensha, and what it fights (mensenhandel). */
export const serviceNames: ReadonlyArray<string> = ["comensha", "mensenhandel"];

/** What the password rule checks a new password against, besides its length. */
export interface PasswordContext {
  /** The user's e-mail address: neither it, nor its name or domain with digits or symbols added, is a password. */
  readonly email: string;
  /**
   * Commonly used and breached passwords, lower-cased (a `Set` will do). The list is large and only the server
   * checks it, so it is given here rather than kept in the domain.
   */
  readonly commonPasswords: Pick<ReadonlySet<string>, "has">;
}

const letters = (text: string) => text.replace(/\P{L}+/gu, "");

/**
 * The ways a listed password is commonly dressed up: digits or symbols before or after it (`Password1234!`,
 * `!dragon`). Lower-cased; the password itself first.
 */
const commonCandidates = (password: string): ReadonlyArray<string> => {
  const lower = password.toLowerCase();
  const withoutEnd = lower.replace(/\P{L}+$/u, "");
  const withoutStart = lower.replace(/^\P{L}+/u, "");
  const core = withoutEnd.replace(/^\P{L}+/u, "");
  return [lower, withoutEnd, withoutStart, core].filter((candidate) => candidate !== "");
};

/** Whether `next` repeats `previous` or follows it by one either way, counting 9 and 0 as neighbours (`7890`). */
const stepBetween = (previous: number, next: number): -1 | 0 | 1 | undefined => {
  const isDigit = (code: number) => code >= 48 && code <= 57;
  const step = isDigit(previous) && isDigit(next) ? ((next - previous + 15) % 10) - 5 : next - previous;
  return step === -1 || step === 0 || step === 1 ? step : undefined;
};

/**
 * Whether `password` (lower-cased) is made up entirely of runs of at least three characters that repeat or count up
 * or down (`aaaaaaaaaaaa`, `123456789012`, `abcd1234zzzz`), or repeats a part shorter than
 * {@link minPasswordLength} (`abcabcabcabc`, `ab12ab12ab12`): no stronger than a short password.
 */
const isPredictable = (password: string): boolean => {
  const codes = [...password.toLowerCase()].map((character) => character.codePointAt(0) ?? 0);
  const length = codes.length;
  if (length === 0) return false;
  for (let period = 1; period < Math.min(length, minPasswordLength); period++) {
    if (length % period === 0 && codes.every((code, index) => code === codes[index % period])) return true;
  }
  // coveredTo[i]: the first i characters split into such runs. Each run is extended as far as its step holds.
  const coveredTo = Array.from({ length: length + 1 }, (_, index) => index === 0);
  for (let start = 0; start < length - 2; start++) {
    if (!coveredTo[start]) continue;
    const step = stepBetween(codes[start] ?? 0, codes[start + 1] ?? 0);
    if (step === undefined) continue;
    let end = start + 2;
    while (end < length && stepBetween(codes[end - 1] ?? 0, codes[end] ?? 0) === step) end++;
    for (let covered = start + 3; covered <= end; covered++) coveredTo[covered] = true;
  }
  return coveredTo[length] === true;
};

/** The words of an e-mail address a password must not be: its name, the name's parts and the domain's labels. */
const emailWords = (email: string): ReadonlyArray<string> => {
  const [name = "", domain = ""] = email.trim().toLowerCase().split("@");
  const labels = domain.split(".").slice(0, -1);
  return [name, ...name.split(/\P{L}+/u), ...labels].map(letters).filter((word) => [...word].length >= 3);
};

/**
 * The password rule, after NIST SP 800-63B (section 5.1.1.2 of revision 3, 3.1.1.2 of revision 4): at least
 * {@link minPasswordLength} characters (counted as code points, so an emoji is one), at most
 * {@link maxPasswordLength}, not the user's e-mail address, and not a password an attacker tries first:
 * - one of `commonPasswords`, in any case, also with digits or symbols before or after it (`Password1234!`);
 * - only repeated or counted characters (`aaaaaaaaaaaa`, `123456789012`, `abcabcabcabc`);
 * - the service's name ({@link serviceNames}) or a word of the e-mail address with only digits or symbols added
 *   (`CoMensha2024!`, `j.jansen-1990` for j.jansen@example.nl).
 * No composition rules (no "must contain a digit"): the guideline advises against them. Answers every broken rule at
 * `field`.
 */
export const passwordViolations = (
  password: string,
  context: PasswordContext,
  field = "newPassword",
): ReadonlyArray<PasswordViolation> => {
  const length = [...password].length;
  // Too long says enough: the other checks need not run over arbitrarily long text.
  if (length > maxPasswordLength) {
    return [{ path: [field], message: `must be at most ${maxPasswordLength} characters long` }];
  }
  const violations: Array<PasswordViolation> = [];
  const refuse = (message: string) => {
    violations.push({ path: [field], message });
  };
  if (length < minPasswordLength) refuse(`must be at least ${minPasswordLength} characters long (it has ${length})`);
  if (password.trim().toLowerCase() === context.email.trim().toLowerCase()) refuse("must not be your e-mail address");
  if (commonCandidates(password).some((candidate) => context.commonPasswords.has(candidate))) {
    refuse("is too common: it appears in lists of breached passwords");
  }
  if (isPredictable(password)) {
    refuse("is too predictable: it only repeats characters or counts through them, such as aaaa, abcabc or 1234");
  }
  const word = letters(password.toLowerCase());
  if (serviceNames.includes(word)) refuse("must not be the name of this service with only digits or symbols added");
  else if (emailWords(context.email).includes(word)) {
    refuse("must not be a word from your e-mail address with only digits or symbols added");
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
