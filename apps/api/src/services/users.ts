import { randomBytes } from "node:crypto";
import type { AuditEvent } from "@comensha/domain";
import { Ports, User } from "@comensha/domain";
import { Effect, Redacted } from "effect";

/** A one-time password: 144 random bits as 24 base64url characters. Printed once; only its hash is stored. */
export const generateOneTimePassword = () => randomBytes(18).toString("base64url");

/**
 * Makes a console user with a one-time password that must be changed at the first login (or, for the embedded demo,
 * with a given password and no such obligation), and writes its audit event in the same transaction. Answers the
 * user and the password, which is not kept anywhere.
 */
export const createUser = (input: {
  readonly user: User.NewUser;
  readonly actor: AuditEvent.Actor;
  readonly requestId?: string;
  readonly password?: string;
}) =>
  Effect.gen(function* () {
    const password = input.password ?? generateOneTimePassword();
    const passwordHash = yield* (yield* Ports.PasswordHasher).hash(Redacted.make(password));
    return yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        const credential = yield* (yield* Ports.UserRepository).create({
          ...input.user,
          passwordHash,
          mustChangePassword: input.password === undefined,
        });
        yield* (yield* Ports.AuditLog).append({
          actor: input.actor,
          action: "user.create",
          resourceType: "user",
          resourceId: credential.user.id,
          outcome: "success",
          ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
        });
        return { credential, oneTimePassword: password };
      }),
    );
  });

/** Disables a user and ends all their sessions at once, with its audit event, in one transaction. */
export const disableUser = (input: {
  readonly id: User.UserId;
  readonly actor: AuditEvent.Actor;
  readonly requestId: string;
}) =>
  Effect.gen(function* () {
    if (input.actor.kind === "user" && input.actor.id === input.id) return yield* new User.CannotDisableSelf();
    return yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        const user = yield* (yield* Ports.UserRepository).setStatus(input.id, "disabled");
        yield* (yield* Ports.SessionRepository).deleteForUser(input.id);
        yield* (yield* Ports.AuditLog).append({
          actor: input.actor,
          action: "user.disable",
          resourceType: "user",
          resourceId: input.id,
          outcome: "success",
          requestId: input.requestId,
        });
        return user;
      }),
    );
  });
