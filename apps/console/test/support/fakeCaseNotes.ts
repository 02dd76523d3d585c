import { PreconditionFailedError } from "@comensha/sdk";
import type { CaseNote, CaseNotesApi, CaseNoteWithVersions } from "../../src/features/caseNotes/caseNotesApi.js";

/**
 * A fake {@link CaseNotesApi} that keeps notes in memory as the API would: a write is version 1, a correction the
 * next version when the version sent is still the current one (else `PreconditionFailedError`), newest note first.
 * Every answer is a copy, as from the network: the console's query store may change what it was given.
 */
export const fakeCaseNotesApi = (): CaseNotesApi => {
  const notes = new Map<string, CaseNoteWithVersions>();
  const author = { kind: "user" as const, id: "0193a000-0000-7000-8000-000000000001" };
  const current = ({ versions: _versions, ...note }: CaseNoteWithVersions): CaseNote => structuredClone(note);
  const find = (personId: string, noteId: string) => {
    const note = notes.get(noteId);
    if (note === undefined || note.personId !== personId) throw new Error(`no note ${noteId}`);
    return note;
  };
  return {
    listCaseNotes: async (personId) =>
      [...notes.values()]
        .filter((note) => note.personId === personId)
        .reverse()
        .map(current),
    getCaseNote: async (personId, noteId) => structuredClone(find(personId, noteId)),
    addCaseNote: async (personId, text) => {
      const id = `0193e000-0000-7000-8000-${String(notes.size + 1).padStart(12, "0")}`;
      const writtenAt = `2026-12-07T1${notes.size % 10}:00:00.000Z`;
      const content = { state: "readable" as const, text: text.trim() };
      const note: CaseNoteWithVersions = {
        id,
        personId,
        version: 1,
        content,
        createdBy: author,
        createdAt: writtenAt,
        updatedBy: author,
        updatedAt: writtenAt,
        versions: [{ version: 1, content, writtenBy: author, writtenAt }],
      };
      notes.set(id, note);
      return current(note);
    },
    correctCaseNote: async (personId, noteId, text, version) => {
      const note = find(personId, noteId);
      if (note.version !== version) {
        throw new PreconditionFailedError({ status: 412, headers: new Headers({ "x-request-id": "req_stale" }) });
      }
      const content = { state: "readable" as const, text: text.trim() };
      const writtenAt = "2026-12-07T12:30:00.000Z";
      const next: CaseNoteWithVersions = {
        ...note,
        version: version + 1,
        content,
        updatedAt: writtenAt,
        versions: [...note.versions, { version: version + 1, content, writtenBy: author, writtenAt }],
      };
      notes.set(noteId, next);
      return current(next);
    },
  };
};
