import { IsoWeek } from "@comensha/domain/labels";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { useApi } from "../../ApiContext.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { QueryContent } from "../../components/QueryError.js";
import { todayInAmsterdam } from "../../format.js";
import { useI18n } from "../../i18n/I18n.js";

/** The file name of a stay list: the shelter's id and the week, never a person. */
export const stayListFileName = (shelterId: string, week: string) => `stay-list-${shelterId}-${week}.csv`;

/** Saves the CSV text through a temporary link, as a download; the object URL is released at once. */
const save = (csv: string, name: string) => {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
};

/**
 * The weekly stay list of a shelter on the shelters page (coordinators): choose a shelter and an ISO week (this week
 * by default) and download the list as CSV. The file holds personal data; nothing of it is kept in the console.
 */
export const StayListCard = () => {
  const { t } = useI18n();
  const api = useApi();
  const today = todayInAmsterdam();
  const [shelterId, setShelterId] = createSignal("");
  const [week, setWeek] = createSignal(IsoWeek.weekOf(today));
  const [saved, setSaved] = createSignal(false);
  const shelters = createQuery(() => ({
    queryKey: ["shelters", "stayList"],
    queryFn: () => api.stayListShelters(),
  }));
  const mutation = createMutation(() => ({
    mutationFn: (input: { readonly shelterId: string; readonly week: string }) =>
      api.stayListCsv(input.shelterId, input.week),
    onSuccess: (csv: string, input) => {
      save(csv, stayListFileName(input.shelterId, input.week));
      setSaved(true);
    },
  }));
  return (
    <section class="card wide" aria-labelledby="stay-list-title">
      <h2 id="stay-list-title">{t("stayList.title")}</h2>
      <p>{t("stayList.intro")}</p>
      <QueryContent query={shelters}>
        {(list) => (
          <form
            class="form inline"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const chosen = shelterId() || list()[0]?.id;
              if (chosen === undefined || !IsoWeek.isIsoWeek(week())) return;
              setSaved(false);
              mutation.mutate({ shelterId: chosen, week: week() });
            }}
          >
            <div class="field">
              <label for="stay-list-shelter">{t("nav.shelters")}</label>
              <select
                id="stay-list-shelter"
                name="shelter"
                value={shelterId() || list()[0]?.id || ""}
                onChange={(event) => setShelterId(event.currentTarget.value)}
              >
                <For each={list()}>{(shelter) => <option value={shelter.id}>{shelter.name}</option>}</For>
              </select>
            </div>
            <div class="field">
              <label for="stay-list-week">{t("stayList.week")}</label>
              <input
                id="stay-list-week"
                name="week"
                type="week"
                value={week()}
                aria-invalid={!IsoWeek.isIsoWeek(week())}
                onInput={(event) => setWeek(event.currentTarget.value)}
              />
            </div>
            <div>
              <button type="submit" class="button" disabled={mutation.isPending || list().length === 0}>
                {mutation.isPending ? t("stayList.busy") : t("stayList.export")}
              </button>
            </div>
          </form>
        )}
      </QueryContent>
      <p class="success" role="status">
        {saved() ? t("stayList.saved") : ""}
      </p>
      <Show when={mutation.isError}>
        <ErrorMessage error={mutation.error} />
      </Show>
    </section>
  );
};
