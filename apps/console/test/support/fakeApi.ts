import { ApiError, UnauthorizedError } from "@comensha/sdk";
import type { AuditEvent, ConsoleApi, Registration, Report, User } from "../../src/api.js";
import { fakeAdminApi } from "./fakeAdmin.js";
import { fakeAttachmentsApi } from "./fakeAttachments.js";
import { fakeCaseNotesApi } from "./fakeCaseNotes.js";
import { fakeCaseStatusApi } from "./fakeCaseStatus.js";
import { fakeDuplicatesApi } from "./fakeDuplicates.js";
import { fakeFollowUpsApi } from "./fakeFollowUps.js";
import { fakeReferralsApi } from "./fakeReferrals.js";
import { comenshaOrganisation, fakeRegistrationFormsApi } from "./fakeRegistrationForms.js";
import { fakeSheltersApi } from "./fakeShelters.js";
import { fakeSubjectExportApi } from "./fakeSubjectExport.js";
import { fakeTransfersApi } from "./fakeTransfers.js";

export const coordinator: User = {
  id: "0193a000-0000-7000-8000-000000000001",
  email: "anna@comensha.example",
  name: "Anna de Vries",
  role: "coordinator",
  organisationId: comenshaOrganisation.id,
  status: "active",
  mustChangePassword: false,
  secondFactorEnrolled: true,
  createdAt: "2026-01-05T09:00:00.000Z",
  lastLoginAt: "2026-11-19T08:00:00.000Z",
  approval: null,
};

export const unauthorized = () =>
  new UnauthorizedError({
    status: 401,
    headers: new Headers(),
    problem: {
      type: "https://comensha.nl/problems/unauthorized",
      title: "Invalid credentials",
      status: 401,
      requestId: "req_1",
    },
  });

export const locked = (seconds: number) =>
  new ApiError({
    status: 423,
    headers: new Headers({ "Retry-After": String(seconds) }),
    problem: {
      type: "https://comensha.nl/problems/account-locked",
      title: "Account locked",
      status: 423,
      requestId: "req_2",
    },
  });

export const sampleReport: Report = {
  id: "0193a000-0000-7000-8000-00000000000r",
  parameters: { kind: "annual_monitor", year: 2025 },
  policy: { threshold: 5 },
  status: "completed",
  progress: 100,
  origin: "api",
  requestedAt: "2026-11-20T09:00:00.000Z",
  completedAt: "2026-11-20T09:01:00.000Z",
  dataAsOf: "2026-11-20T09:00:00.000Z",
  error: null,
  artifacts: [
    {
      name: "annual-monitor-2025.nl.csv",
      format: "csv",
      language: "nl",
      mediaType: "text/csv",
      size: 2048,
      sha256: "0".repeat(64),
      href: "/v1/reports/r/artifacts/annual-monitor-2025.nl.csv",
    },
  ],
};

export const sampleRegistration: Registration = {
  id: "0193b000-0000-7000-8000-000000000001",
  reportedOn: "2026-11-18",
  person: {
    familyName: "Voorbeeld",
    givenNames: "Maria",
    aliases: [],
    dateOfBirth: "1999-04-12",
    sex: "female",
    nationalities: ["NG"],
  },
  exploitation: { forms: ["sexual", "labour"], country: "NL" },
  dossierType: "registration_and_shelter",
  legalBasis: "statutory",
  consentToShareWithShelter: true,
  status: "registered",
  version: 2,
  createdAt: "2026-11-18T10:00:00.000Z",
  updatedAt: "2026-11-19T11:00:00.000Z",
  organisationId: "0193c111-0000-7000-8000-0000c1110009",
  caseStatus: "follow_up",
};

export const sampleAuditEvent: AuditEvent = {
  id: "0193d000-0000-7000-8000-000000000001",
  actor: { kind: "user", id: "0193e222-0000-7000-8000-0000e2220002" },
  action: "registration.read",
  resourceType: "registration",
  resourceId: "0193b000-0000-7000-8000-000000000001",
  outcome: "success",
  requestId: "req_9",
  occurredAt: "2026-11-20T09:30:00.000Z",
  kind: "read",
};

/** A fake API: a signed-out session by default; override what a test needs. */
export const fakeApi = (overrides: Partial<ConsoleApi> = {}): ConsoleApi => ({
  session: async () => null,
  login: async () => coordinator,
  logout: async () => undefined,
  logoutAll: async () => undefined,
  changePassword: async () => undefined,
  startSecondFactor: async () => ({
    secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    qrCodeSvg:
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect fill="white" width="10" height="10"/></svg>',
  }),
  confirmSecondFactor: async () => Array.from({ length: 10 }, (_, i) => `abcd-efgh-jkmn-pq${i}${i}`),
  statisticsOverview: async (year) => ({ year, persons: 1234, reports: 1500, dataAsOf: "2026-11-20T08:00:00.000Z" }),
  availability: async ({ from }) => ({
    from,
    to: from,
    totals: [
      { targetGroup: "women", places: 20, free: 3 },
      { targetGroup: "men", places: 10, free: 0 },
    ],
    places: [],
  }),
  countPlacementRequests: async (state) => ({ state, count: state === "requested" ? 4 : 1, isAtLeast: false }),
  signals: async () => ({
    asOf: "2026-11-20",
    summary: [{ kind: "waiting_over_norm", targetGroup: "women", count: 1 }],
    data: [{ kind: "waiting_over_norm", requestId: "r1", daysWaiting: 3, normDays: 1 }],
  }),
  listReports: async () => ({ data: [sampleReport], nextCursor: null }),
  createReport: async (input) => ({ ...sampleReport, parameters: input.parameters, status: "queued", progress: 0 }),
  listRegistrations: async () => ({ data: [sampleRegistration], nextCursor: null }),
  getRegistration: async (id) => ({ ...sampleRegistration, id }),
  listRegistrationVersions: async (id) => [
    { ...sampleRegistration, id, version: 1, status: "received", updatedAt: "2026-11-18T10:00:00.000Z" },
    { ...sampleRegistration, id },
  ],
  listAuditEvents: async () => ({ data: [sampleAuditEvent], nextCursor: null }),
  exportAuditEvents: async () => "\uFEFFoccurred_at,kind,action\r\n2026-11-20T09:30:00.000Z,read,registration.read\r\n",
  ...fakeRegistrationFormsApi(),
  ...fakeDuplicatesApi(),
  ...fakeSheltersApi(),
  ...fakeAdminApi(),
  ...fakeSubjectExportApi(),
  ...fakeCaseStatusApi(),
  ...fakeCaseNotesApi(),
  ...fakeAttachmentsApi(),
  ...fakeReferralsApi(),
  ...fakeFollowUpsApi(),
  ...fakeTransfersApi(),
  ...overrides,
});
