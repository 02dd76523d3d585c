import { useNavigate, useParams } from "@solidjs/router";
import { createQuery, useQueryClient } from "@tanstack/solid-query";
import { Match, Switch } from "solid-js";
import { useApi } from "../ApiContext.js";
import type { Registration } from "../api.js";
import { BackLink } from "../components/BackLink.js";
import { LoadingStatus } from "../components/LoadingStatus.js";
import { Page } from "../components/Page.js";
import { QueryError } from "../components/QueryError.js";
import { Skeleton } from "../components/Skeleton.js";
import { useI18n } from "../i18n/I18n.js";
import { RegistrationForm } from "./RegistrationForm.js";
import { shortId } from "./registrations.js";

/** What the detail page says once it opens after a save (router state). */
export interface RegistrationNotice {
  readonly notice: "created" | "updated";
  readonly version: number;
}

/** Keeps the saved registration in the cache and marks the lists and trails that show it as stale. */
const useRememberSaved = () => {
  const queryClient = useQueryClient();
  return async (registration: Registration) => {
    await queryClient.invalidateQueries({ queryKey: ["registrations"], refetchType: "none" });
    queryClient.setQueryData(["registrations", registration.id], registration);
  };
};

/** `/registrations/new` (coordinators): register a report, then open it. */
export const NewRegistrationPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const remember = useRememberSaved();
  const saved = async (registration: Registration) => {
    await remember(registration);
    const state: RegistrationNotice = { notice: "created", version: registration.version };
    navigate(`/registrations/${registration.id}`, { state });
  };
  return (
    <Page title={t("registrationForms.newTitle")} intro={<p class="lead">{t("registrationForms.newIntro")}</p>}>
      <BackLink href="/registrations" label={t("registrations.back")} />
      <RegistrationForm onSaved={(registration) => void saved(registration)} />
    </Page>
  );
};

/** `/registrations/:id/edit` (coordinators): correct a registration, based on the version read. */
export const EditRegistrationPage = () => {
  const { t } = useI18n();
  const api = useApi();
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const remember = useRememberSaved();
  const query = createQuery(() => ({
    queryKey: ["registrations", params.id] as const,
    queryFn: () => api.getRegistration(params.id),
  }));
  const saved = async (registration: Registration) => {
    await remember(registration);
    const state: RegistrationNotice = { notice: "updated", version: registration.version };
    navigate(`/registrations/${registration.id}`, { state });
  };
  return (
    <Page
      title={t("registrationForms.editTitle", { id: shortId(params.id) })}
      intro={<p class="lead">{t("registrationForms.editIntro")}</p>}
    >
      <BackLink href={`/registrations/${params.id}`} label={t("registrationForms.backToDetail")} />
      <LoadingStatus isLoading={query.isPending} />
      <Switch>
        <Match when={query.isPending}>
          <Skeleton />
        </Match>
        <Match when={query.isError}>
          <QueryError query={query} />
        </Match>
        {/* Keyed on the id, not the data: a refetch must not wipe what the coordinator typed. */}
        <Match when={query.data?.id}>
          <RegistrationForm registration={query.data} onSaved={(registration) => void saved(registration)} />
        </Match>
      </Switch>
    </Page>
  );
};
