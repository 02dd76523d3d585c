import type Comensha from "@comensha/sdk";
import type { CaseNote, CaseNoteWithVersions } from "@comensha/sdk";

export type { CaseNote, CaseNoteWithVersions };

/** What the console asks of the API about a person's case notes (coordinators); every call is audited. */
export interface CaseNotesApi {
  /** The person's notes at their current version, newest first. */
  listCaseNotes(personId: string): Promise<ReadonlyArray<CaseNote>>;
  /** One note with every version, oldest first. */
  getCaseNote(personId: string, noteId: string): Promise<CaseNoteWithVersions>;
  /** Writes a note; `idempotencyKey` makes a retry of the same note write it once. */
  addCaseNote(personId: string, text: string, idempotencyKey: string): Promise<CaseNote>;
  /** Corrects a note as its next version, if `version` is still its current one. */
  correctCaseNote(personId: string, noteId: string, text: string, version: number): Promise<CaseNote>;
}

/** The SDK behind {@link CaseNotesApi}. */
export const caseNotesApi = (client: Comensha): CaseNotesApi => ({
  listCaseNotes: async (personId) => (await client.persons.notes(personId)).items,
  getCaseNote: (personId, noteId) => client.persons.note(personId, noteId),
  addCaseNote: (personId, text, idempotencyKey) => client.persons.addNote(personId, { text }, { idempotencyKey }),
  correctCaseNote: (personId, noteId, text, version) =>
    client.persons.correctNote(personId, noteId, { text }, { version }),
});
