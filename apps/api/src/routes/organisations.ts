import type { StoredResponse } from "@comensha/db";
import {
  ApiKey,
  Organisation,
  OrganisationKind,
  PoliceRegion,
  Ports,
  Role,
  SeparationOfDuties,
} from "@comensha/domain";
import { Effect, Exit, Schema } from "effect";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import { idempotent, storedResponse } from "../idempotency.js";
import type { Operation } from "../openapi.js";
import { invalidCursor, ProblemError, ProblemType } from "../problem.js";
import { pageRequestOf, readJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import { actorOfPrincipal, audit } from "../services/audit.js";
import {
  approveApiKey,
  createKeyFor,
  createOrganisation,
  listApiKeys,
  revokeApiKey,
} from "../services/organisations.js";
import { decodeBody } from "../validation.js";
import { audited, callerOf } from "./audited.js";
import { runEffect } from "./runEffect.js";

/** A partner organisation as the console lists it. Names and kinds are not personal data. */
export const OrganisationResponse = Schema.Struct({
  id: Organisation.OrganisationId,
  name: Schema.String,
  kind: OrganisationKind.OrganisationKind,
  region: Schema.NullOr(PoliceRegion.PoliceRegion),
  status: Organisation.OrganisationStatus,
  /** CoMensha's own organisation, to which the console users belong. */
  isComensha: Schema.Boolean,
  createdAt: Schema.String,
}).annotate({ identifier: "Organisation", description: "A partner organisation." });

const OrganisationPage = Schema.Struct({
  data: Schema.Array(OrganisationResponse),
  nextCursor: Schema.NullOr(Schema.String),
}).annotate({ identifier: "OrganisationPage" });

/** An API key as listed: its visible prefix, role and use, never the secret. */
export const ApiKeyResponse = Schema.Struct({
  id: ApiKey.ApiKeyId,
  organisationId: Organisation.OrganisationId,
  prefix: Schema.String,
  /** What the administrator called the key when making it; null for a key made without a label. */
  label: Schema.NullOr(Schema.String),
  role: Role.Role,
  createdAt: Schema.String,
  lastUsedAt: Schema.NullOr(Schema.String),
  revokedAt: Schema.NullOr(Schema.String),
  /**
   * Who asked for a coordinator or administrator key and who approved it; null for a key that needed no approval.
   * While `approvedAt` is null (and the key is not revoked) the key does not authenticate.
   */
  approval: Schema.NullOr(SeparationOfDuties.Approval),
}).annotate({ identifier: "ApiKey", description: "An API key, without its secret." });

const ApiKeyList = Schema.Struct({
  data: Schema.Array(ApiKeyResponse),
  nextCursor: Schema.Null,
}).annotate({ identifier: "ApiKeyList" });

/** A new API key with the key itself (`cmk_<prefix>_<secret>`), shown this once. */
export const CreatedApiKeyResponse = Schema.Struct({ ...ApiKeyResponse.fields, key: Schema.String }).annotate({
  identifier: "CreatedApiKey",
});

/** The answer to `POST /v1/organisations`: the organisation and its first (partner) key, shown this once. */
export const CreatedOrganisationResponse = Schema.Struct({
  organisation: OrganisationResponse,
  apiKey: CreatedApiKeyResponse,
}).annotate({ identifier: "CreatedOrganisation" });

const NewOrganisationRequest = Organisation.NewOrganisation.annotate({ identifier: "NewOrganisation" });
const NewApiKeyRequest = ApiKey.NewApiKey.annotate({ identifier: "NewApiKey" });

const encodeOrganisation = Schema.encodeSync(OrganisationResponse);
const encodeOrganisationPage = Schema.encodeSync(OrganisationPage);
const encodeKey = Schema.encodeSync(ApiKeyResponse);
const encodeKeyList = Schema.encodeSync(ApiKeyList);
const encodeCreatedKey = Schema.encodeSync(CreatedApiKeyResponse);
const encodeCreatedOrganisation = Schema.encodeSync(CreatedOrganisationResponse);

const organisationView = (organisation: Organisation.Organisation): typeof OrganisationResponse.Type => ({
  id: organisation.id,
  name: organisation.name,
  kind: organisation.kind,
  region: organisation.region ?? null,
  status: organisation.status,
  isComensha: organisation.isComensha,
  createdAt: organisation.createdAt,
});

const keyView = (key: ApiKey.ApiKey): typeof ApiKeyResponse.Type => ({
  id: key.id,
  organisationId: key.organisationId,
  prefix: key.prefix,
  label: key.label,
  role: key.role,
  createdAt: key.createdAt,
  lastUsedAt: key.lastUsedAt,
  revokedAt: key.revokedAt,
  approval: key.approval,
});

const problems = {
  401: { description: "No valid API key or console session.", problem: true },
  403: { description: "Your role may not do this (or a CSRF or password-change problem).", problem: true },
} as const;

const idempotencyHeader = {
  name: "Idempotency-Key",
  required: true,
  description: "1-255 visible ASCII characters; a UUID. A replay answers the same key again.",
} as const;

/** OpenAPI descriptions of the organisation and API key routes. */
export const organisationOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/organisations",
    operationId: "listOrganisations",
    summary: "Partner organisations, by name (coordinators and administrators)",
    description:
      "For coordinators and administrators: partner organisations, ordered by name; cursor-paginated. Names and " +
      "kinds are not personal data.",
    tags: ["organisations"],
    security: true,
    query: [
      { name: "limit", description: "1-200, default 50", schema: { type: "integer", minimum: 1, maximum: 200 } },
      { name: "cursor", description: "nextCursor of the previous page", schema: { type: "string" } },
    ],
    responses: {
      200: { description: "A page of organisations, ordered by name.", schema: OrganisationPage },
      400: { description: "A bad parameter.", problem: true },
      ...problems,
    },
  },
  {
    method: "get",
    path: "/v1/organisations/:id",
    operationId: "getOrganisation",
    summary: "One partner organisation (coordinators and administrators)",
    description: "For coordinators and administrators: one organisation by its id.",
    tags: ["organisations"],
    security: true,
    responses: {
      200: { description: "The organisation.", schema: OrganisationResponse },
      ...problems,
      404: { description: "No such organisation.", problem: true },
    },
  },
  {
    method: "post",
    path: "/v1/organisations",
    operationId: "createOrganisation",
    summary: "Add a partner organisation with its first API key (administrators)",
    description:
      "Adds a partner organisation (name, kind and, for a police unit, its region) with its first API key of role " +
      "`partner`. The key is shown this once; a replay with the same `Idempotency-Key` answers the same key again.",
    tags: ["organisations"],
    security: true,
    headers: [idempotencyHeader],
    requestBody: NewOrganisationRequest,
    responses: {
      201: { description: "The organisation and its first API key.", schema: CreatedOrganisationResponse },
      400: { description: "A header is wrong.", problem: true },
      ...problems,
      409: { description: "A request with the same Idempotency-Key is in flight.", problem: true },
      422: { description: "The body breaks the schema (kind and region from the code lists).", problem: true },
    },
  },
  {
    method: "get",
    path: "/v1/organisations/:id/api-keys",
    operationId: "listApiKeys",
    summary: "An organisation's API keys, newest first, without their secrets (administrators)",
    description:
      "For administrators: the organisation's API keys, newest first, by their label and visible prefix, with role, " +
      "last use, revocation and approval; never their secrets.",
    tags: ["organisations"],
    security: true,
    responses: {
      200: { description: "All keys of the organisation (one page: nextCursor is null).", schema: ApiKeyList },
      ...problems,
      404: { description: "No such organisation.", problem: true },
    },
  },
  {
    method: "post",
    path: "/v1/organisations/:id/api-keys",
    operationId: "createApiKey",
    summary: "Make another API key for an organisation (administrators)",
    description:
      "The key is shown this once (a replay with the same `Idempotency-Key` answers it again). The optional " +
      "`label` (1-100 characters, e.g. the system that uses the key) tells the keys apart in the list. A partner " +
      "organisation holds partner keys only. A coordinator or administrator key of CoMensha's own organisation " +
      "works only once another administrator approves it (four eyes).",
    tags: ["organisations"],
    security: true,
    headers: [idempotencyHeader],
    requestBody: NewApiKeyRequest,
    responses: {
      201: { description: "The key, with the key itself this once.", schema: CreatedApiKeyResponse },
      400: { description: "A header is wrong.", problem: true },
      ...problems,
      404: { description: "No such organisation.", problem: true },
      409: { description: "A request with the same Idempotency-Key is in flight.", problem: true },
      422: {
        description:
          "The body breaks the schema (role, label), or a partner organisation was asked for a non-partner key.",
        problem: true,
      },
    },
  },
  {
    method: "post",
    path: "/v1/api-keys/:id/revoke",
    operationId: "revokeApiKey",
    summary: "Revoke an API key (administrators)",
    description:
      "The key is refused from the next request on. Revoking a revoked key answers it unchanged. Revoking a key " +
      "that waits for approval turns the request down.",
    tags: ["organisations"],
    security: true,
    responses: {
      200: { description: "The key, revoked.", schema: ApiKeyResponse },
      ...problems,
      404: { description: "No such API key.", problem: true },
    },
  },
  {
    method: "post",
    path: "/v1/api-keys/:id/approve",
    operationId: "approveApiKey",
    summary: "Approve a key waiting for a second administrator",
    description:
      "Approves a coordinator or administrator key that an administrator asked for: it works from now on. Only an " +
      "administrator other than the one who asked (the same user or the same key) may approve (four eyes).",
    tags: ["organisations"],
    security: true,
    responses: {
      200: { description: "The key, with who approved it and when.", schema: ApiKeyResponse },
      401: problems[401],
      403: {
        description:
          "Administrators only, or you asked for this key yourself (type .../problems/second-approver-required).",
        problem: true,
      },
      404: { description: "No such API key.", problem: true },
      409: {
        description: "The key is not waiting for approval: approved already, revoked, or never needing it.",
        problem: true,
      },
    },
  },
];

const byOf = (c: Context<AppEnv>) => ({ actor: actorOfPrincipal(c.get("principal")), requestId: c.get("requestId") });

const toProblem = (error: unknown): ProblemError => {
  const tag = (error as { _tag?: string })._tag;
  if (tag === "OrganisationNotFound") return new ProblemError(404, ProblemType.notFound, "Organisation not found");
  if (tag === "ApiKeyNotFound") return new ProblemError(404, ProblemType.notFound, "API key not found");
  if (tag === "RoleNotAllowed") {
    const allowed = (error as { allowed: ReadonlyArray<string> }).allowed;
    return new ProblemError(422, ProblemType.validationFailed, "This organisation may not hold a key of that role", {
      errors: [{ path: "/role", message: `Must be one of: ${allowed.join(", ")}` }],
    });
  }
  if (tag === "SecondApproverRequired") {
    return new ProblemError(403, ProblemType.secondApproverRequired, "A second administrator must approve", {
      detail: "The administrator who asked for a key cannot approve it; another administrator must.",
    });
  }
  if (tag === "NotAwaitingApproval") {
    return new ProblemError(409, ProblemType.invalidState, "The key is not waiting for approval", {
      detail: "Only a key that waits for approval can be approved: this one is approved, revoked or needed none.",
    });
  }
  if (tag === "InvalidCursor") return invalidCursor();
  return new ProblemError(500, ProblemType.internal, "Internal server error");
};

const run = runEffect(toProblem);

const transaction = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Ports.Transactor, (transactor) => transactor.transaction(effect));

const parseOrganisationId = (id: string | undefined) => {
  const result = Schema.decodeUnknownExit(Organisation.OrganisationId)(id);
  if (Exit.isFailure(result)) throw new ProblemError(404, ProblemType.notFound, "Organisation not found");
  return result.value;
};

const parseKeyId = (id: string | undefined) => {
  const result = Schema.decodeUnknownExit(ApiKey.ApiKeyId)(id);
  if (Exit.isFailure(result)) throw new ProblemError(404, ProblemType.notFound, "API key not found");
  return result.value;
};

/** The stored answer of a create keeps the new key sealed (AES-GCM), bound to the key's id, never in clear. */
const sealContext = (keyId: string) => `api-key:${keyId}`;

const seal = (keyId: string, apiKey: string) =>
  Effect.map(
    Effect.flatMap(Ports.Crypto, (crypto) => crypto.encrypt(apiKey, sealContext(keyId))),
    (sealed) => Buffer.from(sealed).toString("base64"),
  );

const unseal = (keyId: string, sealed: string) =>
  Effect.flatMap(Ports.Crypto, (crypto) => crypto.decrypt(Buffer.from(sealed, "base64"), sealContext(keyId)));

/** Unseals the key of a stored answer whose created key sits at `keyOf(body)`. */
const presentWith =
  (runtime: AppRuntime, keyOf: (body: Record<string, unknown>) => { id: string; key: string }) =>
  async (stored: StoredResponse): Promise<StoredResponse> => {
    const body = JSON.parse(stored.body) as Record<string, unknown>;
    const created = keyOf(body);
    created.key = await run(runtime, unseal(created.id, created.key));
    return { ...stored, body: JSON.stringify(body) };
  };

/**
 * `/v1/organisations`: coordinators and administrators list the partner organisations and read one; administrators
 * add one (with its first key) and list and make its API keys. Every call is audited, refusals too. A new key is
 * answered once; the idempotent replay of its create answers it again, for which it is stored only encrypted.
 */
export const organisationRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.get(
    "/",
    audited(runtime, "organisation", "organisation.list", async (c) => {
      requireRole(c, "coordinator", "admin");
      const pageRequest = pageRequestOf(c, { defaultLimit: 50, maxLimit: 200 });
      const page = await run(
        runtime,
        Effect.gen(function* () {
          const result = yield* (yield* Ports.OrganisationRepository).listPage(pageRequest);
          yield* audit(callerOf(c), "organisation.list", "success", { type: "organisation" });
          return result;
        }),
      );
      return c.json(encodeOrganisationPage({ data: page.data.map(organisationView), nextCursor: page.nextCursor }));
    }),
  );

  routes.post(
    "/",
    audited(runtime, "organisation", "organisation.create", async (c) => {
      requireRole(c, "admin");
      const { bytes, json } = await readJson(c);
      const response = await idempotent(
        c,
        runtime,
        bytes,
        async (complete) => {
          const input = decodeBody(NewOrganisationRequest, json);
          return run(
            runtime,
            transaction(
              Effect.gen(function* () {
                const { organisation, key, apiKey } = yield* createOrganisation({
                  organisation: input,
                  role: "partner",
                  by: byOf(c),
                });
                const stored = storedResponse(
                  201,
                  encodeCreatedOrganisation({
                    organisation: organisationView(organisation),
                    apiKey: { ...keyView(key), key: yield* seal(key.id, apiKey) },
                  }),
                );
                yield* complete(stored);
                return stored;
              }),
            ),
          );
        },
        {
          required: true,
          present: presentWith(runtime, (body) => body.apiKey as { id: string; key: string }),
        },
      );
      return response;
    }),
  );

  routes.get(
    "/:id",
    audited(runtime, "organisation", "organisation.read", async (c) => {
      requireRole(c, "coordinator", "admin");
      const id = parseOrganisationId(c.req.param("id"));
      const organisation = await run(
        runtime,
        Effect.gen(function* () {
          const found = yield* (yield* Ports.OrganisationRepository).findById(id);
          yield* audit(callerOf(c), "organisation.read", "success", { type: "organisation", id });
          return found;
        }),
      );
      return c.json(encodeOrganisation(organisationView(organisation)));
    }),
  );

  routes.get(
    "/:id/api-keys",
    audited(runtime, "organisation", "api_key.list", async (c) => {
      requireRole(c, "admin");
      const id = parseOrganisationId(c.req.param("id"));
      const keys = await run(
        runtime,
        Effect.gen(function* () {
          const found = yield* listApiKeys(id);
          yield* audit(callerOf(c), "api_key.list", "success", { type: "organisation", id });
          return found;
        }),
      );
      return c.json(encodeKeyList({ data: keys.map(keyView), nextCursor: null }));
    }),
  );

  routes.post(
    "/:id/api-keys",
    audited(runtime, "organisation", "api_key.create", async (c) => {
      requireRole(c, "admin");
      const organisationId = parseOrganisationId(c.req.param("id"));
      const { bytes, json } = await readJson(c);
      const response = await idempotent(
        c,
        runtime,
        bytes,
        async (complete) => {
          const { role, label } = decodeBody(NewApiKeyRequest, json);
          return run(
            runtime,
            transaction(
              Effect.gen(function* () {
                const { key, apiKey } = yield* createKeyFor({ organisationId, role, label, by: byOf(c) });
                const stored = storedResponse(
                  201,
                  encodeCreatedKey({ ...keyView(key), key: yield* seal(key.id, apiKey) }),
                );
                yield* complete(stored);
                return stored;
              }),
            ),
          );
        },
        { required: true, present: presentWith(runtime, (body) => body as { id: string; key: string }) },
      );
      return response;
    }),
  );

  return routes;
};

/**
 * `/v1/api-keys`: administrators revoke a key (it gets 401 from the next request on), and approve a key that waits
 * for a second administrator (it works from then on).
 */
export const apiKeyRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.post(
    "/:id/approve",
    audited(runtime, "api_key", "api_key.approve", async (c) => {
      requireRole(c, "admin");
      const id = parseKeyId(c.req.param("id"));
      const key = await run(runtime, approveApiKey({ id, by: byOf(c) }));
      return c.json(encodeKey(keyView(key)));
    }),
  );

  routes.post(
    "/:id/revoke",
    audited(runtime, "api_key", "api_key.revoke", async (c) => {
      requireRole(c, "admin");
      const id = parseKeyId(c.req.param("id"));
      const key = await run(runtime, revokeApiKey({ id, by: byOf(c) }));
      return c.json(encodeKey(keyView(key)));
    }),
  );

  return routes;
};
