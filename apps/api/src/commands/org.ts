import type { StorageOptions } from "@comensha/db";
import { ApiKey, Organisation, Ports, Role } from "@comensha/domain";
import { Effect, Schema } from "effect";
import {
  createApiKey,
  createOrganisation as createWithKey,
  listApiKeys,
  revokeApiKey,
} from "../services/organisations.js";
import { withStorage } from "./storage.js";

/** The command line acts as the system: its audit events say so. */
const cli = { actor: { kind: "system", id: "cli" } } as const;

const encodeOrganisation = Schema.encodeSync(Organisation.Organisation);

/**
 * `org create`: a new organisation and its first API key (role partner unless told otherwise), through the same
 * service as `POST /v1/organisations`. The command line may give any role: it is the operator's tool (e.g. a policy
 * key for a reporting job), where the HTTP route gives partner organisations partner keys only.
 */
export const createOrganisation = (
  storage: StorageOptions,
  input: { readonly name: string; readonly kind: string; readonly region?: string; readonly role?: string },
) =>
  withStorage(
    storage,
    Effect.gen(function* () {
      const fields = Schema.decodeUnknownSync(Organisation.NewOrganisation)({
        name: input.name,
        kind: input.kind,
        ...(input.region === undefined ? {} : { region: input.region }),
      });
      const role = Schema.decodeUnknownSync(Role.Role)(input.role ?? "partner");
      const { organisation, key, apiKey } = yield* createWithKey({ organisation: fields, role, by: cli });
      return { organisation: encodeOrganisation(organisation), apiKey, keyPrefix: key.prefix, role };
    }),
  );

/** `org list`. */
export const listOrganisations = (storage: StorageOptions) =>
  withStorage(
    storage,
    Effect.map(
      Effect.flatMap(Ports.OrganisationRepository, (repository) => repository.list),
      (organisations) => organisations.map((organisation) => encodeOrganisation(organisation)),
    ),
  );

const decodeOrganisationId = Schema.decodeUnknownSync(Organisation.OrganisationId);

/** `org key create`: another key for an existing organisation, in one transaction with its audit event. */
export const createKey = (
  storage: StorageOptions,
  organisationId: string,
  role: string | undefined,
  label?: string | undefined,
) =>
  withStorage(
    storage,
    Effect.gen(function* () {
      const id = decodeOrganisationId(organisationId);
      const chosen = Schema.decodeUnknownSync(Role.Role)(role ?? "partner");
      const named = label === undefined ? undefined : Schema.decodeUnknownSync(ApiKey.ApiKeyLabel)(label);
      const transactor = yield* Ports.Transactor;
      const { key, apiKey } = yield* transactor.transaction(
        Effect.gen(function* () {
          yield* (yield* Ports.OrganisationRepository).findById(id);
          return yield* createApiKey({ organisationId: id, role: chosen, label: named, by: cli });
        }),
      );
      return { apiKey, key: keyView(key) };
    }),
  );

const keyView = (key: ApiKey.ApiKey) => ({
  id: key.id,
  prefix: key.prefix,
  label: key.label,
  role: key.role,
  createdAt: key.createdAt,
  lastUsedAt: key.lastUsedAt,
  revokedAt: key.revokedAt,
  approval: key.approval,
});

/** `org key list`: labels, prefixes, roles and use of an organisation's keys, never the keys; newest first. */
export const listKeys = (storage: StorageOptions, organisationId: string) =>
  withStorage(
    storage,
    Effect.map(listApiKeys(decodeOrganisationId(organisationId)), (keys) => keys.map(keyView)),
  );

/** `org key revoke`: the key stops working at once. */
export const revokeKey = (storage: StorageOptions, keyId: string) =>
  withStorage(storage, Effect.map(revokeApiKey({ id: keyId as ApiKey.ApiKeyId, by: cli }), keyView));
