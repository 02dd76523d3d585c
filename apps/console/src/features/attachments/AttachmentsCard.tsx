import { Attachment as Labels } from "@comensha/domain/labels";
import { ApiError, ProblemTypes } from "@comensha/sdk";
import { createMutation, createQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { useApi } from "../../ApiContext.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { FormField } from "../../components/FormField.js";
import { PersonCaseCard } from "../../components/PersonCaseCard.js";
import { QueryContent } from "../../components/QueryError.js";
import { formatBytes, formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/I18n.js";
import { createIdempotencyKeeper } from "../../idempotency.js";
import type { Attachment, AttachmentMediaType } from "./attachmentsApi.js";

/** The query key of a person's attachments. */
export const attachmentsKey = (personId: string) => ["attachments", personId] as const;

/** The media types by file extension, for a browser that gives a file no type (a `.txt` on some systems). */
const typeByExtension: Readonly<Record<string, AttachmentMediaType>> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  txt: "text/plain",
};

/** The media type the API takes for `file`, from its type or else its extension; undefined when none fits. */
export const mediaTypeOf = (file: {
  readonly name: string;
  readonly type: string;
}): AttachmentMediaType | undefined => {
  const declared = file.type.split(";")[0]?.trim().toLowerCase() ?? "";
  if ((Labels.mediaTypeCodeList.codes as ReadonlyArray<string>).includes(declared)) {
    return declared as AttachmentMediaType;
  }
  return declared === "" ? typeByExtension[file.name.split(".").pop()?.toLowerCase() ?? ""] : undefined;
};

/** What is wrong with a chosen file before it is sent, as a text key; none when it may be sent. */
const problemOf = (
  file: File | undefined,
): "attachments.noFile" | "attachments.wrongType" | "attachments.tooLarge" | undefined => {
  if (file === undefined) return "attachments.noFile";
  if (mediaTypeOf(file) === undefined) return "attachments.wrongType";
  return file.size > Labels.maxAttachmentBytes ? "attachments.tooLarge" : undefined;
};

/** Hands bytes to the browser as a download named `fileName` (nothing is opened in the page). */
const saveFile = (bytes: Uint8Array, fileName: string, mediaType: string) => {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mediaType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
};

/**
 * The files in a person's case on a registration's page (coordinators): the files, newest first, each to download,
 * and a form to add one. Files are checked for type and size before they are sent; the API checks their content.
 */
export const AttachmentsCard = (props: { readonly personId: string | undefined }) => (
  <PersonCaseCard id="attachments-title" title="attachments.title" intro="attachments.intro" personId={props.personId}>
    {(personId) => <AttachmentsBody personId={personId} />}
  </PersonCaseCard>
);

const AttachmentsBody = (props: { readonly personId: string }) => {
  const { t } = useI18n();
  const api = useApi();
  const query = createQuery(() => ({
    queryKey: attachmentsKey(props.personId),
    queryFn: () => api.listAttachments(props.personId),
    reconcile: "id",
  }));
  return (
    <>
      <UploadForm personId={props.personId} />
      <QueryContent query={query}>
        {(attachments) => (
          <Show when={attachments().length > 0} fallback={<p class="muted">{t("attachments.none")}</p>}>
            <ul class="plain-list attachments">
              <For each={attachments()}>
                {(attachment) => <AttachmentItem personId={props.personId} attachment={attachment} />}
              </For>
            </ul>
          </Show>
        )}
      </QueryContent>
    </>
  );
};

const AttachmentItem = (props: { readonly personId: string; readonly attachment: Attachment }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const name = () => props.attachment.name;
  const fileName = () => {
    const current = name();
    return current.state === "readable" ? current.fileName : undefined;
  };
  const download = createMutation(() => ({
    mutationFn: () => api.downloadAttachment(props.personId, props.attachment.id),
    onSuccess: (bytes: Uint8Array) => saveFile(bytes, fileName() ?? props.attachment.id, props.attachment.mediaType),
  }));
  return (
    <li class="attachment">
      <p>
        <Show
          when={fileName()}
          fallback={
            <span class="muted">
              {name().state === "erased" ? t("attachments.erased") : t("attachments.undecryptable")}
            </span>
          }
        >
          {(value) => <strong>{value()}</strong>}
        </Show>
      </p>
      <p class="muted">
        {t("attachments.meta", {
          kind: Labels.mediaTypeCodeList.label(props.attachment.mediaType, lang()),
          size: formatBytes(props.attachment.size, lang()),
          when: formatDateTime(props.attachment.createdAt, lang()),
        })}
      </p>
      <Show when={name().state !== "erased"}>
        <div class="button-row">
          <button
            type="button"
            class="button"
            disabled={download.isPending}
            aria-label={t("attachments.downloadNamed", { name: fileName() ?? props.attachment.id })}
            onClick={() => download.mutate()}
          >
            {t("attachments.download")}
          </button>
        </div>
      </Show>
      <Show when={download.isError}>
        <ErrorMessage error={download.error} />
      </Show>
    </li>
  );
};

const UploadForm = (props: { readonly personId: string }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const keeper = createIdempotencyKeeper();
  let input: HTMLInputElement | undefined;
  const [file, setFile] = createSignal<File | undefined>(undefined);
  const [problem, setProblem] = createSignal<ReturnType<typeof problemOf>>(undefined);
  const [saved, setSaved] = createSignal(false);
  const max = () => formatBytes(Labels.maxAttachmentBytes, lang());
  const mutation = createMutation(() => ({
    mutationFn: (chosen: { readonly file: File; readonly mediaType: AttachmentMediaType; readonly key: string }) =>
      api.addAttachment(
        props.personId,
        { fileName: chosen.file.name, mediaType: chosen.mediaType, data: chosen.file },
        chosen.key,
      ),
    onSuccess: () => {
      keeper.done();
      setFile(undefined);
      if (input !== undefined) input.value = "";
      setSaved(true);
      return client.invalidateQueries({ queryKey: attachmentsKey(props.personId) });
    },
  }));
  const rejected = () =>
    mutation.error instanceof ApiError && mutation.error.type === ProblemTypes.attachmentContentRejected;
  return (
    <form
      class="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const chosen = file();
        const found = problemOf(chosen);
        setProblem(found);
        const mediaType = chosen === undefined ? undefined : mediaTypeOf(chosen);
        if (found !== undefined || chosen === undefined || mediaType === undefined) return;
        const key = keeper.keyFor({
          personId: props.personId,
          name: chosen.name,
          size: chosen.size,
          modified: chosen.lastModified,
        });
        mutation.mutate({ file: chosen, mediaType, key });
      }}
    >
      <FormField
        id="attachment-file"
        label={t("attachments.file")}
        hint={t("attachments.hint", { max: max() })}
        error={problem() === undefined ? undefined : { text: t(problem() ?? "attachments.noFile", { max: max() }) }}
      >
        {(aria) => (
          <input
            ref={input}
            id="attachment-file"
            name="file"
            type="file"
            accept={[...Labels.mediaTypeCodeList.codes, ".pdf", ".png", ".jpg", ".jpeg", ".txt"].join(",")}
            aria-invalid={aria.invalid()}
            aria-describedby={aria.describedBy()}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0]);
              setProblem(undefined);
              setSaved(false);
            }}
          />
        )}
      </FormField>
      <div>
        <button type="submit" class="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? t("attachments.busy") : t("attachments.upload")}
        </button>
      </div>
      <p class="success" role="status">
        {saved() ? t("attachments.saved") : ""}
      </p>
      <Show when={mutation.isError}>
        <Show when={rejected()} fallback={<ErrorMessage error={mutation.error} />}>
          <p class="field-error" role="alert">
            {t("attachments.rejected")}
          </p>
        </Show>
      </Show>
    </form>
  );
};
