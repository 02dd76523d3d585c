import type { Role } from "@comensha/domain";
import { ApiKey as DomainApiKey, OrganisationKind, PoliceRegion, Referral } from "@comensha/domain/labels";
import { ApiError, ProblemTypes, type UserRole } from "@comensha/sdk";
import type { ApiKey, Approval, Organisation, OrganisationInput, UserInput } from "../api/admin.js";
import type { MessageKey } from "../i18n/nl.js";

/** The roles of CoMensha's own staff, in the order forms offer them. */
export const staffRoles: ReadonlyArray<UserRole> = ["coordinator", "policy", "admin", "auditor"];

/** The roles of console users, in the order the form offers them: staff, and people at a care organisation. */
export const userRoles: ReadonlyArray<UserRole> = [...staffRoles, "care"];

/** How an API key shows in lists: its visible prefix, never the secret (`cmk_<prefix>_<secret>`). */
export const maskedKey = (prefix: string): string => `cmk_${prefix}_…`;

/**
 * The roles a new API key of this organisation may have: a partner organisation's keys are partner keys (a police key
 * with a coordinator's rights would read every organisation's reports), and `care` keys for the referrals made to it
 * when it receives referrals; CoMensha's own organisation may also hold keys with staff roles, for the CLI and
 * integrations. The API's rule is the domain's `ApiKey.rolesFor`.
 */
export const keyRolesFor = (organisation: Pick<Organisation, "isComensha" | "kind">): ReadonlyArray<Role.Role> =>
  organisation.isComensha
    ? ["partner", ...staffRoles]
    : Referral.receivingKinds.has(organisation.kind)
      ? ["partner", "care"]
      : ["partner"];

/** The text key of a role's name; `partner` is a role of API keys only, so it has its own text. */
export const roleLabelKey = (role: Role.Role | string): MessageKey =>
  role === "partner" ? "admin.rolePartner" : (`role.${role}` as MessageKey);

/** The fields of the organisation form, in the order they are shown (and focused when wrong). */
export const organisationFields = ["name", "kind", "region"] as const;
export type OrganisationField = (typeof organisationFields)[number];

/** The fields of the user form, in the order they are shown. */
export const userFields = ["email", "name", "role", "organisationId"] as const;
export type UserField = (typeof userFields)[number];

/** What a form says about its fields before anything is sent. */
export type FieldErrors<F extends string> = Partial<Record<F, MessageKey>>;

/** The outcome of checking a form: the body to send, or what is wrong with which field. */
export type Checked<T, F extends string> =
  | { readonly ok: true; readonly input: T }
  | { readonly ok: false; readonly errors: FieldErrors<F> };

/** The longest name of an organisation or user the API takes. */
export const maxNameLength = 200;

const checkName = (name: string): MessageKey | undefined => {
  if (name === "") return "admin.nameRequired";
  if (name.length > maxNameLength) return "admin.nameTooLong";
  return undefined;
};

const isCode = <C extends string>(codes: ReadonlyArray<C>, value: string): value is C =>
  (codes as ReadonlyArray<string>).includes(value);

/** Checks the organisation form as typed: a trimmed name, a kind from the code list, an optional police region. */
export const checkOrganisationForm = (raw: {
  readonly name: string;
  readonly kind: string;
  readonly region: string;
}): Checked<OrganisationInput, OrganisationField> => {
  const name = raw.name.trim();
  const errors: FieldErrors<OrganisationField> = {};
  const nameError = checkName(name);
  if (nameError !== undefined) errors.name = nameError;
  const kind = raw.kind;
  if (!isCode(OrganisationKind.codeList.codes, kind)) errors.kind = "admin.kindRequired";
  const region = raw.region;
  if (region !== "" && !isCode(PoliceRegion.codeList.codes, region)) errors.region = "admin.regionInvalid";
  if (Object.keys(errors).length > 0 || !isCode(OrganisationKind.codeList.codes, kind)) return { ok: false, errors };
  return {
    ok: true,
    input: isCode(PoliceRegion.codeList.codes, region) ? { name, kind, region } : { name, kind },
  };
};

/** The fields of the new-key form, in the order it shows them. */
export const keyFields = ["label", "role"] as const;
export type KeyField = (typeof keyFields)[number];

/**
 * Checks the new-key form as typed: a trimmed label (the API takes none, but a list of unnamed keys says nothing about
 * which is which, so the console asks for one) of at most `ApiKey.maxLabelLength` characters, and a role the
 * organisation may hold.
 */
export const checkKeyForm = (
  raw: { readonly label: string; readonly role: string },
  roles: ReadonlyArray<Role.Role>,
): Checked<{ readonly label: string; readonly role: Role.Role }, KeyField> => {
  const label = raw.label.trim();
  const errors: FieldErrors<KeyField> = {};
  if (label === "") errors.label = "admin.keyLabelRequired";
  else if (label.length > DomainApiKey.maxLabelLength) errors.label = "admin.keyLabelTooLong";
  const role = roles.find((candidate) => candidate === raw.role);
  if (role === undefined) errors.role = "admin.roleRequired";
  if (Object.keys(errors).length > 0 || role === undefined) return { ok: false, errors };
  return { ok: true, input: { label, role } };
};

/** The address pattern of the API (`User.Email`): one `@` with something on both sides and a dot after it. */
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const maxEmailLength = 254;

/**
 * Checks the user form as typed: the address trimmed and lower-cased as the API stores it, a name, a role, and for a
 * care user the organisation they work for (staff send none: they belong to CoMensha).
 */
export const checkUserForm = (raw: {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly organisationId?: string;
}): Checked<UserInput, UserField> => {
  const email = raw.email.trim().toLowerCase();
  const name = raw.name.trim();
  const errors: FieldErrors<UserField> = {};
  if (email === "") errors.email = "admin.emailRequired";
  else if (email.length > maxEmailLength || !emailPattern.test(email)) errors.email = "admin.emailInvalid";
  const nameError = checkName(name);
  if (nameError !== undefined) errors.name = nameError;
  const role = userRoles.find((candidate) => candidate === raw.role);
  if (role === undefined) errors.role = "admin.roleRequired";
  const organisationId = raw.organisationId ?? "";
  if (role === "care" && organisationId === "") errors.organisationId = "admin.userOrganisationRequired";
  if (Object.keys(errors).length > 0 || role === undefined) return { ok: false, errors };
  return { ok: true, input: role === "care" ? { email, name, role, organisationId } : { email, name, role } };
};

/** The organisations a care user may work for: active ones that receive referrals, never CoMensha itself. */
export const careUserOrganisations = <O extends Pick<Organisation, "isComensha" | "kind" | "status">>(
  organisations: ReadonlyArray<O>,
): ReadonlyArray<O> =>
  organisations.filter(
    (organisation) =>
      !organisation.isComensha && organisation.status === "active" && Referral.receivingKinds.has(organisation.kind),
  );

/** Whether a `422` at `/email` says the address belongs to another user. */
export const isEmailTaken = (message: string): boolean => /already/i.test(message);

/** Whether the API refused to disable the signed-in administrator's own account (`409 invalid-state`). */
export const isCannotDisableSelf = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 409 && error.type === ProblemTypes.invalidState;

/** Whether the API refused an approval by the administrator who asked for it (`403 second-approver-required`). */
export const isSecondApproverRequired = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 403 && error.type === ProblemTypes.secondApproverRequired;

/** Whether a key waits for a second administrator's approval: asked for, not approved, not revoked. */
export const isKeyAwaitingApproval = (key: Pick<ApiKey, "approval" | "revokedAt">): boolean =>
  key.approval !== null && key.approval.approvedAt === null && key.revokedAt === null;

/** Whether the signed-in user (`userId`) asked for this grant themselves: then another administrator approves it. */
export const isOwnRequest = (approval: Approval | null, userId: string | undefined): boolean =>
  approval !== null && approval.requestedBy.kind === "user" && approval.requestedBy.id === userId;
