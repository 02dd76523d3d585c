import { Schema } from "effect";
import { OrganisationKind } from "./OrganisationKind.js";
import { PoliceRegion } from "./PoliceRegion.js";
import { Uuid } from "./Uuid.js";

/** Identifier of a partner organisation. */
export const OrganisationId = Uuid.pipe(Schema.brand("OrganisationId"));
export type OrganisationId = typeof OrganisationId.Type;

/** Whether an organisation may report: suspended ones keep their data but their keys stop working. */
export const OrganisationStatus = Schema.Literals(["active", "suspended"]);
export type OrganisationStatus = typeof OrganisationStatus.Type;

/** The name of an organisation as people write it: trimmed, 1 to 200 characters. */
export const OrganisationName = Schema.Trimmed.pipe(Schema.check(Schema.isBetweenLength(1, 200)));

/** What a new organisation is made of. */
export const NewOrganisation = Schema.Struct({
  name: OrganisationName,
  kind: OrganisationKind,
  region: Schema.optionalKey(PoliceRegion),
});
export type NewOrganisation = typeof NewOrganisation.Type;

/** A partner organisation that reports possible victims (police, KMar, NGOs, shelters, ...). */
export class Organisation extends Schema.Class<Organisation>("Organisation")({
  id: OrganisationId,
  name: OrganisationName,
  kind: OrganisationKind,
  region: Schema.optionalKey(PoliceRegion),
  status: OrganisationStatus,
  /** Whether this is CoMensha's own organisation, to which every console user belongs (at most one is). */
  isComensha: Schema.Boolean,
  createdAt: Schema.String,
}) {}

/** The reporting organisation named in a coordinator's registration is suspended: it cannot report now. */
export class OrganisationInactive extends Schema.TaggedError<OrganisationInactive>()("OrganisationInactive", {
  id: Schema.String,
}) {}

/** No organisation has this id. */
export class OrganisationNotFound extends Schema.TaggedError<OrganisationNotFound>()("OrganisationNotFound", {
  id: Schema.String,
}) {}
