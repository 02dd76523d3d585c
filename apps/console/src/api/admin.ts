import type { OrganisationKind, PoliceRegion, Role } from "@comensha/domain";
import type Comensha from "@comensha/sdk";
import type { Approval, CreatedUser, User, UserInput } from "@comensha/sdk";
import { foundOrNull } from "./found.js";

/** One page of a cursor-paginated admin list. */
export interface AdminPage<T> {
  readonly data: ReadonlyArray<T>;
  readonly nextCursor: string | null;
}

/** The page of a list call: `limit` items from `cursor` (the first page without one). */
export interface AdminPageParams {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/** A partner organisation as `GET /v1/organisations` lists it. */
export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganisationKind.OrganisationKind;
  readonly region: PoliceRegion.PoliceRegion | null;
  readonly status: "active" | "suspended";
  /** CoMensha's own organisation, whose keys may carry staff roles (the CLI, integrations). */
  readonly isComensha: boolean;
  readonly createdAt: string;
}

/** What an administrator sends to make an organisation (`POST /v1/organisations`). */
export interface OrganisationInput {
  readonly name: string;
  readonly kind: OrganisationKind.OrganisationKind;
  readonly region?: PoliceRegion.PoliceRegion;
}

/** An API key as listed: its visible prefix (`cmk_<prefix>_…`), never the secret. */
export interface ApiKey {
  readonly id: string;
  readonly prefix: string;
  /** What the administrator called the key when making it; null for keys made without one (the first key). */
  readonly label: string | null;
  readonly role: Role.Role;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
  /** Who asked for a coordinator or administrator key and who approved it; null when it needed no approval. */
  readonly approval: Approval | null;
}

/** A new API key: the whole `key` is answered this once and stored by the API only as a hash. */
export interface CreatedApiKey extends ApiKey {
  readonly key: string;
}

/** A new organisation and its first API key. */
export interface CreatedOrganisation {
  readonly organisation: Organisation;
  readonly apiKey: CreatedApiKey;
}

/**
 * Options of a creating call: the `Idempotency-Key` to send, so that sending the same form again after a lost answer
 * replays the first answer instead of making a second organisation, key or user.
 */
export interface CreateOptions {
  readonly idempotencyKey?: string | undefined;
}

export type { Approval, CreatedUser, User, UserInput };

/** What the console asks of the API for administration: organisations, their API keys, console users. */
export interface AdminApi {
  listOrganisations(params: AdminPageParams): Promise<AdminPage<Organisation>>;
  /** The organisation with this id, or `null` when there is none. */
  findOrganisation(id: string): Promise<Organisation | null>;
  createOrganisation(input: OrganisationInput, options?: CreateOptions): Promise<CreatedOrganisation>;
  listApiKeys(organisationId: string, params: AdminPageParams): Promise<AdminPage<ApiKey>>;
  /** Makes another key of `role`, named `label` in the list of keys; the key itself is answered this once. */
  createApiKey(
    organisationId: string,
    input: { readonly role: Role.Role; readonly label?: string },
    options?: CreateOptions,
  ): Promise<CreatedApiKey>;
  /** Revokes a key: applications using it are refused from now on (a waiting key: the request is turned down). */
  revokeApiKey(id: string): Promise<ApiKey>;
  /** Approves a key that waits for a second administrator: it works from now on. */
  approveApiKey(id: string): Promise<ApiKey>;
  listUsers(params: AdminPageParams): Promise<AdminPage<User>>;
  /** Makes a user with a one-time password, answered this once. */
  createUser(input: UserInput, options?: CreateOptions): Promise<CreatedUser>;
  /** Disables a user: they cannot log in any more, and their sessions end at once (a pending user: turned down). */
  disableUser(id: string): Promise<User>;
  /** Approves a pending user as a second administrator: they may log in from now on. */
  approveUser(id: string): Promise<User>;
  /** Removes a user's second factor (a lost device): they enrol again at the next login; their sessions end. */
  resetSecondFactor(id: string): Promise<void>;
}

const pageQuery = ({ limit, cursor }: AdminPageParams) => (cursor === undefined ? { limit } : { limit, cursor });

/** The SDK behind {@link AdminApi}. */
export const adminApi = (client: Comensha): AdminApi => {
  const listOrganisations = async (params: AdminPageParams): Promise<AdminPage<Organisation>> => {
    const page = await client.organisations.list(pageQuery(params));
    return { data: page.data, nextCursor: page.hasNextPage() ? page.nextCursor : null };
  };
  return {
    listOrganisations,
    findOrganisation: (id) => foundOrNull(client.organisations.get(id)),
    createOrganisation: (input, options) =>
      client.organisations.create(input, { idempotencyKey: options?.idempotencyKey }),
    listApiKeys: async (organisationId) => {
      const page = await client.organisations.keys.list(organisationId);
      return { data: page.data, nextCursor: page.hasNextPage() ? page.nextCursor : null };
    },
    createApiKey: (organisationId, input, options) =>
      client.organisations.keys.create(organisationId, input, { idempotencyKey: options?.idempotencyKey }),
    revokeApiKey: (id) => client.organisations.keys.revoke(id),
    approveApiKey: (id) => client.organisations.keys.approve(id),
    listUsers: async (params) => {
      const page = await client.users.list(pageQuery(params));
      return { data: page.data, nextCursor: page.hasNextPage() ? page.nextCursor : null };
    },
    createUser: (input, options) => client.users.create(input, { idempotencyKey: options?.idempotencyKey }),
    disableUser: (id) => client.users.disable(id),
    approveUser: (id) => client.users.approve(id),
    resetSecondFactor: (id) => client.users.resetSecondFactor(id),
  };
};
