import { Schema } from "effect";
import { OrganisationId } from "./Organisation.js";
import { Role } from "./Role.js";
import { Uuid } from "./Uuid.js";

/** Identifier of an API key. */
export const ApiKeyId = Uuid.pipe(Schema.brand("ApiKeyId"));
export type ApiKeyId = typeof ApiKeyId.Type;

/** The visible part of a key (`cmk_<prefix>_<secret>`): identifies it in listings and logs, proves nothing. */
export const ApiKeyPrefix = Schema.String.pipe(Schema.check(Schema.isPattern(/^[0-9a-f]{8}$/)));

/**
 * An API key of an organisation, as listed: never the secret, which is shown once when the key is made and
 * stored only as a hash.
 */
export class ApiKey extends Schema.Class<ApiKey>("ApiKey")({
  id: ApiKeyId,
  organisationId: OrganisationId,
  prefix: ApiKeyPrefix,
  role: Role,
  createdAt: Schema.String,
  lastUsedAt: Schema.NullOr(Schema.String),
  revokedAt: Schema.NullOr(Schema.String),
}) {}

/** No API key has this id (or it belongs to another organisation). */
export class ApiKeyNotFound extends Schema.TaggedError<ApiKeyNotFound>()("ApiKeyNotFound", { id: Schema.String }) {}
