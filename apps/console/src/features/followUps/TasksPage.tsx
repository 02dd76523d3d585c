import { createQuery } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { useApi } from "../../ApiContext.js";
import { Page } from "../../components/Page.js";
import { QueryContent } from "../../components/QueryError.js";
import { todayInAmsterdam } from "../../format.js";
import { useI18n } from "../../i18n/I18n.js";
import { FollowUpItem, myTasksKey } from "./FollowUpsCard.js";

/**
 * "Mijn taken / My tasks": the signed-in coordinator's open follow-up tasks by due date, so the overdue ones come
 * first (the API orders them), each with the person it is about and a button to mark it done.
 */
export const TasksPage = () => {
  const { t } = useI18n();
  const api = useApi();
  const today = todayInAmsterdam();
  const [message, setMessage] = createSignal("");
  const query = createQuery(() => ({ queryKey: myTasksKey, queryFn: () => api.myOpenFollowUps(), reconcile: "id" }));
  return (
    <Page title={t("tasks.title")} intro={<p class="lead">{t("tasks.intro")}</p>}>
      <section class="card wide" aria-labelledby="tasks-list-title">
        <h2 id="tasks-list-title" class="visually-hidden">
          {t("tasks.title")}
        </h2>
        <QueryContent query={query}>
          {(tasks) => (
            <Show when={tasks().length > 0} fallback={<p class="muted">{t("tasks.none")}</p>}>
              <ol class="plain-list follow-ups">
                <For each={tasks()}>
                  {(task) => (
                    <>
                      <FollowUpItem task={task} today={today} onDone={() => setMessage(t("followUps.completed"))} />
                      <p class="muted">{t("tasks.person", { id: task.personId })}</p>
                    </>
                  )}
                </For>
              </ol>
            </Show>
          )}
        </QueryContent>
        <p class="success" role="status">
          {message()}
        </p>
      </section>
    </Page>
  );
};
