import { createMutation } from "@tanstack/solid-query";
import { createSignal, onCleanup, Show } from "solid-js";
import { useApi } from "../ApiContext.js";
import { exportFileNames } from "../api/subjectExport.js";
import { useI18n } from "../i18n/I18n.js";
import { ErrorMessage } from "./ErrorMessage.js";

/** A file ready to save: its object URL (revoked when the card goes) and its name. */
interface SavedFile {
  readonly url: string;
  readonly name: string;
}

/** Saves `blob` as `name` through a temporary link, as a download; answers the link's URL to save it again. */
const download = (blob: Blob, name: string): SavedFile => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  return { url, name };
};

/**
 * The subject access request (inzageverzoek, GDPR art. 15) of the person of a registration: one button downloads
 * everything the platform holds about them as JSON and as a readable HTML page (in the console's language) to print
 * to PDF. The files stay in the browser's memory only until saved; nothing is kept in storage.
 */
export const SubjectExportCard = (props: { readonly personId: string | undefined }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const [files, setFiles] = createSignal<ReadonlyArray<SavedFile>>([]);
  const release = () => {
    for (const file of files()) URL.revokeObjectURL(file.url);
    setFiles([]);
  };
  onCleanup(release);

  const mutation = createMutation(() => ({
    mutationFn: async (personId: string) => {
      const [data, page] = await Promise.all([api.exportPerson(personId), api.exportPersonPage(personId, lang())]);
      return { personId, data, page };
    },
    onSuccess: ({ personId, data, page }: { personId: string; data: unknown; page: string }) => {
      release();
      const names = exportFileNames(personId);
      setFiles([
        download(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }), names.json),
        download(new Blob([page], { type: "text/html" }), names.html),
      ]);
    },
  }));

  return (
    <section class="card wide" aria-labelledby="subject-export-title">
      <h2 id="subject-export-title">{t("subjectExport.title")}</h2>
      <p>{t("subjectExport.intro")}</p>
      <Show when={props.personId} fallback={<p class="muted">{t("subjectExport.noPerson")}</p>}>
        {(personId) => (
          <>
            <button
              type="button"
              class="button secondary"
              disabled={mutation.isPending}
              onClick={() => mutation.mutate(personId())}
            >
              {mutation.isPending ? t("subjectExport.busy") : t("subjectExport.button")}
            </button>
            <p class="success" role="status">
              {mutation.isSuccess ? t("subjectExport.done") : ""}
            </p>
            <Show when={mutation.isSuccess && files().length === 2}>
              <ul class="plain-list">
                <li>
                  <a href={files()[0]?.url} download={files()[0]?.name}>
                    {t("subjectExport.saveJson")}
                  </a>
                </li>
                <li>
                  <a href={files()[1]?.url} download={files()[1]?.name}>
                    {t("subjectExport.saveHtml")}
                  </a>
                </li>
              </ul>
            </Show>
            <Show when={mutation.isError}>
              <div role="alert">
                <p>{t("subjectExport.failed")}</p>
                <ErrorMessage error={mutation.error} />
              </div>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
};
