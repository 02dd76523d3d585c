import type Comensha from "@comensha/sdk";
import type { Attachment, AttachmentMediaType } from "@comensha/sdk";

export type { Attachment, AttachmentMediaType };

/** What the console asks of the API about the files in a person's case (coordinators); every call is audited. */
export interface AttachmentsApi {
  /** The person's attachments, described, newest first. */
  listAttachments(personId: string): Promise<ReadonlyArray<Attachment>>;
  /** Uploads a file; `idempotencyKey` makes a retry of the same upload store it once. */
  addAttachment(
    personId: string,
    file: { readonly fileName: string; readonly mediaType: AttachmentMediaType; readonly data: Blob },
    idempotencyKey: string,
  ): Promise<Attachment>;
  /** An attachment's file, as its bytes. */
  downloadAttachment(personId: string, attachmentId: string): Promise<Uint8Array>;
}

/** The SDK behind {@link AttachmentsApi}. */
export const attachmentsApi = (client: Comensha): AttachmentsApi => ({
  listAttachments: async (personId) => (await client.persons.attachments(personId)).items,
  addAttachment: (personId, file, idempotencyKey) => client.persons.addAttachment(personId, file, { idempotencyKey }),
  downloadAttachment: (personId, attachmentId) => client.persons.downloadAttachment(personId, attachmentId),
});
