import type { RegistrationFormsApi, ReportingOrganisation } from "../../src/api/registrationForms.js";
import type { AuditEvent, Registration } from "../../src/api.js";

/** CoMensha's own organisation, as `GET /v1/organisations` lists it. */
export const comenshaOrganisation: ReportingOrganisation = {
  id: "0193c111-0000-7000-8000-0000c1110001",
  name: "CoMensha",
  kind: "care_coordination",
  region: null,
  status: "active",
  isComensha: true,
  createdAt: "2026-01-01T08:00:00.000Z",
};

/** A police unit that reports by phone (synthetic). */
export const policeOrganisation: ReportingOrganisation = {
  id: "0193c111-0000-7000-8000-0000c1110009",
  name: "Politie Voorbeeldstad",
  kind: "police",
  region: "amsterdam",
  status: "active",
  isComensha: false,
  createdAt: "2026-01-02T08:00:00.000Z",
};

/** An NGO whose access is suspended: not offered as a reporter. */
export const suspendedOrganisation: ReportingOrganisation = {
  id: "0193c111-0000-7000-8000-0000c1110010",
  name: "Stichting Opgeheven",
  kind: "ngo",
  region: null,
  status: "suspended",
  isComensha: false,
  createdAt: "2026-01-03T08:00:00.000Z",
};

/** The registration the fake API answers a create with (synthetic). */
export const createdRegistration: Registration = {
  id: "0193b000-0000-7000-8000-0000000000aa",
  reportedOn: "2026-11-18",
  person: {
    familyName: "Voorbeeld",
    givenNames: "Eva",
    aliases: [],
    dateOfBirth: "2001-02-03",
    sex: "female",
    nationalities: ["RO"],
  },
  exploitation: { forms: ["labour"], country: "NL" },
  dossierType: "registration",
  legalBasis: "consent",
  consentToShareWithShelter: true,
  status: "registered",
  version: 1,
  createdAt: "2026-11-20T10:00:00.000Z",
  updatedAt: "2026-11-20T10:00:00.000Z",
  organisationId: comenshaOrganisation.id,
};

/** One event of a registration's audit trail (no personal data). */
export const registrationAuditEvent: AuditEvent = {
  id: "0193d000-0000-7000-8000-0000000000a1",
  actor: { kind: "user", id: "0193e222-0000-7000-8000-0000e2220003" },
  action: "registration.update",
  resourceType: "registration",
  resourceId: "0193b000-0000-7000-8000-000000000001",
  outcome: "success",
  requestId: "req_21",
  occurredAt: "2026-11-19T11:00:00.000Z",
  kind: "change",
};

/** Fake answers for register, correct and withdraw a registration; its audit trail: override per test through `fakeApi({ ... })`. */
export const fakeRegistrationFormsApi = (): RegistrationFormsApi => ({
  createRegistration: async () => createdRegistration,
  updateRegistration: async (id, input, version) => ({
    ...createdRegistration,
    ...input,
    id,
    version: version + 1,
    updatedAt: "2026-11-20T12:00:00.000Z",
  }),
  withdrawRegistration: async (id, { version }) => ({
    ...createdRegistration,
    id,
    status: "withdrawn",
    version: version + 1,
  }),
  listRegistrationAuditEvents: async () => ({ data: [registrationAuditEvent], nextCursor: null }),
  listReportingOrganisations: async () => ({
    data: [comenshaOrganisation, policeOrganisation, suspendedOrganisation],
    nextCursor: null,
  }),
  requestFirstShelter: async (input) => ({
    ...input,
    id: "0193f000-0000-7000-8000-0000000000f1",
    organisationId: policeOrganisation.id,
    requestedBy: "coordinator",
    requestedOn: "2026-11-20",
    state: "requested",
    version: 1,
    createdAt: "2026-11-20T10:00:00.000Z",
    updatedAt: "2026-11-20T10:00:00.000Z",
  }),
});
