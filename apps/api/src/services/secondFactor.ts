import { randomInt } from "node:crypto";
import type { AuditEvent, User } from "@comensha/domain";
import { Ports, SecondFactor } from "@comensha/domain";
import { Clock, Effect } from "effect";
import { Secret, TOTP } from "otpauth";
import { renderSVG } from "uqr";
import { hashSecret } from "../auth.js";
import { refuseAfterCommit } from "./refusal.js";

/** The issuer an authenticator app shows beside the account. */
const issuer = "CoMensha";

const totpOf = (secret: string, email: string) =>
  new TOTP({
    issuer,
    label: email,
    algorithm: "SHA1",
    digits: SecondFactor.codeDigits,
    period: SecondFactor.stepSeconds,
    secret: Secret.fromBase32(secret),
  });

/**
 * The time step of `code` for `secret` at `now` (within {@link SecondFactor.driftSteps} either side), or undefined
 * when it matches none. The library compares in constant time.
 */
export const stepOfCode = (secret: string, code: string, now: number): number | undefined => {
  const digits = SecondFactor.normaliseCode(code);
  if (digits === undefined) return undefined;
  const totp = totpOf(secret, "");
  const delta = totp.validate({ token: digits, timestamp: now, window: SecondFactor.driftSteps });
  return delta === null ? undefined : totp.counter({ timestamp: now }) + delta;
};

/** Fresh recovery codes: {@link SecondFactor.recoveryCodeCount} of {@link SecondFactor.recoveryCodeLength} characters. */
const newRecoveryCodes = (): ReadonlyArray<string> =>
  Array.from({ length: SecondFactor.recoveryCodeCount }, () =>
    Array.from(
      { length: SecondFactor.recoveryCodeLength },
      () => SecondFactor.recoveryAlphabet[randomInt(SecondFactor.recoveryAlphabet.length)],
    ).join(""),
  );

/** What is stored of a recovery code: the SHA-256 of the user's id and the normalised code. */
const recoveryCodeHash = (userId: User.UserId, code: string) =>
  hashSecret(`${userId}:${SecondFactor.normaliseRecoveryCode(code)}`);

const userAudit = (
  user: { readonly id: User.UserId; readonly organisationId: string },
  action: string,
  outcome: AuditEvent.AuditOutcome,
  requestId: string,
  resourceId: string = user.id,
) =>
  Effect.flatMap(Ports.AuditLog, (log) =>
    log.append({
      actor: { kind: "user", id: user.id, organisationId: user.organisationId },
      action,
      resourceType: "user",
      resourceId,
      outcome,
      requestId,
    }),
  );

/** The signed-in user as the second-factor use cases need them. */
export interface FactorUser {
  readonly id: User.UserId;
  readonly email: string;
  readonly organisationId: string;
}

/**
 * Starts enrolment: a new 160-bit secret, kept encrypted and unconfirmed (a started enrolment may be started again),
 * answered once as base32 for typing, as the `otpauth://` URI and as that URI's QR code (SVG). A user with a
 * confirmed second factor cannot enrol again: an administrator resets it first.
 */
export const startEnrolment = (input: { readonly user: FactorUser; readonly requestId: string }) =>
  Effect.gen(function* () {
    const repository = yield* Ports.SecondFactorRepository;
    const transactor = yield* Ports.Transactor;
    return yield* transactor.transaction(
      Effect.gen(function* () {
        const state = yield* Effect.orDie(repository.find(input.user.id));
        if (state.enrolled) return yield* new SecondFactor.AlreadyEnrolled();
        const secret = new Secret({ size: 20 }).base32;
        yield* repository.start(input.user.id, secret);
        yield* userAudit(input.user, "auth.second_factor_start", "success", input.requestId);
        const uri = totpOf(secret, input.user.email).toString();
        return { secret, otpauthUri: uri, qrCodeSvg: renderSVG(uri, { border: 2 }) };
      }),
    );
  });

/** The recovery codes as shown once: formatted in groups, with their hashes to store. */
const issueRecoveryCodes = (userId: User.UserId) => {
  const codes = newRecoveryCodes();
  return {
    shown: codes.map(SecondFactor.formatRecoveryCode),
    hashes: codes.map((code) => recoveryCodeHash(userId, code)),
  };
};

/**
 * Confirms enrolment with the first code from the app: the second factor is on from now, its step is used, and
 * the recovery codes are answered once (only their hashes are kept). A wrong code is audited as a failure.
 */
export const confirmEnrolment = (input: {
  readonly user: FactorUser;
  readonly code: string;
  readonly requestId: string;
}) =>
  Effect.gen(function* () {
    const repository = yield* Ports.SecondFactorRepository;
    const transactor = yield* Ports.Transactor;
    const outcome = yield* transactor.transaction(
      Effect.gen(function* () {
        const state = yield* Effect.orDie(repository.find(input.user.id));
        if (state.enrolled) return new SecondFactor.AlreadyEnrolled();
        if (state.secret === undefined) return new SecondFactor.EnrolmentNotStarted();
        const now = yield* Clock.currentTimeMillis;
        const step = stepOfCode(state.secret, input.code, now);
        if (step === undefined) {
          yield* userAudit(input.user, "auth.second_factor_enrol", "failure", input.requestId);
          return new SecondFactor.InvalidSecondFactor();
        }
        const codes = issueRecoveryCodes(input.user.id);
        yield* repository.confirm({
          userId: input.user.id,
          step,
          recoveryCodeHashes: codes.hashes,
          at: new Date(now).toISOString(),
        });
        yield* userAudit(input.user, "auth.second_factor_enrol", "success", input.requestId);
        return { recoveryCodes: codes.shown };
      }),
    );
    return yield* refuseAfterCommit(outcome);
  });

/**
 * Checks the second factor of a login whose password was right, inside the login's transaction: `none` when the
 * user has none, `required` when they have one and sent neither a code nor a recovery code, `invalid` for a wrong,
 * reused or too old code or an unknown or used recovery code, `ok` otherwise (the code's step, or the recovery
 * code, is used up by this).
 */
export const checkLoginFactor = (
  userId: User.UserId,
  sent: { readonly code?: string | undefined; readonly recoveryCode?: string | undefined },
) =>
  Effect.gen(function* () {
    const repository = yield* Ports.SecondFactorRepository;
    const state = yield* Effect.orDie(repository.find(userId));
    if (!state.enrolled || state.secret === undefined) return "none" as const;
    const now = yield* Clock.currentTimeMillis;
    if (sent.recoveryCode !== undefined && sent.recoveryCode.trim() !== "") {
      const hash = recoveryCodeHash(userId, sent.recoveryCode);
      return (yield* repository.useRecoveryCode(userId, hash, new Date(now).toISOString()))
        ? ("recovery-code" as const)
        : ("invalid" as const);
    }
    if (sent.code === undefined || sent.code.trim() === "") return "required" as const;
    const step = stepOfCode(state.secret, sent.code, now);
    if (step === undefined || !SecondFactor.isFreshStep(step, state.lastUsedStep)) return "invalid" as const;
    return (yield* repository.useStep(userId, step)) ? ("ok" as const) : ("invalid" as const);
  });

/** New recovery codes for the signed-in user, against a current code from their app; the old ones stop working. */
export const renewRecoveryCodes = (input: {
  readonly user: FactorUser;
  readonly code: string;
  readonly requestId: string;
}) =>
  Effect.gen(function* () {
    const transactor = yield* Ports.Transactor;
    const outcome = yield* transactor.transaction(
      Effect.gen(function* () {
        const checked = yield* checkLoginFactor(input.user.id, { code: input.code });
        if (checked === "none") return new SecondFactor.EnrolmentNotStarted();
        if (checked !== "ok") {
          yield* userAudit(input.user, "auth.recovery_codes_renew", "failure", input.requestId);
          return new SecondFactor.InvalidSecondFactor();
        }
        const codes = issueRecoveryCodes(input.user.id);
        yield* (yield* Ports.SecondFactorRepository).replaceRecoveryCodes(input.user.id, codes.hashes);
        yield* userAudit(input.user, "auth.recovery_codes_renew", "success", input.requestId);
        return { recoveryCodes: codes.shown };
      }),
    );
    return yield* refuseAfterCommit(outcome);
  });

/**
 * An administrator removes a user's second factor (a lost phone and lost recovery codes): the user enrols again at
 * the next login, and every session of theirs ends. Audited with the administrator as actor.
 */
export const resetSecondFactor = (input: {
  readonly admin: { readonly id: string; readonly kind: "user" | "api_key"; readonly organisationId: string };
  readonly userId: User.UserId;
  readonly requestId: string;
}) =>
  Effect.gen(function* () {
    const transactor = yield* Ports.Transactor;
    return yield* transactor.transaction(
      Effect.gen(function* () {
        yield* (yield* Ports.UserRepository).findById(input.userId);
        yield* (yield* Ports.SecondFactorRepository).reset(input.userId);
        yield* (yield* Ports.SessionRepository).deleteForUser(input.userId);
        yield* (yield* Ports.AuditLog).append({
          actor: { kind: input.admin.kind, id: input.admin.id, organisationId: input.admin.organisationId },
          action: "user.second_factor_reset",
          resourceType: "user",
          resourceId: input.userId,
          outcome: "success",
          requestId: input.requestId,
        });
      }),
    );
  });
