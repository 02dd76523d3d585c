import type { StorageOptions } from "@comensha/db";
import { type ApiKey, Organisation, Ports, Role } from "@comensha/domain";
import { Effect, Schema } from "effect";
import { generateApiKey } from "../auth.js";
import { withStorage } from "./storage.js";

const cli = { kind: "system", id: "cli" } as const;

/** Makes a new API key for an organisation and records it in the audit log; the key itself is returned once. */
const makeKey = (organisationId: Organisation.OrganisationId, role: Role.Role) =>
  Effect.gen(function* () {
    const keys = yield* Ports.ApiKeyRepository;
    const generated = generateApiKey();
    const key = yield* keys.create({
      organisationId,
      role,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
    });
    yield* (yield* Ports.AuditLog).append({
      actor: cli,
      action: "api_key.create",
      resourceType: "api_key",
      resourceId: key.id,
      outcome: "success",
    });
    return { key, apiKey: generated.apiKey };
  });

const encodeOrganisation = Schema.encodeSync(Organisation.Organisation);

/** `org create`: a new organisation and its first API key (role partner unless told otherwise). */
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
      const transactor = yield* Ports.Transactor;
      return yield* transactor.transaction(
        Effect.gen(function* () {
          const organisation = yield* (yield* Ports.OrganisationRepository).create(fields);
          yield* (yield* Ports.AuditLog).append({
            actor: cli,
            action: "organisation.create",
            resourceType: "organisation",
            resourceId: organisation.id,
            outcome: "success",
          });
          const { key, apiKey } = yield* makeKey(organisation.id, role);
          return { organisation: encodeOrganisation(organisation), apiKey, keyPrefix: key.prefix, role };
        }),
      );
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

/** `org key create`: another key for an existing organisation. */
export const createKey = (storage: StorageOptions, organisationId: string, role: string | undefined) =>
  withStorage(
    storage,
    Effect.gen(function* () {
      const id = decodeOrganisationId(organisationId);
      yield* (yield* Ports.OrganisationRepository).findById(id);
      const { key, apiKey } = yield* makeKey(id, Schema.decodeUnknownSync(Role.Role)(role ?? "partner"));
      return { apiKey, key: keyView(key) };
    }),
  );

const keyView = (key: ApiKey.ApiKey) => ({
  id: key.id,
  prefix: key.prefix,
  role: key.role,
  createdAt: key.createdAt,
  lastUsedAt: key.lastUsedAt,
  revokedAt: key.revokedAt,
});

/** `org key list`: prefixes, roles and use of an organisation's keys, never the keys. */
export const listKeys = (storage: StorageOptions, organisationId: string) =>
  withStorage(
    storage,
    Effect.map(
      Effect.flatMap(Ports.ApiKeyRepository, (keys) => keys.list(decodeOrganisationId(organisationId))),
      (keys) => keys.map(keyView),
    ),
  );

/** `org key revoke`: the key stops working at once. */
export const revokeKey = (storage: StorageOptions, keyId: string) =>
  withStorage(
    storage,
    Effect.gen(function* () {
      const key = yield* (yield* Ports.ApiKeyRepository).revoke(keyId as ApiKey.ApiKeyId);
      yield* (yield* Ports.AuditLog).append({
        actor: cli,
        action: "api_key.revoke",
        resourceType: "api_key",
        resourceId: key.id,
        outcome: "success",
      });
      return keyView(key);
    }),
  );
