import type { Duplicate, DuplicatesApi, PersonRecord } from "../../src/api/duplicates.js";

/** An open possible duplicate: the person of a new registration matched an existing person (synthetic ids). */
export const sampleDuplicate: Duplicate = {
  id: "0193d0d0-0000-7000-8000-0000000d0001",
  personId: "0193a0a0-0000-7000-8000-0000000a0001",
  candidatePersonId: "0193a0a0-0000-7000-8000-0000000a0002",
  registrationId: "0193b000-0000-7000-8000-000000000007",
  matchedOn: ["family_dob", "name_year"],
  status: "open",
  decisionReason: null,
  decidedBy: null,
  decidedAt: null,
  createdAt: "2026-11-19T10:15:00.000Z",
};

/** The new registration's person (invented: "Voorbeeld"). */
export const sampleNewPerson: PersonRecord = {
  id: sampleDuplicate.personId,
  mergedInto: null,
  person: {
    familyName: "Voorbeeld",
    givenNames: "Maria",
    aliases: ["Mia"],
    dateOfBirth: "1999-04-12",
    sex: "female",
    nationalities: ["NG"],
  },
  registrations: [
    {
      id: "0193b000-0000-7000-8000-000000000007",
      reportedOn: "2026-11-19",
      status: "received",
      organisationId: "0193c111-0000-7000-8000-0000c1110009",
      forms: ["labour"],
    },
  ],
};

/** The person known before, written slightly differently (invented). */
export const sampleExistingPerson: PersonRecord = {
  id: sampleDuplicate.candidatePersonId,
  mergedInto: null,
  person: {
    familyName: "voorbeeld",
    givenNames: "María",
    aliases: [],
    birthYear: 1999,
    sex: "female",
    nationalities: ["NG", "GH"],
    documentNumber: "X1234567",
  },
  registrations: [
    {
      id: "0193b000-0000-7000-8000-000000000003",
      reportedOn: "2025-06-02",
      status: "registered",
      organisationId: "0193c111-0000-7000-8000-0000c1110004",
      forms: ["sexual"],
    },
  ],
};

const persons = new Map([sampleNewPerson, sampleExistingPerson].map((record) => [record.id, record]));

/** Fake answers for the review of possible duplicates: override per test through `fakeApi({ ... })`. */
export const fakeDuplicatesApi = (): DuplicatesApi => ({
  listDuplicates: async ({ status }) => ({
    data: status === undefined || status === "open" ? [sampleDuplicate] : [],
    nextCursor: null,
  }),
  findDuplicate: async (id) => (id === sampleDuplicate.id ? sampleDuplicate : null),
  getPerson: async (id) => {
    const record = persons.get(id);
    if (record === undefined) throw new Error(`No fake person ${id}`);
    return record;
  },
  decideDuplicate: async ({ id, decision, reason }) => ({
    ...sampleDuplicate,
    id,
    status: decision === "merge" ? "merged" : "dismissed",
    decisionReason: reason,
    decidedBy: "0193a000-0000-7000-8000-000000000001",
    decidedAt: "2026-11-20T09:45:00.000Z",
  }),
});
