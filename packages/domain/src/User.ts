import { Option, Schema, SchemaGetter } from "effect";
import { receivingKinds } from "./labels/Referral.js";
import { type Organisation, OrganisationId } from "./Organisation.js";
import { Approval } from "./SeparationOfDuties.js";
import { Uuid } from "./Uuid.js";

/** Identifier of a console user (a CoMensha staff member, or a person at a care organisation). */
export const UserId = Uuid.pipe(Schema.brand("UserId"));
export type UserId = typeof UserId.Type;

/**
 * The roles a console user may have. `coordinator`, `policy`, `admin` and `auditor` are CoMensha staff; `care` is a
 * person at an organisation that receives referrals (a care coordinator, a shelter, a lawyer, a municipality), who
 * sees the referrals made to that organisation and nothing else. `partner` is an organisation's API key, never a
 * person signing in to the console.
 */
export const UserRole = Schema.Literals(["coordinator", "policy", "admin", "auditor", "care"]);
export type UserRole = typeof UserRole.Type;

/** The roles of CoMensha's own staff: their users belong to the CoMensha organisation. */
export const staffRoles: ReadonlyArray<UserRole> = ["coordinator", "policy", "admin", "auditor"];

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
  /** The organisation the user acts for: CoMensha's for staff, the receiving organisation for `care`. */
  organisationId: OrganisationId,
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

/**
 * What an administrator sends to make a user (`POST /v1/users`). A `care` user names the organisation they work for
 * (one that receives referrals); staff leave it out, they belong to CoMensha (see {@link organisationProblem}).
 */
export const NewUser = Schema.Struct({
  email: EmailInput,
  name: UserName,
  role: UserRole,
  organisationId: Schema.optionalKey(OrganisationId),
}).annotate({ identifier: "NewUser" });
export type NewUser = typeof NewUser.Type;

/**
 * Why a new user's organisation does not fit their role, or none: a `care` user must name the organisation they
 * work for, and staff must not (they act for CoMensha). Given the named organisation as found (`null` when no
 * organisation has the id), it must also be one that receives referrals (`Referral.receivingKinds`), not CoMensha
 * itself, and active.
 */
export const organisationProblem = (
  user: Pick<NewUser, "role" | "organisationId">,
  organisation?: Pick<Organisation, "kind" | "status" | "isComensha"> | null,
): Option.Option<string> => {
  if (user.role !== "care") {
    return user.organisationId === undefined
      ? Option.none()
      : Option.some("staff users belong to CoMensha: leave organisationId out (only care users name one)");
  }
  if (user.organisationId === undefined) {
    return Option.some("a care user works for a receiving organisation: give its organisationId");
  }
  if (organisation === undefined) return Option.none();
  if (organisation === null) return Option.some("no organisation has this id");
  if (organisation.isComensha || !receivingKinds.has(organisation.kind)) {
    return Option.some("this organisation does not receive referrals, so it has no care users");
  }
  return organisation.status === "active"
    ? Option.none()
    : Option.some("this organisation is suspended: it gets no new users");
};

/** The organisation named for a new user does not fit their role (see {@link organisationProblem}). */
export class UserOrganisationRefused extends Schema.TaggedError<UserOrganisationRefused>()("UserOrganisationRefused", {
  problem: Schema.String,
}) {}

/** No user has this id. */
export class UserNotFound extends Schema.TaggedError<UserNotFound>()("UserNotFound", { id: Schema.String }) {}

/** Another user already has this e-mail address. */
export class EmailTaken extends Schema.TaggedError<EmailTaken>()("EmailTaken", {}) {}

/** An administrator may not disable their own account: someone must be left who can undo a mistake. */
export class CannotDisableSelf extends Schema.TaggedError<CannotDisableSelf>()("CannotDisableSelf", {}) {}
