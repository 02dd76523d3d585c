import { Schema, SchemaGetter } from "effect";
import { Approval } from "./SeparationOfDuties.js";
import { Uuid } from "./Uuid.js";

/** Identifier of a console user (a CoMensha staff member). */
export const UserId = Uuid.pipe(Schema.brand("UserId"));
export type UserId = typeof UserId.Type;

/**
 * The roles a console user may have: CoMensha staff only. `partner` is an organisation's API key, never a person
 * signing in to the console.
 */
export const UserRole = Schema.Literals(["coordinator", "policy", "admin", "auditor"]);
export type UserRole = typeof UserRole.Type;

/**
 * Whether a user may sign in: a pending user waits for a second administrator's approval (see
 * `SeparationOfDuties`) and cannot log in yet; a disabled user keeps their history but cannot log in.
 */
export const UserStatus = Schema.Literals(["pending", "active", "disabled"]);
export type UserStatus = typeof UserStatus.Type;

/** An e-mail address as stored: trimmed, lower-cased, one `@` with something on both sides; at most 254 characters. */
export const Email = Schema.String.pipe(
  Schema.check(
    Schema.isMaxLength(254),
    Schema.isLowercased(),
    Schema.isPattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: "must be an e-mail address" }),
  ),
);
export type Email = typeof Email.Type;

/** An e-mail address as people type it: trimmed and lower-cased before it is checked. */
export const EmailInput = Schema.String.pipe(
  Schema.decodeTo(Email, {
    decode: SchemaGetter.transform((value: string) => value.trim().toLowerCase()),
    encode: SchemaGetter.passthrough(),
  }),
);

/** A user's display name: trimmed, 1 to 200 characters. */
export const UserName = Schema.Trimmed.pipe(Schema.check(Schema.isBetweenLength(1, 200)));

/** A console user: who they are, what they may do, and whether they must choose a new password. */
export class User extends Schema.Class<User>("User")({
  id: UserId,
  email: Email,
  name: UserName,
  role: UserRole,
  status: UserStatus,
  /** Set for a one-time password (a new user, a reset): only `/v1/auth/*` is open until it is changed. */
  mustChangePassword: Schema.Boolean,
  /** Whether the user confirmed a second factor (an authenticator app); the login then asks for its code. */
  secondFactorEnrolled: Schema.Boolean,
  createdAt: Schema.String,
  lastLoginAt: Schema.NullOr(Schema.String),
  /** Who asked for the user and who approved them, for a role that needs a second administrator; else null. */
  approval: Schema.NullOr(Approval),
}) {}

/** Whether the user waits for a second administrator's approval (see `SeparationOfDuties.checkApproval`). */
export const isAwaitingApproval = (user: Pick<User, "status">): boolean => user.status === "pending";

/** What an administrator sends to make a user (`POST /v1/users`). */
export const NewUser = Schema.Struct({ email: EmailInput, name: UserName, role: UserRole }).annotate({
  identifier: "NewUser",
});
export type NewUser = typeof NewUser.Type;

/** No user has this id. */
export class UserNotFound extends Schema.TaggedError<UserNotFound>()("UserNotFound", { id: Schema.String }) {}

/** Another user already has this e-mail address. */
export class EmailTaken extends Schema.TaggedError<EmailTaken>()("EmailTaken", {}) {}

/** An administrator may not disable their own account: someone must be left who can undo a mistake. */
export class CannotDisableSelf extends Schema.TaggedError<CannotDisableSelf>()("CannotDisableSelf", {}) {}
