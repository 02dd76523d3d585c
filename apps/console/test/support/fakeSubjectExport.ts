import type { SubjectExport, SubjectExportApi } from "../../src/api/subjectExport.js";

/** A small export of one person, as the API would answer it (synthetic; nobody real). */
export const sampleExport = (personId: string): SubjectExport => ({
  personId,
  exportedAt: "2026-11-21T10:00:00.000Z",
  persons: [
    {
      id: personId,
      sex: "female",
      birthYear: 1999,
      nationalities: ["NG"],
      mergedInto: null,
      createdAt: "2026-11-20T09:00:00.000Z",
      caseStatus: "active",
    },
  ],
  registrations: [],
  duplicates: [],
  placementRequests: [],
  auditEvents: [],
  caseStatusChanges: [],
  caseNotes: [],
  referrals: [],
  attachments: [],
  followUps: [],
  transfers: [],
});

/** A fake {@link SubjectExportApi}: answers a sample export and a minimal page. */
export const fakeSubjectExportApi = (): SubjectExportApi => ({
  exportPerson: async (personId) => sampleExport(personId),
  exportPersonPage: async (personId, lang) => `<!doctype html><html lang="${lang}"><title>${personId}</title></html>`,
});
