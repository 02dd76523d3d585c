import { Schema } from "effect";
import type { UserRole } from "./User.js";

/**
 * The second factor of console users: a time-based one-time password (TOTP, RFC 6238: HMAC-SHA-1, 6 digits, 30
 * second steps, as every authenticator app reads from an `otpauth://` QR code) plus single-use recovery codes.
 * The rules live here; generating and checking codes is the server's (a maintained TOTP library).
 */

/** The roles that must have a second factor unless configured otherwise: those that read personal data or grant access. */
export const defaultRequiredRoles: ReadonlyArray<UserRole> = ["admin", "coordinator", "care"];

/** Whether a user of `role` must use a second factor, under the configured `requiredRoles`. */
export const isRequiredFor = (role: UserRole, requiredRoles: ReadonlyArray<UserRole>): boolean =>
  requiredRoles.includes(role);

/** Digits in a code. */
export const codeDigits = 6;
/** Seconds per time step. */
export const stepSeconds = 30;
/**
 * Steps of clock drift accepted either side of now (RFC 6238 §5.2 recommends at most one): a code is good for
 * about 90 seconds, and a used step is never accepted again (see {@link isFreshStep}).
 */
export const driftSteps = 1;

/** A code as typed: six digits; spaces are allowed between them (apps show `123 456`). */
export const Code = Schema.String.pipe(
  Schema.check(Schema.isMaxLength(16), Schema.isPattern(/^[0-9 ]*$/, { message: "must be the 6-digit code" })),
);

/** The code without its spaces, or undefined when it is not six digits. */
export const normaliseCode = (code: string): string | undefined => {
  const digits = code.replaceAll(" ", "");
  return digits.length === codeDigits ? digits : undefined;
};

/**
 * Whether `step` may be used now: only a step later than the last one used, so a code seen over a shoulder or in a
 * log cannot be replayed, not even within its own 30 seconds.
 */
export const isFreshStep = (step: number, lastUsedStep: number | null): boolean =>
  lastUsedStep === null || step > lastUsedStep;

/** Recovery codes given at enrolment (and when renewed); each works once, in place of a code. */
export const recoveryCodeCount = 10;

/** The alphabet of recovery codes: lower-case letters and digits without look-alikes (no 0/o, 1/l/i). */
export const recoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

/**
 * Characters in a recovery code: 24 of 31 is about 119 bits, at least the 112 bits above which ASVS 5.0
 * (v5.0.0-6.5.2) allows a fast hash, so only a SHA-256 of each is stored (as for API keys).
 */
export const recoveryCodeLength = 24;

/** A recovery code as typed: up to 64 characters (dashes and spaces are ignored, case too). */
export const RecoveryCode = Schema.String.pipe(Schema.check(Schema.isMaxLength(64)));

/** A recovery code as stored and compared: lower case, without dashes or spaces. */
export const normaliseRecoveryCode = (code: string): string => code.toLowerCase().replace(/[\s-]/g, "");

/** A recovery code as shown: groups of four (`abcd-efgh-jkmn-pqrs-tuvw-xyz2`). */
export const formatRecoveryCode = (code: string): string => code.match(/.{1,4}/g)?.join("-") ?? code;

/** The login needs the second factor: the password was right, send it again with `code` or `recoveryCode`. */
export class SecondFactorRequired extends Schema.TaggedError<SecondFactorRequired>()("SecondFactorRequired", {}) {}

/** The code or recovery code is wrong, already used, or too old. */
export class InvalidSecondFactor extends Schema.TaggedError<InvalidSecondFactor>()("InvalidSecondFactor", {}) {}

/** Enrolling again while a second factor is set up: an administrator resets it first (lost device). */
export class AlreadyEnrolled extends Schema.TaggedError<AlreadyEnrolled>()("AlreadyEnrolled", {}) {}

/** Confirming an enrolment that was not started (or was replaced). */
export class EnrolmentNotStarted extends Schema.TaggedError<EnrolmentNotStarted>()("EnrolmentNotStarted", {}) {}

/** A user's second factor as stored: the TOTP secret (base32), whether it is confirmed, and the last step used. */
export interface SecondFactorState {
  /** Base32 secret; absent when none was ever started (or it was reset). */
  readonly secret: string | undefined;
  readonly enrolled: boolean;
  readonly lastUsedStep: number | null;
  readonly recoveryCodesLeft: number;
}
