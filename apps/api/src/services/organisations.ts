import type { AuditEvent, Organisation, Role } from "@comensha/domain";
import { ApiKey, Ports, SeparationOfDuties } from "@comensha/domain";
import { Effect } from "effect";
import { generateApiKey } from "../auth.js";

/** Who makes the change and under which request, for the audit event written with it. */
export interface Actor {
  readonly actor: AuditEvent.Actor;
  readonly requestId?: string | undefined;
}

const auditWith = (by: Actor, action: string, resourceType: string, resourceId: string) =>
  Effect.flatMap(Ports.AuditLog, (log) =>
    log.append({
      actor: by.actor,
      action,
      resourceType,
      resourceId,
      outcome: "success",
      ...(by.requestId === undefined ? {} : { requestId: by.requestId }),
    }),
  );

/**
 * Makes an API key of `role` for an organisation, with its audit event (`api_key.create`). Answers the stored key
 * and the key itself (`cmk_<prefix>_<secret>`), which exists nowhere else: only the hash of its secret is stored.
 * Run it inside the caller's transaction so the key and its event commit together. A role that needs a second
 * administrator (`SeparationOfDuties.needsApproval`: asked for through the API, not on the command line) makes a key
 * that does not authenticate until another administrator approves it (`approveApiKey`), and writes
 * `api_key.approval_request` too.
 */
export const createApiKey = (input: {
  readonly organisationId: Organisation.OrganisationId;
  readonly role: Role.Role;
  /** What the administrator calls the key (`ApiKey.ApiKeyLabel`); not written to the audit event. */
  readonly label?: string | undefined;
  readonly by: Actor;
}) =>
  Effect.gen(function* () {
    const generated = generateApiKey();
    const requestedBy = SeparationOfDuties.approvalActorOf(input.by.actor);
    const pending = SeparationOfDuties.needsApproval({ kind: "api_key", role: input.role }, requestedBy);
    const key = yield* (yield* Ports.ApiKeyRepository).create({
      organisationId: input.organisationId,
      role: input.role,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      ...(input.label === undefined ? {} : { label: input.label }),
      ...(pending ? { approvalRequestedBy: requestedBy } : {}),
    });
    yield* auditWith(input.by, "api_key.create", "api_key", key.id);
    if (pending) yield* auditWith(input.by, "api_key.approval_request", "api_key", key.id);
    return { key, apiKey: generated.apiKey };
  });

/**
 * Makes an organisation and its first API key (`organisation.create`, `api_key.create`), in one transaction: what
 * `org create` on the command line and `POST /v1/organisations` both do.
 */
export const createOrganisation = (input: {
  readonly organisation: Organisation.NewOrganisation;
  readonly role: Role.Role;
  readonly by: Actor;
}) =>
  Effect.flatMap(Ports.Transactor, (transactor) =>
    transactor.transaction(
      Effect.gen(function* () {
        const organisation = yield* (yield* Ports.OrganisationRepository).create(input.organisation);
        yield* auditWith(input.by, "organisation.create", "organisation", organisation.id);
        const { key, apiKey } = yield* createApiKey({
          organisationId: organisation.id,
          role: input.role,
          by: input.by,
        });
        return { organisation, key, apiKey };
      }),
    ),
  );

/**
 * Makes another key for an existing organisation (`OrganisationNotFound` otherwise), with its audit event, in one
 * transaction. Partner organisations get partner keys only (`RoleNotAllowed`, see `ApiKey.rolesFor`).
 */
export const createKeyFor = (input: {
  readonly organisationId: Organisation.OrganisationId;
  readonly role: Role.Role;
  readonly label?: string | undefined;
  readonly by: Actor;
}) =>
  Effect.flatMap(Ports.Transactor, (transactor) =>
    transactor.transaction(
      Effect.gen(function* () {
        const organisation = yield* (yield* Ports.OrganisationRepository).findById(input.organisationId);
        const allowed = ApiKey.rolesFor(organisation);
        if (!allowed.includes(input.role)) return yield* new ApiKey.RoleNotAllowed({ role: input.role, allowed });
        return yield* createApiKey(input);
      }),
    ),
  );

/**
 * Revokes a key: it stops working at once (the next request with it is 401). Revoking a revoked key is not an
 * error: it answers the key as it is, with its first `revokedAt`, and writes `api_key.revoke` again.
 */
export const revokeApiKey = (input: { readonly id: ApiKey.ApiKeyId; readonly by: Actor }) =>
  Effect.flatMap(Ports.Transactor, (transactor) =>
    transactor.transaction(
      Effect.gen(function* () {
        const key = yield* (yield* Ports.ApiKeyRepository).revoke(input.id);
        yield* auditWith(input.by, "api_key.revoke", "api_key", key.id);
        return key;
      }),
    ),
  );

/**
 * Approves a key that waits for a second administrator: it authenticates from now on. Refuses the administrator who
 * asked for it (`SecondApproverRequired`) and a key that does not wait (`NotAwaitingApproval`: approved, revoked, or
 * never needing it). Writes `api_key.approve` in the same transaction.
 */
export const approveApiKey = (input: { readonly id: ApiKey.ApiKeyId; readonly by: Actor }) =>
  Effect.flatMap(Ports.Transactor, (transactor) =>
    transactor.transaction(
      Effect.gen(function* () {
        const keys = yield* Ports.ApiKeyRepository;
        const approver = SeparationOfDuties.approvalActorOf(input.by.actor);
        const key = yield* keys.findById(input.id);
        const refused = SeparationOfDuties.checkApproval(
          { id: key.id, awaitingApproval: ApiKey.isAwaitingApproval(key), approval: key.approval },
          approver,
        );
        if (refused !== undefined) return yield* refused;
        const approved = yield* keys.approve(input.id, approver);
        yield* auditWith(input.by, "api_key.approve", "api_key", key.id);
        return approved;
      }),
    ),
  );

/** The keys of an existing organisation (`OrganisationNotFound` otherwise), newest first, never their secrets. */
export const listApiKeys = (organisationId: Organisation.OrganisationId) =>
  Effect.gen(function* () {
    yield* (yield* Ports.OrganisationRepository).findById(organisationId);
    const keys = yield* (yield* Ports.ApiKeyRepository).list(organisationId);
    return [...keys].reverse();
  });
