import { Schema } from "effect";
import * as Labels from "./labels/ApiKey.js";
import { receivingKinds } from "./labels/Referral.js";
import { OrganisationId } from "./Organisation.js";
import type { OrganisationKind } from "./OrganisationKind.js";
import { Role } from "./Role.js";
import { Approval } from "./SeparationOfDuties.js";
import { Uuid } from "./Uuid.js";

/** Identifier of an API key. */
export const ApiKeyId = Uuid.pipe(Schema.brand("ApiKeyId"));
export type ApiKeyId = typeof ApiKeyId.Type;

/** The visible part of a key (`cmk_<prefix>_<secret>`): identifies it in listings and logs, proves nothing. */
export const ApiKeyPrefix = Schema.String.pipe(Schema.check(Schema.isPattern(/^[0-9a-f]{8}$/)));

/**
 * A key's label: what an administrator calls it (e.g. "Koppeling zaaksysteem" or "Test"), so a list of keys says which
 * is which. Not a secret and not personal data: name the system, not a person.
 */
export const ApiKeyLabel = Schema.Trimmed.pipe(Schema.check(Schema.isBetweenLength(1, Labels.maxLabelLength))).annotate(
  {
    description:
      "What the administrator calls the key (1-100 characters, no blanks at either end), e.g. the system using it.",
  },
);

/** The longest {@link ApiKeyLabel}, in characters. */
export const maxLabelLength = Labels.maxLabelLength;

/**
 * An API key of an organisation, as listed: never the secret, which is shown once when the key is made and
 * stored only as a hash.
 */
export class ApiKey extends Schema.Class<ApiKey>("ApiKey")({
  id: ApiKeyId,
  organisationId: OrganisationId,
  prefix: ApiKeyPrefix,
  /** What the administrator called the key when it was made; null for keys made without one. */
  label: Schema.NullOr(Schema.String),
  role: Role,
  createdAt: Schema.String,
  lastUsedAt: Schema.NullOr(Schema.String),
  revokedAt: Schema.NullOr(Schema.String),
  /**
   * Who asked for the key and who approved it, for a role that needs a second administrator; else null. A key
   * whose approval has no `approvedAt` yet does not authenticate.
   */
  approval: Schema.NullOr(Approval),
}) {}

/** Whether the key waits for a second administrator's approval: asked for, not approved, not revoked. */
export const isAwaitingApproval = (key: Pick<ApiKey, "approval" | "revokedAt">): boolean =>
  key.approval !== null && key.approval.approvedAt === null && key.revokedAt === null;

/** What an administrator sends for another key of an organisation: the role it acts in, and optionally a label. */
export const NewApiKey = Schema.Struct({ role: Role, label: Schema.optionalKey(ApiKeyLabel) });
export type NewApiKey = typeof NewApiKey.Type;

/** No API key has this id (or it belongs to another organisation). */
export class ApiKeyNotFound extends Schema.TaggedError<ApiKeyNotFound>()("ApiKeyNotFound", { id: Schema.String }) {}

/**
 * The roles a key of an organisation may have: CoMensha's own organisation holds the staff tools' keys (every role
 * but `care`); a partner organisation's keys are partner keys, since a coordinator, policy, admin or auditor key
 * reads far beyond the organisation's own registrations, and a `care` key (the referrals made to it) as well when
 * it is of a kind that receives referrals (`Referral.receivingKinds`).
 */
export const rolesFor = (organisation: {
  readonly isComensha: boolean;
  readonly kind: OrganisationKind;
}): ReadonlyArray<Role> =>
  organisation.isComensha
    ? Role.literals.filter((role) => role !== "care")
    : receivingKinds.has(organisation.kind)
      ? ["partner", "care"]
      : ["partner"];

/** A key of `role` asked for an organisation that may not hold it (see {@link rolesFor}). */
export class RoleNotAllowed extends Schema.TaggedError<RoleNotAllowed>()("RoleNotAllowed", {
  role: Role,
  allowed: Schema.Array(Role),
}) {}
