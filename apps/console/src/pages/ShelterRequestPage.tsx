import { useParams } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { Match, Show, Switch } from "solid-js";
import { useApi } from "../ApiContext.js";
import { BackLink } from "../components/BackLink.js";
import { LoadingStatus } from "../components/LoadingStatus.js";
import { Page } from "../components/Page.js";
import { QueryError } from "../components/QueryError.js";
import { Skeleton } from "../components/Skeleton.js";
import { useI18n } from "../i18n/I18n.js";
import { shortId } from "./registrations.js";
import { shelterKeys } from "./ShelterParts.js";
import { RequestWork } from "./shelters/RequestWork.js";

/**
 * `/shelters/requests/:id` (coordinators): one placement request without names (the registration links to its
 * page; the organisation, shelter and place by their names), its placement (kept once it ended), and the actions its
 * state allows: search, waiting list, offer a suggested place, confirm or decline the offer, end the placement,
 * cancel. The parts live in `shelters/`.
 */
export const ShelterRequestPage = () => {
  const { t } = useI18n();
  const api = useApi();
  const params = useParams<{ id: string }>();
  const query = createQuery(() => ({
    queryKey: shelterKeys.request(params.id),
    queryFn: () => api.getPlacementRequest(params.id),
  }));
  return (
    <Page title={t("shelters.requestTitle", { id: shortId(params.id) })}>
      <BackLink href="/shelters" label={t("shelters.back")} />
      <LoadingStatus isLoading={query.isPending} />
      <div class="stack">
        <Switch>
          <Match when={query.isPending}>
            <Skeleton />
          </Match>
          <Match when={query.isError && query.data === undefined}>
            <QueryError query={query} />
          </Match>
          <Match when={query.data}>
            {(request) => (
              <>
                <Show when={query.isError}>
                  <QueryError query={query} />
                </Show>
                <RequestWork request={request()} />
              </>
            )}
          </Match>
        </Switch>
      </div>
    </Page>
  );
};
