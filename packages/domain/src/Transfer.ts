import { Option, Schema } from "effect";
import { ActorKind } from "./AuditEvent.js";
import * as CodeList from "./CodeList.js";
import * as Labels from "./labels/Transfer.js";
import { OrganisationId, type OrganisationStatus } from "./Organisation.js";
import { RegistrationId } from "./Registration.js";
import { Uuid } from "./Uuid.js";

/** The list of `labels/Transfer.ts` (written without Effect, for the console) with its codes' schema. */
export const reasonCodeList = CodeList.withSchema(Labels.reasonCodeList);

export const TransferReason = reasonCodeList.schema;
export type TransferReason = typeof TransferReason.Type;

/** Identifier of a transfer. */
export const TransferId = Uuid.pipe(Schema.brand("TransferId"));
export type TransferId = typeof TransferId.Type;

/**
 * What the owning organisation (or a coordinator) sends to transfer a registration (overdracht): to which
 * organisation, and why. The sender keeps reading the registration as it was at the transfer, read-only.
 */
export const NewTransfer = Schema.Struct({
  toOrganisationId: OrganisationId,
  reason: TransferReason,
}).annotate({ identifier: "NewTransfer" });
export type NewTransfer = typeof NewTransfer.Type;

/** Who transferred: a console user or an API key, by kind and id (never by name). */
export const TransferActor = Schema.Struct({ kind: ActorKind, id: Schema.String });
export type TransferActor = typeof TransferActor.Type;

/** One transfer of a registration from one organisation to another, as recorded. */
export class Transfer extends Schema.Class<Transfer>("Transfer")({
  id: TransferId,
  registrationId: RegistrationId,
  fromOrganisationId: OrganisationId,
  toOrganisationId: OrganisationId,
  reason: TransferReason,
  /** The registration's version when it moved: what the sending organisation keeps reading. */
  version: Schema.Int,
  transferredAt: Schema.String,
  transferredBy: TransferActor,
}) {}

/** What the rule needs to know of an organisation taking part in a transfer. */
export interface TransferParty {
  readonly id: OrganisationId;
  readonly status: OrganisationStatus;
  readonly isComensha: boolean;
}

/**
 * Why a registration may not move from `from` to `to`, or none: not to the organisation that owns it, not to
 * CoMensha's own organisation (a coordinator sees every registration already; CoMensha is no partner that owns
 * one), and not to a suspended organisation, whose keys do not work.
 */
export const transferProblem = (from: TransferParty, to: TransferParty): Option.Option<string> => {
  if (from.id === to.id) return Option.some("the registration already belongs to this organisation");
  if (to.isComensha) return Option.some("a registration is not transferred to CoMensha's own organisation");
  if (to.status !== "active") return Option.some("the organisation is suspended and cannot take a registration over");
  return Option.none();
};

/** The caller's organisation transferred this registration away: it reads it as it was, but changes nothing. */
export class RegistrationTransferred extends Schema.TaggedError<RegistrationTransferred>()("RegistrationTransferred", {
  id: Schema.String,
}) {}

/** The transfer breaks a rule (see {@link transferProblem}) or names no organisation. */
export class TransferRefused extends Schema.TaggedError<TransferRefused>()("TransferRefused", {
  problem: Schema.String,
  path: Schema.String,
}) {}
