import { randomBytes } from "node:crypto";
import type { AuditEvent } from "@comensha/domain";
import { Ports, SeparationOfDuties, User } from "@comensha/domain";
import { Effect, Option, Redacted } from "effect";

/** A one-time password: 144 random bits as 24 base64url characters. Printed once; only its hash is stored. */
export const generateOneTimePassword = () => randomBytes(18).toString("base64url");

/**
 * Refuses (`UserOrganisationRefused`) a new user whose organisation does not fit their role: a care user works for
 * an active organisation that receives referrals; staff name none (see `User.organisationProblem`).
 */
const checkOrganisation = (user: User.NewUser) =>
  Effect.gen(function* () {
    const organisation =
      user.organisationId === undefined
        ? undefined
        : yield* Effect.catchTag(
            (yield* Ports.OrganisationRepository).findById(user.organisationId),
            "OrganisationNotFound",
            () => Effect.succeed(null),
          );
    const problem = User.organisationProblem(user, organisation);
    if (Option.isSome(problem)) return yield* new User.UserOrganisationRefused({ problem: problem.value });
  });

/**
 * Makes a console user with a one-time password that must be changed at the first login (or, for the embedded demo,
 * with a given password and no such obligation), and writes its audit event in the same transaction. Answers the
 * user and the password, which is not kept anywhere. A role that needs a second administrator
 * (`SeparationOfDuties.needsApproval`: asked for through the API, not on the command line) makes the user `pending`,
 * and writes `user.approval_request` too: they cannot log in until another administrator approves (`approveUser`).
 */
export const createUser = (input: {
  readonly user: User.NewUser;
  readonly actor: AuditEvent.Actor;
  readonly requestId?: string;
  readonly password?: string;
}) =>
  Effect.gen(function* () {
    yield* checkOrganisation(input.user);
    const password = input.password ?? generateOneTimePassword();
    const passwordHash = yield* (yield* Ports.PasswordHasher).hash(Redacted.make(password));
    const requestedBy = SeparationOfDuties.approvalActorOf(input.actor);
    const pending = SeparationOfDuties.needsApproval({ kind: "user", role: input.user.role }, requestedBy);
    return yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        const credential = yield* (yield* Ports.UserRepository).create({
          ...input.user,
          passwordHash,
          mustChangePassword: input.password === undefined,
          ...(pending ? { approvalRequestedBy: requestedBy } : {}),
        });
        const record = (action: string) =>
          Effect.flatMap(Ports.AuditLog, (log) =>
            log.append({
              actor: input.actor,
              action,
              resourceType: "user",
              resourceId: credential.user.id,
              outcome: "success",
              ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
            }),
          );
        yield* record("user.create");
        if (pending) yield* record("user.approval_request");
        return { credential, oneTimePassword: password };
      }),
    );
  });

/**
 * Approves a `pending` user as a second administrator: they may log in from now on. Refuses the administrator who
 * asked for the user (`SecondApproverRequired`) and a user who is not pending (`NotAwaitingApproval`: approved,
 * disabled, or never needing it). Writes `user.approve` in the same transaction.
 */
export const approveUser = (input: {
  readonly id: User.UserId;
  readonly actor: AuditEvent.Actor;
  readonly requestId: string;
}) =>
  Effect.flatMap(Ports.Transactor, (transactor) =>
    transactor.transaction(
      Effect.gen(function* () {
        const users = yield* Ports.UserRepository;
        const approver = SeparationOfDuties.approvalActorOf(input.actor);
        const { user } = yield* users.findById(input.id);
        const refused = SeparationOfDuties.checkApproval(
          { id: user.id, awaitingApproval: User.isAwaitingApproval(user), approval: user.approval },
          approver,
        );
        if (refused !== undefined) return yield* refused;
        const approved = yield* users.approve(input.id, approver);
        yield* (yield* Ports.AuditLog).append({
          actor: input.actor,
          action: "user.approve",
          resourceType: "user",
          resourceId: input.id,
          outcome: "success",
          requestId: input.requestId,
        });
        return approved;
      }),
    ),
  );

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
