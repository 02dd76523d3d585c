import type { AdminApi, ApiKey, Organisation, User } from "../../src/api/admin.js";
import { comenshaOrganisation } from "./fakeRegistrationForms.js";

const comenshaOrganisationId = comenshaOrganisation.id;

export const sampleOrganisation: Organisation = {
  id: "0193c111-0000-7000-8000-0000c1110009",
  name: "Stichting Voorbeeldhulp",
  kind: "ngo",
  region: null,
  status: "active",
  isComensha: false,
  createdAt: "2026-02-03T10:00:00.000Z",
};

export const samplePoliceOrganisation: Organisation = {
  id: "0193c111-0000-7000-8000-0000c1110010",
  name: "Politie Voorbeeldstad",
  kind: "police",
  region: "amsterdam",
  status: "suspended",
  isComensha: false,
  createdAt: "2026-03-04T11:00:00.000Z",
};

export const sampleApiKey: ApiKey = {
  id: "0193f000-0000-7000-8000-00000000key1",
  prefix: "a1b2c3d4",
  label: "Koppeling zaaksysteem",
  role: "partner",
  createdAt: "2026-02-03T10:00:00.000Z",
  lastUsedAt: "2026-11-19T08:30:00.000Z",
  revokedAt: null,
  approval: null,
};

export const sampleRevokedKey: ApiKey = {
  id: "0193f000-0000-7000-8000-00000000key2",
  prefix: "0f0e0d0c",
  label: null,
  role: "partner",
  createdAt: "2026-01-10T10:00:00.000Z",
  lastUsedAt: null,
  revokedAt: "2026-02-01T12:00:00.000Z",
  approval: null,
};

/** A synthetic secret in the shape of a key (`cmk_<prefix>_<secret>`). */
export const sampleSecretKey = "cmk_5e6f7a8b_VoorbeeldGeheimNietEcht0000000000";
export const sampleOneTimePassword = "Voorbeeld-Eenmalig-1234";

export const admin: User = {
  id: "0193a000-0000-7000-8000-0000000000ad",
  email: "beheer@comensha.example",
  name: "Bea Beheerder",
  role: "admin",
  organisationId: comenshaOrganisationId,
  status: "active",
  mustChangePassword: false,
  secondFactorEnrolled: true,
  createdAt: "2026-01-02T09:00:00.000Z",
  lastLoginAt: "2026-11-20T07:45:00.000Z",
  approval: null,
};

export const sampleUser: User = {
  id: "0193a000-0000-7000-8000-0000000000c2",
  email: "jan.voorbeeld@comensha.example",
  name: "Jan Voorbeeld",
  role: "coordinator",
  organisationId: comenshaOrganisationId,
  status: "active",
  mustChangePassword: true,
  secondFactorEnrolled: false,
  createdAt: "2026-04-05T09:00:00.000Z",
  lastLoginAt: null,
  approval: null,
};

/** Another administrator, who asks for (or approves) what the signed-in {@link admin} does not. */
export const otherAdmin = { kind: "user", id: "0193a000-0000-7000-8000-0000000000ae" } as const;

/** A coordinator another administrator asked for, waiting for a second administrator. */
export const pendingUser: User = {
  ...sampleUser,
  id: "0193a000-0000-7000-8000-0000000000c4",
  email: "kees.voorbeeld@comensha.example",
  name: "Kees Voorbeeld",
  status: "pending",
  approval: { requestedBy: otherAdmin, approvedBy: null, approvedAt: null },
};

/** A coordinator key of CoMensha's own organisation another administrator asked for, waiting for approval. */
export const pendingKey: ApiKey = {
  ...sampleApiKey,
  id: "0193f000-0000-7000-8000-00000000key5",
  prefix: "9a8b7c6d",
  role: "coordinator",
  lastUsedAt: null,
  approval: { requestedBy: otherAdmin, approvedBy: null, approvedAt: null },
};

const approvedNow = { approvedBy: { kind: "user", id: admin.id }, approvedAt: "2026-11-20T10:10:00.000Z" } as const;

/** The roles whose users and keys wait for a second administrator when made through the API. */
const needsApproval = (role: string) => role === "coordinator" || role === "admin";

/** Fake answers for administration: organisations, their API keys, console users: override per test through `fakeApi({ ... })`. */
export const fakeAdminApi = (): AdminApi => ({
  listOrganisations: async () => ({ data: [sampleOrganisation, samplePoliceOrganisation], nextCursor: null }),
  findOrganisation: async (id) => [sampleOrganisation, samplePoliceOrganisation].find((o) => o.id === id) ?? null,
  createOrganisation: async (input) => ({
    organisation: {
      id: "0193c111-0000-7000-8000-0000c1110011",
      name: input.name,
      kind: input.kind,
      region: input.region ?? null,
      status: "active",
      isComensha: false,
      createdAt: "2026-11-20T10:00:00.000Z",
    },
    apiKey: {
      ...sampleApiKey,
      id: "0193f000-0000-7000-8000-00000000key3",
      prefix: "5e6f7a8b",
      label: null,
      key: sampleSecretKey,
    },
  }),
  listApiKeys: async () => ({ data: [sampleApiKey, sampleRevokedKey], nextCursor: null }),
  createApiKey: async (_organisationId, input) => ({
    ...sampleApiKey,
    id: "0193f000-0000-7000-8000-00000000key4",
    prefix: "5e6f7a8b",
    label: input.label ?? null,
    role: input.role,
    lastUsedAt: null,
    createdAt: "2026-11-20T10:00:00.000Z",
    approval: needsApproval(input.role)
      ? { requestedBy: { kind: "user", id: admin.id }, approvedBy: null, approvedAt: null }
      : null,
    key: sampleSecretKey,
  }),
  approveApiKey: async (id) => ({
    ...pendingKey,
    id,
    approval: { requestedBy: otherAdmin, ...approvedNow },
  }),
  resetSecondFactor: async () => undefined,
  revokeApiKey: async (id) => ({ ...sampleApiKey, id, revokedAt: "2026-11-20T10:05:00.000Z" }),
  listUsers: async () => ({ data: [admin, sampleUser], nextCursor: null }),
  createUser: async (input) => ({
    user: {
      ...input,
      organisationId: input.organisationId ?? comenshaOrganisationId,
      id: "0193a000-0000-7000-8000-0000000000c3",
      status: needsApproval(input.role) ? "pending" : "active",
      mustChangePassword: true,
      secondFactorEnrolled: false,
      createdAt: "2026-11-20T10:00:00.000Z",
      lastLoginAt: null,
      approval: needsApproval(input.role)
        ? { requestedBy: { kind: "user", id: admin.id }, approvedBy: null, approvedAt: null }
        : null,
    },
    oneTimePassword: sampleOneTimePassword,
  }),
  disableUser: async (id) => ({ ...sampleUser, id, status: "disabled" }),
  approveUser: async (id) => ({
    ...pendingUser,
    id,
    status: "active",
    approval: { requestedBy: otherAdmin, ...approvedNow },
  }),
});
