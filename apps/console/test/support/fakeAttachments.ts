import type { Attachment, AttachmentsApi } from "../../src/features/attachments/attachmentsApi.js";

/**
 * A fake {@link AttachmentsApi} that keeps files in memory as the API would: newest first, each answer a copy. It
 * does not check content; the tests of the API do.
 */
export const fakeAttachmentsApi = (): AttachmentsApi & { readonly files: Map<string, Uint8Array> } => {
  const attachments = new Map<string, Attachment>();
  const files = new Map<string, Uint8Array>();
  const author = { kind: "user" as const, id: "0193a000-0000-7000-8000-000000000001" };
  return {
    files,
    listAttachments: async (personId) =>
      [...attachments.values()]
        .filter((attachment) => attachment.personId === personId)
        .reverse()
        .map((attachment) => structuredClone(attachment)),
    addAttachment: async (personId, file) => {
      const id = `0193f000-0000-7000-8000-${String(attachments.size + 1).padStart(12, "0")}`;
      const bytes = new Uint8Array(await file.data.arrayBuffer());
      const attachment: Attachment = {
        id,
        personId,
        name: { state: "readable", fileName: file.fileName },
        mediaType: file.mediaType,
        size: bytes.length,
        sha256: "0".repeat(64),
        createdBy: author,
        createdAt: `2026-12-07T1${attachments.size % 10}:00:00.000Z`,
      };
      attachments.set(id, attachment);
      files.set(id, bytes);
      return structuredClone(attachment);
    },
    downloadAttachment: async (_personId, attachmentId) => {
      const bytes = files.get(attachmentId);
      if (bytes === undefined) throw new Error(`no attachment ${attachmentId}`);
      return bytes.slice();
    },
  };
};
