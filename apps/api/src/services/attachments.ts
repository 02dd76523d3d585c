import type { IdempotencyStore, StoredResponse } from "@comensha/db";
import { type Attachment, type Person, Ports } from "@comensha/domain";
import { Effect } from "effect";
import { audit, type Caller } from "./audit.js";

/** A person's attachments, described (coordinators), audited as a read of the person's attachments. */
export const listAttachments = (caller: Caller, personId: Person.PersonId) =>
  Effect.gen(function* () {
    const found = yield* (yield* Ports.AttachmentRepository).list(personId);
    yield* audit(caller, "attachment.list", "success", { type: "person", id: personId });
    return found;
  });

/** One attachment's file (coordinators), audited as a download of that attachment. */
export const downloadAttachment = (caller: Caller, personId: Person.PersonId, id: Attachment.AttachmentId) =>
  Effect.gen(function* () {
    const found = yield* (yield* Ports.AttachmentRepository).read(personId, id);
    yield* audit(caller, "attachment.download", "success", { type: "attachment", id });
    return found;
  });

/**
 * Stores a file in a person's case (coordinators; its content already checked) in one transaction with its audit
 * event and the stored idempotent answer (encrypted, like every stored answer): all of it commits, or none.
 */
export const createAttachment = (
  caller: Caller,
  personId: Person.PersonId,
  attachment: Attachment.NewAttachment,
  respond: (attachment: Attachment.Attachment) => StoredResponse,
  complete: (response: StoredResponse) => Effect.Effect<void, never, IdempotencyStore>,
) =>
  Effect.gen(function* () {
    const repository = yield* Ports.AttachmentRepository;
    return yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        const created = yield* repository.create({
          personId,
          attachment,
          author: { kind: caller.principal.kind, id: caller.principal.id },
        });
        yield* audit(caller, "attachment.create", "success", { type: "attachment", id: created.id });
        const response = respond(created);
        yield* complete(response);
        return response;
      }),
    );
  });
